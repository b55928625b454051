/**
 * The one socket.io event map. The server (`Server<ClientToServerEvents, ServerToClientEvents>`)
 * and every client (`Socket<ServerToClientEvents, ClientToServerEvents>`) are typed with it.
 *
 * Connecting: pass a `SocketAuth` as socket.io's `auth`. A refused connection gets a
 * `connect_error` whose `data` is a `SocketError`.
 */
import type { ErrorParams, ErrorReason, SOCKET_ERROR_CODES } from '../api/errors';
import type { ModerationList, MyQuestions, OwnQuestion, QuestionAsk, QuestionBoard, QuestionBoardVotes, QuestionListRequest, QuestionModeration, QuestionSettings, QuestionVote } from '../questions/questions';
import type { AttendeeSelf, BallotProgress, BallotReceipt, BallotSubmission, HostCommand, HostCommandResult, LiveState, Programme, Reveal, Tally } from './types';

export type SocketAuth =
  | { role: 'attendee'; joinCode: string; attendeeToken: string }
  | { role: 'host'; eveningId: string; token: string }
  /** `token`: an organiser's session token, when an organiser opens the screen (not counted as an anonymous screen). */
  | { role: 'screen'; joinCode: string; token?: string };
export type SocketRole = SocketAuth['role'];

/** The codes of the one error vocabulary (api/errors.ts) that the socket uses. */
export type SocketErrorCode = (typeof SOCKET_ERROR_CODES)[number];

/** A refusal on the socket: the same shape as a REST refusal's body (code, reason, params, English message). */
export interface SocketError {
  code: SocketErrorCode;
  reason?: ErrorReason;
  params?: ErrorParams;
  message: string;
}

/**
 * Sent to a connection just before the server closes it for good: its ticket was released for
 * another phone (TICKET_RELEASED), or its organiser's session ended (SESSION_ENDED: logged out,
 * ended from another device, expired, password changed, member removed). The client does not
 * reconnect with the same credentials.
 */
export interface ConnectionEnded {
  code: Extract<SocketErrorCode, 'TICKET_RELEASED' | 'SESSION_ENDED'>;
  reason?: ErrorReason;
  message: string;
}

export type Ack<T> = ({ ok: true } & T) | ({ ok: false } & SocketError);

export interface AttendeeSnapshot {
  role: 'attendee';
  programme: Programme;
  state: LiveState;
  me: AttendeeSelf;
  reveal: Reveal | null;
}
export interface HostSnapshot {
  role: 'host';
  programme: Programme;
  state: LiveState;
  tally: Tally;
  reveal: Reveal | null;
  joinUrl: string;
}
export interface ScreenSnapshot {
  role: 'screen';
  programme: Programme;
  state: LiveState;
  tally: Tally;
  reveal: Reveal | null;
  joinUrl: string;
}
export type Snapshot = AttendeeSnapshot | HostSnapshot | ScreenSnapshot;

/** The payload of `attendee:ties`: the bidders this phone declares a tie with (replaces earlier ones). */
export interface TiesDeclaration {
  bidderIds: string[];
}
/** The payload of `attendee:name`: the first name shown with this phone's remarks ('' to clear it). */
export interface FirstNameChange {
  firstName: string;
}

