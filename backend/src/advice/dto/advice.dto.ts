import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, ArrayUnique, IsArray, IsBoolean, IsDefined, IsEmail, IsIn, IsInt, IsNotEmpty, IsString, IsUUID, Matches, MaxLength, Min, ValidateNested } from 'class-validator';
import {
  ADVICE_LIMITS,
  AUTHORSHIP_LIMITS,
  LANGUAGES,
  type AdviceAuthorship,
  type EnglishBidderTexts,
  type EnglishCriterion,
  type EnglishScaleLevel,
  type EnglishVersions,
  LIMITS,
  type AdviceContent,
  type BidderAdvice,
  type CreateCommitteeLinkRequest,
  type IssueAdviceRequest,
  type Language,
  type QuoteReview,
  type SaveAdviceRequest,
} from '@buurtjury/shared';
import { NormaliseEmail, SingleLine, Trim } from '../../platform/common/transforms';
import { IsQuoteReviews, Optional } from '../../platform/common/validators';

const TEXT_MAX = `$property has at most ${ADVICE_LIMITS.textMax} characters`;

/**
 * The five texts of the advice, in Dutch (the advice) or in English (its English versions): the same
 * fields with the same limits, so the English versions inherit them.
 */
export class AdviceTextsDto {
  @ApiProperty() @IsString() @MaxLength(ADVICE_LIMITS.textMax, { message: TEXT_MAX })
  summary: string;
  @ApiProperty() @IsString() @MaxLength(ADVICE_LIMITS.textMax, { message: TEXT_MAX })
  recommendation: string;
  @ApiProperty() @IsString() @MaxLength(ADVICE_LIMITS.textMax, { message: TEXT_MAX })
  minorityViews: string;
  @ApiProperty() @IsString() @MaxLength(ADVICE_LIMITS.textMax, { message: TEXT_MAX })
  incidents: string;
  @ApiProperty() @IsString() @MaxLength(ADVICE_LIMITS.textMax, { message: TEXT_MAX })
  limitations: string;
}

/** The organisers' three texts about one bidder (in either language). */
export class EnglishBidderTextsDto implements EnglishBidderTexts {
  @ApiProperty() @IsUUID('all', { message: 'bidderId must be the id of a bidder' })
  bidderId: string;
  @ApiProperty() @IsString() @MaxLength(ADVICE_LIMITS.textMax, { message: TEXT_MAX })
  strengths: string;
  @ApiProperty() @IsString() @MaxLength(ADVICE_LIMITS.textMax, { message: TEXT_MAX })
  concerns: string;
  @ApiProperty() @IsString() @MaxLength(ADVICE_LIMITS.textMax, { message: TEXT_MAX })
  conditions: string;
}

/** The texts about one bidder, with the picked quotes. */
export class BidderAdviceDto extends EnglishBidderTextsDto implements BidderAdvice {
  @ApiProperty({ type: [String], description: 'Ids of picked remarks (from `remarks` of the workspace).' })
  @IsArray()
  @ArrayMaxSize(ADVICE_LIMITS.quotesPerBidder, { message: `quoteIds holds at most ${ADVICE_LIMITS.quotesPerBidder} quotes per bidder` })
  @ArrayUnique({ message: 'quoteIds names a remark twice' })
  @Matches(/^[0-9a-f]{16}$/, { each: true, message: 'quoteIds holds remark ids (16 hexadecimal digits)' })
  quoteIds: string[];
}

export class EnglishCriterionDto implements EnglishCriterion {
  @ApiProperty() @IsUUID('all', { message: 'criterionId must be the id of a criterion' })
  criterionId: string;
  @ApiProperty() @SingleLine() @IsString() @MaxLength(LIMITS.nameMax)
  name: string;
  @ApiProperty() @IsString() @MaxLength(ADVICE_LIMITS.textMax, { message: TEXT_MAX })
  explanation: string;
}

export class EnglishScaleLevelDto implements EnglishScaleLevel {
  @ApiProperty() @IsInt({ message: 'value must be a whole number' })
  value: number;
  @ApiProperty() @SingleLine() @IsString() @MaxLength(LIMITS.nameMax)
  label: string;
  @ApiProperty() @IsString() @MaxLength(ADVICE_LIMITS.textMax, { message: TEXT_MAX })
  description: string;
}

/** English versions of the organisers' texts, criteria and scale grades: every field may be empty. */
export class EnglishVersionsDto extends AdviceTextsDto implements EnglishVersions {
  @ApiProperty({ type: [EnglishBidderTextsDto] }) @IsArray() @ArrayMaxSize(LIMITS.biddersMax) @ValidateNested({ each: true }) @Type(() => EnglishBidderTextsDto)
  bidders: EnglishBidderTextsDto[];
  @ApiProperty({ type: [EnglishCriterionDto] }) @IsArray() @ArrayMaxSize(LIMITS.criteriaMax) @ValidateNested({ each: true }) @Type(() => EnglishCriterionDto)
  criteria: EnglishCriterionDto[];
  @ApiProperty({ type: [EnglishScaleLevelDto] }) @IsArray() @ArrayMaxSize(LIMITS.scaleLevelsMax) @ValidateNested({ each: true }) @Type(() => EnglishScaleLevelDto)
  scale: EnglishScaleLevelDto[];
}

