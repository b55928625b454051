import { Injectable, Logger } from '@nestjs/common';
import {
  byVotes,
  DEFAULT_QUESTION_SETTINGS,
  initialStatus,
  may,
  moderate,
  moderationOrder,
  problem,
  QUESTION_LIMITS,
  QUESTION_STATUSES,
  questionLimitProblem,
  questionNameProblem,
  questionTextProblem,
  questionWindowProblem,
  type BoardQuestion,
  type LiveState,
  type ModerationList,
  type ModerationQuestion,
  type MyQuestions,
  type OwnQuestion,
  type QuestionAsk,
  type QuestionBoard,
  type QuestionModeration,
  type QuestionRefusal,
  type QuestionSettings,
  type QuestionStatus,
  type SocketErrorCode,
} from '@buurtjury/shared';
import type { EntityManager } from 'typeorm';
import { WriteBatcher } from '../infrastructure/database/batched-inserter';
import { DatabaseWriter } from '../infrastructure/database/database-writer';
import { DomainEvents } from '../infrastructure/events/domain-events';
import { LiveEvents } from '../infrastructure/events/live-events';
import { LiveError, LiveRegistry } from '../live/live-registry.service';
import type { SocketContext } from '../live/socket-context';
import type { QuestionEntity, QuestionVoteEntity } from '../infrastructure/database/schema/questions';
import { QuestionsRepository, type PitchView } from './questions.repository';

type AttendeeContext = Extract<SocketContext, { role: 'attendee' }>;
type HostContext = Extract<SocketContext, { role: 'host' }>;

/** A phone's vote waiting for its batch; `outcome` is set when the batch is written. */
interface PendingVote {
  questionId: string;
  attendeeId: string;
  eveningId: string;
  outcome: { votes: number; added: boolean } | null;
}

/** A phone's question waiting for its batch; `outcome` is set when the batch is written. */
interface PendingAsk {
  questionId: string;
  bidderId: string;
  attendeeId: string;
  eveningId: string;
  firstName: string;
  text: string;
  settings: QuestionSettings;
  outcome: { row: QuestionEntity; fresh: boolean } | null;
}

const refuse = (code: SocketErrorCode, refusal: QuestionRefusal): LiveError => new LiveError({ code, ...problem(refusal.reason, refusal.params) });
const ONLY_ATTENDEES = new LiveError({ code: 'FORBIDDEN', message: 'Only attendees ask and vote for questions.' });
const ONLY_RUNNERS = new LiveError({ code: 'FORBIDDEN', ...problem('forbidden.run') });

function own(q: QuestionEntity, merged: ReadonlyMap<string, QuestionEntity>): OwnQuestion {
  const into = q.mergedInto ? merged.get(q.mergedInto) : undefined;
  return {
    id: q.id,
    bidderId: q.bidderId,
    text: q.text,
    firstName: q.firstName,
    votes: q.votes,
    status: q.status as QuestionStatus,
    mergedInto: q.mergedInto ? { id: q.mergedInto, text: into?.text ?? '' } : null,
    askedAt: q.askedAt.toISOString(),
  };
}

function settingsOf(view: PitchView): QuestionSettings {
  return view.settings ? { preModeration: view.settings.preModeration, duringPitch: view.settings.duringPitch } : { ...DEFAULT_QUESTION_SETTINGS };
}

/** The newest change of the evening's questions and settings (ms): the boards' and lists' version. */
function versionOf(view: PitchView): number {
  return Math.max(view.maxChanged, view.settings?.changed ?? 0);
}

function board(q: QuestionEntity): BoardQuestion {
  return { id: q.id, bidderId: q.bidderId, text: q.text, firstName: q.firstName, votes: q.votes, status: q.status as BoardQuestion['status'], askedAt: q.askedAt.toISOString() };
}

const voteKey = (v: { questionId: string; attendeeId: string }): string => `${v.questionId}\n${v.attendeeId}`;

/** New votes per question, from their keys. */
function perQuestion(added: ReadonlySet<string>): Map<string, number> {
  const more = new Map<string, number>();
  for (const k of added) {
    const id = k.slice(0, k.indexOf('\n'));
    more.set(id, (more.get(id) ?? 0) + 1);
  }
  return more;
}

