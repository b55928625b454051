import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  ArrayUnique,
  IsArray,
  IsBoolean,
  IsIn,
  IsInt,
  IsNotEmpty,
  IsNumber,
  IsString,
  IsUUID,
  Matches,
  Max,
  MaxLength,
  Min,
  ValidateNested,
} from 'class-validator';
import {
  ACCESS_MODES,
  EVENING_ANNOUNCED,
  type AwardRequest,
  type EveningAnnounced,
  LANGUAGES,
  LIMITS,
  SCALE_KINDS,
  type AccessMode,
  type BidderInput,
  type EveningRules,
  type CopyEveningRequest,
  type CreateEveningRequest,
  type CriteriaOrderRequest,
  type CriterionInput,
  type DrawRequest,
  type DrawCommitRequest,
  type DrawContributionRequest,
  type Language,
  type RunningOrderRequest,
  type ScaleKind,
  type ScaleLevel,
  type ScaleRequest,
  type Tender,
  type UpdateBidderRequest,
  type UpdateCriterionRequest,
  type UpdateEveningRequest,
  type WeightsRequest,
} from '@buurtjury/shared';
import { SingleLine, Trim } from '../../platform/common/transforms';
import { IsDateOrEmpty, IsDescriptorMap, IsTimeOrEmpty, Optional } from '../../platform/common/validators';

export class TenderDto implements Partial<Tender> {
  @ApiPropertyOptional({ example: 'Gemeente Amersfoort' }) @Optional() @SingleLine() @IsString() @MaxLength(LIMITS.nameMax)
  municipality?: string;
  @ApiPropertyOptional({ example: 'Coördinatie #In de buurt' }) @Optional() @SingleLine() @IsString() @MaxLength(LIMITS.titleMax)
  name?: string;
  @ApiPropertyOptional({ example: 'AMF-2026-017' }) @Optional() @SingleLine() @IsString() @MaxLength(LIMITS.nameMax)
  reference?: string;
  @ApiPropertyOptional() @Optional() @Trim() @IsString() @MaxLength(LIMITS.textMax)
  subject?: string;
  @ApiPropertyOptional({ example: 'Adviescommissie #In de buurt' }) @Optional() @SingleLine() @IsString() @MaxLength(LIMITS.titleMax)
  committee?: string;
  @ApiPropertyOptional({ example: '2026-12-15' }) @Optional() @IsDateOrEmpty()
  adviceDeadline?: string;
}

/** The fields an evening is created and edited with, apart from the title. */
class EveningFieldsDto {
  @ApiPropertyOptional({ enum: LANGUAGES }) @Optional() @IsIn(LANGUAGES, { message: `language must be one of ${LANGUAGES.join(', ')}` })
  language?: Language;
  @ApiPropertyOptional() @Optional() @SingleLine() @IsString() @MaxLength(LIMITS.shortTextMax)
  venue?: string;
  @ApiPropertyOptional({ example: '2026-12-01' }) @Optional() @IsDateOrEmpty()
  date?: string;
  @ApiPropertyOptional({ example: '19:00' }) @Optional() @IsTimeOrEmpty()
  startTime?: string;
  @ApiPropertyOptional({ type: TenderDto }) @Optional() @ValidateNested() @Type(() => TenderDto)
  tender?: TenderDto;
}

export class RulesDto implements Partial<EveningRules> {
  @ApiPropertyOptional({ enum: ACCESS_MODES }) @Optional() @IsIn(ACCESS_MODES, { message: `accessMode must be one of ${ACCESS_MODES.join(', ')}` })
  accessMode?: AccessMode;
  @ApiPropertyOptional() @Optional() @IsBoolean({ message: 'presenceRule must be true or false' })
  presenceRule?: boolean;
  @ApiPropertyOptional({ minimum: 0, maximum: LIMITS.presenceGraceMax, example: 5, description: "Minutes after a pitch's start within which a phone may still join and score it." })
  @Optional() @IsInt({ message: 'presenceGraceMinutes must be a whole number of minutes' }) @Min(0) @Max(LIMITS.presenceGraceMax)
  presenceGraceMinutes?: number;
}

