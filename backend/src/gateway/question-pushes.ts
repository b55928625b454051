import { Injectable, Logger, type OnModuleDestroy, type OnModuleInit } from '@nestjs/common';
import { boardCounts, boardShape, type QuestionBoard, type QuestionBoardVotes } from '@buurtjury/shared';
import { ClusterNotices } from '../infrastructure/events/cluster-notices';
import { LiveEvents } from '../infrastructure/events/live-events';
import { QuestionsService } from '../questions/questions.service';
import { rooms, type LiveServer } from './live-notifier.service';

/**
 * Question boards and the moderators' list go out at most this often per evening. At 300 ms, with
 * the whole board to every phone, a round of 2,000 phones asking and voting made 500,000 pushes in
 * 30 s and held ballot acknowledgements up by a minute (docs/performance.md).
 */
export const QUESTIONS_INTERVAL_MS = 1000;

/**
 * Between full boards the phones get new counts at most this often per evening (the screen and the
 * moderators every interval; a phone sees its own vote at once from its answer). In a round of
 * 2,000 phones voting, the counts change every interval, and a push to every phone each second
 * held the ballots' acknowledgements up (docs/performance.md).
 */
export const PHONE_COUNTS_MS = 5000;

/** Phones pushed to in one go: between slices, ballots and their acknowledgements go first. */
export const PHONE_SLICE = 200;

/**
 * Time between two slices of a push to the phones. Sent all at once (a slice per turn of the event
 * loop), a board to 2,000 phones held the event loop for a while every few seconds, and the ballots
 * acknowledged then waited (docs/performance.md): spaced, 2,000 phones take about half a second.
 */
export const PHONE_SLICE_GAP_MS = 50;

/** A push to the phones is spread over at most this long (more phones: shorter gaps), so it is out before the next flush. */
export const PHONE_SPREAD_MS = QUESTIONS_INTERVAL_MS / 2;

/** Runs `run` after `ms` (setTimeout; a test passes its own). */
export type Schedule = (run: () => void, ms: number) => { cancel(): void };

const timers: Schedule = (run, ms) => {
  const timer = setTimeout(run, ms);
  return { cancel: () => clearTimeout(timer) };
};

/** What a slice of phones is sent: the full board, or the ids and counts to apply to the board they hold. */
export type PhoneMessage = { kind: 'board'; board: QuestionBoard } | { kind: 'votes'; votes: QuestionBoardVotes };

/**
 * Sends an evening's pushes to its phones PHONE_SLICE at a time, the slices spaced over time
 * (PHONE_SLICE_GAP_MS, shorter when there are many phones: at most PHONE_SPREAD_MS in all). The
 * newest push wins: a phone still waiting when a newer board is decided gets the newer one, and a
 * newer board goes to every phone again, including those that already got the older one in this
 * round (none is left with a stale board). Counts decided meanwhile go to the phones that hold a
 * board; a phone still waiting for its board gets the newest board, which has those counts.
 */
export class PhonePacer {
  private readonly rounds = new Map<string, { board: QuestionBoard | null; votes: QuestionBoardVotes | null; needBoard: Set<string>; needVotes: Set<string>; gap: number; next: { cancel(): void } | null }>();

  constructor(
    private readonly send: (socketIds: string[], message: PhoneMessage) => void,
    private readonly schedule: Schedule = timers,
    private readonly slice = PHONE_SLICE,
    private readonly gapMs = PHONE_SLICE_GAP_MS,
    private readonly spreadMs = PHONE_SPREAD_MS,
  ) {}

  /** The full board to these phones (the evening's on this node). */
  board(eveningId: string, board: QuestionBoard, socketIds: readonly string[]): void {
    const round = this.round(eveningId);
    round.board = board;
    round.needBoard = new Set(socketIds);
    round.needVotes.clear();
    this.start(eveningId);
  }

  /** New ids and counts to these phones; `board` is the board they come from (for any phone still waiting for a board). */
  votes(eveningId: string, votes: QuestionBoardVotes, board: QuestionBoard, socketIds: readonly string[]): void {
    const round = this.round(eveningId);
    round.board = board;
    round.votes = votes;
    for (const id of socketIds) if (!round.needBoard.has(id)) round.needVotes.add(id);
    this.start(eveningId);
  }

