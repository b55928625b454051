import { Module } from '@nestjs/common';
import { LiveQuery } from './live.query';
import { LiveRegistry } from './live-registry.service';
import { LiveSources } from './live-sources';
import { EveningsModule } from '../evenings/evenings.module';

/** The running evenings: the in-memory state of each evening in progress. */
@Module({ imports: [EveningsModule], providers: [LiveRegistry, LiveQuery, LiveSources], exports: [LiveRegistry, LiveQuery, LiveSources] })
export class LiveModule {}
