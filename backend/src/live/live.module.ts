import { Module } from '@nestjs/common';
import { LiveRegistry } from './live-registry.service';

/** The running evenings: the in-memory state of each evening in progress. */
@Module({ providers: [LiveRegistry], exports: [LiveRegistry] })
export class LiveModule {}
