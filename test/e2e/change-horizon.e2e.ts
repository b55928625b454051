import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { readAtHorizon, writtenSince, type ChangeHorizon } from '../../backend/src/infrastructure/database/change-horizon';

const POSTGRES_ADMIN_URL = process.env.TEST_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

/**
 * The read a node's refresh relies on (LiveRegistry, issue 16), on PostgreSQL: rows written since
 * an earlier read's horizon. A row whose transaction began before that read and committed after it
 * must not be missed, however its keys compare; a read with nothing new reads nothing.
 */
describe('reading what changed since a horizon (PostgreSQL)', () => {
  const table = `horizon_probe_${randomUUID().slice(0, 8)}`;
  let dataSource: DataSource;
  beforeAll(async () => {
    dataSource = await new DataSource({ type: 'postgres', url: POSTGRES_ADMIN_URL, poolSize: 3 }).initialize();
    await dataSource.query(`CREATE TABLE ${table} (id varchar(20) PRIMARY KEY, v integer NOT NULL)`);
  });
  afterAll(async () => {
    await dataSource?.query(`DROP TABLE IF EXISTS ${table}`);
    await dataSource?.destroy();
  });

  /** The ids written since the horizon (every row for null), and the read's own horizon. */
  const read = (since: ChangeHorizon) =>
    readAtHorizon(dataSource, async (m, horizon) => {
      const rows = (since === null ? await m.query(`SELECT id FROM ${table} t`) : await m.query(`SELECT id FROM ${table} t WHERE ${writtenSince('t', '$1')}`, [since])) as { id: string }[];
      return { ids: rows.map((r) => r.id).sort(), horizon };
    });

  it('reads a row committed after an earlier read by a transaction that began before it, rows updated since, and then only rows written at or after the new horizon', async () => {
    await dataSource.query(`INSERT INTO ${table} (id, v) VALUES ('old', 0)`);
    const slow = dataSource.createQueryRunner();
    await slow.connect();
    try {
      await slow.startTransaction();
      await slow.query(`INSERT INTO ${table} (id, v) VALUES ('a-slow', 0)`);
      // Begun later, committed first: its key sorts after the slow one's.
      await dataSource.query(`INSERT INTO ${table} (id, v) VALUES ('z-quick', 0)`);
      const first = await read(null);
      expect(first.ids).toEqual(['old', 'z-quick']);
      expect(first.horizon).not.toBeNull();
      await slow.commitTransaction();
      await dataSource.query(`UPDATE ${table} SET v = 1 WHERE id = 'old'`);
      const second = await read(first.horizon);
      // The quick row may come again (its transaction began after the slow one): harmless.
      expect(second.ids).toEqual(expect.arrayContaining(['a-slow', 'old']));
      // Then exactly the rows written at or after that read's horizon: none of this test's, unless
      // another session's transaction (this server is shared) was running from before they were written.
      const third = await read(second.horizon);
      const written = (await dataSource.query(`SELECT id, xmin::text AS xid FROM ${table}`)) as { id: string; xid: string }[];
      const horizon = Number(BigInt(second.horizon!) % 4294967296n);
      expect(third.ids).toEqual(written.filter((r) => Number(r.xid) >= horizon).map((r) => r.id).sort());
    } finally {
      await slow.release();
    }
  });
});
