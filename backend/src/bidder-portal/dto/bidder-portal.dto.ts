import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsEmail, IsIn, IsNotEmpty, IsString, MaxLength, ValidateIf } from 'class-validator';
import { Optional } from '../../platform/common/validators';
import {
  LANGUAGES,
  LIMITS,
  type BidderContributionRequest,
  type BidderDetailsRequest,
  type BidderRespondRequest,
  type BidderResponse,
  type InviteBidderRequest,
  type Language,
} from '@buurtjury/shared';
import { NormaliseEmail, SingleLine, Trim } from '../../platform/common/transforms';

const RESPONSES: readonly BidderResponse[] = ['confirmed', 'declined'];

export class InviteBidderDto implements InviteBidderRequest {
  @ApiPropertyOptional({ example: 'info@wijkkracht.nl', nullable: true, description: "The bidder's contact e-mail; with SMTP_URL the link is mailed to it" })
  @Optional()
  @ValidateIf((_, v) => v !== null)
  @NormaliseEmail()
  @IsEmail({}, { message: 'email must be a valid e-mail address' })
  @MaxLength(LIMITS.emailMax)
  email?: string | null;

  @ApiPropertyOptional({ enum: LANGUAGES })
  @Optional() @IsIn(LANGUAGES, { message: `language must be one of ${LANGUAGES.join(', ')}` })
  language?: Language;
}

export class BidderRespondDto implements BidderRespondRequest {
  @ApiProperty({ enum: RESPONSES }) @IsIn(RESPONSES, { message: 'response must be one of confirmed, declined' })
  response: BidderResponse;
}

export class BidderDetailsDto implements BidderDetailsRequest {
  @ApiProperty({ example: 'Karin de Vries' }) @SingleLine() @IsString() @MaxLength(LIMITS.nameMax)
  contactPerson: string;

  @ApiProperty({ example: 'info@wijkkracht.nl', description: 'Empty for none' })
  @NormaliseEmail()
  @IsString()
  @ValidateIf((_, v) => v !== '')
  @IsEmail({}, { message: 'email must be a valid e-mail address' })
  @MaxLength(LIMITS.emailMax)
  email: string;

  @ApiProperty({ example: 'Samen sterk in de wijk' }) @SingleLine() @IsString() @MaxLength(LIMITS.titleMax)
  pitchTitle: string;

  @ApiProperty() @Trim() @IsString() @MaxLength(LIMITS.textMax)
  pitchSummary: string;
}

export class BidderContributionDto implements BidderContributionRequest {
  @ApiProperty({ example: '7319', description: "Any short text; it becomes one line of the draw's seed." })
  @SingleLine() @IsString() @IsNotEmpty({ message: 'text must not be empty' }) @MaxLength(LIMITS.seedMax)
  text: string;
}