export class UpdateEveningDto extends EveningFieldsDto implements UpdateEveningRequest {
  @ApiPropertyOptional({ type: RulesDto }) @Optional() @ValidateNested() @Type(() => RulesDto)
  rules?: RulesDto;

  @ApiPropertyOptional() @Optional() @SingleLine() @IsString() @IsNotEmpty({ message: 'title must not be empty' }) @MaxLength(LIMITS.titleMax)
  title?: string;
}

export class CreateEveningDto extends EveningFieldsDto implements CreateEveningRequest {
  @ApiProperty({ example: 'Idols-avond #In de buurt' })
  @SingleLine() @IsString() @IsNotEmpty({ message: 'title must not be empty' }) @MaxLength(LIMITS.titleMax)
  title: string;
}

export class CopyEveningDto implements CopyEveningRequest {
  @ApiPropertyOptional({ example: 'Idols-avond #In de buurt, voorjaar' })
  @Optional() @SingleLine() @IsString() @IsNotEmpty({ message: 'title must not be empty' }) @MaxLength(LIMITS.titleMax)
  title?: string;
  @ApiProperty({ description: 'Whether the bidders come along (name and contact person only).' })
  @IsBoolean({ message: 'bidders must be true or false' })
  bidders: boolean;
}

export class BidderDto implements BidderInput {
  @ApiProperty({ example: 'Stichting Wijkkracht' }) @SingleLine() @IsString() @IsNotEmpty({ message: 'name must not be empty' }) @MaxLength(LIMITS.nameMax)
  name: string;
  @ApiPropertyOptional() @Optional() @SingleLine() @IsString() @MaxLength(LIMITS.nameMax)
  contactPerson?: string;
  @ApiPropertyOptional() @Optional() @SingleLine() @IsString() @MaxLength(LIMITS.titleMax)
  pitchTitle?: string;
  @ApiPropertyOptional() @Optional() @Trim() @IsString() @MaxLength(LIMITS.textMax)
  pitchSummary?: string;
  @ApiProperty({ minimum: 1, maximum: LIMITS.pitchMinutesMax, example: 10 })
  @IsInt({ message: 'pitchMinutes must be a whole number of minutes' }) @Min(1) @Max(LIMITS.pitchMinutesMax)
  pitchMinutes: number;
  @ApiPropertyOptional({ minimum: 0, maximum: LIMITS.qaMinutesMax, example: 5 })
  @Optional() @IsInt({ message: 'qaMinutes must be a whole number of minutes' }) @Min(0) @Max(LIMITS.qaMinutesMax)
  qaMinutes?: number;
}

export class UpdateBidderDto implements UpdateBidderRequest {
  @ApiPropertyOptional() @Optional() @SingleLine() @IsString() @IsNotEmpty({ message: 'name must not be empty' }) @MaxLength(LIMITS.nameMax)
  name?: string;
  @ApiPropertyOptional() @Optional() @SingleLine() @IsString() @MaxLength(LIMITS.nameMax)
  contactPerson?: string;
  @ApiPropertyOptional() @Optional() @SingleLine() @IsString() @MaxLength(LIMITS.titleMax)
  pitchTitle?: string;
  @ApiPropertyOptional() @Optional() @Trim() @IsString() @MaxLength(LIMITS.textMax)
  pitchSummary?: string;
  @ApiPropertyOptional() @Optional() @IsInt({ message: 'pitchMinutes must be a whole number of minutes' }) @Min(1) @Max(LIMITS.pitchMinutesMax)
  pitchMinutes?: number;
  @ApiPropertyOptional() @Optional() @IsInt({ message: 'qaMinutes must be a whole number of minutes' }) @Min(0) @Max(LIMITS.qaMinutesMax)
  qaMinutes?: number;
}