  /** Phones still to be sent something, over all evenings. */
  waiting(): number {
    let n = 0;
    for (const round of this.rounds.values()) n += round.needBoard.size + round.needVotes.size;
    return n;
  }

  forget(eveningId: string): void {
    this.rounds.get(eveningId)?.next?.cancel();
    this.rounds.delete(eveningId);
  }

  stop(): void {
    for (const id of [...this.rounds.keys()]) this.forget(id);
  }

  private round(eveningId: string) {
    let round = this.rounds.get(eveningId);
    if (!round) this.rounds.set(eveningId, (round = { board: null, votes: null, needBoard: new Set(), needVotes: new Set(), gap: this.gapMs, next: null }));
    return round;
  }

  private start(eveningId: string): void {
    const round = this.round(eveningId);
    const slices = Math.ceil((round.needBoard.size + round.needVotes.size) / this.slice);
    round.gap = Math.min(this.gapMs, Math.floor(this.spreadMs / Math.max(1, slices - 1)));
    // A round under way goes on at its next slice; otherwise the first slice goes out now.
    if (!round.next) this.tick(eveningId);
  }

  private tick(eveningId: string): void {
    const round = this.rounds.get(eveningId);
    if (!round) return;
    round.next = null;
    const take = (from: Set<string>, max: number) => {
      const ids: string[] = [];
      for (const id of from) {
        if (ids.length >= max) break;
        ids.push(id);
      }
      for (const id of ids) from.delete(id);
      return ids;
    };
    const boards = take(round.needBoard, this.slice);
    const counts = take(round.needVotes, this.slice - boards.length);
    if (boards.length > 0 && round.board) this.send(boards, { kind: 'board', board: round.board });
    if (counts.length > 0 && round.votes) this.send(counts, { kind: 'votes', votes: round.votes });
    if (round.needBoard.size + round.needVotes.size > 0) round.next = this.schedule(() => this.tick(eveningId), round.gap);
    else this.rounds.delete(eveningId);
  }
}

/** What the phones of one node get next: nothing (what they show did not change), the counts and order only, or the full board. */
export type PhonePush = { kind: 'none' } | { kind: 'later' } | { kind: 'votes'; votes: QuestionBoardVotes } | { kind: 'board' };

/**
 * What this node's phones were last sent of each evening's board, and so what they need next. A
 * board whose questions (texts, names, statuses), pitch and settings are those of the last full
 * board goes out as its ids and counts (QuestionBoardVotes), and not at all when the counts and
 * order did not change either. Phones that connect or reconnect ask for the full board.
 */
export class PhoneBoards {
  private readonly sent = new Map<string, { shape: string; counts: string; version: number; at: number }>();

  constructor(private readonly countsEveryMs = PHONE_COUNTS_MS) {}

  /** `later`: only the counts changed, and the last push is too recent (ask again at the next interval). */
  next(board: QuestionBoard, now: number): PhonePush {
    const last = this.sent.get(board.eveningId);
    const shape = boardShape(board);
    const votes = boardCounts(board);
    const counts = JSON.stringify([votes, board.shown]);
    if (!last || last.shape !== shape) {
      this.sent.set(board.eveningId, { shape, counts, version: board.version, at: now });
      return { kind: 'board' };
    }
    if (last.counts === counts) return { kind: 'none' };
    if (now - last.at < this.countsEveryMs) return { kind: 'later' };
    this.sent.set(board.eveningId, { shape, counts, version: board.version, at: now });
    return { kind: 'votes', votes: { eveningId: board.eveningId, version: board.version, bidderId: board.bidderId, votes, shown: board.shown } };
  }

  /**
   * A phone asked for the board and got this one: when it is newer than what the phones were last
   * pushed and differs from it, the next push is a full board (otherwise a change back to what was
   * pushed before would be skipped, and that phone would keep what it was served).
   */
  served(board: QuestionBoard): void {
    const last = this.sent.get(board.eveningId);
    if (!last || board.version <= last.version) return;
    // Newer counts alone need nothing: counts only grow (a merge changes the questions), so the next push carries newer ones still.
    if (last.shape !== boardShape(board)) this.sent.delete(board.eveningId);
  }

