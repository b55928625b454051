/**
 * Questions from the room on the client: the board of shown questions (every role), a phone's own
 * questions and votes, the moderators' list. The server is the authority: everything here is what
 * it last said (a push, or the answer to a request after each reconnect); boards and lists may come
 * from different nodes, so the one with the highest `version` wins.
 */
import { applyBoardVotes, type ModerationAction, type ModerationList, type MyQuestions, type OwnQuestion, type QuestionBoard, type QuestionBoardVotes, type QuestionSettings } from '@buurtjury/shared';
import { newBallotId } from './live-format';
import type { LiveAck, LiveSession } from './live.svelte';

/** What the phone keeps of a question it has not had acknowledged yet: sent again with the same id. */
export interface QuestionDraft {
  questionId: string;
  text: string;
  firstName: string;
}

export class QuestionsFeed {
  board = $state.raw<QuestionBoard | null>(null);
  mine = $state.raw<MyQuestions | null>(null);
  list = $state.raw<ModerationList | null>(null);
  /** The question being sent (its id is kept until the server has it, so a retry is stored once). */
  draft = $state.raw<QuestionDraft | null>(null);

  constructor(
    private readonly live: LiveSession,
    private readonly role: 'attendee' | 'host' | 'screen',
  ) {}

  /** Follows the pushes; returns the function that stops. */
  start(): () => void {
    const stops = [
      this.live.listen('question:board', (board) => this.takeBoard(board)),
      this.live.listen('question:votes', (votes) => void this.takeVotes(votes)),
      this.live.listen('question:mine', (mine) => (this.mine = mine)),
      this.live.listen('question:moderation', (list) => this.takeList(list)),
    ];
    return () => stops.forEach((stop) => stop());
  }

  /** Loads what this role sees (after every (re)connect). */
  async reload(): Promise<void> {
    const board = await this.live.ask<{ board: QuestionBoard }>((s, ack) => s.emit('question:board', ack));
    if (board.ok) this.takeBoard(board.board, true);
    if (this.role === 'attendee') {
      const mine = await this.live.ask<MyQuestions>((s, ack) => s.emit('question:mine', ack));
      if (mine.ok) this.mine = { questions: mine.questions, voted: mine.voted };
    }
    if (this.role === 'host') await this.loadList();
  }

  /** Loads the full board (when counts came for questions this board does not hold). */
  async loadBoard(): Promise<void> {
    const board = await this.live.ask<{ board: QuestionBoard }>((s, ack) => s.emit('question:board', ack));
    if (board.ok) this.takeBoard(board.board);
  }

  async loadList(bidderId?: string): Promise<void> {
    const list = await this.live.ask<{ list: ModerationList }>((s, ack) => s.emit('question:list', bidderId ? { bidderId } : {}, ack));
    if (list.ok) this.takeList(list.list, true);
  }

  /** Sends the draft (made with a new id if there is none); resolves with the refusal, or null once stored. */
  async ask(bidderId: string, text: string, firstName: string): Promise<LiveAck<{ question: OwnQuestion }>> {
    const draft = this.draft && this.draft.text === text && this.draft.firstName === firstName ? this.draft : { questionId: newBallotId(), text, firstName };
    this.draft = draft;
    const result = await this.live.ask<{ question: OwnQuestion }>((s, ack) =>
      s.emit('question:ask', { questionId: draft.questionId, bidderId, text, ...(firstName ? { firstName } : {}) }, ack),
    );
    if (result.ok) {
      this.draft = null;
      const others = (this.mine?.questions ?? []).filter((q) => q.id !== result.question.id);
      this.mine = { questions: [...others, result.question], voted: this.mine?.voted ?? [] };
    } else if (result.code !== 'OFFLINE' && result.code !== 'TIMEOUT') {
      // Refused: the next try is a new question.
      this.draft = null;
    }
    return result;
  }

  async vote(questionId: string): Promise<LiveAck<{ votes: number }>> {
    const result = await this.live.ask<{ votes: number }>((s, ack) => s.emit('question:vote', { questionId }, ack));
    if (result.ok && this.mine) this.mine = { ...this.mine, voted: [...new Set([...this.mine.voted, questionId])] };
    if (result.ok && this.board) {
      this.board = { ...this.board, questions: this.board.questions.map((q) => (q.id === questionId ? { ...q, votes: Math.max(q.votes, result.votes) } : q)) };
    }
    return result;
  }

  async moderate(questionId: string, action: ModerationAction, intoId?: string): Promise<LiveAck<{ list: ModerationList }>> {
    const result = await this.live.ask<{ list: ModerationList }>((s, ack) => s.emit('question:moderate', { questionId, action, ...(intoId ? { intoId } : {}) }, ack));
    if (result.ok) this.takeList(result.list);
    return result;
  }

  async settings(settings: QuestionSettings): Promise<LiveAck<{ settings: QuestionSettings }>> {
    const result = await this.live.ask<{ settings: QuestionSettings }>((s, ack) => s.emit('question:settings', settings, ack));
    if (result.ok) {
      if (this.board) this.board = { ...this.board, settings: result.settings };
      if (this.list) this.list = { ...this.list, settings: result.settings };
    }
    return result;
  }

  private takeBoard(board: QuestionBoard, replace = false): void {
    if (!replace && this.board && board.version < this.board.version) return;
    this.board = board;
  }

  /** New counts and order between full boards; when they do not fit the board held, the full board is loaded. */
  private async takeVotes(votes: QuestionBoardVotes): Promise<void> {
    if (this.board && votes.version < this.board.version) return;
    const next = applyBoardVotes(this.board, votes);
    if (next) this.board = next;
    else await this.loadBoard();
  }

  private takeList(list: ModerationList, replace = false): void {
    if (this.list && list.bidderId !== this.list.bidderId && !replace) {
      // A push for the pitch on stage while the moderator looks at another pitch: keep theirs.
      if (this.list.bidderId !== this.board?.bidderId) return;
    }
    if (!replace && this.list && list.bidderId === this.list.bidderId && list.version < this.list.version) return;
    this.list = list;
  }
}
