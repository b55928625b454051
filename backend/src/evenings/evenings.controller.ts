import { Body, Controller, Delete, Get, HttpCode, Param, ParseUUIDPipe, Patch, Post, Put, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type { EveningDetail, EveningSummary, FingerprintResponse } from '@buurtjury/shared';
import type { Actor } from '../accounts/actor';
import { CurrentActor, OrganiserGuard } from '../accounts/auth.guard';
import {
  BidderDto,
  CreateEveningDto,
  CriteriaOrderDto,
  CriterionDto,
  DrawDto,
  RunningOrderDto,
  ScaleDto,
  UpdateBidderDto,
  UpdateCriterionDto,
  UpdateEveningDto,
  WeightsDto,
} from './dto/evening.dto';
import { EveningsService } from './evenings.service';
import { SetupService } from './setup.service';

const EveningId = () => Param('eveningId', ParseUUIDPipe);

@ApiTags('evenings')
@ApiBearerAuth()
@UseGuards(OrganiserGuard)
@Controller('evenings')
export class EveningsController {
  constructor(private readonly evenings: EveningsService) {}

  @Get()
  list(@CurrentActor() actor: Actor): Promise<EveningSummary[]> {
    return this.evenings.list(actor);
  }

  @Post()
  create(@CurrentActor() actor: Actor, @Body() dto: CreateEveningDto): Promise<EveningDetail> {
    return this.evenings.create(actor, dto);
  }

  @Get(':eveningId')
  get(@CurrentActor() actor: Actor, @EveningId() id: string): Promise<EveningDetail> {
    return this.evenings.get(actor, id);
  }

  @Patch(':eveningId')
  update(@CurrentActor() actor: Actor, @EveningId() id: string, @Body() dto: UpdateEveningDto): Promise<EveningDetail> {
    return this.evenings.update(actor, id, dto);
  }

  @Delete(':eveningId')
  @HttpCode(204)
  remove(@CurrentActor() actor: Actor, @EveningId() id: string): Promise<void> {
    return this.evenings.remove(actor, id);
  }

  @Post(':eveningId/freeze')
  @HttpCode(200)
  freeze(@CurrentActor() actor: Actor, @EveningId() id: string): Promise<EveningDetail> {
    return this.evenings.freeze(actor, id);
  }

  @Get(':eveningId/fingerprint')
  fingerprint(@CurrentActor() actor: Actor, @EveningId() id: string): Promise<FingerprintResponse> {
    return this.evenings.fingerprint(actor, id);
  }
}

@ApiTags('evening setup')
@ApiBearerAuth()
@UseGuards(OrganiserGuard)
@Controller('evenings/:eveningId')
export class SetupController {
  constructor(private readonly setup: SetupService) {}

  @Post('bidders')
  addBidder(@CurrentActor() actor: Actor, @EveningId() id: string, @Body() dto: BidderDto): Promise<EveningDetail> {
    return this.setup.addBidder(actor, id, dto);
  }

  @Patch('bidders/:bidderId')
  updateBidder(
    @CurrentActor() actor: Actor,
    @EveningId() id: string,
    @Param('bidderId', ParseUUIDPipe) bidderId: string,
    @Body() dto: UpdateBidderDto,
  ): Promise<EveningDetail> {
    return this.setup.updateBidder(actor, id, bidderId, dto);
  }

  @Delete('bidders/:bidderId')
  removeBidder(@CurrentActor() actor: Actor, @EveningId() id: string, @Param('bidderId', ParseUUIDPipe) bidderId: string): Promise<EveningDetail> {
    return this.setup.removeBidder(actor, id, bidderId);
  }

  @Put('running-order')
  setRunningOrder(@CurrentActor() actor: Actor, @EveningId() id: string, @Body() dto: RunningOrderDto): Promise<EveningDetail> {
    return this.setup.setRunningOrder(actor, id, dto);
  }

  @Post('running-order/draw')
  @HttpCode(200)
  draw(@CurrentActor() actor: Actor, @EveningId() id: string, @Body() dto: DrawDto): Promise<EveningDetail> {
    return this.setup.drawRunningOrder(actor, id, dto);
  }

  @Post('criteria')
  addCriterion(@CurrentActor() actor: Actor, @EveningId() id: string, @Body() dto: CriterionDto): Promise<EveningDetail> {
    return this.setup.addCriterion(actor, id, dto);
  }

  @Patch('criteria/:criterionId')
  updateCriterion(
    @CurrentActor() actor: Actor,
    @EveningId() id: string,
    @Param('criterionId', ParseUUIDPipe) criterionId: string,
    @Body() dto: UpdateCriterionDto,
  ): Promise<EveningDetail> {
    return this.setup.updateCriterion(actor, id, criterionId, dto);
  }

  @Delete('criteria/:criterionId')
  removeCriterion(
    @CurrentActor() actor: Actor,
    @EveningId() id: string,
    @Param('criterionId', ParseUUIDPipe) criterionId: string,
  ): Promise<EveningDetail> {
    return this.setup.removeCriterion(actor, id, criterionId);
  }

  @Put('criteria-order')
  setCriteriaOrder(@CurrentActor() actor: Actor, @EveningId() id: string, @Body() dto: CriteriaOrderDto): Promise<EveningDetail> {
    return this.setup.setCriteriaOrder(actor, id, dto);
  }

  @Put('weights')
  setWeights(@CurrentActor() actor: Actor, @EveningId() id: string, @Body() dto: WeightsDto): Promise<EveningDetail> {
    return this.setup.setWeights(actor, id, dto);
  }

  @Put('scale')
  setScale(@CurrentActor() actor: Actor, @EveningId() id: string, @Body() dto: ScaleDto): Promise<EveningDetail> {
    return this.setup.setScale(actor, id, dto);
  }
}
