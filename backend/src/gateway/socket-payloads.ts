import { plainToInstance } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsBoolean,
  IsIn,
  IsInt,
  IsString,
  IsUUID,
  Max,
  MaxLength,
  Min,
  MinLength,
  validateSync,
  ValidateIf,
} from 'class-validator';
import { Optional } from '../platform/common/validators';
import {
  BALLOT_PROGRESS_STATES,
  CLOSE_COUNTDOWN_MAX,
  cleanJsonStrings,
  HOST_COMMAND_TYPES,
  LIMITS,
  MODERATION_ACTIONS,
  QUESTION_LIMITS,
  type ModerationAction,
  type QuestionAsk,
  type QuestionListRequest,
  type QuestionModeration,
  type QuestionSettings,
  type QuestionVote,
  SCREEN_VIEWS,
  type BallotProgress,
  type BallotProgressState,
  type FirstNameChange,
  type HostCommand,
  type HostCommandOf,
  type HostCommandType,
  type ScreenView,
  type TiesDeclaration,
  type SocketError,
} from '@buurtjury/shared';
import { jsonShapeProblem } from '../platform/common/json-shape';
import { SingleLine } from '../platform/common/transforms';

/** Validated `attendee:ties` payload; implements the event map's type so the two cannot drift. */
export class TiesPayload implements TiesDeclaration {
  @IsArray() @ArrayMaxSize(LIMITS.biddersMax) @IsUUID('all', { each: true, message: 'bidderIds must be bidder ids' }) bidderIds: string[];
}

/** Validated `attendee:name` payload. */
export class NamePayload implements FirstNameChange {
  @SingleLine() @IsString() @MaxLength(40, { message: 'firstName has at most 40 characters' }) firstName: string;
}

/**
 * Validated `question:ask` payload. Length, emptiness and control characters are the shared rules'
 * (`questionTextProblem`), checked by the service so the refusal carries its reason; here only a
 * generous bound, so an oversized message is refused before anything else.
 */
export class QuestionAskPayload implements QuestionAsk {
  @IsUUID('all', { message: 'questionId must be a UUID made on the phone' }) questionId: string;
  @IsUUID('all', { message: 'bidderId must be a bidder id' }) bidderId: string;
  @IsString() @MaxLength(QUESTION_LIMITS.textMax * 4, { message: `text has at most ${QUESTION_LIMITS.textMax} characters` }) text: string;
  @Optional() @IsString() @MaxLength(QUESTION_LIMITS.firstNameMax * 4, { message: `firstName has at most ${QUESTION_LIMITS.firstNameMax} characters` }) firstName?: string;
}

/** Validated `question:vote` payload. */
export class QuestionVotePayload implements QuestionVote {
  @IsUUID('all', { message: 'questionId must be a question id' }) questionId: string;
}

/** Validated `question:list` payload. */
export class QuestionListPayload implements QuestionListRequest {
  @Optional() @IsUUID('all', { message: 'bidderId must be a bidder id' }) bidderId?: string;
}

/** Validated `question:moderate` payload. */
export class QuestionModerationPayload implements QuestionModeration {
  @IsUUID('all', { message: 'questionId must be a question id' }) questionId: string;
  @IsIn(MODERATION_ACTIONS, { message: `action must be one of ${MODERATION_ACTIONS.join(', ')}` }) action: ModerationAction;
  @Optional() @IsUUID('all', { message: 'intoId must be a question id' }) intoId?: string;
}

/** Validated `question:settings` payload. */
export class QuestionSettingsPayload implements QuestionSettings {
  @IsBoolean({ message: 'preModeration must be true or false' }) preModeration: boolean;
  @IsBoolean({ message: 'duringPitch must be true or false' }) duringPitch: boolean;
}

/** Validated `ballot:progress` payload. */
export class ProgressPayload implements BallotProgress {
  @IsUUID('all', { message: 'bidderId must be a bidder id' }) bidderId: string;
  @IsIn(BALLOT_PROGRESS_STATES, { message: `state must be one of ${BALLOT_PROGRESS_STATES.join(', ')}` }) state: BallotProgressState;
}

/** Seconds phones and the screen count down before scoring closes (0: at once). */
const Countdown = () => (target: object, key: string) => {
  Optional()(target, key);
  IsInt({ message: 'countdownSeconds must be a whole number of seconds' })(target, key);
  Min(0)(target, key);
  Max(CLOSE_COUNTDOWN_MAX)(target, key);
};

