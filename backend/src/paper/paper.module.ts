import { Module } from '@nestjs/common';
import { AccountsModule } from '../accounts/accounts.module';
import { EveningsModule } from '../evenings/evenings.module';
import { LiveModule } from '../live/live.module';
import { LiveSources } from '../live/live-sources';
import { PaperController } from './paper.controller';
import { PaperQuery } from './paper.query';
import { PaperRetention } from './paper-retention';
import { PaperService } from './paper.service';

/** Paper score cards and their double entry by two moderators. */
@Module({ imports: [AccountsModule, EveningsModule, LiveModule], controllers: [PaperController], providers: [PaperService, PaperQuery, PaperRetention], exports: [PaperQuery] })
export class PaperModule {
  constructor(sources: LiveSources, query: PaperQuery) {
    sources.provide('paper', (m, eveningId) => query.current(m, eveningId));
  }
}