/** Each vote's answer: the count after its batch, and whether it was the one stored (a resend in the same batch is not). */
function voteOutcomes(batch: readonly PendingVote[], refused: ReadonlyMap<PendingVote, unknown>, questions: ReadonlyMap<string, QuestionEntity>, added: ReadonlySet<string>, more: ReadonlyMap<string, number>): void {
  const counted = new Set<string>();
  for (const v of batch) {
    if (refused.has(v)) continue;
    const isNew = added.has(voteKey(v)) && !counted.has(voteKey(v));
    if (isNew) counted.add(voteKey(v));
    v.outcome = { votes: questions.get(v.questionId)!.votes + (more.get(v.questionId) ?? 0), added: isNew };
  }
}

/**
 * Questions from the room: a phone asks the bidder on stage (validated, limited per phone, held for
 * a moderator unless pre-moderation is off), phones vote for shown questions (one vote per phone
 * and question, counted in the database), organisers and moderators approve, hide, merge and mark
 * answered. The database is the truth (several nodes): every list is read from it, and every
 * change is announced through `LiveEvents` ('questions'), which the gateway's notifier sends on.
 * Questions are not ballots: nothing here touches the results. Personal data: at the retention
 * period the phones, votes and first names go, and so does the text of a question that never showed.
 */
@Injectable()
export class QuestionsService {
  private readonly logger = new Logger('Questions');
  /** Questions gather while the previous batch is written (see writeAsks). */
  private readonly asks = new WriteBatcher<PendingAsk>((batch) => this.writeAsks(batch), { batchMax: 200, lingerMs: 4 }, 'QuestionAsks');
  /** Votes gather while the previous batch is written (see writeVotes). */
  private readonly votes = new WriteBatcher<PendingVote>((batch) => this.writeVotes(batch), { batchMax: 500, lingerMs: 4 }, 'QuestionVotes');

  constructor(
    private readonly repo: QuestionsRepository,
    private readonly writer: DatabaseWriter,
    private readonly registry: LiveRegistry,
    private readonly events: LiveEvents,
    domainEvents: DomainEvents,
  ) {
    domainEvents.subscribe('eveningPurged', async ({ eveningId }) => {
      const forgotten = await this.writer.write((m) => this.repo.forget(m, eveningId));
      if (forgotten > 0) this.logger.log(`Retention: ${forgotten} questions of evening ${eveningId} no longer linked to a phone or name`);
    });
  }

  // ---------- phones ----------

  async ask(ctx: SocketContext, ask: QuestionAsk): Promise<{ question: OwnQuestion }> {
    const phone = this.attendee(ctx);
    const text = ask.text.trim();
    const firstName = (ask.firstName ?? '').trim();
    const textProblem = questionTextProblem(text) ?? questionNameProblem(firstName);
    if (textProblem) throw refuse('INVALID_PAYLOAD', textProblem);
    const settings = await this.settings(phone.eveningId);
    await this.checkWindow(phone.eveningId, ask.bidderId, settings);
    const pending: PendingAsk = { questionId: ask.questionId, bidderId: ask.bidderId, attendeeId: phone.attendeeId, eveningId: phone.eveningId, firstName, text, settings, outcome: null };
    await this.asks.add(pending);
    const { row, fresh } = pending.outcome!;
    if (fresh) this.events.emit('questions', phone.eveningId, []);
    return { question: own(row, new Map()) };
  }

  /**
   * The questions that arrived together, in one transaction (one each held the ballots' batches up
   * behind them on the one writer). Each is judged on its own, in arrival order: an id of another
   * phone's question is refused, a resend of a stored one answers with it, and the per-phone limits
   * count the phone's questions stored before and those accepted earlier in the same batch. When
   * the batch's transaction fails as a whole, each question is written again on its own, so one
   * that cannot be stored does not take the others with it. Acknowledged only after the commit.
   */
  private async writeAsks(batch: readonly PendingAsk[]): Promise<ReadonlyMap<PendingAsk, unknown>> {
    try {
      return await this.writeAskBatch(batch);
    } catch (error) {
      if (batch.length === 1) throw error;
      this.logger.warn(`Storing ${batch.length} questions together failed (${error instanceof Error ? error.message : String(error)}); each on its own`);
      const refused = new Map<PendingAsk, unknown>();
      for (const one of batch) {
        try {
          const alone = await this.writeAskBatch([one]);
          if (alone.has(one)) refused.set(one, alone.get(one));
        } catch (failure) {
          refused.set(one, failure);
        }
      }
      return refused;
    }
  }

