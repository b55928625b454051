import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { QUESTION_STATUSES, type QuestionStatus } from '@buurtjury/shared';
import { DataSource, IsNull, Not, type EntityManager } from 'typeorm';
import { insertSql, sqlLiteral } from '../infrastructure/database/batched-inserter';
import { QuestionEntity, QuestionSettingsEntity, QuestionVoteEntity } from '../infrastructure/database/schema/questions';

/**
 * What the board and the moderators' list of one pitch show, with the evening's settings and
 * version, read together in one statement (QuestionsRepository.pitchView).
 */
export interface PitchView {
  /** The board's questions: the pitch's shown ones (approved or answered) first by byVotes, `boardSize` at most (in no particular order). */
  board: QuestionEntity[];
  /** The moderators' list: the pitch's questions first by moderationOrder, `moderationMax` at most (in no particular order). */
  listed: QuestionEntity[];
  /** The pitch's questions per status (every status, 0 without any). */
  counts: Record<QuestionStatus, number>;
  /** Per question of the pitch: how many of the pitch's questions were merged into it (absent: none). */
  merged: Map<string, number>;
  settings: { preModeration: boolean; duringPitch: boolean; changed: number } | null;
  /** The newest change of the evening's questions (ms; 0 without any). */
  maxChanged: number;
}

/** Placeholders and spelling of one database's plain SQL (numbered on both, so a value may be used twice: sqlite `?n`, PostgreSQL `$n`). */
interface Dialect {
  postgres: boolean;
  /** The placeholder of the n-th value (from 1). */
  p: (n: number) => string;
  /** A list of placeholders for `count` values, from the n-th. */
  list: (from: number, count: number) => string;
  /** Compares ids as JavaScript compares strings (code units; ids are ASCII), whatever the database's collation. */
  byteOrder: string;
}

function dialect(m: EntityManager): Dialect {
  const postgres = m.connection.options.type === 'postgres';
  const p = (n: number): string => (postgres ? `$${n}` : `?${n}`);
  return {
    postgres,
    p,
    list: (from, count) => Array.from({ length: count }, (_, i) => p(from + i)).join(', '),
    byteOrder: postgres ? ' COLLATE "C"' : '',
  };
}

/** Values per statement for an IN list (well below sqlite's limit on bound values). */
const IN_CHUNK = 500;

function chunks<T>(values: readonly T[], size = IN_CHUNK): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < values.length; i += size) out.push(values.slice(i, i + size));
  return out;
}