export class AdviceContentDto extends AdviceTextsDto implements AdviceContent {
  @ApiProperty({ type: [BidderAdviceDto] })
  @IsArray()
  @ArrayMaxSize(LIMITS.biddersMax)
  @ValidateNested({ each: true })
  @Type(() => BidderAdviceDto)
  bidders: BidderAdviceDto[];
  @ApiPropertyOptional({ description: 'Per picked quote id: { check, masked } as confirmed by the host (see RemarkSuggestion).' })
  @Optional()
  @IsQuoteReviews(LIMITS.biddersMax * ADVICE_LIMITS.quotesPerBidder)
  quoteReviews?: Record<string, QuoteReview>;
  @ApiPropertyOptional({ type: EnglishVersionsDto, description: 'English versions of the organisers’ texts, criteria and scale grades, for the English edition.' })
  @Optional()
  @ValidateNested()
  @Type(() => EnglishVersionsDto)
  english?: EnglishVersionsDto;
}

export class SaveAdviceDto implements SaveAdviceRequest {
  @ApiProperty({ type: AdviceContentDto }) @ValidateNested() @Type(() => AdviceContentDto) @IsNotEmpty({ message: 'content is required' })
  content: AdviceContentDto;
  @ApiProperty({ description: 'The draft revision the edit started from.' }) @IsInt({ message: 'revision must be a whole number' }) @Min(0)
  revision: number;
}

/** Who issues the advice and to whom: every field one line; only the postal address may be empty. */
export class AdviceAuthorshipDto implements AdviceAuthorship {
  @ApiProperty({ example: 'Anna de Vries' })
  @SingleLine() @IsString() @IsNotEmpty({ message: 'name is required: who issues the advice' }) @MaxLength(AUTHORSHIP_LIMITS.lineMax)
  name: string;
  @ApiProperty({ example: 'voorzitter' })
  @SingleLine() @IsString() @IsNotEmpty({ message: 'role is required: the issuer’s role in the network' }) @MaxLength(AUTHORSHIP_LIMITS.lineMax)
  role: string;
  @ApiProperty({ example: 'Adviescommissie Wijkaanpak, t.a.v. de voorzitter' })
  @SingleLine() @IsString() @IsNotEmpty({ message: 'addressee is required: to whom the advice goes' }) @MaxLength(AUTHORSHIP_LIMITS.longLineMax)
  addressee: string;
  @ApiProperty({ example: 'AMF-2026-017' })
  @SingleLine() @IsString() @IsNotEmpty({ message: 'reference is required: the reference (kenmerk) the committee should quote' }) @MaxLength(AUTHORSHIP_LIMITS.lineMax)
  reference: string;
  @ApiProperty({ example: 'Bewonersadvies aanbesteding Wijkaanpak' })
  @SingleLine() @IsString() @IsNotEmpty({ message: 'subject is required' }) @MaxLength(AUTHORSHIP_LIMITS.longLineMax)
  subject: string;
  @ApiProperty({ example: 'advies@bewonersnetwerk.nl', description: 'Where the committee’s reply goes.' })
  @NormaliseEmail() @IsString() @MaxLength(AUTHORSHIP_LIMITS.emailMax) @IsEmail({}, { message: 'replyEmail must be an e-mail address' })
  replyEmail: string;
  @ApiProperty({ example: 'Postbus 100, 3800 AA Amersfoort', description: 'A postal address for the reply as well; may be empty.' })
  @SingleLine() @IsString() @MaxLength(AUTHORSHIP_LIMITS.longLineMax)
  replyAddress: string;
}

export class IssueAdviceDto implements IssueAdviceRequest {
  @ApiProperty({ type: AdviceAuthorshipDto })
  @IsDefined({ message: 'authorship is required: who issues the advice, to whom, and where the reply goes' })
  @ValidateNested()
  @Type(() => AdviceAuthorshipDto)
  authorship: AdviceAuthorshipDto;
  @ApiProperty() @IsInt({ message: 'revision must be a whole number' }) @Min(0)
  revision: number;
  @ApiPropertyOptional({ description: 'What this version corrects; required from the second version on.' })
  @Optional()
  @Trim()
  @IsString()
  @MaxLength(ADVICE_LIMITS.noteMax)
  note?: string;
  @ApiPropertyOptional({
    description:
      'Issue parts that are empty (a bidder with no strengths, concerns or conditions) as not written. Without it, such a draft is refused with 422 ADVICE_EMPTY_SECTIONS listing the parts.',
  })
  @Optional()
  @IsBoolean({ message: 'acceptEmpty must be true or false' })
  acceptEmpty?: boolean;
}

export class CreateCommitteeLinkDto implements CreateCommitteeLinkRequest {
  @ApiProperty({ example: 'Adviescommissie, voorzitter' })
  @SingleLine()
  @IsString()
  @IsNotEmpty({ message: 'label is required: say who the link is for' })
  @MaxLength(ADVICE_LIMITS.labelMax)
  label: string;

  @ApiPropertyOptional({ example: 'voorzitter@gemeente.nl', description: 'With SMTP_URL set: mail the link to this address (not stored)' })
  @Optional() @NormaliseEmail() @IsEmail({}, { message: 'email must be a valid e-mail address' }) @MaxLength(LIMITS.emailMax)
  email?: string;

  @ApiPropertyOptional({ enum: LANGUAGES, description: 'The language of the mail; nl by default' })
  @Optional() @IsIn(LANGUAGES, { message: `language must be one of ${LANGUAGES.join(', ')}` })
  language?: Language;
}
