import { problem, type ErrorParams, type ErrorReason } from '../api/errors';
import type { AuditDetail, AuditType } from '../audit/chain';
import { liveResults, liveResultsSorted, rankResults, rankedCount, revealPlaces } from '../results/live';
import { ProgressBook } from './progress-book';
import { ballotFrame, checkBallot, overallGrade, presenceDeadline, presentFor, type BallotFrame } from './ballot-rules';
import { lateCounts, venueClock, type LateBallotNote } from './closing';
import type { SocketError } from './events';
import { Attendee } from './attendee';
import { boundIn, mergeSorted, TallyBook, type AttendeeObserver, type TallyMember } from './tally-book';
import {
  RECENT_JOINS_MS,
  type AttendeeSelf,
  type BallotProgressState,
  type BallotReceipt,
  type BallotSubmission,
  type EveningPhase,
  type HostCommand,
  type LiveResult,
  type LiveState,
  type PitchState,
  type PitchTally,
  type Programme,
  type Reveal,
  type ScreenView,
  type Tally,
} from './types';

/** Why a phone whose ticket was released cannot connect (or send anything) any more. */
export const TICKET_RELEASED: SocketError & { code: 'TICKET_RELEASED' } = { code: 'TICKET_RELEASED', ...problem('ticketReleased') };

export interface PitchRecord {
  bidderId: string;
  status: PitchState['status'];
  startedAt: Date | null;
  scoring: PitchState['scoring'];
  scoringOpenedAt: Date | null;
  scoringClosesAt: Date | null;
  scoringClosedAt: Date | null;
}

export interface EveningRecord {
  phase: EveningPhase;
  currentBidderId: string | null;
  screenView: ScreenView;
  liveResults: boolean;
  revealed: number;
  startedAt: Date | null;
  endedAt: Date | null;
}

export interface CommittedBallot {
  id: string;
  bidderId: string;
  attendeeId: string;
  serial: number;
  grades: Record<string, number>;
  remark: string;
  receipt: string;
  submittedAt: Date;
}

export interface AttendeeRecord {
  id: string;
  /**
   * SHA-256 of the phone's token: null after the retention period, and while the voter's ticket
   * is released (the old phone is out, no new one has used the card yet).
   */
  tokenHash: string | null;
  /** Ballots with a serial below this came from an earlier phone: they count, but this phone is not shown them. */
  phoneSince: number;
  joinedAt: Date;
  firstName: string;
  ties: Set<string>;
  /** The latest committed ballot per bidder: the one that counts. */
  latest: Map<string, CommittedBallot>;
}

/** An attendee as stored (see `StoredChanges`). */
export interface StoredAttendee {
  id: string;
  tokenHash: string | null;
  firstName: string;
  joinedAt: Date;
  phoneSince: number;
}

/**
 * What a node reads from the database to bring its copy of a running evening up to date with what
 * other nodes stored (`LiveEvening.absorbChanges`): the attendees and ballots stored since its
 * last read, and the small parts whole.
 */
export interface StoredChanges {
  /** The details that may change after freezing. */
  details: Pick<Programme, 'title' | 'venue' | 'language'>;
  evening: EveningRecord;
  /** The stored pitch states (a pitch without one is as it was frozen). */
  pitches: PitchRecord[];
  /** Attendees added or changed since the last read (a row read again is harmless). */
  attendees: StoredAttendee[];
  /** Every tie declared, whole. */
  ties: { attendeeId: string; bidderId: string }[];
  /** Every released phone's token hash, whole. */
  releasedTokenHashes: string[];
  /** Ballots stored since the last read, in serial order (a ballot read again is harmless). */
  ballots: CommittedBallot[];
  /** Every note of a late ballot, whole. */
  late: LateBallotNote[];
  /** The paper cards that count, whole. */
  paper: { bidderId: string; grades: Record<string, number> }[];
}

/** The outcome of a host command on the in-memory evening, for the service to persist and announce. */
export interface Transition {
  log: { type: AuditType; detail: AuditDetail }[];
  /** Pitches whose stored state must be written. */
  pitches: string[];
  /** Pitches whose scoring closed with this command (the caller waits for their ballots to be stored). */
  closed: string[];
  /** Pitches whose automatic close must be (re)scheduled or cancelled. */
  timers: string[];
}

export type CommandOutcome = { ok: true; transition: Transition } | { ok: false; error: SocketError };

/** The audit entry a stored ballot gets: the first for its attendee and pitch, or one that replaces an earlier one. */
export type BallotAuditType = 'ballot-accepted' | 'ballot-replaced';

/** What the evening's rules make of a ballot that arrives (see `LiveEvening.receiveBallot`). */
export type BallotArrival =
  /** Not taken, for this reason (it would not have counted either way). */
  | { kind: 'refused'; error: SocketError }
  /** The server is stopping and takes no new ballots (the phone keeps it and sends it again). */
  | { kind: 'stopping' }
  /** A resend of a ballot this phone sent before: its receipt, or null while it is still being stored. */
  | { kind: 'resend'; receipt: BallotReceipt | null }
  /**
   * Arrived after scoring for its pitch closed: refused and not counted. `note`: the note of it to
   * store, noted in memory already (null when this phone's late ballot for the pitch is noted).
   */
  | { kind: 'late'; error: SocketError; note: LateBallotNote | null }
  /** Taken: the serial is reserved for it and its id is held; it counts once stored (`ballotStored`). */
  | { kind: 'accepted'; serial: number; audit: BallotAuditType };

