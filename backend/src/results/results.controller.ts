import { Controller, Get, Param, ParseUUIDPipe, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type { ResultsResponse } from '@buurtjury/shared';
import type { Actor } from '../accounts/actor';
import { CurrentActor, OrganiserGuard } from '../accounts/auth.guard';
import { ResultsService } from './results.service';

@ApiTags('results')
@ApiBearerAuth()
@UseGuards(OrganiserGuard)
@Controller('evenings/:eveningId')
export class ResultsController {
  constructor(private readonly results: ResultsService) {}

  /** The full results report (see docs/methodology.md); 409 until the evening has ended. */
  @Get('results')
  get(@CurrentActor() actor: Actor, @Param('eveningId', ParseUUIDPipe) id: string): Promise<ResultsResponse> {
    return this.results.results(actor, id);
  }
}
