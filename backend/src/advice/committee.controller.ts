import { Controller, Param, ParseIntPipe, Query, Res } from '@nestjs/common';
import { ApiQuery, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import type { AdviceDocumentResponse, CommitteeOverview } from '@buurtjury/shared';
import { RateLimit } from '../platform/common/rate-limit';
import { CommitteeService } from './committee.service';
import { FileNamePipe, LanguagePipe, sendFile } from './http';
import { ROUTES } from '@buurtjury/shared';
import { Endpoint } from '../platform/common/endpoint';

const VersionNumber = () => Param('number', new ParseIntPipe({ errorHttpStatusCode: 400 }));

/**
 * The committee's read-only view, opened with the token of a committee link; no account needed. Limited per address.
 * (The committee's verification of the evening is in verification/: `CommitteeVerifyController`.)
 */
@ApiTags('committee')
@RateLimit('anonymous')
@Controller()
export class CommitteeController {
  constructor(private readonly committee: CommitteeService) {}

  @Endpoint(ROUTES.committeeOverview)
  overview(@Param('token') token: string): Promise<CommitteeOverview> {
    return this.committee.overview(token);
  }

  /** The sealed frame's canonical text: its SHA-256 is the frame fingerprint printed in the advice. */
  @Endpoint(ROUTES.committeeFrame)
  async frame(@Param('token') token: string, @Res() res: Response): Promise<void> {
    sendFile(res, await this.committee.canonical(token, 'frame.json'));
  }

  /** The frozen setup's canonical text: its SHA-256 is the setup fingerprint. */
  @Endpoint(ROUTES.committeeSetup)
  async setup(@Param('token') token: string, @Res() res: Response): Promise<void> {
    sendFile(res, await this.committee.canonical(token, 'setup.json'));
  }

  @Endpoint(ROUTES.committeeDocument)
  @ApiQuery({ name: 'lang', enum: ['nl', 'en'], required: false })
  async document(@Param('token') token: string, @VersionNumber() number: number, @Query('lang', LanguagePipe) lang: 'nl' | 'en'): Promise<AdviceDocumentResponse> {
    return { document: await this.committee.document(token, number, lang) };
  }

  @Endpoint(ROUTES.committeeFile)
  async file(@Param('token') token: string, @VersionNumber() number: number, @Param('name', FileNamePipe) name: string, @Res() res: Response): Promise<void> {
    sendFile(res, await this.committee.file(token, number, name));
  }
}
