import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AccountsModule } from '../accounts/accounts.module';
import { MetaModule } from '../meta/meta.module';
import { BidderEntity, CriterionEntity, EveningEntity, LotDrawEntity, ScaleLevelEntity } from '../infrastructure/database/schema/evenings';
import { EveningsController, SetupController } from './evenings.controller';
import { EveningsQuery } from './evenings.query';
import { EveningsService } from './evenings.service';
import { SetupService } from './setup.service';
import { BidderSideService } from './bidder-side.service';

@Module({
  imports: [TypeOrmModule.forFeature([EveningEntity, BidderEntity, CriterionEntity, ScaleLevelEntity, LotDrawEntity]), AccountsModule, MetaModule],
  controllers: [EveningsController, SetupController],
  providers: [EveningsService, SetupService, EveningsQuery, BidderSideService],
  exports: [EveningsService, EveningsQuery, BidderSideService],
})
export class EveningsModule {}