/** A refused progress report, or whether it changed what the host sees. */
export type ProgressOutcome = { ok: true; changed: boolean } | { ok: false; error: SocketError };

/** A refused host command: its reason and params, rendered in the console's language (`errors.<reason>`). */
const invalid = (reason: ErrorReason, params?: ErrorParams): CommandOutcome => ({ ok: false, error: { code: 'INVALID_COMMAND', ...problem(reason, params) } });

/**
 * The big screen follows the programme: starting a pitch shows it on the screen, unless the host
 * chose a view of their own for the room (the turnout or the interim results), which stays.
 */
const FOLLOWS_START: readonly ScreenView[] = ['join', 'pitch'];
const iso = (d: Date | null) => (d ? d.toISOString() : null);
const notStarted = (bidderId: string): PitchRecord => ({
  bidderId,
  status: 'waiting',
  startedAt: null,
  scoring: 'not-opened',
  scoringOpenedAt: null,
  scoringClosesAt: null,
  scoringClosedAt: null,
});
const receiptOf = (b: CommittedBallot): BallotReceipt => ({ ballotId: b.id, bidderId: b.bidderId, receipt: b.receipt, acceptedAt: b.submittedAt.toISOString() });

/**
 * One frozen evening while it runs: the programme, the state of every pitch, the attendees and
 * their latest ballots. Plain TypeScript: the services load it from and persist it to the
 * database, this class holds the rules.
 */
export class LiveEvening {
  readonly frame: BallotFrame;
  readonly pitches: Map<string, PitchRecord>;
  readonly attendees = new Map<string, AttendeeRecord>();
  /**
   * The phones' part of the tally, kept per change of an attendee's join time, ties or latest
   * ballots (see `Attendee`); null until the first tally, and after `absorb`: built then from every
   * attendee.
   */
  #tallyBook: TallyBook | null = null;
  /** SHA-256 of an attendee's phone token to their id. */
  readonly attendeeByTokenHash = new Map<string, string>();
  /** SHA-256 of the tokens of phones whose ticket was released for another phone. */
  readonly releasedTokenHashes = new Set<string>();
  /** Ballot id to who sent it and the ballot once stored (null while it is being stored). */
  private readonly ballotIds = new Map<string, { attendeeId: string; stored: CommittedBallot | null }>();
  /** Grades of the paper cards that count (two agreeing entries), per bidder. */
  private paper = new Map<string, Record<string, number>[]>();
  /** Phones filling in or with a ballot waiting, their connections, and the ballots that arrived too late. */
  private readonly progress = new ProgressBook();
  /** Resolves once the host commands handed in so far are applied and stored, audit entries included (set by the host's command line). */
  commandsStored: Promise<void> = Promise.resolve();
  /** The serial the next accepted ballot gets. */
  private serial = 1;
  private lastCommittedSerial = 0;

  constructor(
    /** Replaced when the organisers fix the title, venue or language after freezing. */
    public programme: Programme,
    readonly evening: EveningRecord,
    pitches: PitchRecord[],
  ) {
    this.frame = ballotFrame(
      programme.bidders.map((b) => b.id),
      programme.criteria,
      programme.scale,
    );
    const byId = new Map(pitches.map((p) => [p.bidderId, p]));
    this.pitches = new Map(programme.bidders.map((b) => [b.id, byId.get(b.id) ?? notStarted(b.id)]));
  }

  /** The evening as stored: its frozen programme and everything read from the database (a node's first load). */
  static fromStored(programme: Programme, stored: StoredChanges): LiveEvening {
    const live = new LiveEvening({ ...programme, ...stored.details }, stored.evening, stored.pitches);
    for (const a of stored.attendees) live.addAttendee(a.id, a.tokenHash, a.firstName, a.joinedAt, a.phoneSince);
    for (const hash of stored.releasedTokenHashes) live.releasedTokenHashes.add(hash);
    for (const t of stored.ties) live.attendees.get(t.attendeeId)?.ties.add(t.bidderId);
    // In serial order: the latest ballot per attendee and pitch counts, and the next serial follows the last.
    for (const b of stored.ballots) live.applyCommitted(b);
    for (const l of stored.late) live.noteLate(l);
    live.setPaper(stored.paper);
    return live;
  }

  get eveningId(): string {
    return this.programme.eveningId;
  }

  /** The serial the next accepted ballot gets (a voter's new phone shows only ballots from this one on). */
  get nextSerial(): number {
    return this.serial;
  }

  private get bidderIds(): string[] {
    return this.programme.bidders.map((b) => b.id);
  }

  // ---------- reading ----------

  liveState(now = new Date()): LiveState {
    return {
      eveningId: this.eveningId,
      phase: this.evening.phase,
      currentBidderId: this.evening.currentBidderId,
      pitches: [...this.pitches.values()].map((p) => ({
        bidderId: p.bidderId,
        status: p.status,
        startedAt: iso(p.startedAt),
        scoring: p.scoring,
        scoringOpenedAt: iso(p.scoringOpenedAt),
        scoringClosesAt: iso(p.scoringClosesAt),
        scoringClosedAt: iso(p.scoringClosedAt),
      })),
      screen: { view: this.evening.screenView, liveResults: this.evening.liveResults },
      revealed: this.evening.revealed,
      serverTime: now.toISOString(),
    };
  }

