import { Controller } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import type { MetaResponse } from '@buurtjury/shared';
import { RateLimit } from '../platform/common/rate-limit';
import { MetaService } from './meta.service';
import { ROUTES } from '@buurtjury/shared';
import { Endpoint } from '../platform/common/endpoint';

@ApiTags('meta')
@Controller()
export class MetaController {
  constructor(private readonly meta: MetaService) {}

  @Endpoint(ROUTES.meta)
  @RateLimit('anonymous')
  get(): MetaResponse {
    return this.meta.meta();
  }
}
