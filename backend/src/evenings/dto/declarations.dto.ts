import { ApiProperty } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, ArrayUnique, IsArray, IsIn, IsNotEmpty, IsString, MaxLength, ValidateNested } from 'class-validator';
import { DECLARANT_ROLES, PROCEDURE_LIMITS, type DeclarantRole, type Declarations, type InterestDeclaration } from '@buurtjury/shared';
import { SingleLine, Trim } from '../../platform/common/transforms';

export class InterestDeclarationDto implements InterestDeclaration {
  @ApiProperty({ example: 'Buurthuis De Linde' }) @SingleLine() @IsString() @IsNotEmpty({ message: 'who must not be empty' }) @MaxLength(PROCEDURE_LIMITS.whoMax)
  who: string;
  @ApiProperty({ enum: DECLARANT_ROLES }) @IsIn(DECLARANT_ROLES, { message: `role must be one of ${DECLARANT_ROLES.join(', ')}` })
  role: DeclarantRole;
  @ApiProperty({ example: 'Wordt beheerd door een van de inschrijvers.' }) @Trim() @IsString() @IsNotEmpty({ message: 'interest must not be empty' }) @MaxLength(PROCEDURE_LIMITS.interestMax)
  interest: string;
  @ApiProperty({ example: 'De beheerder was niet in de zaal tijdens het stemmen.' }) @Trim() @IsString() @MaxLength(PROCEDURE_LIMITS.measureMax)
  measure: string;
}

/** The declarations of interest of the network, its moderators and the venue (replaces what was recorded). */
export class DeclarationsDto implements Declarations {
  @ApiProperty({ type: [InterestDeclarationDto] })
  @IsArray({ message: '$property must be a list' })
  @ArrayMaxSize(PROCEDURE_LIMITS.declarationsMax)
  @ValidateNested({ each: true })
  @Type(() => InterestDeclarationDto)
  items: InterestDeclarationDto[];
  @ApiProperty({ enum: DECLARANT_ROLES, isArray: true, description: 'Roles that declared they have no interest.' })
  @IsArray({ message: '$property must be a list' })
  @ArrayUnique()
  @IsIn(DECLARANT_ROLES, { each: true, message: `noneDeclared holds roles: ${DECLARANT_ROLES.join(', ')}` })
  noneDeclared: DeclarantRole[];
}
