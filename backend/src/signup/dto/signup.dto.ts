import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsBoolean, IsEmail, IsIn, IsInt, IsNotEmpty, IsString, Max, MaxLength, Min, ValidateIf } from 'class-validator';
import { Optional } from '../../platform/common/validators';
import { LANGUAGES, LIMITS, SIGNUP_LIMITS, type ArrivalRequest, type Language, type SignupRequest, type SignupSettingsRequest } from '@buurtjury/shared';
import { NormaliseEmail, SingleLine, Trim } from '../../platform/common/transforms';

export class SignupSettingsDto implements SignupSettingsRequest {
  @ApiProperty() @IsBoolean({ message: 'open must be true or false' })
  open: boolean;

  @ApiProperty({ nullable: true, minimum: 1, maximum: SIGNUP_LIMITS.capacityMax, description: 'People the venue takes; null for no limit' })
  @ValidateIf((_, v) => v !== null)
  @IsInt({ message: 'capacity must be a whole number or null' })
  @Min(1)
  @Max(SIGNUP_LIMITS.capacityMax)
  capacity: number | null;

  @ApiProperty() @IsBoolean({ message: 'nameOnly must be true or false' })
  nameOnly: boolean;

  @ApiProperty({ example: 'Kruiskamp 12, 3815 AB Amersfoort' }) @SingleLine() @IsString() @MaxLength(SIGNUP_LIMITS.addressMax)
  address: string;

  @ApiProperty({ example: 'Gelijkvloers, rolstoeltoilet, ringleiding' }) @Trim() @IsString() @MaxLength(SIGNUP_LIMITS.accessibilityMax)
  accessibility: string;

  @ApiProperty() @Trim() @IsString() @MaxLength(SIGNUP_LIMITS.aboutMax)
  about: string;
}

export class SignupDto implements SignupRequest {
  @ApiProperty({ example: 'Fatima' }) @SingleLine() @IsString() @IsNotEmpty({ message: 'name is required' }) @MaxLength(LIMITS.nameMax)
  name: string;

  @ApiPropertyOptional({ example: 'fatima@example.nl' })
  @Optional() @NormaliseEmail() @IsEmail({}, { message: 'email must be a valid e-mail address' }) @MaxLength(LIMITS.emailMax)
  email?: string;

  @ApiPropertyOptional({ minimum: 0, maximum: SIGNUP_LIMITS.guestsMax })
  @Optional() @IsInt({ message: 'guests must be a whole number' }) @Min(0) @Max(SIGNUP_LIMITS.guestsMax)
  guests?: number;

  @ApiPropertyOptional({ enum: LANGUAGES })
  @Optional() @IsIn(LANGUAGES, { message: `language must be one of ${LANGUAGES.join(', ')}` })
  language?: Language;
}

export class ArrivalDto implements ArrivalRequest {
  @ApiProperty() @IsBoolean({ message: 'arrived must be true or false' })
  arrived: boolean;
}
