import { Body, Controller, HttpCode, Param, ParseUUIDPipe, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiProperty, ApiTags } from '@nestjs/swagger';
import { IsInt, Max, Min, ValidateIf } from 'class-validator';
import { ROUTES, JOIN_WATCH, type ExpectedAttendanceRequest, type ExpectedAttendanceResponse } from '@buurtjury/shared';
import type { Actor } from '../accounts/actor';
import { CurrentActor, OrganiserGuard } from '../accounts/auth.guard';
import { JoinWatchCommands } from './join-watch.commands';
import { Endpoint } from '../platform/common/endpoint';

export class ExpectedAttendanceDto implements ExpectedAttendanceRequest {
  @ApiProperty({ nullable: true, type: Number, minimum: 1, maximum: JOIN_WATCH.expectedMax, description: 'How many people the organisers expect in the room; null: not given.' })
  @ValidateIf((o: ExpectedAttendanceDto) => o.expected !== null)
  @IsInt({ message: 'expected must be a whole number, or null' })
  @Min(1)
  @Max(JOIN_WATCH.expectedMax)
  expected: number | null;
}

@ApiTags('live')
@ApiBearerAuth()
@UseGuards(OrganiserGuard)
@Controller()
export class JoinWatchController {
  constructor(private readonly commands: JoinWatchCommands) {}

  /** The attendance the host expects: the console warns when more phones join. Fixed once the evening has ended. */
  @Endpoint(ROUTES.setExpectedAttendance)
  @HttpCode(200)
  set(@CurrentActor() actor: Actor, @Param('eveningId', ParseUUIDPipe) id: string, @Body() dto: ExpectedAttendanceDto): Promise<ExpectedAttendanceResponse> {
    return this.commands.setExpected(actor, id, dto.expected);
  }
}