/** The questions' own tables (question, question_vote, question_settings): no other feature reads or writes them. */
@Injectable()
export class QuestionsRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  get manager(): EntityManager {
    return this.dataSource.manager;
  }

  /** The evening's settings row (plain SQL: read for every question asked). */
  async settings(eveningId: string, m: EntityManager = this.manager): Promise<QuestionSettingsEntity | null> {
    const { p } = dialect(m);
    const raw = (await m.query(`SELECT "eveningId", "preModeration", "duringPitch", "changed" FROM question_settings WHERE "eveningId" = ${p(1)}`, [eveningId])) as Record<string, unknown>[];
    return raw[0] ? this.hydrate<QuestionSettingsEntity>(m, QuestionSettingsEntity, raw[0]) : null;
  }

  saveSettings(m: EntityManager, row: QuestionSettingsEntity): Promise<unknown> {
    return m.save(QuestionSettingsEntity, row);
  }

  byId(id: string, m: EntityManager = this.manager): Promise<QuestionEntity | null> {
    return m.findOneBy(QuestionEntity, { id });
  }

  /** Every question of the evening. */
  forEvening(eveningId: string, m: EntityManager = this.manager): Promise<QuestionEntity[]> {
    return m.findBy(QuestionEntity, { eveningId });
  }

  /** One phone's questions in this evening, earliest asked first. */
  ofAttendee(eveningId: string, attendeeId: string, m: EntityManager = this.manager): Promise<QuestionEntity[]> {
    return this.ofAttendees(eveningId, [attendeeId], m);
  }

  /** The questions of several phones in this evening, earliest asked first (plain SQL: read for every batch of questions asked). */
  async ofAttendees(eveningId: string, attendeeIds: readonly string[], m: EntityManager = this.manager): Promise<QuestionEntity[]> {
    const { p, list, byteOrder } = dialect(m);
    const rows: QuestionEntity[] = [];
    const parts = chunks([...new Set(attendeeIds)]);
    for (const part of parts) {
      const raw = (await m.query(
        `SELECT ${this.questionColumns(m)} FROM question WHERE "eveningId" = ${p(1)} AND "attendeeId" IN (${list(2, part.length)}) ORDER BY "askedAt", id${byteOrder}`,
        [eveningId, ...part],
      )) as Record<string, unknown>[];
      rows.push(...this.hydrateQuestions(m, raw));
    }
    return parts.length > 1 ? rows.sort((a, b) => a.askedAt.getTime() - b.askedAt.getTime() || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0)) : rows;
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

  /** These questions (the ones stored; plain SQL: read for every batch of questions and votes). */
  async byIds(ids: readonly string[], m: EntityManager = this.manager): Promise<QuestionEntity[]> {
    const { list } = dialect(m);
    const rows: QuestionEntity[] = [];
    for (const part of chunks([...new Set(ids)])) {
      const raw = (await m.query(`SELECT ${this.questionColumns(m)} FROM question WHERE id IN (${list(1, part.length)})`, part)) as Record<string, unknown>[];
      rows.push(...this.hydrateQuestions(m, raw));
    }
    return rows;
  }

  /** The ids of the questions this phone voted for. */
  async votedBy(eveningId: string, attendeeId: string, m: EntityManager = this.manager): Promise<string[]> {
    const { p } = dialect(m);
    const raw = (await m.query(`SELECT "questionId" FROM question_vote WHERE "eveningId" = ${p(1)} AND "attendeeId" = ${p(2)}`, [eveningId, attendeeId])) as { questionId: string }[];
    return raw.map((v) => v.questionId);
  }

  /**
   * In one statement (one snapshot, so the version goes with the rows): what the board and the
   * moderators' list of one pitch show (its top `boardSize` shown questions by byVotes, its top
   * `listMax` questions by moderationOrder, its counts per status and of merged questions), the
   * evening's settings row and the newest change of its questions. Only those rows are read, not
   * the pitch's every question. Without a pitch: no rows, the settings and the version.
   */
  async pitchView(eveningId: string, bidderId: string | null, limits: { boardSize: number; listMax: number }, m: EntityManager = this.manager): Promise<PitchView> {
    const { p, byteOrder } = dialect(m);
    const meta = m.connection.getMetadata(QuestionEntity);
    const names = meta.columns.map((c) => c.databaseName);
    const none = names.map((n) => `NULL AS "q_${n}"`).join(', ');
    const picked = (alias: string): string => names.map((n) => `${alias}."${n}" AS "q_${n}"`).join(', ');
    const columns = names.map((n) => `"${n}"`).join(', ');
    const pitch = `"eveningId" = ${p(1)} AND "bidderId" = ${p(2)}`;
    // byVotes: open before answered, most votes, earliest asked, then the id as JavaScript orders strings.
    const byVotes = `CASE WHEN status = 'answered' THEN 1 ELSE 0 END, votes DESC, "askedAt", id${byteOrder}`;
    const rank = `CASE status WHEN 'pending' THEN 0 WHEN 'approved' THEN 0 WHEN 'answered' THEN 1 WHEN 'hidden' THEN 2 WHEN 'merged' THEN 3 ELSE 4 END`;
    const boardSize = Math.max(0, Math.trunc(limits.boardSize));
    const listMax = Math.max(0, Math.trunc(limits.listMax));
    const sql = [
      // The version and the settings: one row, also without any question.
      `SELECT 'v' AS "kind", e."maxChanged" AS "n", s."preModeration" AS "s_preModeration", s."duringPitch" AS "s_duringPitch", s."changed" AS "s_changed", ${none} ` +
        `FROM (SELECT MAX("changed") AS "maxChanged" FROM question WHERE "eveningId" = ${p(1)}) e LEFT JOIN question_settings s ON s."eveningId" = ${p(1)}`,
      `SELECT 'b', NULL, NULL, NULL, NULL, ${picked('b')} FROM (SELECT ${columns} FROM question WHERE ${pitch} AND status IN ('approved', 'answered') ORDER BY ${byVotes} LIMIT ${boardSize}) b`,
      `SELECT 'l', NULL, NULL, NULL, NULL, ${picked('l')} FROM (SELECT ${columns} FROM question WHERE ${pitch} ORDER BY ${rank}, ${byVotes} LIMIT ${listMax}) l`,
      `SELECT 'c', CAST(COUNT(*) AS INTEGER), NULL, NULL, NULL, ${names.map((n) => (n === 'status' ? 'status' : 'NULL')).join(', ')} FROM question WHERE ${pitch} GROUP BY status`,
      `SELECT 'm', CAST(COUNT(*) AS INTEGER), NULL, NULL, NULL, ${names.map((n) => (n === 'mergedInto' ? '"mergedInto"' : 'NULL')).join(', ')} FROM question WHERE ${pitch} AND "mergedInto" IS NOT NULL GROUP BY "mergedInto"`,
    ].join(' UNION ALL ');
    // Without a pitch nothing matches (no bidder id is ''), and the one row still carries the version and settings.
    const raw = (await m.query(sql, [eveningId, bidderId ?? ''])) as Record<string, unknown>[];
    const driver = m.connection.driver;
    const settingsMeta = m.connection.getMetadata(QuestionSettingsEntity);
    const view: PitchView = {
      board: [],
      listed: [],
      counts: Object.fromEntries(QUESTION_STATUSES.map((st) => [st, 0])) as Record<QuestionStatus, number>,
      merged: new Map(),
      settings: null,
      maxChanged: 0,
    };
    const question = (r: Record<string, unknown>): QuestionEntity => this.hydrate<QuestionEntity>(m, QuestionEntity, r, 'q_');
    for (const r of raw) {
      if (r.kind === 'v') {
        view.maxChanged = Number(r.n ?? 0);
        if (r.s_changed !== null && r.s_changed !== undefined) {
          view.settings = {
            preModeration: driver.prepareHydratedValue(r.s_preModeration, settingsMeta.findColumnWithPropertyName('preModeration')!) as boolean,
            duringPitch: driver.prepareHydratedValue(r.s_duringPitch, settingsMeta.findColumnWithPropertyName('duringPitch')!) as boolean,
            changed: Number(r.s_changed),
          };
        }
      } else if (r.kind === 'b') view.board.push(question(r));
      else if (r.kind === 'l') view.listed.push(question(r));
      else if (r.kind === 'c') {
        const status = r.q_status as QuestionStatus;
        if (status in view.counts) view.counts[status] = Number(r.n);
      } else if (r.kind === 'm') view.merged.set(r.q_mergedInto as string, Number(r.n));
    }
    return view;
  }

  /** The question table's columns, as named in its rows (for hydrateQuestions). */
  private questionColumns(m: EntityManager): string {
    return m.connection
      .getMetadata(QuestionEntity)
      .columns.map((c) => `"${c.databaseName}"`)
      .join(', ');
  }

  private hydrateQuestions(m: EntityManager, raw: readonly Record<string, unknown>[]): QuestionEntity[] {
    return raw.map((r) => this.hydrate<QuestionEntity>(m, QuestionEntity, r));
  }

  /** A raw row (its columns named `prefix` + column name) as the entity TypeORM would have read (each column's driver conversion and transformer). */
  private hydrate<T>(m: EntityManager, entity: typeof QuestionEntity | typeof QuestionSettingsEntity, row: Record<string, unknown>, prefix = ''): T {
    const driver = m.connection.driver;
    return Object.fromEntries(m.connection.getMetadata(entity).columns.map((c) => [c.propertyName, driver.prepareHydratedValue(row[`${prefix}${c.databaseName}`], c)])) as T;
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
    const { p } = dialect(m);
    await m.query(`UPDATE question SET votes = votes + ${Math.trunc(added)}, "changed" = ${p(1)} WHERE id = ${p(2)}`, [changed, id]);
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
      const stored = await this.storedVotes(m, part);
      await m.query(insert, params);
      for (const v of part) if (!stored.has(key(v))) added.add(key(v));
    }
    return added;
  }

  /** sqlite, with one writer: which of these votes are stored already (key: question id, newline, attendee id). */
  async storedVotes(m: EntityManager, votes: readonly QuestionVoteEntity[]): Promise<Set<string>> {
    const { list } = dialect(m);
    const stored = new Set<string>();
    for (let i = 0; i < votes.length; i += 300) {
      const part = votes.slice(i, i + 300);
      const questions = [...new Set(part.map((v) => v.questionId))];
      const phones = [...new Set(part.map((v) => v.attendeeId))];
      const rows = (await m.query(
        `SELECT "questionId", "attendeeId" FROM question_vote WHERE "questionId" IN (${list(1, questions.length)}) AND "attendeeId" IN (${list(questions.length + 1, phones.length)})`,
        [...questions, ...phones],
      )) as { questionId: string; attendeeId: string }[];
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
