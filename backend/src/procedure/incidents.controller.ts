import { Body, Controller, Param, ParseUUIDPipe, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { ROUTES, type Incident } from '@buurtjury/shared';
import type { Actor } from '../accounts/actor';
import { CurrentActor, OrganiserGuard } from '../accounts/auth.guard';
import { Endpoint } from '../platform/common/endpoint';
import { IncidentDto } from './dto/incident.dto';
import { IncidentsService } from './incidents.service';

const EveningId = () => Param('eveningId', ParseUUIDPipe);
const IncidentId = () => Param('incidentId', ParseUUIDPipe);

@ApiTags('incidents')
@ApiBearerAuth()
@UseGuards(OrganiserGuard)
@Controller()
export class IncidentsController {
  constructor(private readonly incidents: IncidentsService) {}

  @Endpoint(ROUTES.incidents)
  list(@CurrentActor() actor: Actor, @EveningId() id: string): Promise<Incident[]> {
    return this.incidents.list(actor, id);
  }

  @Endpoint(ROUTES.addIncident)
  add(@CurrentActor() actor: Actor, @EveningId() id: string, @Body() dto: IncidentDto): Promise<Incident[]> {
    return this.incidents.add(actor, id, dto);
  }

  @Endpoint(ROUTES.updateIncident)
  update(@CurrentActor() actor: Actor, @EveningId() id: string, @IncidentId() incidentId: string, @Body() dto: IncidentDto): Promise<Incident[]> {
    return this.incidents.update(actor, id, incidentId, dto);
  }

  @Endpoint(ROUTES.deleteIncident)
  remove(@CurrentActor() actor: Actor, @EveningId() id: string, @IncidentId() incidentId: string): Promise<Incident[]> {
    return this.incidents.remove(actor, id, incidentId);
  }
}
