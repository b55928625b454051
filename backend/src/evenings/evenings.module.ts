import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AccountsModule } from '../accounts/accounts.module';
import { MetaModule } from '../meta/meta.module';
import { BidderEntity, CriterionEntity, EveningEntity, LotDrawEntity, ScaleLevelEntity } from '../infrastructure/database/schema/evenings';
import { EveningsController, SetupController } from './evenings.controller';
import { EveningsQuery } from './evenings.query';
import { EveningsService } from './evenings.service';
import { SetupService } from './setup.service';

@Module({
  imports: [TypeOrmModule.forFeature([EveningEntity, BidderEntity, CriterionEntity, ScaleLevelEntity, LotDrawEntity]), AccountsModule, MetaModule],
  controllers: [EveningsController, SetupController],
  providers: [EveningsService, SetupService, EveningsQuery],
  exports: [EveningsService, EveningsQuery],
})
export class EveningsModule {}
