/**
 * Questions from the room (issue 17): during a pitch's Q&A minutes (and during the pitch when the
 * host allows it) a phone sends a question to the bidder on stage and upvotes others' questions;
 * moderators approve, hide or merge them before they show (pre-moderation, on by default), the big
 * screen shows the top approved ones and the host marks one answered. Questions are not ballots:
 * nothing here reaches the results. The advice's account of the evening says per bidder how many
 * were asked, shown and answered (`questionAccount`), and lists the shown ones in an appendix.
 *
 * The pure rules: what a question's text may be, when a pitch takes questions, the limits per
 * phone against flooding, the order of a list, and the account per bidder.
 */
import type { ErrorParams, ErrorReason } from '../api/errors';
import type { LiveState } from '../live/types';

export const QUESTION_STATUSES = ['pending', 'approved', 'hidden', 'merged', 'answered'] as const;
/**
 * pending: waiting for a moderator (pre-moderation); approved: shown on the screen and the phones;
 * hidden: not shown (the asker is told); merged: joined into another question (its votes go there);
 * answered: the host marked it answered (still listed, after the open ones).
 */
export type QuestionStatus = (typeof QUESTION_STATUSES)[number];

export const QUESTION_LIMITS = {
  /** Characters of a question (after the Unicode policy and trimming). */
  textMin: 3,
  textMax: 280,
  /** Characters of the optional first name. */
  firstNameMax: 40,
  /** Questions one phone may have open (waiting or shown, not answered) per pitch at once. */
  openPerPitch: 3,
  /** Questions one phone may ask per pitch in all (hidden and merged ones included). */
  perPitch: 10,
  /** A phone waits this long between two questions. */
  intervalMs: 10_000,
  /** Approved questions the phones' and the screen's board carries (most votes first). */
  boardSize: 30,
  /** Questions the big screen shows. */
  screenTop: 5,
  /** Questions the moderators' list carries per pitch (most votes first; the rest are counted). */
  moderationMax: 200,
} as const;

/** An evening's question settings: the host changes them in the console. */
export interface QuestionSettings {
  /** Questions wait for a moderator before they show (default on). */
  preModeration: boolean;
  /** Questions may be sent while the bidder is still presenting, not only in the Q&A minutes (default off). */
  duringPitch: boolean;
}
export const DEFAULT_QUESTION_SETTINGS: QuestionSettings = { preModeration: true, duringPitch: false };

/** A refusal as a reason of the one vocabulary with its parameters. */
export interface QuestionRefusal {
  reason: ErrorReason;
  params?: ErrorParams;
}

// C0 and C1 control characters (a line break is not allowed either: a question is one line).
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u001f\u007f-\u009f]/;

/** What is wrong with a question's text (already cleaned by the Unicode policy), or null. */
export function questionTextProblem(text: string): QuestionRefusal | null {
  if (CONTROL.test(text)) return { reason: 'question.control' };
  const length = [...text.trim()].length;
  if (length === 0) return { reason: 'question.empty' };
  if (length < QUESTION_LIMITS.textMin) return { reason: 'question.tooShort', params: { min: QUESTION_LIMITS.textMin } };
  if (length > QUESTION_LIMITS.textMax) return { reason: 'question.tooLong', params: { max: QUESTION_LIMITS.textMax } };
  return null;
}

/** What is wrong with a first name given with a question, or null ('' is no name). */
export function questionNameProblem(firstName: string): QuestionRefusal | null {
  if (CONTROL.test(firstName)) return { reason: 'question.control' };
  if ([...firstName].length > QUESTION_LIMITS.firstNameMax) return { reason: 'question.nameTooLong', params: { max: QUESTION_LIMITS.firstNameMax } };
  return null;
}

/** The bidders' pitch lengths, for when their Q&A minutes start. */
export interface QuestionPitch {
  bidderId: string;
  pitchMinutes: number;
}

/**
 * Whether the pitch of `bidderId` takes questions at `now`: the evening runs, it is the current
 * pitch and it is being presented, and its pitch minutes are over (its Q&A minutes), unless the
 * host allows questions during the pitch. Null when it does; otherwise why not.
 */
export function questionWindowProblem(state: LiveState, pitches: readonly QuestionPitch[], bidderId: string, settings: QuestionSettings, now: Date): QuestionRefusal | null {
  if (state.phase === 'before') return { reason: 'question.notStarted' };
  if (state.phase === 'ended') return { reason: 'question.eveningEnded' };
  const pitch = state.pitches.find((p) => p.bidderId === bidderId);
  const bidder = pitches.find((p) => p.bidderId === bidderId);
  if (!pitch || !bidder) return { reason: 'bidderNotOnProgramme' };
  if (state.currentBidderId !== bidderId || pitch.status !== 'presenting' || !pitch.startedAt) return { reason: 'question.notCurrent' };
  if (settings.duringPitch) return null;
  const qaFrom = Date.parse(pitch.startedAt) + bidder.pitchMinutes * 60_000;
  if (now.getTime() < qaFrom) return { reason: 'question.duringPitch', params: { minutes: Math.ceil((qaFrom - now.getTime()) / 60_000) } };
  return null;
}