  /**
   * One transaction. On sqlite the reads go first, under the writer's lock, and the inserts as one
   * script (one call to the driver: each statement on its own costs turns of the event loop that
   * the ballots' batches wait behind); on PostgreSQL a transaction.
   */
  private writeAskBatch(batch: readonly PendingAsk[]): Promise<Map<PendingAsk, unknown>> {
    if (this.writer.scripts) {
      return this.writer.script(({ manager, transaction }) => this.judgeAsks(manager, batch, (rows) => transaction(this.repo.writeSql(manager, { questions: rows }))));
    }
    return this.writer.write((m) => this.judgeAsks(m, batch, (rows) => this.repo.insertMany(m, rows)));
  }

  private async judgeAsks(m: EntityManager, batch: readonly PendingAsk[], store: (rows: QuestionEntity[]) => Promise<void>): Promise<Map<PendingAsk, unknown>> {
    const refused = new Map<PendingAsk, unknown>();
    const existing = new Map((await this.repo.byIds([...new Set(batch.map((a) => a.questionId))], m)).map((q) => [q.id, q]));
    // Each phone's questions so far, per evening (a batch may hold several evenings).
    const asked = new Map<string, QuestionEntity[]>();
    const phoneKey = (a: { eveningId: string; attendeeId: string | null }): string => `${a.eveningId}\n${a.attendeeId ?? ''}`;
    // Every phone of the batch at once, in one order (two nodes' batches never wait for each other in a circle).
    await this.repo.lockPhones(m, batch);
    for (const eveningId of new Set(batch.map((a) => a.eveningId))) {
      const phones = [...new Set(batch.filter((a) => a.eveningId === eveningId).map((a) => a.attendeeId))];
      for (const q of await this.repo.ofAttendees(eveningId, phones, m)) {
        const key = phoneKey(q);
        asked.set(key, [...(asked.get(key) ?? []), q]);
      }
    }
    const now = new Date();
    const fresh: QuestionEntity[] = [];
    for (const a of batch) {
      const stored = existing.get(a.questionId);
      if (stored) {
        if (stored.attendeeId !== a.attendeeId || stored.eveningId !== a.eveningId) refused.set(a, refuse('INVALID_PAYLOAD', { reason: 'question.idTaken' }));
        else a.outcome = { row: stored, fresh: false };
        continue;
      }
      const before = (asked.get(phoneKey(a)) ?? []).filter((q) => q.bidderId === a.bidderId);
      const limit = questionLimitProblem(
        before.map((q) => ({ status: q.status as QuestionStatus, askedAt: q.askedAt.getTime() })),
        now.getTime(),
      );
      if (limit) {
        refused.set(a, refuse('RATE_LIMITED', limit));
        continue;
      }
      const status = initialStatus(a.settings);
      const row: QuestionEntity = {
        id: a.questionId,
        eveningId: a.eveningId,
        bidderId: a.bidderId,
        attendeeId: a.attendeeId,
        firstName: a.firstName,
        text: a.text,
        status,
        votes: 0,
        mergedInto: null,
        askedAt: now,
        shownAt: status === 'approved' ? now : null,
        answeredAt: null,
        changed: now.getTime(),
      };
      fresh.push(row);
      existing.set(row.id, row);
      asked.set(phoneKey(a), [...(asked.get(phoneKey(a)) ?? []), row]);
      a.outcome = { row, fresh: true };
    }
    if (fresh.length > 0) await store(fresh);
    return refused;
  }

