import { Controller, Param, ParseUUIDPipe, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type { AuditTrailResponse, VerificationReport } from '@buurtjury/shared';
import type { Actor } from '../accounts/actor';
import { CurrentActor, OrganiserGuard } from '../accounts/auth.guard';
import { AuditService } from './audit.service';
import { ROUTES } from '@buurtjury/shared';
import { Endpoint } from '../platform/common/endpoint';

@ApiTags('audit')
@ApiBearerAuth()
@UseGuards(OrganiserGuard)
@Controller()
export class AuditController {
  constructor(private readonly audit: AuditService) {}

  /** Every entry of the hash-chained audit trail, oldest first. */
  @Endpoint(ROUTES.audit)
  trail(@CurrentActor() actor: Actor, @Param('eveningId', ParseUUIDPipe) id: string): Promise<AuditTrailResponse> {
    return this.audit.trail(actor, id);
  }

  /** Recomputes the chain and the tallies from the stored ballots; reports the first entry that does not match. */
  @Endpoint(ROUTES.verifyAudit)
  verify(@CurrentActor() actor: Actor, @Param('eveningId', ParseUUIDPipe) id: string): Promise<VerificationReport> {
    return this.audit.verify(actor, id);
  }
}