export class RunningOrderDto implements RunningOrderRequest {
  @ApiProperty({ type: [String], description: 'Every bidder id of the evening, once, in the new order.' })
  @IsArray({ message: '$property must be a list' }) @ArrayMinSize(1) @ArrayMaxSize(LIMITS.biddersMax) @ArrayUnique({ message: 'bidderIds must not repeat a bidder' }) @IsUUID('all', { each: true })
  bidderIds: string[];
}

export class DrawDto implements DrawRequest {
  @ApiPropertyOptional({ description: 'For example the numbers of dice thrown in public. A random seed is made when absent.' })
  @Optional() @SingleLine() @IsString() @IsNotEmpty({ message: 'seed must not be empty when given' }) @MaxLength(LIMITS.seedMax)
  seed?: string;
}

export class DrawCommitDto implements DrawCommitRequest {
  @ApiProperty({ description: 'SHA-256 of the seed, 64 lower-case hex digits: printf \'%s\' "$SEED" | sha256sum', example: 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855' })
  @IsString() @Matches(/^[0-9a-f]{64}$/, { message: 'hash must be a SHA-256 in 64 lower-case hexadecimal digits' })
  hash: string;
}

export class DrawContributionDto implements DrawContributionRequest {
  @ApiProperty({ example: '7319', description: 'Any text; it becomes one line of the draw\'s seed.' })
  @SingleLine() @IsString() @IsNotEmpty({ message: 'text must not be empty' }) @MaxLength(LIMITS.seedMax)
  text: string;
  @ApiProperty({ example: 'Stichting Wijkkracht', description: 'Who contributes it (a bidder, for example).' })
  @SingleLine() @IsString() @IsNotEmpty({ message: 'by must not be empty' }) @MaxLength(LIMITS.nameMax)
  by: string;
}

export class CriterionDto implements CriterionInput {
  @ApiProperty({ example: 'Aansluiting bij de wijk' }) @SingleLine() @IsString() @IsNotEmpty({ message: 'name must not be empty' }) @MaxLength(LIMITS.nameMax)
  name: string;
  @ApiPropertyOptional() @Optional() @Trim() @IsString() @MaxLength(LIMITS.textMax)
  explanation?: string;
  @ApiProperty({ minimum: 1, maximum: 100, example: 20 })
  @IsInt({ message: 'weight must be a whole percentage' }) @Min(1) @Max(100)
  weight: number;
  @ApiPropertyOptional({ example: 'Gunningscriterium B: plan van aanpak' }) @Optional() @SingleLine() @IsString() @MaxLength(LIMITS.shortTextMax)
  awardCriterion?: string;
  @ApiPropertyOptional({ example: { '5': 'Kent de wijk door en door' } }) @Optional() @IsDescriptorMap(LIMITS.scaleLevelsMax, 1000)
  levelDescriptors?: Record<string, string>;
}

export class UpdateCriterionDto implements UpdateCriterionRequest {
  @ApiPropertyOptional() @Optional() @SingleLine() @IsString() @IsNotEmpty({ message: 'name must not be empty' }) @MaxLength(LIMITS.nameMax)
  name?: string;
  @ApiPropertyOptional() @Optional() @Trim() @IsString() @MaxLength(LIMITS.textMax)
  explanation?: string;
  @ApiPropertyOptional() @Optional() @IsInt({ message: 'weight must be a whole percentage' }) @Min(1) @Max(100)
  weight?: number;
  @ApiPropertyOptional() @Optional() @SingleLine() @IsString() @MaxLength(LIMITS.shortTextMax)
  awardCriterion?: string;
  @ApiPropertyOptional() @Optional() @IsDescriptorMap(LIMITS.scaleLevelsMax, 1000)
  levelDescriptors?: Record<string, string>;
}

export class CriteriaOrderDto implements CriteriaOrderRequest {
  @ApiProperty({ type: [String] })
  @IsArray({ message: '$property must be a list' }) @ArrayMinSize(1) @ArrayMaxSize(LIMITS.criteriaMax) @ArrayUnique({ message: 'criterionIds must not repeat a criterion' }) @IsUUID('all', { each: true })
  criterionIds: string[];
}

export class WeightDto {
  @ApiProperty() @IsUUID('all', { message: 'criterionId must be a criterion id' })
  criterionId: string;
  @ApiProperty() @IsInt({ message: 'weight must be a whole percentage' }) @Min(1) @Max(100)
  weight: number;
}

export class WeightsDto implements WeightsRequest {
  @ApiProperty({ type: [WeightDto] })
  @IsArray({ message: '$property must be a list' }) @ArrayMinSize(1) @ArrayMaxSize(LIMITS.criteriaMax) @ValidateNested({ each: true }) @Type(() => WeightDto)
  weights: WeightDto[];
}

export class ScaleLevelDto implements ScaleLevel {
  @ApiProperty() @IsInt({ message: 'value must be a whole number' }) @Min(0) @Max(100)
  value: number;
  @ApiProperty() @SingleLine() @IsString() @IsNotEmpty({ message: 'label must not be empty' }) @MaxLength(60)
  label: string;
  @ApiProperty() @Trim() @IsString() @MaxLength(1000)
  description: string;
}

export class ScaleDto implements ScaleRequest {
  @ApiProperty({ enum: SCALE_KINDS }) @IsIn(SCALE_KINDS, { message: `kind must be one of ${SCALE_KINDS.join(', ')}` })
  kind: ScaleKind;
  @ApiProperty({ type: [ScaleLevelDto] })
  @IsArray({ message: '$property must be a list' }) @ArrayMinSize(LIMITS.scaleLevelsMin) @ArrayMaxSize(LIMITS.scaleLevelsMax) @ValidateNested({ each: true }) @Type(() => ScaleLevelDto)
  levels: ScaleLevelDto[];
}


export class AwardCriterionDto {
  @ApiProperty({ example: 'B. Plan van aanpak' })
  @SingleLine() @IsString() @IsNotEmpty({ message: 'name must not be empty' }) @MaxLength(LIMITS.shortTextMax)
  name: string;
  @ApiProperty({ minimum: 0, maximum: 100, example: 40, description: 'The published weight in percent (at most two decimals).' })
  @IsNumber({ maxDecimalPlaces: 2, allowNaN: false, allowInfinity: false }, { message: 'weight must be a percentage with at most two decimals' }) @Min(0) @Max(100)
  weight: number;
  @ApiPropertyOptional() @Optional() @Trim() @IsString() @MaxLength(LIMITS.textMax)
  description?: string;
}

/** The tender's award frame, replaced as a whole before the freeze. */
export class AwardDto implements AwardRequest {
  @ApiProperty({ type: [AwardCriterionDto], description: 'In the published order; may be empty.' })
  @IsArray({ message: '$property must be a list' }) @ArrayMaxSize(LIMITS.awardCriteriaMax) @ValidateNested({ each: true }) @Type(() => AwardCriterionDto)
  criteria: AwardCriterionDto[];
  @ApiPropertyOptional({ example: 'Aanbestedingsleidraad §4.2, TenderNed 123456' }) @Optional() @Trim() @IsString() @MaxLength(LIMITS.shortTextMax)
  publishedIn?: string;
  @ApiProperty({ enum: EVENING_ANNOUNCED }) @IsIn(EVENING_ANNOUNCED, { message: `eveningAnnounced must be one of ${EVENING_ANNOUNCED.join(', ')}` })
  eveningAnnounced: EveningAnnounced;
  @ApiPropertyOptional({ example: 'Aanbestedingsleidraad §3.5' }) @Optional() @Trim() @IsString() @MaxLength(LIMITS.shortTextMax)
  announcedWhere?: string;
}