  async vote(ctx: SocketContext, questionId: string): Promise<{ votes: number }> {
    const phone = this.attendee(ctx);
    const pending: PendingVote = { questionId, attendeeId: phone.attendeeId, eveningId: phone.eveningId, outcome: null };
    await this.votes.add(pending);
    const { votes, added } = pending.outcome!;
    // The asker sees the votes on the board; their own list is sent again only when a moderator acts.
    if (added) this.events.emit('questions', phone.eveningId, []);
    return { votes };
  }

  /**
   * The votes that arrived together, in one transaction (a vote each was a transaction each, and
   * in a round with two thousand phones those queued before the ballots' batches on the one
   * writer). Each vote is judged on its own: an unknown or hidden question, or the phone's own, is
   * refused; a vote the phone gave already adds nothing; each question's count goes up by the new
   * votes in one UPDATE.
   */
  private writeVotes(batch: readonly PendingVote[]): Promise<ReadonlyMap<PendingVote, unknown>> {
    // sqlite: the reads first, under the writer's lock, then the writes as one script (see writeAskBatch).
    if (this.writer.scripts) {
      return this.writer.script(async ({ manager, transaction }) => {
        const { refused, questions, fresh } = await this.judgeVotes(manager, batch);
        const stored = await this.repo.storedVotes(manager, [...fresh.values()]);
        const added = new Set([...fresh.keys()].filter((k) => !stored.has(k)));
        const more = perQuestion(added);
        const statements = this.repo.writeSql(manager, { votes: [...added].map((k) => fresh.get(k)!), counts: more, changed: Date.now() });
        if (statements.length > 0) await transaction(statements);
        voteOutcomes(batch, refused, questions, added, more);
        return refused;
      });
    }
    return this.writer.write(async (m) => {
      const { refused, questions, fresh } = await this.judgeVotes(m, batch);
      const added = await this.repo.addVotes(m, [...fresh.values()]);
      const more = perQuestion(added);
      const changed = Date.now();
      for (const [id, n] of more) await this.repo.incrementBy(m, id, n, changed);
      voteOutcomes(batch, refused, questions, added, more);
      return refused;
    });
  }

  /** Each vote on its own: an unknown or hidden question, or the phone's own, is refused; the rest by key (a resend in the batch once). */
  private async judgeVotes(m: EntityManager, batch: readonly PendingVote[]) {
    const refused = new Map<PendingVote, unknown>();
    const questions = new Map((await this.repo.byIds([...new Set(batch.map((v) => v.questionId))], m)).map((q) => [q.id, q]));
    const fresh = new Map<string, QuestionVoteEntity>();
    for (const v of batch) {
      const q = questions.get(v.questionId);
      if (!q || q.eveningId !== v.eveningId) refused.set(v, refuse('NOT_FOUND', { reason: 'question.unknown' }));
      else if (q.status !== 'approved') refused.set(v, refuse('INVALID_COMMAND', { reason: 'question.notShown' }));
      else if (q.attendeeId === v.attendeeId) refused.set(v, refuse('INVALID_COMMAND', { reason: 'question.ownVote' }));
      else if (!fresh.has(voteKey(v))) fresh.set(voteKey(v), { questionId: v.questionId, attendeeId: v.attendeeId, eveningId: v.eveningId });
    }
    return { refused, questions, fresh };
  }

  async mine(ctx: SocketContext): Promise<MyQuestions> {
    const phone = this.attendee(ctx);
    return this.mineOf(phone.eveningId, phone.attendeeId);
  }

  /** One phone's questions and votes (for the notifier, after a change to one of them). */
  async mineOf(eveningId: string, attendeeId: string): Promise<MyQuestions> {
    const [rows, voted] = await Promise.all([this.repo.ofAttendee(eveningId, attendeeId), this.repo.votedBy(eveningId, attendeeId)]);
    const targets = new Map((await this.repo.byIds([...new Set(rows.flatMap((q) => (q.mergedInto ? [q.mergedInto] : [])))])).map((q) => [q.id, q]));
    return { questions: rows.map((q) => own(q, targets)), voted };
  }

  // ---------- every role ----------

  /** The shown questions of the pitch on stage; any connection of the evening may read them. */
  async board(ctx: SocketContext): Promise<{ board: QuestionBoard }> {
    return { board: await this.boardOf(ctx.eveningId) };
  }

