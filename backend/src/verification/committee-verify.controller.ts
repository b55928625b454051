import { Controller, Param } from '@nestjs/common';
import { ROUTES } from '@buurtjury/shared';
import { Endpoint } from '../platform/common/endpoint';
import { ApiTags } from '@nestjs/swagger';
import type { VerificationReport } from '@buurtjury/shared';
import { CommitteeService } from '../advice/committee.service';
import { RateLimit } from '../platform/common/rate-limit';
import { AuditService } from './audit.service';

/** The committee's verification of the evening, opened with the token of a committee link (the rest of its view is in advice/). */
@ApiTags('committee')
@RateLimit('anonymous')
@Controller()
export class CommitteeVerifyController {
  constructor(
    private readonly committee: CommitteeService,
    private readonly audit: AuditService,
  ) {}

  /**
   * The committee's own check: the audit chain and the tallies recomputed from the stored ballots,
   * now (never from a cache: it is there to notice a changed database). About 0.5 s of CPU at 400
   * voters, so it is limited per address (VERIFY_RATE_LIMIT) on top of the anonymous limit.
   */
  @Endpoint(ROUTES.committeeVerify)
  @RateLimit('anonymous', 'verify')
  async verify(@Param('token') token: string): Promise<VerificationReport> {
    return this.audit.verifyEvening(await this.committee.eveningToVerify(token));
  }
}
