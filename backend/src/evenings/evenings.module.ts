import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AccountsModule } from '../accounts/accounts.module';
import { LiveModule } from '../live/live.module';
import { MetaModule } from '../meta/meta.module';
import { BidderEntity, CriterionEntity, EveningEntity, LotDrawEntity, ScaleLevelEntity } from '../infrastructure/database/schema/evenings';
import { EveningsController, SetupController } from './evenings.controller';
import { EveningsService } from './evenings.service';
import { SetupService } from './setup.service';

@Module({
  imports: [TypeOrmModule.forFeature([EveningEntity, BidderEntity, CriterionEntity, ScaleLevelEntity, LotDrawEntity]), AccountsModule, MetaModule, LiveModule],
  controllers: [EveningsController, SetupController],
  providers: [EveningsService, SetupService],
  exports: [EveningsService],
})
export class EveningsModule {}
