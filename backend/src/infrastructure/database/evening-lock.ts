import type { EntityManager } from 'typeorm';

/** The first key of the evenings' advisory locks (the second is a hash of the evening's id). */
const EVENING_LOCK_CLASS = 1_763_760_000;

/**
 * Takes the evening's write lock for the rest of the caller's transaction. On PostgreSQL several
 * nodes write to one database: a transaction that appends to an evening's audit chain, stores its
 * ballots or changes its scoring state holds this lock until it commits, so such transactions of
 * one evening follow each other in one order on every node (docs/architecture.md, "One truth about
 * open and closed"). On sqlite there is one process and one writer (DatabaseWriter): nothing to do.
 */
export async function lockEvening(m: EntityManager, eveningId: string): Promise<void> {
  if (m.connection.options.type !== 'postgres') return;
  await m.query('SELECT pg_advisory_xact_lock($1, hashtext($2))', [EVENING_LOCK_CLASS, eveningId]);
}
