import { Module } from '@nestjs/common';
import { LiveQuery } from './live.query';
import { LiveRegistry } from './live-registry.service';

/** The running evenings: the in-memory state of each evening in progress. */
@Module({ providers: [LiveRegistry, LiveQuery], exports: [LiveRegistry, LiveQuery] })
export class LiveModule {}
