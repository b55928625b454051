import { Body, Controller, HttpCode, Param, ParseIntPipe, ParseUUIDPipe, Query, Res, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiProduces, ApiQuery, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import type { AdviceDocumentResponse, AdviceDraftView, AdviceVersionView, AdviceWorkspaceResponse, CommitteeLinkView, CommitteeLinksResponse, CreatedCommitteeLinkResponse } from '@buurtjury/shared';
import type { Actor } from '../accounts/actor';
import { CurrentActor, OrganiserGuard } from '../accounts/auth.guard';
import { AdviceService, type ServedFile } from './advice.service';
import { CommitteeService } from './committee.service';
import { CreateCommitteeLinkDto, IssueAdviceDto, SaveAdviceDto } from './dto/advice.dto';
import { LanguagePipe, FileNamePipe, sendFile } from './http';
import { ROUTES } from '@buurtjury/shared';
import { Endpoint } from '../platform/common/endpoint';

const EveningId = () => Param('eveningId', ParseUUIDPipe);
const VersionNumber = () => Param('number', new ParseIntPipe({ errorHttpStatusCode: 400 }));

@ApiTags('advice')
@ApiBearerAuth()
@UseGuards(OrganiserGuard)
@Controller()
export class AdviceController {
  constructor(
    private readonly advice: AdviceService,
    private readonly committee: CommitteeService,
  ) {}

  /** The draft, the masked remarks to quote from, and the issued versions. 409 until the evening has ended. */
  @Endpoint(ROUTES.adviceWorkspace)
  workspace(@CurrentActor() actor: Actor, @EveningId() id: string): Promise<AdviceWorkspaceResponse> {
    return this.advice.workspace(actor, id);
  }

  @Endpoint(ROUTES.saveAdviceDraft)
  save(@CurrentActor() actor: Actor, @EveningId() id: string, @Body() dto: SaveAdviceDto): Promise<AdviceDraftView> {
    return this.advice.save(actor, id, dto);
  }

  @Endpoint(ROUTES.advicePreview)
  @ApiQuery({ name: 'lang', enum: ['nl', 'en'], required: false })
  async preview(@CurrentActor() actor: Actor, @EveningId() id: string, @Query('lang', LanguagePipe) lang: 'nl' | 'en'): Promise<AdviceDocumentResponse> {
    return { document: await this.advice.preview(actor, id, lang) };
  }

  @Endpoint(ROUTES.advicePreviewPdf)
  @ApiProduces('application/pdf')
  async previewPdf(@CurrentActor() actor: Actor, @EveningId() id: string, @Query('lang', LanguagePipe) lang: 'nl' | 'en', @Res() res: Response): Promise<void> {
    sendFile(res, await this.advice.previewPdf(actor, id, lang));
  }

  /** Issues ("vaststellen") the draft as the next numbered version. */
  @Endpoint(ROUTES.issueAdvice)
  @HttpCode(201)
  issue(@CurrentActor() actor: Actor, @EveningId() id: string, @Body() dto: IssueAdviceDto): Promise<AdviceVersionView> {
    return this.advice.issue(actor, id, dto);
  }

  @Endpoint(ROUTES.adviceVersionDocument)
  @ApiQuery({ name: 'lang', enum: ['nl', 'en'], required: false })
  async versionDocument(
    @CurrentActor() actor: Actor,
    @EveningId() id: string,
    @VersionNumber() number: number,
    @Query('lang', LanguagePipe) lang: 'nl' | 'en',
  ): Promise<AdviceDocumentResponse> {
    return { document: await this.advice.versionDocument(actor, id, number, lang) };
  }

  @Endpoint(ROUTES.adviceVersionFile)
  async versionFile(@CurrentActor() actor: Actor, @EveningId() id: string, @VersionNumber() number: number, @Param('name', FileNamePipe) name: string, @Res() res: Response): Promise<void> {
    const file: ServedFile = await this.advice.versionFile(actor, id, number, name);
    sendFile(res, file);
  }

  @Endpoint(ROUTES.committeeLinks)
  links(@CurrentActor() actor: Actor, @EveningId() id: string): Promise<CommitteeLinksResponse> {
    return this.committee.list(actor, id);
  }

  @Endpoint(ROUTES.createCommitteeLink)
  @HttpCode(201)
  createLink(@CurrentActor() actor: Actor, @EveningId() id: string, @Body() dto: CreateCommitteeLinkDto): Promise<CreatedCommitteeLinkResponse> {
    return this.committee.create(actor, id, dto);
  }

  @Endpoint(ROUTES.revokeCommitteeLink)
  @HttpCode(200)
  revokeLink(@CurrentActor() actor: Actor, @EveningId() id: string, @Param('linkId', ParseUUIDPipe) linkId: string): Promise<CommitteeLinkView> {
    return this.committee.revoke(actor, id, linkId);
  }
}