/** One phone's earlier questions to the same pitch, for the limits. */
export interface AskedBefore {
  status: QuestionStatus;
  askedAt: number;
}

/**
 * Whether a phone may ask one more question to a pitch at `now`, given the questions it asked that
 * pitch before: at most `openPerPitch` open at once (waiting or shown, not answered), `perPitch`
 * in all, and `intervalMs` between two. Null when it may.
 */
export function questionLimitProblem(before: readonly AskedBefore[], now: number): QuestionRefusal | null {
  if (before.length >= QUESTION_LIMITS.perPitch) return { reason: 'question.tooMany', params: { max: QUESTION_LIMITS.perPitch } };
  const open = before.filter((q) => q.status === 'pending' || q.status === 'approved').length;
  if (open >= QUESTION_LIMITS.openPerPitch) return { reason: 'question.tooManyOpen', params: { max: QUESTION_LIMITS.openPerPitch } };
  const last = Math.max(-Infinity, ...before.map((q) => q.askedAt));
  const wait = last + QUESTION_LIMITS.intervalMs - now;
  if (wait > 0) return { reason: 'question.tooSoon', params: { seconds: Math.ceil(wait / 1000) } };
  return null;
}

/** The status a new question gets. */
export function initialStatus(settings: QuestionSettings): QuestionStatus {
  return settings.preModeration ? 'pending' : 'approved';
}

/** What a moderator (or the host) does with a question. */
export const MODERATION_ACTIONS = ['approve', 'hide', 'merge', 'answer', 'reopen'] as const;
export type ModerationAction = (typeof MODERATION_ACTIONS)[number];

/**
 * The status after a moderation action, or a refusal: approve and hide from any status but merged
 * (hiding an answered one too); answer only a shown one; reopen (undo answered) only an answered
 * one; merge only an open question into another open one of the same pitch (checked by the caller).
 */
export function moderate(status: QuestionStatus, action: ModerationAction): QuestionStatus | QuestionRefusal {
  if (status === 'merged') return { reason: 'question.merged' };
  switch (action) {
    case 'approve':
      return 'approved';
    case 'hide':
      return 'hidden';
    case 'answer':
      return status === 'approved' || status === 'answered' ? 'answered' : { reason: 'question.answerUnshown' };
    case 'reopen':
      return status === 'answered' ? 'approved' : { reason: 'question.notAnswered' };
    case 'merge':
      return status === 'hidden' ? { reason: 'question.mergeHidden' } : 'merged';
  }
}

/** Most votes first; then answered ones after open ones; then the earliest asked; then by id (a stable order). */
export function byVotes<T extends { votes: number; askedAt: string; id: string; status?: QuestionStatus }>(a: T, b: T): number {
  const answered = Number(a.status === 'answered') - Number(b.status === 'answered');
  return answered || b.votes - a.votes || (a.askedAt < b.askedAt ? -1 : a.askedAt > b.askedAt ? 1 : 0) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
}

const MODERATION_RANK: Record<QuestionStatus, number> = { pending: 0, approved: 0, answered: 1, hidden: 2, merged: 3 };

/** The moderators' order: open questions (waiting or shown) by votes, then answered, hidden and merged ones. */
export function moderationOrder<T extends { votes: number; askedAt: string; id: string; status: QuestionStatus }>(a: T, b: T): number {
  return MODERATION_RANK[a.status] - MODERATION_RANK[b.status] || byVotes(a, b);
}

/** A shown question as the phones and the screen see it. */
export interface BoardQuestion {
  id: string;
  bidderId: string;
  text: string;
  /** The asker's first name, if they gave one ('' otherwise). */
  firstName: string;
  votes: number;
  status: Extract<QuestionStatus, 'approved' | 'answered'>;
  askedAt: string;
}

/** A question as its asker sees it on their phone: also when it waits, was hidden or merged. */
export interface OwnQuestion {
  id: string;
  bidderId: string;
  text: string;
  firstName: string;
  votes: number;
  status: QuestionStatus;
  /** For a merged question: the text of the question it was merged into. */
  mergedInto: { id: string; text: string } | null;
  askedAt: string;
}

/** A question as the moderators see it. */
export interface ModerationQuestion extends OwnQuestion {
  /** Questions merged into this one. */
  merged: number;
}

