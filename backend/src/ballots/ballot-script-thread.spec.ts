import { randomUUID } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import fc from 'fast-check';
import { sha256Hex, type BallotAuditType } from '@buurtjury/shared';
import { nodeSha256Hex } from '../infrastructure/audit-log/chain-rows';
import type { InsertPlan } from '../infrastructure/database/insert-plan';
import { buildBallotScript, type BallotRow, type BallotScriptJob } from './ballot-script';
import { BallotScriptThread } from './ballot-script-thread';

/**
 * The worker thread builds a batch's script (hashes, chain, SQL text) with the same pure function
 * as the main thread; here its text is compared with the main thread's, and its failures are seen
 * to fall back to the main thread. (That the script stores what it should, with an intact chain,
 * is ballot-writer.spec's: its 2,500-ballot batch goes through the worker.)
 */

const plans: { ballot: InsertPlan; log: InsertPlan } = {
  ballot: {
    head: 'INSERT INTO "ballot" ("id", "eveningId", "bidderId", "attendeeId", "serial", "grades", "remark", "receipt", "submittedAt") VALUES ',
    columns: [
      { property: 'id', kind: 'as-is' },
      { property: 'eveningId', kind: 'as-is' },
      { property: 'bidderId', kind: 'as-is' },
      { property: 'attendeeId', kind: 'as-is' },
      { property: 'serial', kind: 'as-is' },
      { property: 'grades', kind: 'simple-json' },
      { property: 'remark', kind: 'as-is' },
      { property: 'receipt', kind: 'as-is' },
      { property: 'submittedAt', kind: 'datetime' },
    ],
  },
  log: {
    head: 'INSERT INTO "evening_log" ("id", "eveningId", "sequence", "type", "actor", "detail", "at", "previousHash", "hash") VALUES ',
    columns: [
      { property: 'id', kind: 'as-is' },
      { property: 'eveningId', kind: 'as-is' },
      { property: 'sequence', kind: 'as-is' },
      { property: 'type', kind: 'as-is' },
      { property: 'actor', kind: 'as-is' },
      { property: 'detail', kind: 'simple-json' },
      { property: 'at', kind: 'datetime' },
      { property: 'previousHash', kind: 'as-is' },
      { property: 'hash', kind: 'as-is' },
    ],
  },
};

/** The entries' row ids are drawn afresh on each side (time-ordered UUIDs); everything else must match. */
const withoutEntryIds = (statements: readonly string[]): string[] =>
  statements.map((s) => s.replace(/'[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}'/g, "'<entry id>'"));

const evenings = [randomUUID(), randomUUID()];
const text = fc.oneof(fc.string({ maxLength: 30 }), fc.string({ unit: 'binary', maxLength: 30 }), fc.constantFrom("it's", 'a\u0000b', '“quotes”', '😀'));
const ballot = fc.record({
  id: fc.uuid(),
  eveningId: fc.constantFrom(...evenings),
  bidderId: fc.uuid(),
  attendeeId: fc.uuid(),
  serial: fc.integer({ min: 1, max: 1_000_000 }),
  grades: fc.dictionary(fc.uuid(), fc.integer({ min: 0, max: 10 }), { maxKeys: 6 }),
  remark: text,
  receipt: fc.string({ minLength: 9, maxLength: 9 }),
  submittedAt: fc.date({ min: new Date('2026-01-01T00:00:00Z'), max: new Date('2027-01-01T00:00:00Z'), noInvalidDate: true }),
}) as fc.Arbitrary<BallotRow>;
const job = fc
  .record({
    ballots: fc.array(ballot, { minLength: 1, maxLength: 40 }),
    types: fc.array(fc.constantFrom<BallotAuditType>('ballot-accepted', 'ballot-replaced'), { minLength: 40, maxLength: 40 }),
    heads: fc.tuple(
      fc.option(fc.record({ sequence: fc.integer({ min: 1, max: 10_000 }), hash: fc.string({ unit: fc.constantFrom(...'0123456789abcdef'), minLength: 64, maxLength: 64 }) })),
      fc.option(fc.record({ sequence: fc.integer({ min: 1, max: 10_000 }), hash: fc.string({ unit: fc.constantFrom(...'0123456789abcdef'), minLength: 64, maxLength: 64 }) })),
    ),
    at: fc.integer({ min: Date.parse('2026-01-01T00:00:00Z'), max: Date.parse('2027-01-01T00:00:00Z') }),
  })
  .map(({ ballots, types, heads, at }): BallotScriptJob => ({ ballots, types: types.slice(0, ballots.length), heads: [[evenings[0]!, heads[0]], [evenings[1]!, heads[1]]], at, plans }));