  /**
   * What the attendee's phone is shown about them. Ballots sent from an earlier phone (before a
   * released ticket moved the voter to this one) appear only as "scored": their grades, remark
   * and receipt are not handed to whoever holds the card now.
   */
  self(attendeeId: string): AttendeeSelf {
    const a = this.attendees.get(attendeeId);
    if (!a) return { firstName: '', ties: [], ballots: [], scoredElsewhere: [], joinedAt: null, missed: [] };
    const latest = [...a.latest.values()];
    return {
      firstName: a.firstName,
      joinedAt: a.joinedAt.toISOString(),
      ties: [...a.ties],
      missed: [...this.pitches.values()].filter((p) => !this.present(a, p)).map((p) => p.bidderId),
      ballots: latest
        .filter((b) => b.serial >= a.phoneSince)
        .map((b) => ({
          ballotId: b.id,
          bidderId: b.bidderId,
          receipt: b.receipt,
          acceptedAt: b.submittedAt.toISOString(),
          grades: b.grades,
          remark: b.remark,
        })),
      scoredElsewhere: latest.filter((b) => b.serial < a.phoneSince).map((b) => b.bidderId),
    };
  }

  /**
   * Why a connection with this token may not act for the attendee any more, or null when it is
   * their current phone: their ticket was released for another phone, or the token is gone.
   */
  phoneRefusal(attendeeId: string, tokenHash: string): SocketError | null {
    if (this.attendees.get(attendeeId)?.tokenHash === tokenHash) return null;
    if (this.releasedTokenHashes.has(tokenHash)) return TICKET_RELEASED;
    return { code: 'UNAUTHENTICATED', ...problem('joinAgain') };
  }

  /** The presence rule for one attendee and pitch: joined no later than the grace after the pitch's start. */
  private present(a: AttendeeRecord, pitch: PitchRecord): boolean {
    return presentFor(a.joinedAt.getTime(), pitch.startedAt?.getTime() ?? null, this.programme.rules);
  }

  /** Counted ballots' grades (latest per attendee, attendee not tied to the bidder) per bidder. */
  private countedGrades(): Map<string, Record<string, number>[]> {
    const byBidder = new Map<string, Record<string, number>[]>(this.programme.bidders.map((b) => [b.id, []]));
    for (const a of this.attendees.values()) {
      for (const b of a.latest.values()) if (!a.ties.has(b.bidderId)) byBidder.get(b.bidderId)?.push(b.grades);
    }
    for (const [bidderId, cards] of this.paper) byBidder.get(bidderId)?.push(...cards);
    return byBidder;
  }

  /** The live results, ranked as the advice ranks (majority judgment on the same counted ballots). */
  results(): LiveResult[] {
    return liveResults(this.bidderIds, this.countedGrades(), this.programme.criteria, this.programme.scale.levels);
  }

  /**
   * Turnout per pitch and the live results, in one pass over the attendees. The notifier sends
   * it to the host as is and to the screen without `results` unless live results are on, and
   * without `recentJoins`.
   *
   * `eligible` per pitch (phones that may score it) costs one binary search per attendee: the
   * presence deadlines of the started pitches are sorted once, each attendee is counted at the
   * first deadline it meets, and a running sum gives per deadline how many phones had joined by then.
   */
  tally(attendeesConnected: number, now = Date.now()): Tally & { results: LiveResult[] } {
    const book = this.tallyBook();
    const closing = this.closingCounts();
    const { criteria, rules } = this.programme;
    const pitches: PitchTally[] = [];
    const sorted: (readonly number[])[] = [];
    const counted: number[] = [];
    for (const { id: bidderId } of this.programme.bidders) {
      const c = book.bidders.get(bidderId)!;
      const paper = this.paper.get(bidderId) ?? [];
      const deadline = presenceDeadline(this.pitches.get(bidderId)?.startedAt?.getTime() ?? null, rules);
      let tiedPresent = 0;
      for (const joined of c.tiedJoined.values()) if (deadline === null || joined <= deadline) tiedPresent++;
      const present = deadline === null ? this.attendees.size : book.joinedBy(deadline);
      pitches.push({
        bidderId,
        ballots: c.ballots,
        excludedForTies: c.excludedForTies,
        perCriterion: Object.fromEntries(c.perCriterion),
        criteriaOnly: c.criteriaOnly,
        tiesDeclared: c.tiesDeclared,
        paper: paper.length,
        eligible: present - tiedPresent,
        ...closing(bidderId),
      });
      counted.push(c.ballots + paper.length);
      const paperOverall = paper.map((g) => overallGrade(g, criteria)).filter((g): g is number => g !== null);
      const phones = book.sortedOverall(c);
      sorted.push(paperOverall.length === 0 ? phones : mergeSorted(phones, paperOverall.sort((x, y) => x - y)));
    }
    const recent: { at: string; count: number }[] = [];
    const joined = book.joinedTimes;
    for (let i = boundIn(joined, now - RECENT_JOINS_MS, false); i < joined.length; ) {
      const second = joined[i]! - (joined[i]! % 1000);
      let count = 0;
      for (; i < joined.length && joined[i]! - (joined[i]! % 1000) === second; i++) count++;
      recent.push({ at: new Date(second).toISOString(), count });
    }
    return {
      eveningId: this.eveningId,
      attendeesJoined: this.attendees.size,
      attendeesConnected,
      pitches,
      results: liveResultsSorted(this.bidderIds, sorted, counted, this.programme.scale.levels),
      recentJoins: recent,
      lastSerial: this.lastCommittedSerial,
    };
  }