  forget(eveningId: string): void {
    this.sent.delete(eveningId);
  }
}

/**
 * Sends the questions' boards and lists to this node's sockets. Each node reads them from the
 * database (the truth with several nodes) for its own connections: the node where questions
 * changed tells the others (ClusterNotices, kind 'questions'). The screen and the host get the full
 * board on every change, the host the moderators' list; the phones get what PhoneBoards decides.
 * A phone whose own questions changed gets its list (through the adapter, on whichever node it is).
 */
@Injectable()
export class QuestionPushes implements OnModuleInit, OnModuleDestroy {
  private readonly logger = new Logger('QuestionPushes');
  private server: LiveServer | null = null;
  /** Evenings whose question boards are out of date, with the phones whose own questions changed. */
  private readonly dirty = new Map<string, Set<string>>();
  private timer: NodeJS.Timeout | null = null;
  readonly phones = new PhoneBoards();
  /** Every socket is in the room of its own id. */
  private readonly pacer = new PhonePacer((ids, message) => {
    const to = this.server?.local.to(ids);
    if (message.kind === 'board') to?.emit('question:board', message.board);
    else to?.emit('question:votes', message.votes);
  });

  constructor(
    private readonly events: LiveEvents,
    private readonly notices: ClusterNotices,
    private readonly questions: QuestionsService,
  ) {}

  attach(server: LiveServer): void {
    this.server = server;
  }

  onModuleInit(): void {
    // The pitch on stage may have changed (here, or on another node): so has the board.
    this.events.on('state', (id) => this.mark(id, []));
    this.events.on('refreshed', (id) => this.mark(id, []));
    this.events.on('questions', (id, attendeeIds) => this.mark(id, attendeeIds));
    this.events.on('purged', (id) => {
      this.phones.forget(id);
      this.pacer.forget(id);
    });
    this.notices.onRemote((notice) => {
      if (notice.kind === 'questions') this.mark(notice.eveningId, []);
    });
  }

  onModuleDestroy(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    this.pacer.stop();
  }

  /** A phone asked for the board and was given it (see PhoneBoards.served). */
  served(role: string, board: QuestionBoard): void {
    if (role === 'attendee') this.phones.served(board);
  }

  private mark(eveningId: string, attendeeIds: readonly string[]): void {
    let phones = this.dirty.get(eveningId);
    if (!phones) this.dirty.set(eveningId, (phones = new Set()));
    for (const id of attendeeIds) phones.add(id);
    this.timer ??= setInterval(() => void this.flush(), QUESTIONS_INTERVAL_MS);
  }

  private async flush(): Promise<void> {
    if (this.dirty.size === 0) {
      if (this.timer) clearInterval(this.timer);
      this.timer = null;
      return;
    }
    const dirty = [...this.dirty];
    this.dirty.clear();
    for (const [id, phones] of dirty) {
      try {
        const server = this.server;
        if (!server) return;
        const { board, list } = await this.questions.boardAndList(id);
        server.local.to([rooms.screen(id), rooms.host(id)]).emit('question:board', board);
        server.local.to(rooms.host(id)).emit('question:moderation', list);
        const push = this.phones.next(board, Date.now());
        if (push.kind === 'later') this.mark(id, []);
        const phoneSockets = () => [...(server.sockets.adapter.rooms.get(rooms.attendees(id)) ?? [])];
        if (push.kind === 'board') this.pacer.board(id, board, phoneSockets());
        else if (push.kind === 'votes') this.pacer.votes(id, push.votes, board, phoneSockets());
        for (const attendeeId of phones) server.to(rooms.phone(id, attendeeId)).emit('question:mine', await this.questions.mineOf(id, attendeeId));
      } catch (error) {
        this.logger.warn(`No question board for ${id}: ${error instanceof Error ? error.message : String(error)}`);
      }
    }
  }
}