/** The fields of one kind of host command besides `type`; each command class below implements its kind's. */
type CommandFields<T extends HostCommandType> = Omit<HostCommandOf<T>, 'type'>;

class CommandBase {
  @IsIn(HOST_COMMAND_TYPES) type: HostCommandType;
}
class BidderCommand extends CommandBase implements CommandFields<'skip-pitch'> {
  @IsUUID('all', { message: 'bidderId must be a bidder id' }) bidderId: string;
}
class CloseScoringCommand extends BidderCommand implements CommandFields<'close-scoring'> {
  @Countdown() countdownSeconds?: number;
}
class StartPitchCommand extends BidderCommand implements CommandFields<'start-pitch'> {
  @Optional() @IsBoolean() closeOpenScoring?: boolean;
  @Countdown() countdownSeconds?: number;
}
class NextPitchCommand extends CommandBase implements CommandFields<'next-pitch'> {
  @Optional() @IsBoolean() closeOpenScoring?: boolean;
  @Countdown() countdownSeconds?: number;
}
class OpenScoringCommand extends BidderCommand implements CommandFields<'open-scoring'> {
  @ValidateIf((_, v) => v !== undefined && v !== null) @IsInt({ message: 'autoCloseMinutes must be a whole number of minutes' }) @Min(1) @Max(120) autoCloseMinutes?: number | null;
}
class ReopenScoringCommand extends BidderCommand implements CommandFields<'reopen-scoring'> {
  @SingleLine() @IsString() @MinLength(3, { message: 'give a reason for reopening (at least 3 characters)' }) @MaxLength(300) reason: string;
}
class SetScreenCommand extends CommandBase implements CommandFields<'set-screen'> {
  @IsIn(SCREEN_VIEWS, { message: `view must be one of ${SCREEN_VIEWS.join(', ')}` }) view: ScreenView;
}
class SetLiveResultsCommand extends CommandBase implements CommandFields<'set-live-results'> {
  @IsBoolean({ message: 'on must be true or false' }) on: boolean;
}
class PlainCommand extends CommandBase implements CommandFields<'reveal-next' | 'end-evening'> {}

/** The class that validates each kind of command; its instances have exactly that kind's fields. */
const COMMAND_CLASSES: { [T in HostCommandType]: new () => CommandBase & CommandFields<T> } = {
  'start-pitch': StartPitchCommand,
  'next-pitch': NextPitchCommand,
  'open-scoring': OpenScoringCommand,
  'close-scoring': CloseScoringCommand,
  'reopen-scoring': ReopenScoringCommand,
  'skip-pitch': BidderCommand,
  'set-screen': SetScreenCommand,
  'set-live-results': SetLiveResultsCommand,
  'reveal-next': PlainCommand,
  'end-evening': PlainCommand,
};

export type Parsed<T> = { ok: true; value: T } | { ok: false; error: SocketError };

const invalid = (message: string): Parsed<never> => ({ ok: false, error: { code: 'INVALID_PAYLOAD', message } });

/**
 * Validates a socket payload against a class; unknown fields, reserved keys, too many fields and
 * deep nesting are refused. Its strings are cleaned by the one Unicode policy (`cleanText`) first.
 */
export function parsePayload<T extends object>(cls: new () => T, raw: unknown): Parsed<T> {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) return invalid('The message must be an object.');
  const problem = jsonShapeProblem(raw);
  if (problem) return invalid(`The message is not valid: ${problem}.`);
  const value = plainToInstance(cls, cleanJsonStrings(raw));
  const errors = validateSync(value, { whitelist: true, forbidNonWhitelisted: true, stopAtFirstError: true });
  if (errors.length === 0) return { ok: true, value };
  const messages = errors.flatMap((e) => Object.values(e.constraints ?? {}));
  return invalid(`The message is not valid: ${messages.slice(0, 3).join('; ')}`);
}

export function parseHostCommand(raw: unknown): Parsed<HostCommand> {
  const type = (raw as { type?: unknown } | null)?.type;
  if (typeof type !== 'string' || !(HOST_COMMAND_TYPES as readonly string[]).includes(type)) {
    return { ok: false, error: { code: 'INVALID_COMMAND', message: `type must be one of ${HOST_COMMAND_TYPES.join(', ')}` } };
  }
  return parsePayload(COMMAND_CLASSES[type as HostCommandType], raw) as Parsed<HostCommand>;
}
