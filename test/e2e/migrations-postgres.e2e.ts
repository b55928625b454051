import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { ENTITIES, MIGRATIONS } from '../../backend/src/database/data-source';
import { EveningEntity, LotDrawEntity } from '../../backend/src/evenings/entities';
import { NetworkEntity, OrganiserEntity } from '../../backend/src/accounts/entities';
import { AttendeeEntity } from '../../backend/src/attendees/entities';
import { BallotEntity } from '../../backend/src/ballots/entities';
import { BatchedInserter } from '../../backend/src/database/batched-inserter';
import { DatabaseWriter } from '../../backend/src/database/database-writer';
import { BidderEntity } from '../../backend/src/evenings/entities';

/**
 * The schema must stay portable (PostgreSQL support comes later): the same migrations and
 * entities run on the PostgreSQL server on 127.0.0.1, in a throwaway schema.
 */
describe('migrations on PostgreSQL', () => {
  const schema = `bj_${randomUUID().replace(/-/g, '').slice(0, 12)}`;
  const admin = new DataSource({ type: 'postgres', host: '127.0.0.1', port: 5432, username: 'postgres', database: 'test' });
  let ds: DataSource;

  beforeAll(async () => {
    await admin.initialize();
    await admin.query(`CREATE SCHEMA "${schema}"`);
    ds = new DataSource({
      type: 'postgres',
      host: '127.0.0.1',
      port: 5432,
      username: 'postgres',
      database: 'test',
      schema,
      entities: ENTITIES,
      migrations: MIGRATIONS,
      migrationsRun: true,
    });
    await ds.initialize();
  });

  afterAll(async () => {
    await ds?.destroy();
    await admin.query(`DROP SCHEMA "${schema}" CASCADE`);
    await admin.destroy();
  });

  it('creates every table and stores and reads the entities', async () => {
    const tables = (await ds.query(`SELECT table_name FROM information_schema.tables WHERE table_schema = $1`, [schema])) as { table_name: string }[];
    expect(tables.map((t) => t.table_name).sort()).toEqual(
      [
        ...['bidder', 'criterion', 'evening', 'invitation', 'lot_draw', 'migrations', 'network', 'organiser', 'scale_level', 'session'],
        ...['attendee', 'ballot', 'evening_log', 'live_state', 'pitch_state', 'tie_declaration'],
      ].sort(),
    );
    const m = ds.manager;
    const network = await m.save(m.create(NetworkEntity, { id: randomUUID(), name: 'Netwerk' }));
    const organiser = await m.save(
      m.create(OrganiserEntity, { id: randomUUID(), networkId: network.id, email: 'a@b.nl', passwordHash: 'x', displayName: 'A', role: 'owner' }),
    );
    const evening = await m.save(
      m.create(EveningEntity, {
        id: randomUUID(),
        networkId: network.id,
        title: 'Avond',
        joinCode: 'ABCDEF',
        language: 'nl',
        venue: '',
        date: '2026-12-10',
        startTime: '19:00',
        tenderMunicipality: '',
        tenderName: '',
        tenderReference: '',
        tenderSubject: '',
        tenderCommittee: '',
        adviceDeadline: '',
        scaleKind: 'verbal',
        orderMethod: 'lot',
        frozenAt: new Date('2026-12-01T10:00:00Z'),
        frozenById: organiser.id,
        fingerprint: 'f'.repeat(64),
        canonicalSetup: '{}',
      }),
    );
    await m.insert(LotDrawEntity, {
      id: randomUUID(),
      eveningId: evening.id,
      sequence: 1,
      seed: 's',
      algorithm: 'sha256-sort-v1',
      input: ['A', 'B'],
      result: ['B', 'A'],
      drawnById: organiser.id,
      drawnByName: 'A',
    });
    const back = await m.findOneByOrFail(EveningEntity, { id: evening.id });
    expect(back.frozenAt?.toISOString()).toBe('2026-12-01T10:00:00.000Z');
    expect((await m.findOneByOrFail(LotDrawEntity, { eveningId: evening.id })).result).toEqual(['B', 'A']);
  });

  it('stores batched ballots with the hand-built INSERT, once per id', async () => {
    const m = ds.manager;
    const network = await m.save(m.create(NetworkEntity, { id: randomUUID(), name: 'N2' }));
    const evening = await m.save(
      m.create(EveningEntity, {
        ...{ id: randomUUID(), networkId: network.id, title: 'E', joinCode: 'BCDEFG', language: 'nl' as const, venue: '', date: '', startTime: '' },
        ...{ tenderMunicipality: '', tenderName: '', tenderReference: '', tenderSubject: '', tenderCommittee: '', adviceDeadline: '' },
        ...{ scaleKind: 'verbal' as const, orderMethod: 'manual' as const, frozenAt: null, frozenById: null, fingerprint: null, canonicalSetup: null },
      }),
    );
    const bidder = await m.save(
      m.create(BidderEntity, { id: randomUUID(), eveningId: evening.id, position: 1, name: 'B', contactPerson: '', pitchTitle: '', pitchSummary: '', pitchMinutes: 5, qaMinutes: 0 }),
    );
    const attendee = await m.save(m.create(AttendeeEntity, { id: randomUUID(), eveningId: evening.id, tokenHash: 'h'.repeat(64), firstName: '' }));
    const inserter = new BatchedInserter(new DatabaseWriter(ds), BallotEntity, { rowsPerStatement: 2, batchMax: 10, lingerMs: 1 }, 'test');
    const ballot = (serial: number, id = randomUUID()): BallotEntity => ({
      id,
      eveningId: evening.id,
      bidderId: bidder.id,
      attendeeId: attendee.id,
      serial,
      grades: { c: serial },
      remark: 'Mooi plan',
      receipt: 'ABCD-EFGH',
      submittedAt: new Date('2026-12-10T19:30:00Z'),
    });
    const first = ballot(1);
    await Promise.all([inserter.insert(first), inserter.insert(ballot(2)), inserter.insert(ballot(3)), inserter.insert({ ...first })]);
    const rows = await m.find(BallotEntity, { where: { eveningId: evening.id }, order: { serial: 'ASC' } });
    expect(rows.map((r) => r.serial)).toEqual([1, 2, 3]);
    expect(rows[0]).toMatchObject({ grades: { c: 1 }, remark: 'Mooi plan', submittedAt: new Date('2026-12-10T19:30:00Z') });
  });
});
