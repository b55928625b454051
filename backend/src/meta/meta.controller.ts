import { Controller, Get } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import type { MetaResponse } from '@buurtjury/shared';
import { RateLimit } from '../platform/common/rate-limit';
import { MetaService } from './meta.service';

@ApiTags('meta')
@Controller('meta')
export class MetaController {
  constructor(private readonly meta: MetaService) {}

  @Get()
  @RateLimit('anonymous')
  get(): MetaResponse {
    return this.meta.meta();
  }
}