  async boardOf(eveningId: string): Promise<QuestionBoard> {
    const live = await this.registry.get(eveningId);
    const bidderId = live.liveState().currentBidderId;
    return this.boardFrom(live.liveState(), bidderId, await this.pitchView(eveningId, bidderId));
  }

  // ---------- organisers and moderators ----------

  async list(ctx: SocketContext, bidderId?: string): Promise<{ list: ModerationList }> {
    const host = this.runner(ctx);
    return { list: await this.listOf(host.eveningId, bidderId) };
  }

  async listOf(eveningId: string, bidderId?: string): Promise<ModerationList> {
    const live = await this.registry.get(eveningId);
    const pitch = bidderId ?? live.liveState().currentBidderId;
    if (pitch && !live.programme.bidders.some((b) => b.id === pitch)) throw refuse('UNKNOWN_BIDDER', { reason: 'bidderNotOnProgramme' });
    const view = await this.pitchView(eveningId, pitch);
    return this.listFrom(eveningId, pitch, view, await this.mergeTargets(view, eveningId, pitch));
  }

  /** The board and the moderators' list of the pitch on stage, from one read of the database (the notifier's flush). */
  async boardAndList(eveningId: string): Promise<{ board: QuestionBoard; list: ModerationList }> {
    const live = await this.registry.get(eveningId);
    const state = live.liveState();
    const view = await this.pitchView(eveningId, state.currentBidderId);
    return { board: this.boardFrom(state, state.currentBidderId, view), list: this.listFrom(eveningId, state.currentBidderId, view, await this.mergeTargets(view, eveningId, state.currentBidderId)) };
  }

  /** Only the rows the board and the moderators' list show (not the pitch's every question). */
  private pitchView(eveningId: string, bidderId: string | null): Promise<PitchView> {
    return this.repo.pitchView(eveningId, bidderId, { boardSize: QUESTION_LIMITS.boardSize, listMax: QUESTION_LIMITS.moderationMax });
  }

  /** The questions the listed merged ones were merged into (for their text): read along, or else read now (rare). */
  private async mergeTargets(view: PitchView, eveningId: string, bidderId: string | null): Promise<Map<string, QuestionEntity>> {
    const known = new Map([...view.board, ...view.listed].map((q) => [q.id, q]));
    const missing = [...new Set(view.listed.flatMap((q) => (q.mergedInto && !known.has(q.mergedInto) ? [q.mergedInto] : [])))];
    // Only the pitch's own questions count as targets (as when the list was made from the pitch's rows).
    for (const q of await this.repo.byIds(missing)) if (q.eveningId === eveningId && q.bidderId === bidderId) known.set(q.id, q);
    return known;
  }

  private boardFrom(state: LiveState, bidderId: string | null, view: PitchView): QuestionBoard {
    const started = state.pitches.find((p) => p.bidderId === bidderId)?.startedAt;
    const questions = view.board.map(board).sort(byVotes).slice(0, QUESTION_LIMITS.boardSize);
    // A new pitch on stage is a change of the board too.
    return {
      eveningId: state.eveningId,
      version: Math.max(versionOf(view), started ? Date.parse(started) : 0),
      settings: settingsOf(view),
      bidderId,
      questions,
      shown: view.counts.approved + view.counts.answered,
    };
  }

  private listFrom(eveningId: string, pitch: string | null, view: PitchView, targets: ReadonlyMap<string, QuestionEntity>): ModerationList {
    const counts = Object.fromEntries(QUESTION_STATUSES.map((s) => [s, view.counts[s]])) as ModerationList['counts'];
    const questions: ModerationQuestion[] = view.listed
      .map((q) => ({ ...own(q, targets), merged: view.merged.get(q.id) ?? 0 }))
      .sort(moderationOrder)
      .slice(0, QUESTION_LIMITS.moderationMax);
    return { eveningId, version: versionOf(view), settings: settingsOf(view), bidderId: pitch, questions, counts };
  }

