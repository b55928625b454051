import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, In, IsNull, Not, type EntityManager } from 'typeorm';
import { insertSql, sqlLiteral } from '../infrastructure/database/batched-inserter';
import { QuestionEntity, QuestionSettingsEntity, QuestionVoteEntity } from '../infrastructure/database/schema/questions';

/** One pitch's questions with the evening's settings and version, read together (QuestionsRepository.pitchView). */
export interface PitchView {
  rows: QuestionEntity[];
  settings: { preModeration: boolean; duringPitch: boolean; changed: number } | null;
  /** The newest change of the evening's questions (ms; 0 without any). */
  maxChanged: number;
}

/** The questions' own tables (question, question_vote, question_settings): no other feature reads or writes them. */
@Injectable()
export class QuestionsRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  get manager(): EntityManager {
    return this.dataSource.manager;
  }

  settings(eveningId: string, m: EntityManager = this.manager): Promise<QuestionSettingsEntity | null> {
    return m.findOneBy(QuestionSettingsEntity, { eveningId });
  }

  saveSettings(m: EntityManager, row: QuestionSettingsEntity): Promise<unknown> {
    return m.save(QuestionSettingsEntity, row);
  }

  byId(id: string, m: EntityManager = this.manager): Promise<QuestionEntity | null> {
    return m.findOneBy(QuestionEntity, { id });
  }

  /** Every question of one pitch. */
  forPitch(eveningId: string, bidderId: string, m: EntityManager = this.manager): Promise<QuestionEntity[]> {
    return m.findBy(QuestionEntity, { eveningId, bidderId });
  }

  /** The shown questions (approved or answered) of one pitch. */
  shownForPitch(eveningId: string, bidderId: string, m: EntityManager = this.manager): Promise<QuestionEntity[]> {
    return m.findBy(QuestionEntity, { eveningId, bidderId, status: In(['approved', 'answered']) });
  }

  /** Every question of the evening. */
  forEvening(eveningId: string, m: EntityManager = this.manager): Promise<QuestionEntity[]> {
    return m.findBy(QuestionEntity, { eveningId });
  }

  /** One phone's questions in this evening. */
  ofAttendee(eveningId: string, attendeeId: string, m: EntityManager = this.manager): Promise<QuestionEntity[]> {
    return m.find(QuestionEntity, { where: { eveningId, attendeeId }, order: { askedAt: 'ASC' } });
  }

  /** The questions of several phones in this evening. */
  ofAttendees(eveningId: string, attendeeIds: readonly string[], m: EntityManager = this.manager): Promise<QuestionEntity[]> {
    if (attendeeIds.length === 0) return Promise.resolve([]);
    return m.find(QuestionEntity, { where: { eveningId, attendeeId: In([...attendeeIds]) }, order: { askedAt: 'ASC' } });
  }

  /**
   * PostgreSQL (several nodes): holds the phones' locks until the transaction ends, so two nodes
   * judging the same phone's questions at once (its limits) take turns. In sorted order, so two
   * batches never wait for each other. sqlite has one writer: nothing to do.
   */
  async lockPhones(m: EntityManager, phones: readonly { eveningId: string; attendeeId: string }[]): Promise<void> {
    if (m.connection.options.type !== 'postgres' || phones.length === 0) return;
    const keys = [...new Set(phones.map((p) => `question-phone:${p.eveningId}:${p.attendeeId}`))].sort();
    await m.query('SELECT pg_advisory_xact_lock(hashtextextended(k, 0)) FROM unnest($1::text[]) WITH ORDINALITY AS t(k, n) ORDER BY n', [keys]);
  }

  byIds(ids: string[], m: EntityManager = this.manager): Promise<QuestionEntity[]> {
    return ids.length === 0 ? Promise.resolve([]) : m.findBy(QuestionEntity, { id: In(ids) });
  }

  /** The ids of the questions this phone voted for. */
  async votedBy(eveningId: string, attendeeId: string, m: EntityManager = this.manager): Promise<string[]> {
    return (await m.find(QuestionVoteEntity, { where: { eveningId, attendeeId }, select: { questionId: true } })).map((v) => v.questionId);
  }

  /** The newest change of the evening's questions and settings (ms): the boards' version. */
  async version(eveningId: string, m: EntityManager = this.manager): Promise<number> {
    const row = await m.createQueryBuilder(QuestionEntity, 'q').select('MAX(q.changed)', 'max').where('q.eveningId = :eveningId', { eveningId }).getRawOne<{ max: string | number | null }>();
    const settings = await this.settings(eveningId, m);
    return Math.max(Number(row?.max ?? 0), settings?.changed ?? 0);
  }

  /**
   * In one query: every question of one pitch (none without a pitch), the evening's settings row
   * and the newest change of its questions. The board and the moderators' list are both made from
   * it (each flush of the notifier reads the database once).
   */
  async pitchView(eveningId: string, bidderId: string | null, m: EntityManager = this.manager): Promise<PitchView> {
    const postgres = m.connection.options.type === 'postgres';
    const p = (n: number): string => (postgres ? `$${n}` : '?');
    const meta = m.connection.getMetadata(QuestionEntity);
    const columns = meta.columns.map((c) => `q."${c.databaseName}" AS "q_${c.databaseName}"`).join(', ');
    const sql =
      `SELECT e."maxChanged" AS "maxChanged", s."preModeration" AS "s_preModeration", s."duringPitch" AS "s_duringPitch", s."changed" AS "s_changed", ${columns} ` +
      `FROM (SELECT MAX("changed") AS "maxChanged" FROM question WHERE "eveningId" = ${p(1)}) e ` +
      `LEFT JOIN question_settings s ON s."eveningId" = ${p(2)} ` +
      `LEFT JOIN question q ON q."eveningId" = ${p(3)} AND q."bidderId" = ${p(4)}`;
    // Without a pitch the join matches nothing (no bidder id is ''), and the one row still carries the version and settings.
    const raw = (await m.query(sql, [eveningId, eveningId, eveningId, bidderId ?? ''])) as Record<string, unknown>[];
    const driver = m.connection.driver;
    const settingsMeta = m.connection.getMetadata(QuestionSettingsEntity);
    const first = raw[0];
    const settings =
      first && first.s_changed !== null && first.s_changed !== undefined
        ? {
            preModeration: driver.prepareHydratedValue(first.s_preModeration, settingsMeta.findColumnWithPropertyName('preModeration')!) as boolean,
            duringPitch: driver.prepareHydratedValue(first.s_duringPitch, settingsMeta.findColumnWithPropertyName('duringPitch')!) as boolean,
            changed: Number(first.s_changed),
          }
        : null;
    const rows = raw
      .filter((r) => r.q_id !== null && r.q_id !== undefined)
      .map((r) => Object.fromEntries(meta.columns.map((c) => [c.propertyName, driver.prepareHydratedValue(r[`q_${c.databaseName}`], c)])) as unknown as QuestionEntity);
    return { rows, settings, maxChanged: Number(first?.maxChanged ?? 0) };
  }

  insert(m: EntityManager, row: QuestionEntity): Promise<unknown> {
    return m.insert(QuestionEntity, row);
  }

  /** Several new questions in as few statements as sqlite's limit on bound values allows. */
  async insertMany(m: EntityManager, rows: readonly QuestionEntity[]): Promise<void> {
    for (let i = 0; i < rows.length; i += 50) await m.insert(QuestionEntity, rows.slice(i, i + 50));
  }

  update(m: EntityManager, id: string, change: Partial<QuestionEntity>): Promise<unknown> {
    return m.update(QuestionEntity, { id }, change);
  }

  /** Records one phone's vote; false when it had voted for this question already (the key decides, on either database). */
  async addVote(m: EntityManager, vote: QuestionVoteEntity): Promise<boolean> {
    const postgres = m.connection.options.type === 'postgres';
    const p = postgres ? ['$1', '$2', '$3'] : ['?', '?', '?'];
    const runner = m.queryRunner;
    if (!runner) throw new Error('addVote runs inside a transaction');
    const result = (await runner.query(
      `INSERT INTO question_vote ("questionId", "attendeeId", "eveningId") VALUES (${p.join(', ')}) ON CONFLICT DO NOTHING`,
      [vote.questionId, vote.attendeeId, vote.eveningId],
      true,
    )) as { affected?: number };
    return (result.affected ?? 0) > 0;
  }

  /** One more vote, counted in the row (under its row lock on PostgreSQL, so two nodes never lose one). */
  async increment(m: EntityManager, id: string, changed: number): Promise<void> {
    await this.incrementBy(m, id, 1, changed);
  }

  /** `added` more votes, counted in the row in one UPDATE (atomic per row on either database). */
  async incrementBy(m: EntityManager, id: string, added: number, changed: number): Promise<void> {
    await m
      .createQueryBuilder()
      .update(QuestionEntity)
      .set({ votes: () => `votes + ${Math.trunc(added)}`, changed })
      .where('id = :id', { id })
      .execute();
  }

  /**
   * Records several phones' votes in one go (a batch, inside the writer's transaction) and answers
   * which were new (key: question id, newline, attendee id). The key decides: a vote stored already,
   * by this node or another, is not new. On PostgreSQL the INSERT reports the rows it stored
   * (RETURNING); on sqlite, with one writer, the ones stored already are read first.
   */
  async addVotes(m: EntityManager, votes: readonly QuestionVoteEntity[]): Promise<Set<string>> {
    const key = (v: { questionId: string; attendeeId: string }): string => `${v.questionId}\n${v.attendeeId}`;
    const added = new Set<string>();
    const postgres = m.connection.options.type === 'postgres';
    for (let i = 0; i < votes.length; i += 300) {
      const part = votes.slice(i, i + 300);
      const params = part.flatMap((v) => [v.questionId, v.attendeeId, v.eveningId]);
      const tuples = part.map((_, j) => (postgres ? `($${3 * j + 1}, $${3 * j + 2}, $${3 * j + 3})` : '(?, ?, ?)')).join(', ');
      const insert = `INSERT INTO question_vote ("questionId", "attendeeId", "eveningId") VALUES ${tuples} ON CONFLICT DO NOTHING`;
      if (postgres) {
        for (const row of (await m.query(`${insert} RETURNING "questionId", "attendeeId"`, params)) as { questionId: string; attendeeId: string }[]) added.add(key(row));
        continue;
      }
      const stored = new Set(
        (await m.findBy(QuestionVoteEntity, { questionId: In([...new Set(part.map((v) => v.questionId))]), attendeeId: In([...new Set(part.map((v) => v.attendeeId))]) })).map(key),
      );
      await m.query(insert, params);
      for (const v of part) if (!stored.has(key(v))) added.add(key(v));
    }
    return added;
  }

  /** sqlite, with one writer: which of these votes are stored already (key: question id, newline, attendee id). */
  async storedVotes(m: EntityManager, votes: readonly QuestionVoteEntity[]): Promise<Set<string>> {
    const stored = new Set<string>();
    for (let i = 0; i < votes.length; i += 300) {
      const part = votes.slice(i, i + 300);
      const rows = await m.findBy(QuestionVoteEntity, { questionId: In([...new Set(part.map((v) => v.questionId))]), attendeeId: In([...new Set(part.map((v) => v.attendeeId))]) });
      for (const r of rows) stored.add(`${r.questionId}\n${r.attendeeId}`);
    }
    return stored;
  }

  /**
   * sqlite (DatabaseWriter.script): the statements that store new questions, new votes and the
   * questions' new counts, with their values as literals, for one script.
   */
  writeSql(m: EntityManager, write: { questions?: readonly QuestionEntity[]; votes?: readonly QuestionVoteEntity[]; counts?: ReadonlyMap<string, number>; changed?: number }): string[] {
    const statements: string[] = [];
    const questions = write.questions ?? [];
    const votes = write.votes ?? [];
    for (let i = 0; i < questions.length; i += 100) statements.push(insertSql(m.connection, QuestionEntity, questions.slice(i, i + 100), 'fail'));
    for (let i = 0; i < votes.length; i += 300) statements.push(insertSql(m.connection, QuestionVoteEntity, votes.slice(i, i + 300)));
    for (const [id, added] of write.counts ?? new Map<string, number>()) {
      statements.push(`UPDATE question SET votes = votes + ${Math.trunc(added)}, changed = ${sqlLiteral(write.changed ?? Date.now())} WHERE id = ${sqlLiteral(id)}`);
    }
    return statements;
  }

  countVotes(m: EntityManager, questionId: string): Promise<number> {
    return m.countBy(QuestionVoteEntity, { questionId });
  }

  /** Moves the votes of `fromId` to `toId` (a phone that voted for both keeps one vote). */
  async moveVotes(m: EntityManager, eveningId: string, fromId: string, toId: string): Promise<void> {
    const from = await m.findBy(QuestionVoteEntity, { questionId: fromId });
    for (const v of from) await this.addVote(m, { questionId: toId, attendeeId: v.attendeeId, eveningId });
    await m.delete(QuestionVoteEntity, { questionId: fromId });
  }

  /**
   * Retention: the phones (attendee ids, votes) and first names go; the text of a question that
   * never showed goes too. Returns how many questions were changed.
   */
  async forget(m: EntityManager, eveningId: string): Promise<number> {
    await m.delete(QuestionVoteEntity, { eveningId });
    const named = await m.update(QuestionEntity, { eveningId, attendeeId: Not(IsNull()) }, { attendeeId: null, firstName: '' });
    await m.update(QuestionEntity, { eveningId, shownAt: IsNull() }, { text: '' });
    return named.affected ?? 0;
  }
}
