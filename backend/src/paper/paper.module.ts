import { Module } from '@nestjs/common';
import { AccountsModule } from '../accounts/accounts.module';
import { EveningsModule } from '../evenings/evenings.module';
import { LiveModule } from '../live/live.module';
import { PaperController } from './paper.controller';
import { PaperQuery } from './paper.query';
import { PaperService } from './paper.service';

/** Paper score cards and their double entry by two moderators. */
@Module({ imports: [AccountsModule, EveningsModule, LiveModule], controllers: [PaperController], providers: [PaperService, PaperQuery], exports: [PaperQuery] })
export class PaperModule {}
