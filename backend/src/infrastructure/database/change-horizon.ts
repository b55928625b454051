import type { DataSource, EntityManager } from 'typeorm';

/**
 * Reading only what changed since an earlier read, on PostgreSQL, where several nodes write rows
 * whose keys (join times, generated ids) say nothing about when they were committed: a row with an
 * earlier key may be committed after a read that saw later ones. Every row version carries the id
 * of the transaction that wrote it (`xmin`). A read notes the horizon of its snapshot, the oldest
 * transaction still running: every older one had ended and its rows were in that read. Whatever a
 * later read has not seen was written by a transaction at or after that horizon, so it reads the
 * rows written at or after it (some again, which is harmless). On sqlite (one node) there is no
 * horizon: null, and a read takes every row.
 */
export type ChangeHorizon = string | null;

/**
 * Runs `read` in one read-only snapshot (REPEATABLE READ on PostgreSQL, so its queries see one
 * moment) and gives it that snapshot's horizon; on sqlite it runs on the manager, with null.
 */
export async function readAtHorizon<T>(dataSource: DataSource, read: (m: EntityManager, horizon: ChangeHorizon) => Promise<T>): Promise<T> {
  if (dataSource.options.type !== 'postgres') return read(dataSource.manager, null);
  return dataSource.transaction('REPEATABLE READ', async (m) => {
    const [{ horizon }] = (await m.query('SELECT pg_snapshot_xmin(pg_current_snapshot())::text AS "horizon"')) as [{ horizon: string }];
    return read(m, horizon);
  });
}

/**
 * The SQL condition "this row was written at or after the horizon", for the table's alias; its
 * parameter is the horizon (a 64-bit transaction id as text). `age()` compares 32-bit transaction
 * ids across their wraparound, both against the same current id.
 */
export function writtenSince(alias: string, parameter: string): string {
  return `age(${alias}.xmin) <= age(CAST(CAST(CAST(${parameter} AS bigint) % 4294967296 AS text) AS xid))`;
}
