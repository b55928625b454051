import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsEmail, IsIn, IsNotEmpty, IsString, MaxLength, MinLength, ValidateIf } from 'class-validator';
import { Optional } from '../../platform/common/validators';
import {
  INVITED_ROLES,
  LANGUAGES,
  LIMITS,
  ORGANISER_ROLES,
  type ChangePasswordRequest,
  type CreateInvitationRequest,
  type InvitedRole,
  type Language,
  type LoginRequest,
  type OrganiserRole,
  type SignUpRequest,
  type UpdateMemberRequest,
} from '@buurtjury/shared';
import { NormaliseEmail, SingleLine } from '../../platform/common/transforms';

export class SignUpDto implements SignUpRequest {
  @ApiProperty({ example: 'anna@burennetwerk.nl' })
  @NormaliseEmail() @IsEmail({}, { message: 'email must be a valid e-mail address' }) @MaxLength(LIMITS.emailMax)
  email: string;

  @ApiProperty({ minLength: LIMITS.passwordMin })
  @IsString() @MinLength(LIMITS.passwordMin, { message: `password must be at least ${LIMITS.passwordMin} characters long` })
  @MaxLength(LIMITS.passwordMax)
  password: string;

  @ApiProperty({ example: 'Anna de Vries' })
  @SingleLine() @IsString() @IsNotEmpty({ message: 'displayName must not be empty' }) @MaxLength(LIMITS.nameMax)
  displayName: string;

  @ApiPropertyOptional({ example: 'Burennetwerk Schothorst', description: 'Required unless inviteToken is given.' })
  @ValidateIf((o: SignUpDto) => o.inviteToken === undefined || o.networkName !== undefined)
  @SingleLine() @IsString() @IsNotEmpty({ message: 'networkName is required when you are not joining through an invitation' })
  @MaxLength(LIMITS.nameMax)
  networkName?: string;

  @ApiPropertyOptional({ description: 'Token from an invitation link; joins that network in the role the invitation gives.' })
  @Optional() @IsString() @MaxLength(100)
  inviteToken?: string;
}

export class LoginDto implements LoginRequest {
  @ApiProperty() @NormaliseEmail() @IsString() @IsNotEmpty() @MaxLength(LIMITS.emailMax)
  email: string;

  @ApiProperty() @IsString() @IsNotEmpty() @MaxLength(LIMITS.passwordMax)
  password: string;
}

export class CreateInvitationDto implements CreateInvitationRequest {
  @ApiProperty({ example: 'bert@burennetwerk.nl' })
  @NormaliseEmail() @IsEmail({}, { message: 'email must be a valid e-mail address' }) @MaxLength(LIMITS.emailMax)
  email: string;

  @ApiPropertyOptional({ enum: INVITED_ROLES, description: 'co-organiser (default) or moderator' })
  @Optional() @IsIn(INVITED_ROLES, { message: `role must be one of ${INVITED_ROLES.join(', ')}` })
  role?: InvitedRole;

  @ApiPropertyOptional({ enum: LANGUAGES, description: 'The language of the invitation mail; nl by default' })
  @Optional() @IsIn(LANGUAGES, { message: `language must be one of ${LANGUAGES.join(', ')}` })
  language?: Language;
}

export class ChangePasswordDto implements ChangePasswordRequest {
  @ApiProperty() @IsString() @IsNotEmpty({ message: 'currentPassword must not be empty' }) @MaxLength(LIMITS.passwordMax)
  currentPassword: string;

  @ApiProperty({ minLength: LIMITS.passwordMin })
  @IsString() @MinLength(LIMITS.passwordMin, { message: `newPassword must be at least ${LIMITS.passwordMin} characters long` })
  @MaxLength(LIMITS.passwordMax)
  newPassword: string;
}

export class UpdateMemberDto implements UpdateMemberRequest {
  @ApiProperty({ enum: ORGANISER_ROLES })
  @IsIn(ORGANISER_ROLES, { message: `role must be one of ${ORGANISER_ROLES.join(', ')}` })
  role: OrganiserRole;
}
