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

/** Phones pushed to in one turn of the event loop: between slices, ballots and their acknowledgements go first. */
export const PHONE_SLICE = 200;

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
    this.events.on('purged', (id) => this.phones.forget(id));
    this.notices.onRemote((notice) => {
      if (notice.kind === 'questions') this.mark(notice.eveningId, []);
    });
  }

  onModuleDestroy(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
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

  /** To this node's phones of the evening, PHONE_SLICE at a time, each slice in its own turn of the event loop. */
  private async toPhones(server: LiveServer, eveningId: string, send: (to: ReturnType<LiveServer['to']>) => void): Promise<void> {
    const ids = [...(server.sockets.adapter.rooms.get(rooms.attendees(eveningId)) ?? [])];
    for (let i = 0; i < ids.length; i += PHONE_SLICE) {
      if (i > 0) await new Promise((resolve) => setImmediate(resolve));
      // Every socket is in the room of its own id.
      send(server.local.to(ids.slice(i, i + PHONE_SLICE)));
    }
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
        if (push.kind === 'board') await this.toPhones(server, id, (to) => to.emit('question:board', board));
        else if (push.kind === 'votes') await this.toPhones(server, id, (to) => to.emit('question:votes', push.votes));
        for (const attendeeId of phones) server.to(rooms.phone(id, attendeeId)).emit('question:mine', await this.questions.mineOf(id, attendeeId));
      } catch (error) {
        this.logger.warn(`No question board for ${id}: ${error instanceof Error ? error.message : String(error)}`);
      }
    }
  }
}
