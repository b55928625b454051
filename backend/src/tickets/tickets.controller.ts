import { Body, Controller, HttpCode, Param, ParseUUIDPipe, Res, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiProduces, ApiProperty, ApiTags } from '@nestjs/swagger';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsInt, IsNotEmpty, IsString, Max, MaxLength, Min } from 'class-validator';
import type { Response } from 'express';
import { ROUTES, LIMITS,
  type CreateTicketsRequest,
  type ReissueTicketsRequest,
  type ReleaseTicketRequest,
  type TicketsResponse,
  type TicketView, } from '@buurtjury/shared';
import type { Actor } from '../accounts/actor';
import { CurrentActor, OrganiserGuard } from '../accounts/auth.guard';
import { Trim } from '../platform/common/transforms';
import { TicketsService, type PrintedCards } from './tickets.service';
import { Endpoint } from '../platform/common/endpoint';

export class CreateTicketsDto implements CreateTicketsRequest {
  @ApiProperty({ minimum: 1, maximum: LIMITS.ticketsMax }) @IsInt({ message: 'count must be a whole number' }) @Min(1) @Max(LIMITS.ticketsMax)
  count: number;
}

export class ReissueTicketsDto implements ReissueTicketsRequest {
  @ApiProperty({ type: [Number], example: [7, 12] })
  @IsArray({ message: 'numbers must be a list of ticket numbers' })
  @ArrayMinSize(1, { message: 'numbers must name at least one ticket' })
  @ArrayMaxSize(LIMITS.ticketsMax)
  @IsInt({ each: true, message: 'each ticket number must be a whole number' })
  @Min(1, { each: true })
  @Max(LIMITS.ticketsMax, { each: true })
  numbers: number[];
}

export class ReleaseTicketDto implements ReleaseTicketRequest {
  @ApiProperty({ example: 'Telefoon leeg; verder op een andere telefoon' })
  @Trim() @IsString() @IsNotEmpty({ message: 'reason must not be empty: say why the ticket is released' }) @MaxLength(300)
  reason: string;
}

@ApiTags('tickets')
@ApiBearerAuth()
@UseGuards(OrganiserGuard)
@Controller()
export class TicketsController {
  constructor(private readonly tickets: TicketsService) {}

  @Endpoint(ROUTES.tickets)
  list(@CurrentActor() actor: Actor, @Param('eveningId', ParseUUIDPipe) id: string): Promise<TicketsResponse> {
    return this.tickets.list(actor, id);
  }

  /** Makes new tickets and answers the PDF with their cards: the only place their codes appear. */
  @Endpoint(ROUTES.createTickets)
  @ApiProduces('application/pdf')
  async create(@CurrentActor() actor: Actor, @Param('eveningId', ParseUUIDPipe) id: string, @Body() dto: CreateTicketsDto, @Res() res: Response): Promise<void> {
    send(res, 201, await this.tickets.create(actor, id, dto.count));
  }

  /** Prints unused tickets again with new codes (their old codes stop working) and answers the PDF. */
  @Endpoint(ROUTES.reissueTickets)
  @ApiProduces('application/pdf')
  async reissue(@CurrentActor() actor: Actor, @Param('eveningId', ParseUUIDPipe) id: string, @Body() dto: ReissueTicketsDto, @Res() res: Response): Promise<void> {
    send(res, 200, await this.tickets.reissue(actor, id, dto.numbers));
  }

  @Endpoint(ROUTES.releaseTicket)
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

/** A PDF of cards: shown once, never cached (it holds the only copy of the codes). */
function send(res: Response, status: number, cards: PrintedCards): void {
  res.status(status);
  res.setHeader('Content-Type', 'application/pdf');
  res.setHeader('Content-Disposition', `attachment; filename="${cards.filename}"`);
  res.setHeader('Cache-Control', 'no-store');
  res.send(cards.pdf);
}
