import { Module } from '@nestjs/common';
import { AccountsModule } from '../accounts/accounts.module';
import { AdviceModule } from '../advice/advice.module';
import { EveningsModule } from '../evenings/evenings.module';
import { MetaModule } from '../meta/meta.module';
import { BidderLinksController, BidderPageController } from './bidder-portal.controller';
import { BidderLinksRepository } from './bidder-links.repository';
import { BidderPortalService } from './bidder-portal.service';

/** The bidders' own page: personal links per bidder, the bidder's answers and details, its feedback sheet. */
@Module({
  imports: [AccountsModule, EveningsModule, AdviceModule, MetaModule],
  controllers: [BidderLinksController, BidderPageController],
  providers: [BidderPortalService, BidderLinksRepository],
})
export class BidderPortalModule {}