  async moderateQuestion(ctx: SocketContext, request: QuestionModeration): Promise<{ list: ModerationList }> {
    const host = this.runner(ctx);
    const now = new Date();
    // The advice's account is counted from the questions at the end of the evening: it stays as it was then.
    if ((await this.registry.get(host.eveningId)).liveState().phase === 'ended') throw refuse('INVALID_COMMAND', { reason: 'question.eveningEnded' });
    const { bidderId, askers } = await this.writer.write(async (m) => {
      const q = await this.repo.byId(request.questionId, m);
      if (!q || q.eveningId !== host.eveningId) throw refuse('NOT_FOUND', { reason: 'question.unknown' });
      const next = moderate(q.status as QuestionStatus, request.action);
      if (typeof next !== 'string') throw refuse('INVALID_COMMAND', next);
      const touched = new Set<string>(q.attendeeId ? [q.attendeeId] : []);
      if (request.action === 'merge') {
        const into = request.intoId ? await this.repo.byId(request.intoId, m) : null;
        if (!into || into.id === q.id || into.eveningId !== q.eveningId || into.bidderId !== q.bidderId || ['hidden', 'merged'].includes(into.status)) {
          throw refuse('INVALID_COMMAND', { reason: 'question.mergeTarget' });
        }
        await this.repo.moveVotes(m, q.eveningId, q.id, into.id);
        const votes = await this.repo.countVotes(m, into.id);
        await this.repo.update(m, into.id, { votes, changed: now.getTime() });
        await this.repo.update(m, q.id, { status: 'merged', mergedInto: into.id, votes: 0, changed: now.getTime() });
        if (into.attendeeId) touched.add(into.attendeeId);
      } else {
        await this.repo.update(m, q.id, {
          status: next,
          changed: now.getTime(),
          ...(next === 'approved' || next === 'answered' ? { shownAt: q.shownAt ?? now } : {}),
          ...(next === 'answered' ? { answeredAt: q.answeredAt ?? now } : {}),
          ...(request.action === 'reopen' ? { answeredAt: null } : {}),
        });
      }
      return { bidderId: q.bidderId, askers: [...touched] };
    });
    this.events.emit('questions', host.eveningId, askers);
    return { list: await this.listOf(host.eveningId, bidderId) };
  }

  async changeSettings(ctx: SocketContext, settings: QuestionSettings): Promise<{ settings: QuestionSettings }> {
    const host = this.runner(ctx);
    await this.writer.write((m) => this.repo.saveSettings(m, { eveningId: host.eveningId, preModeration: settings.preModeration, duringPitch: settings.duringPitch, changed: Date.now() }));
    this.events.emit('questions', host.eveningId, []);
    return { settings: { preModeration: settings.preModeration, duringPitch: settings.duringPitch } };
  }

  // ---------- helpers ----------

  async settings(eveningId: string): Promise<QuestionSettings> {
    const row = await this.repo.settings(eveningId);
    return row ? { preModeration: row.preModeration, duringPitch: row.duringPitch } : { ...DEFAULT_QUESTION_SETTINGS };
  }

  /** Whether the pitch takes questions now; with several nodes, a refusal is checked again after reading the database. */
  private async checkWindow(eveningId: string, bidderId: string, settings: QuestionSettings): Promise<void> {
    const judge = async () => {
      const live = await this.registry.get(eveningId);
      return questionWindowProblem(live.liveState(), live.programme.bidders.map((b) => ({ bidderId: b.id, pitchMinutes: b.pitchMinutes })), bidderId, settings, new Date());
    };
    let refusal = await judge();
    if (refusal && this.registry.databaseDecides) {
      await this.registry.refresh(eveningId);
      refusal = await judge();
    }
    if (refusal) throw refuse(refusal.reason === 'bidderNotOnProgramme' ? 'UNKNOWN_BIDDER' : 'QUESTIONS_CLOSED', refusal);
  }

  private attendee(ctx: SocketContext): AttendeeContext {
    if (ctx.role !== 'attendee') throw ONLY_ATTENDEES;
    return ctx;
  }

  private runner(ctx: SocketContext): HostContext {
    if (ctx.role !== 'host' || !may(ctx.actor.role, 'run')) throw ONLY_RUNNERS;
    return ctx;
  }
}
