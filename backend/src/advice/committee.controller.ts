import { Controller, Get, Param, ParseIntPipe, Query, Res } from '@nestjs/common';
import { ApiQuery, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import type { AdviceDocumentResponse, CommitteeOverview, VerificationReport } from '@buurtjury/shared';
import { RateLimit } from '../platform/common/rate-limit';
import { CommitteeService } from './committee.service';
import { FileNamePipe, LanguagePipe, sendFile } from './http';

const VersionNumber = () => Param('number', new ParseIntPipe({ errorHttpStatusCode: 400 }));

/** The committee's read-only view, opened with the token of a committee link; no account needed. Limited per address. */
@ApiTags('committee')
@RateLimit('anonymous')
@Controller('committee/:token')
export class CommitteeController {
  constructor(private readonly committee: CommitteeService) {}

  @Get()
  overview(@Param('token') token: string): Promise<CommitteeOverview> {
    return this.committee.overview(token);
  }

  /**
   * The committee's own check: the audit chain and the tallies recomputed from the stored ballots,
   * now (never from a cache: it is there to notice a changed database). About 0.5 s of CPU at 400
   * voters, so it is limited per address (VERIFY_RATE_LIMIT) on top of the anonymous limit.
   */
  @Get('verify')
  @RateLimit('anonymous', 'verify')
  verify(@Param('token') token: string): Promise<VerificationReport> {
    return this.committee.verify(token);
  }

  /** The sealed frame's canonical text: its SHA-256 is the frame fingerprint printed in the advice. */
  @Get('frame.json')
  async frame(@Param('token') token: string, @Res() res: Response): Promise<void> {
    sendFile(res, await this.committee.canonical(token, 'frame.json'));
  }

  /** The frozen setup's canonical text: its SHA-256 is the setup fingerprint. */
  @Get('setup.json')
  async setup(@Param('token') token: string, @Res() res: Response): Promise<void> {
    sendFile(res, await this.committee.canonical(token, 'setup.json'));
  }

  @Get('versions/:number/document')
  @ApiQuery({ name: 'lang', enum: ['nl', 'en'], required: false })
  async document(@Param('token') token: string, @VersionNumber() number: number, @Query('lang', LanguagePipe) lang: 'nl' | 'en'): Promise<AdviceDocumentResponse> {
    return { document: await this.committee.document(token, number, lang) };
  }

  @Get('versions/:number/files/:name')
  async file(@Param('token') token: string, @VersionNumber() number: number, @Param('name', FileNamePipe) name: string, @Res() res: Response): Promise<void> {
    sendFile(res, await this.committee.file(token, number, name));
  }
}
