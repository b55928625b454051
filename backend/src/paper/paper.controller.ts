import { Body, Controller, Param, ParseUUIDPipe, Res, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiProduces, ApiProperty, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { IsInt, IsString, IsUUID, Max, MaxLength, Min } from 'class-validator';
import type { Response } from 'express';
import { ROUTES, LIMITS, REMARK_MAX, type PaperEntryRequest, type PaperEntryResponse, type PaperOverview, type PrintPaperCardsRequest } from '@buurtjury/shared';
import type { Actor } from '../accounts/actor';
import { CurrentActor, OrganiserGuard } from '../accounts/auth.guard';
import { IsGradeMap, Optional } from '../platform/common/validators';
import { PaperService } from './paper.service';
import { Endpoint } from '../platform/common/endpoint';

export class PrintPaperCardsDto implements PrintPaperCardsRequest {
  @ApiProperty({ minimum: 1, maximum: LIMITS.paperCardsMax }) @IsInt({ message: 'cardsPerPitch must be a whole number' }) @Min(1) @Max(LIMITS.paperCardsMax)
  cardsPerPitch: number;
}

export class PaperEntryDto implements PaperEntryRequest {
  @ApiProperty() @IsUUID('all', { message: 'bidderId must be the id of a bidder' })
  bidderId: string;
  @ApiProperty({ minimum: 1, maximum: LIMITS.paperCardsMax }) @IsInt({ message: 'cardNumber must be a whole number' }) @Min(1) @Max(LIMITS.paperCardsMax)
  cardNumber: number;
  @ApiProperty({ example: { 'criterion-id': 4 } }) @IsGradeMap()
  grades: Record<string, number>;
  @ApiPropertyOptional() @Optional() @IsString() @MaxLength(REMARK_MAX)
  remark?: string;
}

@ApiTags('paper')
@ApiBearerAuth()
@UseGuards(OrganiserGuard)
@Controller()
export class PaperController {
  constructor(private readonly paper: PaperService) {}

  @Endpoint(ROUTES.paper)
  overview(@CurrentActor() actor: Actor, @Param('eveningId', ParseUUIDPipe) id: string): Promise<PaperOverview> {
    return this.paper.overview(actor, id);
  }

  @Endpoint(ROUTES.printPaperCards)
  print(@CurrentActor() actor: Actor, @Param('eveningId', ParseUUIDPipe) id: string, @Body() dto: PrintPaperCardsDto): Promise<PaperOverview> {
    return this.paper.print(actor, id, dto.cardsPerPitch);
  }

  @Endpoint(ROUTES.paperCards)
  @ApiProduces('application/pdf')
  async cards(@CurrentActor() actor: Actor, @Param('eveningId', ParseUUIDPipe) id: string, @Res() res: Response): Promise<void> {
    const { filename, pdf } = await this.paper.cards(actor, id);
    res.setHeader('Content-Type', 'application/pdf');
    res.setHeader('Content-Disposition', `inline; filename="${filename}"`);
    res.send(pdf);
  }

  @Endpoint(ROUTES.enterPaper)
  enter(@CurrentActor() actor: Actor, @Param('eveningId', ParseUUIDPipe) id: string, @Body() dto: PaperEntryDto): Promise<PaperEntryResponse> {
    return this.paper.enter(actor, id, dto);
  }

  @Endpoint(ROUTES.withdrawPaper)
  withdraw(
    @CurrentActor() actor: Actor,
    @Param('eveningId', ParseUUIDPipe) id: string,
    @Param('entryId', ParseUUIDPipe) entryId: string,
  ): Promise<PaperEntryResponse> {
    return this.paper.withdraw(actor, id, entryId);
  }
}
