import { Controller, HttpStatus, Res } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { ROUTES, type HealthLiveResponse, type HealthReadyResponse } from '@buurtjury/shared';
import { Endpoint } from '../platform/common/endpoint';
import { RateLimit } from '../platform/common/rate-limit';
import { HealthService } from './health.service';

/** The balancer's and the container's health checks; no input, no personal data. */
@ApiTags('meta')
@Controller()
export class HealthController {
  constructor(private readonly health: HealthService) {}

  @Endpoint(ROUTES.healthLive)
  @RateLimit('health')
  live(): HealthLiveResponse {
    return { live: true };
  }

  /** 200 when this node should get traffic, 503 (with the same body saying why) when not. */
  @Endpoint(ROUTES.healthReady)
  @RateLimit('health')
  async ready(@Res({ passthrough: true }) res: Response): Promise<HealthReadyResponse> {
    const answer = await this.health.ready();
    res.status(answer.ready ? HttpStatus.OK : HttpStatus.SERVICE_UNAVAILABLE);
    res.setHeader('Cache-Control', 'no-store');
    return answer;
  }
}
