import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AccountsModule } from '../accounts/accounts.module';
import { LiveModule } from '../live/live.module';
import { MetaModule } from '../meta/meta.module';
import { PosterController } from '../poster/poster.controller';
import { PosterService } from '../poster/poster.service';
import { BidderEntity, CriterionEntity, EveningEntity, LotDrawEntity, ScaleLevelEntity } from './entities';
import { EveningsController, SetupController } from './evenings.controller';
import { EveningsService } from './evenings.service';
import { SetupService } from './setup.service';

@Module({
  imports: [TypeOrmModule.forFeature([EveningEntity, BidderEntity, CriterionEntity, ScaleLevelEntity, LotDrawEntity]), AccountsModule, MetaModule, LiveModule],
  controllers: [EveningsController, SetupController, PosterController],
  providers: [EveningsService, SetupService, PosterService],
  exports: [EveningsService],
})
export class EveningsModule {}
