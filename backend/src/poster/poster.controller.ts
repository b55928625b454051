import { Controller, Param, ParseUUIDPipe, Res, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import type { Actor } from '../accounts/actor';
import { CurrentActor, OrganiserGuard } from '../accounts/auth.guard';
import { PosterService } from './poster.service';
import { ROUTES } from '@buurtjury/shared';
import { Endpoint } from '../platform/common/endpoint';

@ApiTags('evenings')
@ApiBearerAuth()
@UseGuards(OrganiserGuard)
@Controller()
export class PosterController {
  constructor(private readonly posters: PosterService) {}

  @Endpoint(ROUTES.poster)
  @ApiProduces('application/pdf')
  async poster(@CurrentActor() actor: Actor, @Param('eveningId', ParseUUIDPipe) id: string, @Res() res: Response): Promise<void> {
    const { filename, pdf } = await this.posters.poster(actor, id);
    res.setHeader('Content-Type', 'application/pdf');
    res.setHeader('Content-Disposition', `inline; filename="${filename}"`);
    res.send(pdf);
  }
}