/**
 * The shown questions of the pitch on stage, most votes first (`boardSize` at most), sent to every
 * phone and the screen whenever they change. `version` grows with every change (the newest change
 * time, in ms): a client keeps the board with the highest version, as boards may come from
 * different nodes.
 */
export interface QuestionBoard {
  eveningId: string;
  version: number;
  settings: QuestionSettings;
  bidderId: string | null;
  questions: BoardQuestion[];
  /** Shown questions of that pitch in all (the board may carry fewer). */
  shown: number;
}

/**
 * Between full boards, the phones get only the ids and counts of the board, in its order: sent when
 * the counts or the order changed but the board holds the same questions (texts, names, statuses)
 * as the last full board. A phone that does not know one of the ids, or holds a board of another
 * pitch, asks for the full board again.
 */
export interface QuestionBoardVotes {
  eveningId: string;
  version: number;
  bidderId: string | null;
  /** [question id, votes], most votes first (the board's order). */
  votes: [string, number][];
  shown: number;
}

/** What a phone shows of a board apart from the counts and the order (a change of it needs a full board). */
export function boardShape(board: QuestionBoard): string {
  return JSON.stringify([
    board.bidderId,
    board.settings.preModeration,
    board.settings.duringPitch,
    [...board.questions].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0)).map((q) => [q.id, q.text, q.firstName, q.status, q.askedAt]),
  ]);
}

/** The counts and order of a board (a change of only these goes out as QuestionBoardVotes). */
export function boardCounts(board: QuestionBoard): [string, number][] {
  return board.questions.map((q) => [q.id, q.votes]);
}

/**
 * A board with the counts and order of `votes`, or null when it cannot be made from `board`
 * (another pitch, an id it does not hold, or an older version): then the full board is needed.
 */
export function applyBoardVotes(board: QuestionBoard | null, votes: QuestionBoardVotes): QuestionBoard | null {
  if (!board || board.eveningId !== votes.eveningId || board.bidderId !== votes.bidderId) return null;
  const byId = new Map(board.questions.map((q) => [q.id, q]));
  const questions: BoardQuestion[] = [];
  for (const [id, count] of votes.votes) {
    const q = byId.get(id);
    if (!q) return null;
    questions.push({ ...q, votes: count });
  }
  return { ...board, version: votes.version, questions, shown: votes.shown };
}

/** The moderators' list: every question of the evening's current pitch (and any pitch asked for), most votes first. */
export interface ModerationList {
  eveningId: string;
  version: number;
  settings: QuestionSettings;
  bidderId: string | null;
  questions: ModerationQuestion[];
  /** Per status, how many questions the pitch has (the list may carry fewer). */
  counts: Record<QuestionStatus, number>;
}

/** What the phone learns about its own questions and votes. */
export interface MyQuestions {
  questions: OwnQuestion[];
  /** Ids of the questions this phone voted for. */
  voted: string[];
}

// ---------- socket payloads ----------

export interface QuestionAsk {
  /** Made on the phone (UUID): a resend with the same id is stored once. */
  questionId: string;
  bidderId: string;
  text: string;
  /** '' or absent: no name. */
  firstName?: string;
}
export interface QuestionVote {
  questionId: string;
}
export interface QuestionModeration {
  questionId: string;
  action: ModerationAction;
  /** For merge: the question it joins. */
  intoId?: string;
}
export interface QuestionListRequest {
  /** The pitch whose questions to list; absent: the current pitch. */
  bidderId?: string;
}

// ---------- the advice's account ----------

/** What the advice needs of a question (kept in the record the advice is built from; no name, no phone). */
export interface QuestionRecord {
  bidderId: string;
  /** '' once the retention period removed the text of a question that never showed. */
  text: string;
  votes: number;
  shown: boolean;
  answered: boolean;
  askedAt: string;
}

export interface BidderQuestionAccount {
  bidderId: string;
  asked: number;
  shown: number;
  answered: number;
  /** The shown questions, most votes first, then in the order asked (the appendix). */
  shownQuestions: { text: string; votes: number; answered: boolean }[];
}

/** Per bidder in the given order: how many questions were asked, shown and answered, and the shown ones. */
export function questionAccount(bidderIds: readonly string[], questions: readonly QuestionRecord[]): BidderQuestionAccount[] {
  return bidderIds.map((bidderId) => {
    const own = questions.filter((q) => q.bidderId === bidderId);
    // Most votes first, then in the order they were asked (the record's order); answered or not.
    const shown = own
      .map((q, i) => ({ q, i }))
      .filter(({ q }) => q.shown)
      .sort((x, y) => y.q.votes - x.q.votes || x.i - y.i)
      .map(({ q }) => ({ text: q.text, votes: q.votes, answered: q.answered }));
    return { bidderId, asked: own.length, shown: shown.length, answered: own.filter((q) => q.shown && q.answered).length, shownQuestions: shown };
  });
}