  /** The tally's sums, built from every attendee when there are none (or they went wrong). */
  private tallyBook(): TallyBook {
    if (this.#tallyBook && !this.#tallyBook.broken) return this.#tallyBook;
    const book = new TallyBook(this.bidderIds, this.programme.criteria);
    for (const a of this.attendees.values()) book.add(a);
    return (this.#tallyBook = book);
  }

  /** The tally's sums follow every change of a current attendee's join time, ties or latest ballots (see Attendee). */
  readonly #observer: AttendeeObserver = {
    ballot: (a, previous, next) => this.bookOf(a)?.ballot(a, previous, next),
    tie: (a, bidderId, tied) => this.bookOf(a)?.tie(a, bidderId, tied),
    joined: (a, before) => this.bookOf(a)?.joined(a, before),
  };

  /** The tally's sums when there are any and `a` is this evening's attendee (not one removed or replaced). */
  private bookOf(a: TallyMember): TallyBook | null {
    return this.#tallyBook !== null && this.attendees.get(a.id) === a ? this.#tallyBook : null;
  }

  /**
   * The tally as a walk over every attendee computes it: the reference `tally` (kept up to date per
   * change instead) is checked against in the spec.
   */
  walkedTally(attendeesConnected: number, now = Date.now()): Tally & { results: LiveResult[] } {
    const closing = this.closingCounts();
    const pitches = new Map<string, PitchTally>(
      this.programme.bidders.map((b) => [
        b.id,
        { bidderId: b.id, ballots: 0, excludedForTies: 0, perCriterion: {}, criteriaOnly: 0, tiesDeclared: 0, paper: this.paper.get(b.id)?.length ?? 0, eligible: 0, ...closing(b.id) },
      ]),
    );
    const grades = new Map<string, Record<string, number>[]>(this.programme.bidders.map((b) => [b.id, []]));
    // Presence deadlines (ms) per pitch; null: every phone may score it (rule off, or not started).
    const deadlineOf = new Map<string, number | null>();
    for (const p of this.pitches.values()) deadlineOf.set(p.bidderId, presenceDeadline(p.startedAt?.getTime() ?? null, this.programme.rules));
    const deadlines = [...new Set([...deadlineOf.values()].filter((d): d is number => d !== null))].sort((x, y) => x - y);
    // joinedBy[i]: attendees whose first deadline at or after their join is deadlines[i] (the last slot: after every deadline).
    const joinedBy = new Array<number>(deadlines.length + 1).fill(0);
    const tiedPresent = new Map<string, number>();
    const recentSince = now - RECENT_JOINS_MS;
    const recent = new Map<number, number>();
    for (const a of this.attendees.values()) {
      const joined = a.joinedAt.getTime();
      if (joined >= recentSince) {
        const second = joined - (joined % 1000);
        recent.set(second, (recent.get(second) ?? 0) + 1);
      }
      let lo = 0;
      let hi = deadlines.length;
      while (lo < hi) {
        const mid = (lo + hi) >> 1;
        if (deadlines[mid]! < joined) lo = mid + 1;
        else hi = mid;
      }
      joinedBy[lo]!++;
      for (const bidderId of a.ties) {
        const t = pitches.get(bidderId);
        if (!t) continue;
        t.tiesDeclared++;
        const deadline = deadlineOf.get(bidderId) ?? null;
        if (deadline === null || joined <= deadline) tiedPresent.set(bidderId, (tiedPresent.get(bidderId) ?? 0) + 1);
      }
      for (const b of a.latest.values()) {
        const t = pitches.get(b.bidderId);
        if (!t) continue;
        if (a.ties.has(b.bidderId)) {
          t.excludedForTies++;
          continue;
        }
        t.ballots++;
        if (overallGrade(b.grades, this.programme.criteria) === null) t.criteriaOnly++;
        grades.get(b.bidderId)!.push(b.grades);
        for (const criterionId of Object.keys(b.grades)) t.perCriterion[criterionId] = (t.perCriterion[criterionId] ?? 0) + 1;
      }
    }
    // presentBy[i]: attendees that joined no later than deadlines[i].
    const presentBy = new Map<number, number>();
    let running = 0;
    deadlines.forEach((d, i) => presentBy.set(d, (running += joinedBy[i]!)));
    for (const t of pitches.values()) {
      const deadline = deadlineOf.get(t.bidderId) ?? null;
      const present = deadline === null ? this.attendees.size : presentBy.get(deadline)!;
      t.eligible = present - (tiedPresent.get(t.bidderId) ?? 0);
    }
    for (const [bidderId, cards] of this.paper) grades.get(bidderId)?.push(...cards);
    return {
      eveningId: this.eveningId,
      attendeesJoined: this.attendees.size,
      attendeesConnected,
      pitches: [...pitches.values()],
      results: liveResults(this.bidderIds, grades, this.programme.criteria, this.programme.scale.levels),
      recentJoins: [...recent].sort(([x], [y]) => x - y).map(([second, count]) => ({ at: new Date(second).toISOString(), count })),
      lastSerial: this.lastCommittedSerial,
    };
  }

  /** Per pitch: phones still filling in, with a ballot waiting, or disconnected while busy, and ballots that arrived too late. */
  private closingCounts(): (bidderId: string) => Pick<PitchTally, 'filling' | 'waiting' | 'disconnected' | 'late'> {
    const tied = (attendeeId: string, bidderId: string) => this.attendees.get(attendeeId)?.ties.has(bidderId) ?? false;
    const late = lateCounts(this.progress.late, (attendeeId, bidderId) => this.attendees.get(attendeeId)?.latest.get(bidderId)?.submittedAt.getTime() ?? null, tied);
    return (bidderId) => ({ ...this.progress.counts(bidderId, (attendeeId) => tied(attendeeId, bidderId)), late: late.get(bidderId)?.late ?? 0 });
  }

  /**
   * The revealed part of the final ranking, or null before any reveal: the advice's primary
   * ranking of every bidder with an overall grade (a skipped or unscored pitch is not assessed and
   * gets no place).
   */
  reveal(): Reveal | null {
    if (this.evening.revealed === 0) return null;
    return revealPlaces(rankResults(this.results()), this.evening.revealed);
  }

  /** Counted ballots for a pitch: phones (latest per attendee, no tie) and agreed paper cards. */
  countedFor(bidderId: string): number {
    return this.countedGrades().get(bidderId)?.length ?? 0;
  }

  /** Counted phone ballots for a pitch. */
  phoneCountedFor(bidderId: string): number {
    let n = 0;
    for (const a of this.attendees.values()) if (a.latest.has(bidderId) && !a.ties.has(bidderId)) n++;
    return n;
  }

  /** Replaces the paper cards that count (after an entry agreed, or at load). */
  setPaper(cards: readonly { bidderId: string; grades: Record<string, number> }[]): void {
    this.paper = new Map();
    for (const c of cards) {
      const list = this.paper.get(c.bidderId) ?? [];
      list.push(c.grades);
      this.paper.set(c.bidderId, list);
    }
  }

  // ---------- ballots and attendees ----------

  /** Adds an attendee; one without a token hash (after the retention period, or with a released ticket) cannot connect. */
  addAttendee(id: string, tokenHash: string | null, firstName: string, joinedAt: Date, phoneSince = 0): AttendeeRecord {
    const record = new Attendee(id, tokenHash, phoneSince, joinedAt, firstName, this.#observer);
    const replaced = this.attendees.get(id);
    if (replaced) this.#tallyBook?.remove(replaced);
    this.attendees.set(id, record);
    this.#tallyBook?.add(record);
    if (tokenHash !== null) this.attendeeByTokenHash.set(tokenHash, id);
    return record;
  }

  /** Forgets an attendee that never connected (see JoinGate): it has no ballot, tie or name. */
  removeAttendee(id: string): void {
    const record = this.attendees.get(id);
    if (!record) return;
    this.#tallyBook?.remove(record);
    this.attendees.delete(id);
    if (record.tokenHash !== null) this.attendeeByTokenHash.delete(record.tokenHash);
  }

  /**
   * The host released the voter's ticket: their phone's token stops working at once (its
   * connections are closed by the caller) and is remembered as released, so that phone is told
   * why. Returns the released token hash, or null when the voter had no phone.
   */
  releasePhone(id: string): string | null {
    const record = this.attendees.get(id);
    if (!record || record.tokenHash === null) return null;
    const released = record.tokenHash;
    this.attendeeByTokenHash.delete(released);
    this.releasedTokenHashes.add(released);
    record.tokenHash = null;
    return released;
  }

  /**
   * Moves a voter to another phone (a released ticket used again). Ballots from before it keep
   * counting, but `phoneSince` keeps their contents off the new phone.
   */
  rebindAttendee(id: string, tokenHash: string, phoneSince: number): void {
    const record = this.attendees.get(id);
    if (!record) return;
    if (record.tokenHash !== null) this.attendeeByTokenHash.delete(record.tokenHash);
    record.tokenHash = tokenHash;
    record.phoneSince = phoneSince;
    this.attendeeByTokenHash.set(tokenHash, id);
  }

  /**
   * Why this attendee may not score this bidder now, or null when they may. `asIfOpen`: whether
   * they could if scoring for the pitch were open (for a ballot that arrived after it closed).
   */
  refusal(attendeeId: string, bidderId: string, asIfOpen = false): SocketError | null {
    if (this.evening.phase === 'ended' && !asIfOpen) return { code: 'EVENING_ENDED', ...problem('scoringEnded') };
    const pitch = this.pitches.get(bidderId);
    if (!pitch) return { code: 'UNKNOWN_BIDDER', ...problem('bidderNotOnProgramme') };
    if (pitch.scoring !== 'open' && !asIfOpen) {
      return { code: 'SCORING_CLOSED', ...problem(pitch.scoring === 'closed' ? 'scoringClosed' : 'scoringNotOpen') };
    }
    const attendee = this.attendees.get(attendeeId);
    if (attendee?.ties.has(bidderId)) {
      return { code: 'TIED_TO_BIDDER', ...problem('tiedToBidder') };
    }
    if (attendee && !this.present(attendee, pitch)) {
      const minutes = this.programme.rules.presenceGraceMinutes;
      return { code: 'NOT_PRESENT', ...(minutes > 0 ? problem('notPresentGrace', { minutes }) : problem('notPresent')) };
    }
    return null;
  }

  /**
   * A ballot arrives from the attendee's phone (`tokenHash`). In this order: a phone whose ticket
   * was released sends nothing more; a known ballot id is a resend (answered with the first
   * receipt, even while the server stops) unless another phone used it; while `takingNew` is false
   * nothing new is taken; then the live rules (scoring open, not tied, present) and the frozen
   * setup (`checkBallot`). A ballot refused only because scoring for its pitch had closed is late:
   * noted once per phone and pitch. An accepted ballot reserves its serial and id until
   * `ballotStored` or `ballotNotStored`.
   */
  receiveBallot(attendeeId: string, tokenHash: string, submission: BallotSubmission, now: Date, takingNew = true): BallotArrival {
    const gone = this.phoneRefusal(attendeeId, tokenHash);
    if (gone) return { kind: 'refused', error: gone };
    const known = this.ballotIds.get(submission.ballotId);
    if (known) {
      if (known.attendeeId !== attendeeId) {
        return { kind: 'refused', error: { code: 'BALLOT_ID_TAKEN', message: 'This ballot id is already used. Send the ballot again with a new id.' } };
      }
      return { kind: 'resend', receipt: known.stored && receiptOf(known.stored) };
    }
    if (!takingNew) return { kind: 'stopping' };
    const refusal = this.refusal(attendeeId, submission.bidderId) ?? checkBallot(this.frame, submission);
    if (refusal) return this.lateOrRefused(attendeeId, submission, refusal, now);
    const replaces = this.attendees.get(attendeeId)?.latest.has(submission.bidderId) ?? false;
    this.ballotIds.set(submission.ballotId, { attendeeId, stored: null });
    return { kind: 'accepted', serial: this.serial++, audit: replaces ? 'ballot-replaced' : 'ballot-accepted' };
  }

  /**
   * A ballot refused after scoring for its pitch closed (or the evening ended) is late when it
   * would have counted had scoring been open; any other refusal (scoring never opened, a tie, not
   * present, not a valid ballot) stays as it is. The refusal tells the phone when scoring closed.
   */
  private lateOrRefused(attendeeId: string, submission: BallotSubmission, refusal: SocketError, now: Date): BallotArrival {
    const refused: BallotArrival = { kind: 'refused', error: refusal };
    if (refusal.code !== 'SCORING_CLOSED' && refusal.code !== 'EVENING_ENDED') return refused;
    const pitch = this.pitches.get(submission.bidderId);
    if (pitch?.scoring !== 'closed' || !pitch.scoringClosedAt) return refused;
    if (this.refusal(attendeeId, submission.bidderId, true) ?? checkBallot(this.frame, submission)) return refused;
    const earlier = this.attendees.get(attendeeId)?.latest.has(submission.bidderId) ?? false;
    const error: SocketError = { code: refusal.code, ...problem(earlier ? 'ballotChangeTooLate' : 'ballotTooLate', { time: venueClock(pitch.scoringClosedAt) }) };
    const note: LateBallotNote = { attendeeId, bidderId: submission.bidderId, receivedAt: now.getTime() };
    // Noted in memory at once, so a resend on another connection meanwhile is not noted twice.
    return { kind: 'late', error, note: this.progress.noteLate(note) ? note : null };
  }

  /** The accepted ballot is stored: it counts from now on. Returns its receipt. */
  ballotStored(b: CommittedBallot): BallotReceipt {
    this.applyCommitted(b);
    return receiptOf(b);
  }

  /** The accepted ballot could not be stored: its id is free again, so the phone can send it again. */
  ballotNotStored(ballotId: string): void {
    if (this.ballotIds.get(ballotId)?.stored === null) this.ballotIds.delete(ballotId);
  }

  /** A late ballot's note that could not be stored (or was stored already): taken back from memory. */
  lateNotStored(note: LateBallotNote): void {
    this.progress.forgetLate(note);
  }

  /** A stored note of a late ballot (at load). */
  noteLate(note: LateBallotNote): void {
    this.progress.noteLate(note);
  }

  /**
   * What a phone reports about its ballot for a pitch (filling in, waiting on the phone, or
   * neither): refused with the reason a ballot would get when it is busy with a pitch it may not
   * (or no longer) score; otherwise whether it changed what the host sees.
   */
  reportProgress(attendeeId: string, tokenHash: string, bidderId: string, state: BallotProgressState): ProgressOutcome {
    const gone = this.phoneRefusal(attendeeId, tokenHash);
    if (gone) return { ok: false, error: gone };
    if (state === 'idle' && !this.frame.bidderIds.has(bidderId)) return { ok: false, error: { code: 'UNKNOWN_BIDDER', ...problem('bidderNotOnProgramme') } };
    const refusal = state === 'idle' ? null : this.refusal(attendeeId, bidderId);
    if (refusal) return { ok: false, error: refusal };
    return { ok: true, changed: this.progress.report(attendeeId, bidderId, state) };
  }

  /** A connection of the attendee's phone opened or closed (the host sees who lost theirs while busy with a ballot). */
  phoneConnection(attendeeId: string, open: boolean): void {
    if (open) this.progress.connected(attendeeId);
    else this.progress.disconnected(attendeeId);
  }

  /**
   * Records a stored ballot (as it is stored, or at load, in serial order); it replaces the
   * attendee's earlier ballot for the bidder when it is newer.
   */
  applyCommitted(b: CommittedBallot): void {
    this.ballotIds.set(b.id, { attendeeId: b.attendeeId, stored: b });
    if (b.serial >= this.serial) this.serial = b.serial + 1;
    const a = this.attendees.get(b.attendeeId);
    if (!a) return;
    const previous = a.latest.get(b.bidderId);
    if (!previous || previous.serial < b.serial) a.latest.set(b.bidderId, b);
    if (b.serial > this.lastCommittedSerial) this.lastCommittedSerial = b.serial;
    this.progress.stored(b.attendeeId, b.bidderId);
  }

  /**
   * Takes over what other nodes stored, read from the database as `changes` (see StoredChanges):
   * the same as a fresh load would hold, at the cost of what changed. Attendees and
   * ballots are added or updated (a ballot replaces an attendee's earlier one when its serial is
   * higher), ties, released tickets, late notes and paper cards are taken whole; with `withState`
   * also the programme state (left out while a command of this node is not stored yet, which is
   * newer). Nothing this node accepted and has not stored yet is dropped.
   */
  absorbChanges(changes: StoredChanges, withState: boolean): void {
    const { title, venue, language } = changes.details;
    this.programme = { ...this.programme, title, venue, language };
    if (withState) {
      Object.assign(this.evening, changes.evening);
      const stored = new Map(changes.pitches.map((p) => [p.bidderId, p]));
      for (const [bidderId, mine] of this.pitches) Object.assign(mine, stored.get(bidderId) ?? notStarted(bidderId));
    }
    for (const hash of changes.releasedTokenHashes) this.releasedTokenHashes.add(hash);
    for (const theirs of changes.attendees) {
      const mine = this.attendees.get(theirs.id) ?? this.addAttendee(theirs.id, theirs.tokenHash, theirs.firstName, theirs.joinedAt, theirs.phoneSince);
      if (mine.tokenHash !== theirs.tokenHash) {
        if (mine.tokenHash !== null) this.attendeeByTokenHash.delete(mine.tokenHash);
        if (theirs.tokenHash !== null) this.attendeeByTokenHash.set(theirs.tokenHash, theirs.id);
        mine.tokenHash = theirs.tokenHash;
        mine.phoneSince = theirs.phoneSince;
      }
      mine.firstName = theirs.firstName;
    }
    // Ties whole: an attendee's set is what is stored, none when nothing is.
    const ties = new Map<string, Set<string>>();
    for (const { attendeeId, bidderId } of changes.ties) {
      const set = ties.get(attendeeId);
      if (set) set.add(bidderId);
      else ties.set(attendeeId, new Set([bidderId]));
    }
    for (const a of this.attendees.values()) {
      const stored = ties.get(a.id);
      if (!stored) {
        if (a.ties.size > 0) a.ties.clear();
      } else if (stored.size !== a.ties.size || [...stored].some((b) => !a.ties.has(b))) {
        a.ties.clear();
        for (const bidderId of stored) a.ties.add(bidderId);
      }
    }
    for (const ballot of changes.ballots) this.applyCommitted(ballot);
    for (const note of changes.late) this.progress.noteLate(note);
    this.setPaper(changes.paper);
  }

  // ---------- host commands ----------

  /** Applies a host command to the in-memory state; the caller persists the transition. */
  apply(command: HostCommand, now: Date): CommandOutcome {
    const t: Transition = { log: [], pitches: [], closed: [], timers: [] };
    const ended = this.evening.phase === 'ended';
    const pitchOf = (bidderId: string) => this.pitches.get(bidderId);
    switch (command.type) {
      case 'start-pitch':
      case 'next-pitch': {
        if (ended) return invalid('command.eveningEnded');
        const bidderId =
          command.type === 'start-pitch' ? command.bidderId : this.programme.bidders.find((b) => pitchOf(b.id)?.status === 'waiting')?.id;
        if (!bidderId) return invalid('command.allPitchesDone');
        const pitch = pitchOf(bidderId);
        if (!pitch) return invalid('bidderNotOnProgramme');
        if (pitch.status === 'presenting' || pitch.status === 'done') return invalid('command.pitchAlreadyGiven', { bidder: this.nameOf(bidderId) });
        if (this.evening.phase === 'before') {
          this.evening.phase = 'live';
          this.evening.startedAt = now;
          t.log.push({ type: 'evening-started', detail: {} });
        }
        const current = this.evening.currentBidderId ? pitchOf(this.evening.currentBidderId) : undefined;
        if (current && current.status === 'presenting') {
          current.status = 'done';
          t.pitches.push(current.bidderId);
        }
        if (command.closeOpenScoring) {
          for (const p of this.pitches.values()) if (p.scoring === 'open') this.closeAfter(p, command.countdownSeconds ?? 0, now, t, 'closed-with-next-pitch');
        }
        pitch.status = 'presenting';
        pitch.startedAt = now;
        this.evening.currentBidderId = bidderId;
        t.pitches.push(bidderId);
        t.log.push({ type: 'pitch-started', detail: { bidderId } });
        if (FOLLOWS_START.includes(this.evening.screenView)) this.showOnScreen('pitch', t, true);
        return { ok: true, transition: t };
      }
      case 'open-scoring': {
        if (ended) return invalid('command.eveningEnded');
        const pitch = pitchOf(command.bidderId);
        if (!pitch) return invalid('bidderNotOnProgramme');
        if (pitch.startedAt === null) return invalid('command.pitchNotStarted', { bidder: this.nameOf(pitch.bidderId) });
        if (pitch.scoring === 'closed') return invalid('command.scoringWasClosed', { bidder: this.nameOf(pitch.bidderId) });
        if (pitch.scoring === 'open') return { ok: true, transition: t };
        const minutes = command.autoCloseMinutes ?? null;
        pitch.scoring = 'open';
        pitch.scoringOpenedAt = now;
        pitch.scoringClosesAt = minutes ? new Date(now.getTime() + minutes * 60_000) : null;
        t.pitches.push(pitch.bidderId);
        t.timers.push(pitch.bidderId);
        t.log.push({ type: 'scoring-opened', detail: { bidderId: pitch.bidderId, autoCloseMinutes: minutes } });
        return { ok: true, transition: t };
      }
      case 'close-scoring': {
        const pitch = pitchOf(command.bidderId);
        if (!pitch) return invalid('bidderNotOnProgramme');
        if (pitch.scoring === 'not-opened') return invalid('command.scoringNeverOpened', { bidder: this.nameOf(pitch.bidderId) });
        if (pitch.scoring === 'open') this.closeAfter(pitch, command.countdownSeconds ?? 0, now, t, 'scoring-closed');
        return { ok: true, transition: t };
      }
      case 'reopen-scoring': {
        if (ended) return invalid('command.eveningEnded');
        const pitch = pitchOf(command.bidderId);
        if (!pitch) return invalid('bidderNotOnProgramme');
        if (pitch.scoring !== 'closed') return invalid('command.reopenOnlyClosed', { bidder: this.nameOf(pitch.bidderId) });
        pitch.scoring = 'open';
        pitch.scoringClosesAt = null;
        pitch.scoringClosedAt = null;
        t.pitches.push(pitch.bidderId);
        t.timers.push(pitch.bidderId);
        t.log.push({ type: 'scoring-reopened', detail: { bidderId: pitch.bidderId, reason: command.reason } });
        return { ok: true, transition: t };
      }
      case 'skip-pitch': {
        if (ended) return invalid('command.eveningEnded');
        const pitch = pitchOf(command.bidderId);
        if (!pitch) return invalid('bidderNotOnProgramme');
        if (pitch.status !== 'waiting') return invalid('command.skipOnlyWaiting', { bidder: this.nameOf(pitch.bidderId) });
        pitch.status = 'skipped';
        t.pitches.push(pitch.bidderId);
        t.log.push({ type: 'pitch-skipped', detail: { bidderId: pitch.bidderId } });
        return { ok: true, transition: t };
      }
      case 'set-screen':
        this.showOnScreen(command.view, t, false);
        return { ok: true, transition: t };
      case 'set-live-results':
        // Kept for API clients: results on means the results view; off leaves it for the current pitch.
        if (command.on) this.showOnScreen('results', t, false);
        else if (this.evening.screenView === 'results') this.showOnScreen('pitch', t, false);
        else this.showResults(false, t);
        return { ok: true, transition: t };
      case 'reveal-next': {
        if (!ended) return invalid('command.revealBeforeEnd');
        const places = rankedCount(this.results());
        if (places === 0) return invalid('command.nothingToReveal');
        if (this.evening.revealed >= places) return invalid('command.allRevealed');
        this.evening.revealed++;
        this.evening.screenView = 'reveal';
        this.showResults(false, t);
        t.log.push({ type: 'place-revealed', detail: { revealed: this.evening.revealed } });
        return { ok: true, transition: t };
      }
      case 'end-evening': {
        if (ended) return { ok: true, transition: t };
        for (const p of this.pitches.values()) {
          if (p.scoring === 'open') this.closeScoring(p, now, t, 'scoring-closed');
          if (p.status === 'presenting') {
            p.status = 'done';
            if (!t.pitches.includes(p.bidderId)) t.pitches.push(p.bidderId);
          }
        }
        this.evening.phase = 'ended';
        this.evening.endedAt = now;
        this.evening.currentBidderId = null;
        t.log.push({ type: 'evening-ended', detail: {} });
        return { ok: true, transition: t };
      }
    }
  }

  private nameOf(bidderId: string): string {
    return this.programme.bidders.find((b) => b.id === bidderId)?.name ?? '';
  }

  /**
   * Shows a view on the big screen. One control for the interim results: the screen receives them
   * exactly while it shows the results view (hidden results are not sent), so choosing that view
   * is turning them on and choosing any other turns them off. `followsStart`: the screen moved
   * with a started pitch, not by the host's choice of view.
   */
  private showOnScreen(view: ScreenView, t: Transition, followsStart: boolean): void {
    if (this.evening.screenView !== view || !followsStart) {
      this.evening.screenView = view;
      t.log.push({ type: 'screen-changed', detail: followsStart ? { view, followsStart: true } : { view } });
    }
    this.showResults(view === 'results', t);
  }

  private showResults(on: boolean, t: Transition): void {
    if (this.evening.liveResults === on) return;
    this.evening.liveResults = on;
    t.log.push({ type: 'live-results', detail: { on } });
  }

  /**
   * Closes scoring for the pitch at once (0 seconds), or announces that it closes after the
   * countdown: phones and the screen count down to `scoringClosesAt`, and the server's timer closes
   * it then. A pitch that already closes sooner keeps its time.
   */
  private closeAfter(pitch: PitchRecord, seconds: number, now: Date, t: Transition, type: 'scoring-closed' | 'closed-with-next-pitch'): void {
    if (seconds <= 0) return this.closeScoring(pitch, now, t, type);
    const closesAt = new Date(now.getTime() + seconds * 1000);
    if (pitch.scoringClosesAt && pitch.scoringClosesAt.getTime() <= closesAt.getTime()) return;
    pitch.scoringClosesAt = closesAt;
    t.pitches.push(pitch.bidderId);
    t.timers.push(pitch.bidderId);
    t.log.push({
      type: 'scoring-close-announced',
      detail: { bidderId: pitch.bidderId, seconds, closesAt: closesAt.toISOString(), withNextPitch: type === 'closed-with-next-pitch' },
    });
  }

  private closeScoring(pitch: PitchRecord, now: Date, t: Transition, type: 'scoring-closed' | 'closed-with-next-pitch'): void {
    this.progress.closed(pitch.bidderId);
    pitch.scoring = 'closed';
    pitch.scoringClosedAt = now;
    pitch.scoringClosesAt = null;
    t.pitches.push(pitch.bidderId);
    t.closed.push(pitch.bidderId);
    t.timers.push(pitch.bidderId);
    t.log.push({ type, detail: { bidderId: pitch.bidderId } });
  }
}
