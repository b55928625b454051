import { Controller, Param, ParseUUIDPipe, Res, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiParam, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import type { ResultsResponse } from '@buurtjury/shared';
import type { Actor } from '../accounts/actor';
import { CurrentActor, OrganiserGuard } from '../accounts/auth.guard';
import { badRequest } from '../platform/common/app-error';
import { ResultsService, type ExportName } from './results.service';
import { ROUTES, problem } from '@buurtjury/shared';
import { Endpoint } from '../platform/common/endpoint';

const EXPORTS: readonly ExportName[] = ['record.json', 'record.csv', 'results.json'];

@ApiTags('results')
@ApiBearerAuth()
@UseGuards(OrganiserGuard)
@Controller()
export class ResultsController {
  constructor(private readonly results: ResultsService) {}

  /** The full results report (see docs/methodology.md); 409 until the evening has ended. */
  @Endpoint(ROUTES.results)
  get(@CurrentActor() actor: Actor, @Param('eveningId', ParseUUIDPipe) id: string): Promise<ResultsResponse> {
    return this.results.results(actor, id);
  }

  /** The anonymised ballot record (JSON or CSV) and the results JSON (see docs/record-format.md). */
  @Endpoint(ROUTES.resultsExport)
  @ApiParam({ name: 'name', enum: EXPORTS })
  async export(@CurrentActor() actor: Actor, @Param('eveningId', ParseUUIDPipe) id: string, @Param('name') name: string, @Res() res: Response): Promise<void> {
    if (!(EXPORTS as readonly string[]).includes(name)) throw badRequest('VALIDATION_FAILED', problem('results.exportUnknown', { names: EXPORTS.join(', ') }));
    const file = await this.results.export(actor, id, name as ExportName);
    res.setHeader('Content-Type', file.contentType);
    res.setHeader('Content-Disposition', `attachment; filename="${name}"`);
    res.send(file.body);
  }
}
