import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Post, Res, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiProduces, ApiProperty, ApiTags } from '@nestjs/swagger';
import { IsInt, IsNotEmpty, IsString, Max, MaxLength, Min } from 'class-validator';
import type { Response } from 'express';
import { LIMITS, type CreateTicketsRequest, type ReleaseTicketRequest, type TicketsResponse, type TicketView } from '@buurtjury/shared';
import type { Actor } from '../accounts/actor';
import { CurrentActor, OrganiserGuard } from '../accounts/auth.guard';
import { Trim } from '../common/transforms';
import { TicketsService } from './tickets.service';

export class CreateTicketsDto implements CreateTicketsRequest {
  @ApiProperty({ minimum: 1, maximum: LIMITS.ticketsMax }) @IsInt({ message: 'count must be a whole number' }) @Min(1) @Max(LIMITS.ticketsMax)
  count: number;
}

export class ReleaseTicketDto implements ReleaseTicketRequest {
  @ApiProperty({ example: 'Telefoon leeg; verder op een andere telefoon' })
  @Trim() @IsString() @IsNotEmpty({ message: 'reason must not be empty: say why the ticket is released' }) @MaxLength(300)
  reason: string;
}

@ApiTags('tickets')
@ApiBearerAuth()
@UseGuards(OrganiserGuard)
@Controller('evenings/:eveningId/tickets')
export class TicketsController {
  constructor(private readonly tickets: TicketsService) {}

  @Get()
  list(@CurrentActor() actor: Actor, @Param('eveningId', ParseUUIDPipe) id: string): Promise<TicketsResponse> {
    return this.tickets.list(actor, id);
  }

  @Post()
  create(@CurrentActor() actor: Actor, @Param('eveningId', ParseUUIDPipe) id: string, @Body() dto: CreateTicketsDto): Promise<TicketsResponse> {
    return this.tickets.create(actor, id, dto.count);
  }

  @Get('cards.pdf')
  @ApiProduces('application/pdf')
  async cards(@CurrentActor() actor: Actor, @Param('eveningId', ParseUUIDPipe) id: string, @Res() res: Response): Promise<void> {
    const { filename, pdf } = await this.tickets.cards(actor, id);
    res.setHeader('Content-Type', 'application/pdf');
    res.setHeader('Content-Disposition', `inline; filename="${filename}"`);
    res.send(pdf);
  }

  @Post(':ticketId/release')
  @HttpCode(200)
  release(
    @CurrentActor() actor: Actor,
    @Param('eveningId', ParseUUIDPipe) id: string,
    @Param('ticketId', ParseUUIDPipe) ticketId: string,
    @Body() dto: ReleaseTicketDto,
  ): Promise<TicketView> {
    return this.tickets.release(actor, id, ticketId, dto.reason);
  }
}
