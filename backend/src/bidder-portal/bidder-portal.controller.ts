import { Body, Controller, HttpCode, Param, ParseUUIDPipe, Query, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiQuery, ApiTags } from '@nestjs/swagger';
import {
  ROUTES,
  type BidderFeedbackView,
  type BidderLinksOverview,
  type BidderLinkView,
  type BidderPageView,
  type CreatedBidderLinkResponse,
  type Language,
} from '@buurtjury/shared';
import type { Actor } from '../accounts/actor';
import { CurrentActor, OrganiserGuard } from '../accounts/auth.guard';
import { badRequest } from '../platform/common/app-error';
import { Endpoint } from '../platform/common/endpoint';
import { RateLimit } from '../platform/common/rate-limit';
import { BidderContributionDto, BidderDetailsDto, BidderRespondDto, InviteBidderDto } from './dto/bidder-portal.dto';
import { BidderPortalService } from './bidder-portal.service';

function language(value: unknown): Language {
  if (value === undefined || value === '') return 'nl';
  if (value === 'nl' || value === 'en') return value;
  throw badRequest('VALIDATION_FAILED', 'lang must be one of nl, en.');
}

/** The host's side: each bidder's link and status, inviting (and inviting again), revoking. */
@ApiTags('bidder-portal')
@ApiBearerAuth()
@UseGuards(OrganiserGuard)
@Controller()
export class BidderLinksController {
  constructor(private readonly portal: BidderPortalService) {}

  @Endpoint(ROUTES.bidderLinks)
  overview(@CurrentActor() actor: Actor, @Param('eveningId', ParseUUIDPipe) id: string): Promise<BidderLinksOverview> {
    return this.portal.overview(actor, id);
  }

  @Endpoint(ROUTES.inviteBidder)
  invite(
    @CurrentActor() actor: Actor,
    @Param('eveningId', ParseUUIDPipe) id: string,
    @Param('bidderId', ParseUUIDPipe) bidderId: string,
    @Body() dto: InviteBidderDto,
  ): Promise<CreatedBidderLinkResponse> {
    return this.portal.invite(actor, id, bidderId, dto);
  }

  @Endpoint(ROUTES.revokeBidderLink)
  @HttpCode(200)
  revoke(@CurrentActor() actor: Actor, @Param('eveningId', ParseUUIDPipe) id: string, @Param('bidderId', ParseUUIDPipe) bidderId: string): Promise<BidderLinkView> {
    return this.portal.revoke(actor, id, bidderId);
  }
}

/** The bidder's side, by its personal link (limited per address like every anonymous route). */
@ApiTags('bidder-portal')
@Controller()
export class BidderPageController {
  constructor(private readonly portal: BidderPortalService) {}

  @Endpoint(ROUTES.bidderPage)
  @RateLimit('anonymous')
  page(@Param('bidderToken') token: string): Promise<BidderPageView> {
    return this.portal.page(token);
  }

  @Endpoint(ROUTES.bidderRespond)
  @RateLimit('anonymous')
  @HttpCode(200)
  respond(@Param('bidderToken') token: string, @Body() dto: BidderRespondDto): Promise<BidderPageView> {
    return this.portal.respond(token, dto.response);
  }

  @Endpoint(ROUTES.bidderDetails)
  @RateLimit('anonymous')
  details(@Param('bidderToken') token: string, @Body() dto: BidderDetailsDto): Promise<BidderPageView> {
    return this.portal.changeDetails(token, dto);
  }

  @Endpoint(ROUTES.bidderContribution)
  @RateLimit('anonymous')
  @HttpCode(200)
  contribute(@Param('bidderToken') token: string, @Body() dto: BidderContributionDto): Promise<BidderPageView> {
    return this.portal.contribute(token, dto);
  }

  @Endpoint(ROUTES.bidderFeedback)
  @RateLimit('anonymous')
  @ApiQuery({ name: 'lang', enum: ['nl', 'en'], required: false })
  feedback(@Param('bidderToken') token: string, @Query('lang') lang: unknown): Promise<BidderFeedbackView> {
    return this.portal.feedback(token, language(lang));
  }
}
