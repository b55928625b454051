import { Module } from '@nestjs/common';
import { LiveEvents } from './live-events';
import { LiveRegistry } from './live-registry.service';

/** The running evenings: the in-memory state of each evening in progress and its events. */
@Module({
  providers: [LiveEvents, LiveRegistry],
  exports: [LiveEvents, LiveRegistry],
})
export class LiveModule {}
