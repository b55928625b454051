import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { ballotHash, checkChain } from '@buurtjury/shared';
import { AttendeesService } from '../attendees/attendees.service';
import { EveningsService } from '../evenings/evenings.service';
import { SetupService } from '../evenings/setup.service';
import { BallotEntity } from '../infrastructure/database/schema/ballots';
import { EveningLogEntity } from '../infrastructure/database/schema/live';
import { AuditLog } from '../infrastructure/audit-log/audit-log.service';
import { DatabaseWriter } from '../infrastructure/database/database-writer';
import { LiveRegistry } from '../live/live-registry.service';
import { createHarness } from '../../../test/support/harness';
import { BallotWriter } from './ballot-writer.service';

describe('BallotWriter (real sqlite, in memory)', () => {
  let h: Awaited<ReturnType<typeof createHarness>>;
  beforeAll(async () => (h = await createHarness()));
  afterAll(() => h.close());

  const openEvening = async () => {
    const actor = await h.signUp('Host');
    const setup = h.module.get(SetupService);
    let e = await h.module.get(EveningsService).create(actor, { title: 'Avond', tender: { municipality: 'M', name: 'T' } });
    for (const name of ['A', 'B']) e = await setup.addBidder(actor, e.id, { name, pitchMinutes: 5 });
    e = await setup.addCriterion(actor, e.id, { name: 'C', weight: 100 });
    e = await h.module.get(EveningsService).freeze(actor, e.id);
    const attendees = h.module.get(AttendeesService);
    const { attendeeToken } = await attendees.join(e.joinCode, undefined, undefined, '192.0.2.1');
    return { e, attendeeId: attendees.attendeeFor(await h.module.get(LiveRegistry).get(e.id), attendeeToken)! };
  };

  it('keeps the chain head from its own last batch, and reads it again after any other write', async () => {
    const { e, attendeeId } = await openEvening();
    let serial = 0;
    const row = (): BallotEntity => ({
      id: randomUUID(),
      eveningId: e.id,
      bidderId: e.bidders[0]!.id,
      attendeeId,
      serial: ++serial,
      grades: { [e.criteria[0]!.id]: 3 },
      remark: '',
      receipt: `R${serial}`,
      submittedAt: new Date(),
    });
    const writer = h.module.get(BallotWriter);
    const audit = h.module.get(AuditLog);
    const db = h.module.get(DatabaseWriter);
    const heads = jest.spyOn(audit, 'head');
    const writes = jest.spyOn(db, 'write');
    try {
      const batch = () => Promise.all(Array.from({ length: 3 }, () => writer.store(row(), 'ballot-replaced')));
      await batch();
      await batch();
      // Two batches in a row, nothing written in between: the second appends after the first's head without reading it.
      expect(heads).toHaveBeenCalledTimes(1);
      // Another entry on the chain (any other write): the next batch reads the head again and appends after it, as a script.
      await db.write((m) => audit.append(m, e.id, [{ type: 'expected-attendance-set', actor: 'system', detail: { expected: 5 } }]));
      await batch();
      // Read by that append and by the batch after it; the batch was stored as a script, not again the careful way (a second write).
      expect(heads).toHaveBeenCalledTimes(3);
      expect(writes).toHaveBeenCalledTimes(1);
    } finally {
      heads.mockRestore();
      writes.mockRestore();
    }
    const m = h.module.get(DataSource).manager;
    const log = await m.find(EveningLogEntity, { where: { eveningId: e.id }, order: { sequence: 'ASC' } });
    expect(log.slice(-10).map((x) => x.type)).toEqual([...Array<string>(6).fill('ballot-replaced'), 'expected-attendance-set', ...Array<string>(3).fill('ballot-replaced')]);
    expect(checkChain(log.map((x) => ({ ...x, at: x.at.toISOString() })))).toBeNull();
  });

  it('stores more ballots than one batch holds, each with its audit entry, on an intact chain', async () => {
    const { e, attendeeId } = await openEvening();

    // 2,500 at once: a batch of 2,000 (one INSERT each for the ballots and their entries) and one of 500.
    const rows: BallotEntity[] = Array.from({ length: 2500 }, (_, i) => ({
      id: randomUUID(),
      eveningId: e.id,
      bidderId: e.bidders[0]!.id,
      attendeeId,
      serial: i + 1,
      grades: { [e.criteria[0]!.id]: 1 + (i % 5) },
      remark: i % 7 === 0 ? `opmerking ${i} “met” \\ tekens` : '',
      receipt: `R${i}`,
      submittedAt: new Date(),
    }));
    const writer = h.module.get(BallotWriter);
    await Promise.all(rows.map((r, i) => writer.store(r, i === 0 ? 'ballot-accepted' : 'ballot-replaced')));

    const m = h.module.get(DataSource).manager;
    expect(await m.countBy(BallotEntity, { eveningId: e.id })).toBe(2500);
    const log = await m.find(EveningLogEntity, { where: { eveningId: e.id }, order: { sequence: 'ASC' } });
    const entries = log.filter((x) => x.type.startsWith('ballot-'));
    expect(entries).toHaveLength(2500);
    // In arrival order, each with the hash of its stored ballot (computed again with the portable SHA-256).
    const stored = new Map((await m.findBy(BallotEntity, { eveningId: e.id })).map((b) => [b.id, b]));
    entries.forEach((x, i) => {
      expect(x.detail).toEqual({ ballotId: rows[i]!.id, bidderId: rows[i]!.bidderId, serial: i + 1, ballotHash: ballotHash(stored.get(rows[i]!.id)!) });
    });
    expect(checkChain(log.map((x) => ({ ...x, at: x.at.toISOString() })))).toBeNull();
    // The entries' row ids rise with their sequence (time-ordered UUIDs): each batch appends at the end of the primary-key index.
    const ids = log.map((x) => x.id);
    expect(ids.every((id) => /^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/.test(id))).toBe(true);
    expect([...ids].sort()).toEqual(ids);
  });
});
