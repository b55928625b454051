import { Module } from '@nestjs/common';
import { AccountsModule } from '../accounts/accounts.module';
import { EveningsModule } from '../evenings/evenings.module';
import { MetaModule } from '../meta/meta.module';
import { PosterController } from './poster.controller';
import { PosterService } from './poster.service';

/** The A4 poster of an evening with its join code. */
@Module({ imports: [AccountsModule, EveningsModule, MetaModule], controllers: [PosterController], providers: [PosterService] })
export class PosterModule {}
