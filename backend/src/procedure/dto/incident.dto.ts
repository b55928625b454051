import { ApiProperty } from '@nestjs/swagger';
import { IsISO8601, IsNotEmpty, IsString, MaxLength } from 'class-validator';
import { PROCEDURE_LIMITS, type IncidentRequest } from '@buurtjury/shared';
import { Trim } from '../../platform/common/transforms';

export class IncidentDto implements IncidentRequest {
  @ApiProperty({ example: '2026-11-12T19:58:00.000Z', description: 'When it happened (ISO 8601 with a time zone).' })
  @IsISO8601({ strict: true, strictSeparator: true }, { message: 'at must be a date and time (ISO 8601)' })
  at: string;
  @ApiProperty({ example: 'De microfoon viel twee minuten uit.' }) @Trim() @IsString() @IsNotEmpty({ message: 'what must not be empty' }) @MaxLength(PROCEDURE_LIMITS.incidentTextMax)
  what: string;
  @ApiProperty({ example: 'Het stemmen werd te vroeg gesloten.' }) @Trim() @IsString() @MaxLength(PROCEDURE_LIMITS.incidentTextMax)
  effect: string;
  @ApiProperty({ example: 'Het stemmen is heropend.' }) @Trim() @IsString() @MaxLength(PROCEDURE_LIMITS.incidentTextMax)
  measure: string;
}
