import { Body, Controller, HttpCode, Ip } from '@nestjs/common';
import { ApiProperty, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { IsString, Matches, MaxLength } from 'class-validator';
import { Optional } from '../platform/common/validators';
import type { JoinRequest, JoinResponse } from '@buurtjury/shared';
import { TOKEN_PATTERN } from '../accounts/tokens';
import { AttendeesService } from './attendees.service';
import { ROUTES } from '@buurtjury/shared';
import { Endpoint } from '../platform/common/endpoint';

export class JoinDto implements JoinRequest {
  @ApiProperty({ example: '3Y7SA6' }) @IsString() @MaxLength(20, { message: 'joinCode is at most 20 characters' })
  joinCode: string;

  @ApiPropertyOptional({ description: 'The token this phone received before for this evening.' })
  @Optional() @IsString() @Matches(TOKEN_PATTERN, { message: 'attendeeToken is not a token this server gave out' })
  attendeeToken?: string;

  @ApiPropertyOptional({ description: 'The code on a ticket card, when the evening admits by ticket.' })
  @Optional() @IsString() @MaxLength(20, { message: 'ticket is at most 20 characters' })
  ticket?: string;
}

@ApiTags('attendees')
@Controller()
export class AttendeesController {
  constructor(private readonly attendees: AttendeesService) {}

  /**
   * No account and nothing personal: the phone gets an anonymous token for this evening. A phone
   * that already has one is never refused; new phones are counted per address and per evening
   * (JoinGate), and a refusal is a 429 with Retry-After that the phone retries by itself.
   */
  @Endpoint(ROUTES.join)
  @HttpCode(200)
  join(@Body() dto: JoinDto, @Ip() address: string | undefined): Promise<JoinResponse> {
    return this.attendees.join(dto.joinCode, dto.attendeeToken, dto.ticket, address ?? 'unknown');
  }
}