export interface ClientToServerEvents {
  /** Everything the client needs to draw its screen; call it after every (re)connect. */
  'session:snapshot': (ack: (result: Ack<{ snapshot: Snapshot }>) => void) => void;
  'attendee:ties': (payload: TiesDeclaration, ack: (result: Ack<{ me: AttendeeSelf }>) => void) => void;
  'attendee:name': (payload: FirstNameChange, ack: (result: Ack<{ me: AttendeeSelf }>) => void) => void;
  'ballot:submit': (payload: BallotSubmission, ack: (result: Ack<BallotReceipt>) => void) => void;
  /** The phone's owner started filling in a pitch's form, has a ballot waiting on the phone, or neither (see BallotProgress). */
  'ballot:progress': (payload: BallotProgress, ack: (result: Ack<object>) => void) => void;
  'host:command': (payload: HostCommand, ack: (result: Ack<HostCommandResult>) => void) => void;
  /** A phone's question to the bidder on stage (shared/src/questions); a resend with the same id is answered with the stored question. */
  'question:ask': (payload: QuestionAsk, ack: (result: Ack<{ question: OwnQuestion }>) => void) => void;
  /** A phone's vote for a shown question: one per phone and question (a second one changes nothing). */
  'question:vote': (payload: QuestionVote, ack: (result: Ack<{ votes: number }>) => void) => void;
  /** A phone's own questions (with their status: waiting, shown, hidden, merged, answered) and its votes. */
  'question:mine': (ack: (result: Ack<MyQuestions>) => void) => void;
  /** The shown questions of the pitch on stage (every role); call it after every (re)connect. */
  'question:board': (ack: (result: Ack<{ board: QuestionBoard }>) => void) => void;
  /** Organisers and moderators: every question of a pitch (the current one when no bidder is given). */
  'question:list': (payload: QuestionListRequest, ack: (result: Ack<{ list: ModerationList }>) => void) => void;
  /** Organisers and moderators: approve, hide, merge, mark answered, or undo answered. */
  'question:moderate': (payload: QuestionModeration, ack: (result: Ack<{ list: ModerationList }>) => void) => void;
  /** Organisers and moderators: pre-moderation on or off, questions during the pitch or only in the Q&A minutes. */
  'question:settings': (payload: QuestionSettings, ack: (result: Ack<{ settings: QuestionSettings }>) => void) => void;
}

const CLIENT_EVENT_LIST = [
  'session:snapshot',
  'attendee:ties',
  'attendee:name',
  'ballot:submit',
  'ballot:progress',
  'host:command',
  'question:ask',
  'question:vote',
  'question:mine',
  'question:board',
  'question:list',
  'question:moderate',
  'question:settings',
] as const satisfies readonly (keyof ClientToServerEvents)[];
type UnlistedClientEvent = Exclude<keyof ClientToServerEvents, (typeof CLIENT_EVENT_LIST)[number]>;
/**
 * Every event a client may emit, for code that walks them all (the fuzz suite, access tables).
 * Checked at compile time against ClientToServerEvents: a name that is no event does not
 * compile, and neither does an event left out (the error names it).
 */
export const CLIENT_EVENTS: [UnlistedClientEvent] extends [never] ? typeof CLIENT_EVENT_LIST : { missingFromClientEvents: UnlistedClientEvent } =
  CLIENT_EVENT_LIST;

export interface ServerToClientEvents {
  /** To every room of the evening whenever the programme's state changes. */
  'live:state': (state: LiveState) => void;
  /** To the host room, and the screen room (results only when live results are on); at a bounded rate. */
  'live:tally': (tally: Tally) => void;
  /** To every room when the host reveals a place, and when the reveal is reset. */
  'live:reveal': (reveal: Reveal) => void;
  /** To one connection, just before the server closes it (see ConnectionEnded). */
  'session:ended': (notice: ConnectionEnded) => void;
  /** To every room of the evening when the shown questions change (at a bounded rate; keep the highest `version`); phones get it only when what they show changed, and `question:votes` when only the counts did. */
  'question:board': (board: QuestionBoard) => void;
  /**
   * To the phones, between full boards, when only the counts or the order of the board changed
   * (applyBoardVotes); a phone that cannot apply it asks for the full board.
   */
  'question:votes': (votes: QuestionBoardVotes) => void;
  /** To the host room (organisers and moderators) when any question of the current pitch changes (bounded rate; highest `version`). */
  'question:moderation': (list: ModerationList) => void;
  /** To one phone when one of its own questions changed (approved, hidden, merged, answered) or someone voted for it. */
  'question:mine': (mine: MyQuestions) => void;
}