describe('BallotScriptThread', () => {
  it('builds on its worker thread the same script as the main thread, for any batch', async () => {
    // Every batch goes to the worker (no minimum), the way a burst's large batches do.
    const thread = new BallotScriptThread(0);
    try {
      expect(await thread.whenReady()).toBe(true);
      await fc.assert(
        fc.asyncProperty(job, async (j) => {
          const inWorker = await thread.build(j, nodeSha256Hex);
          const here = buildBallotScript(j, nodeSha256Hex);
          expect(withoutEntryIds(inWorker.statements)).toEqual(withoutEntryIds(here.statements));
          expect(inWorker.heads).toEqual(here.heads);
        }),
        { numRuns: 60 },
      );
      // It was the worker that answered: a failed worker would have been given up (and the same text built here).
      expect(thread.usable).toBe(true);
    } finally {
      await thread.stop();
    }
  });

  it('builds a small batch, or one hashed with another function, on the main thread', async () => {
    const missing = path.join(mkdtempSync(path.join(tmpdir(), 'ballot-script-')), 'no-such-worker.js');
    // A worker that cannot start would be given up; these batches never try it.
    const thread = new BallotScriptThread(10, 1000, missing);
    const [j] = fc.sample(job.filter((x) => x.ballots.length < 10), 1);
    expect(withoutEntryIds((await thread.build(j!, nodeSha256Hex)).statements)).toEqual(withoutEntryIds(buildBallotScript(j!, nodeSha256Hex).statements));
    const big = { ...j!, ballots: Array.from({ length: 12 }, () => j!.ballots[0]!), types: Array.from({ length: 12 }, () => j!.types[0]!) };
    expect(withoutEntryIds((await thread.build(big, sha256Hex)).statements)).toEqual(withoutEntryIds(buildBallotScript(big, sha256Hex).statements));
    expect(thread.usable).toBe(true);
    await thread.stop();
  });

  it('falls back to the main thread for good when the worker cannot start, throws, or does not answer in time', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'ballot-script-'));
    const silent = path.join(dir, 'silent.js');
    writeFileSync(silent, "require('node:worker_threads').parentPort.on('message', () => {});\n");
    const crashing = path.join(dir, 'crashing.js');
    writeFileSync(crashing, "throw new Error('boom while loading');\n");
    const [j] = fc.sample(job, 1);
    const expected = withoutEntryIds(buildBallotScript(j!, nodeSha256Hex).statements);
    const quiet = path.join(dir, 'ready-then-silent.js');
    writeFileSync(quiet, "const { parentPort } = require('node:worker_threads'); parentPort.postMessage({ ready: true }); parentPort.on('message', () => {});\n");
    const throwing = path.join(dir, 'ready-then-throwing.js');
    writeFileSync(throwing, "const { parentPort } = require('node:worker_threads'); parentPort.postMessage({ ready: true }); parentPort.on('message', () => { throw new Error('boom'); });\n");
    // Cannot start, or exits while loading: given up before any batch is sent to it.
    for (const file of [path.join(dir, 'missing.js'), crashing]) {
      const thread = new BallotScriptThread(0, 200, file);
      expect(await thread.whenReady()).toBe(false);
      expect(withoutEntryIds((await thread.build(j!, nodeSha256Hex)).statements)).toEqual(expected);
      await thread.stop();
    }
    // Still loading (never says it is ready): batches are built here meanwhile, none waits for it.
    const loading = new BallotScriptThread(0, 200, silent);
    expect(withoutEntryIds((await loading.build(j!, nodeSha256Hex)).statements)).toEqual(expected);
    expect(loading.answered).toBe(0);
    await loading.stop();
    // Loaded, then does not answer in time, or fails on the batch: that batch is built here, and the worker is not used again.
    for (const file of [quiet, throwing]) {
      const thread = new BallotScriptThread(0, 200, file);
      expect(await thread.whenReady()).toBe(true);
      expect(withoutEntryIds((await thread.build(j!, nodeSha256Hex)).statements)).toEqual(expected);
      expect(thread.usable).toBe(false);
      // Given up: the next batch is built here at once.
      expect(withoutEntryIds((await thread.build(j!, nodeSha256Hex)).statements)).toEqual(expected);
      await thread.stop();
    }
  });
});
