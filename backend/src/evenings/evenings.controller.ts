import { Body, Controller, HttpCode, Param, ParseUUIDPipe, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type { EveningDetail, EveningSummary, FingerprintResponse } from '@buurtjury/shared';
import type { Actor } from '../accounts/actor';
import { CurrentActor, OrganiserGuard } from '../accounts/auth.guard';
import {
  AwardDto,
  BidderDto,
  CopyEveningDto,
  CreateEveningDto,
  CriteriaOrderDto,
  CriterionDto,
  DrawCommitDto,
  DrawContributionDto,
  DrawDto,
  RunningOrderDto,
  ScaleDto,
  UpdateBidderDto,
  UpdateCriterionDto,
  UpdateEveningDto,
  WeightsDto,
} from './dto/evening.dto';
import { DeclarationsDto } from './dto/declarations.dto';
import { EveningsService } from './evenings.service';
import { SetupService } from './setup.service';
import { ROUTES } from '@buurtjury/shared';
import { Endpoint } from '../platform/common/endpoint';

const EveningId = () => Param('eveningId', ParseUUIDPipe);

@ApiTags('evenings')
@ApiBearerAuth()
@UseGuards(OrganiserGuard)
@Controller()
export class EveningsController {
  constructor(private readonly evenings: EveningsService) {}

  @Endpoint(ROUTES.evenings)
  list(@CurrentActor() actor: Actor): Promise<EveningSummary[]> {
    return this.evenings.list(actor);
  }

  @Endpoint(ROUTES.createEvening)
  create(@CurrentActor() actor: Actor, @Body() dto: CreateEveningDto): Promise<EveningDetail> {
    return this.evenings.create(actor, dto);
  }

  /** A new evening from this one's criteria, scale, rules and tender (and, if asked, its bidders' names and contacts). */
  @Endpoint(ROUTES.copyEvening)
  copy(@CurrentActor() actor: Actor, @EveningId() id: string, @Body() dto: CopyEveningDto): Promise<EveningDetail> {
    return this.evenings.copy(actor, id, dto);
  }

  @Endpoint(ROUTES.evening)
  get(@CurrentActor() actor: Actor, @EveningId() id: string): Promise<EveningDetail> {
    return this.evenings.get(actor, id);
  }

  @Endpoint(ROUTES.updateEvening)
  update(@CurrentActor() actor: Actor, @EveningId() id: string, @Body() dto: UpdateEveningDto): Promise<EveningDetail> {
    return this.evenings.update(actor, id, dto);
  }

  @Endpoint(ROUTES.deleteEvening)
  @HttpCode(204)
  remove(@CurrentActor() actor: Actor, @EveningId() id: string): Promise<void> {
    return this.evenings.remove(actor, id);
  }

  @Endpoint(ROUTES.freeze)
  @HttpCode(200)
  freeze(@CurrentActor() actor: Actor, @EveningId() id: string): Promise<EveningDetail> {
    return this.evenings.freeze(actor, id);
  }

  @Endpoint(ROUTES.fingerprint)
  fingerprint(@CurrentActor() actor: Actor, @EveningId() id: string): Promise<FingerprintResponse> {
    return this.evenings.fingerprint(actor, id);
  }
}

@ApiTags('evening setup')
@ApiBearerAuth()
@UseGuards(OrganiserGuard)
@Controller()
export class SetupController {
  constructor(private readonly setup: SetupService) {}

  @Endpoint(ROUTES.addBidder)
  addBidder(@CurrentActor() actor: Actor, @EveningId() id: string, @Body() dto: BidderDto): Promise<EveningDetail> {
    return this.setup.addBidder(actor, id, dto);
  }

  @Endpoint(ROUTES.updateBidder)
  updateBidder(
    @CurrentActor() actor: Actor,
    @EveningId() id: string,
    @Param('bidderId', ParseUUIDPipe) bidderId: string,
    @Body() dto: UpdateBidderDto,
  ): Promise<EveningDetail> {
    return this.setup.updateBidder(actor, id, bidderId, dto);
  }

  @Endpoint(ROUTES.deleteBidder)
  removeBidder(@CurrentActor() actor: Actor, @EveningId() id: string, @Param('bidderId', ParseUUIDPipe) bidderId: string): Promise<EveningDetail> {
    return this.setup.removeBidder(actor, id, bidderId);
  }

  @Endpoint(ROUTES.setRunningOrder)
  setRunningOrder(@CurrentActor() actor: Actor, @EveningId() id: string, @Body() dto: RunningOrderDto): Promise<EveningDetail> {
    return this.setup.setRunningOrder(actor, id, dto);
  }

  @Endpoint(ROUTES.drawRunningOrder)
  @HttpCode(200)
  draw(@CurrentActor() actor: Actor, @EveningId() id: string, @Body() dto: DrawDto): Promise<EveningDetail> {
    return this.setup.drawRunningOrder(actor, id, dto);
  }

  @Endpoint(ROUTES.commitDraw)
  @HttpCode(200)
  commitDraw(@CurrentActor() actor: Actor, @EveningId() id: string, @Body() dto: DrawCommitDto): Promise<EveningDetail> {
    return this.setup.commitDraw(actor, id, dto);
  }

  @Endpoint(ROUTES.addDrawContribution)
  @HttpCode(200)
  addDrawContribution(@CurrentActor() actor: Actor, @EveningId() id: string, @Body() dto: DrawContributionDto): Promise<EveningDetail> {
    return this.setup.addDrawContribution(actor, id, dto);
  }

  @Endpoint(ROUTES.addCriterion)
  addCriterion(@CurrentActor() actor: Actor, @EveningId() id: string, @Body() dto: CriterionDto): Promise<EveningDetail> {
    return this.setup.addCriterion(actor, id, dto);
  }

  @Endpoint(ROUTES.updateCriterion)
  updateCriterion(
    @CurrentActor() actor: Actor,
    @EveningId() id: string,
    @Param('criterionId', ParseUUIDPipe) criterionId: string,
    @Body() dto: UpdateCriterionDto,
  ): Promise<EveningDetail> {
    return this.setup.updateCriterion(actor, id, criterionId, dto);
  }

  @Endpoint(ROUTES.deleteCriterion)
  removeCriterion(
    @CurrentActor() actor: Actor,
    @EveningId() id: string,
    @Param('criterionId', ParseUUIDPipe) criterionId: string,
  ): Promise<EveningDetail> {
    return this.setup.removeCriterion(actor, id, criterionId);
  }

  @Endpoint(ROUTES.setCriteriaOrder)
  setCriteriaOrder(@CurrentActor() actor: Actor, @EveningId() id: string, @Body() dto: CriteriaOrderDto): Promise<EveningDetail> {
    return this.setup.setCriteriaOrder(actor, id, dto);
  }

  @Endpoint(ROUTES.setWeights)
  setWeights(@CurrentActor() actor: Actor, @EveningId() id: string, @Body() dto: WeightsDto): Promise<EveningDetail> {
    return this.setup.setWeights(actor, id, dto);
  }

  @Endpoint(ROUTES.setAward)
  setAward(@CurrentActor() actor: Actor, @EveningId() id: string, @Body() dto: AwardDto): Promise<EveningDetail> {
    return this.setup.setAward(actor, id, dto);
  }

  @Endpoint(ROUTES.setDeclarations)
  setDeclarations(@CurrentActor() actor: Actor, @EveningId() id: string, @Body() dto: DeclarationsDto): Promise<EveningDetail> {
    return this.setup.setDeclarations(actor, id, dto);
  }

  @Endpoint(ROUTES.setScale)
  setScale(@CurrentActor() actor: Actor, @EveningId() id: string, @Body() dto: ScaleDto): Promise<EveningDetail> {
    return this.setup.setScale(actor, id, dto);
  }
}
