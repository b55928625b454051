import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { ENTITIES, MIGRATIONS, openDataSource, postgresOptions, postgresProblem } from '../../backend/src/infrastructure/database/data-source';
import { freshPostgresDatabase } from '../support/databases';
import { EveningEntity, LotDrawEntity } from '../../backend/src/infrastructure/database/schema/evenings';
import { NetworkEntity, NetworkEventEntity, OrganiserEntity } from '../../backend/src/infrastructure/database/schema/accounts';
import { AttendeeEntity } from '../../backend/src/infrastructure/database/schema/attendees';
import { BallotEntity, LateBallotEntity } from '../../backend/src/infrastructure/database/schema/ballots';
import { BatchedInserter } from '../../backend/src/infrastructure/database/batched-inserter';
import { DatabaseWriter } from '../../backend/src/infrastructure/database/database-writer';
import { BidderEntity } from '../../backend/src/infrastructure/database/schema/evenings';
import { AdviceDraftEntity, AdviceFileEntity, AdviceVersionEntity, CommitteeAccessEntity, CommitteeLinkEntity } from '../../backend/src/infrastructure/database/schema/advice';
import { EveningPurgeEntity } from '../../backend/src/infrastructure/database/schema/privacy';
import { KeptRemarkEntity } from '../../backend/src/infrastructure/database/schema/advice';
import { JoinWatchEntity } from '../../backend/src/infrastructure/database/schema/join-watch';
import { checkChain, emptyAdvice } from '@buurtjury/shared';
import { AuditLog } from '../../backend/src/infrastructure/audit-log/audit-log.service';
import { EveningLogEntity } from '../../backend/src/infrastructure/database/schema/live';
import { PaperEntryEntity } from '../../backend/src/infrastructure/database/schema/paper';
import { TicketEntity } from '../../backend/src/infrastructure/database/schema/tickets';
import { ticketCodeHash } from '../../backend/src/infrastructure/database/schema/ticket-code';

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
        ...['advice_draft', 'advice_file', 'advice_version', 'committee_access', 'committee_link'],
        'evening_purge',
        ...['ticket', 'paper_entry'],
        ...['network_event', 'released_phone'],
        ...['join_watch', 'kept_remark'],
        'late_ballot',
        'incident',
        ...['signup', 'signup_page'],
        'bidder_link',
        ...['question', 'question_vote', 'question_settings'],
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

    // The audit chain verifies after a round trip through PostgreSQL (its timestamps, its JSON).
    await new AuditLog().append(m, evening.id, [
      { type: 'setup-frozen', actor: organiser.id, detail: { fingerprint: 'f'.repeat(64), presenceRule: true } },
      { type: 'ticket-released', actor: organiser.id, detail: { number: 3, reason: 'Telefoon leeg – “quotes”' } },
    ]);
    const log = await m.find(EveningLogEntity, { where: { eveningId: evening.id }, order: { sequence: 'ASC' } });
    expect(log.map((e) => e.sequence)).toEqual([1, 2]);
    expect(checkChain(log.map((e) => ({ ...e, at: e.at.toISOString() })))).toBeNull();
    await m.insert(TicketEntity, {
      id: randomUUID(),
      eveningId: evening.id,
      number: 1,
      codeHash: ticketCodeHash(evening.id, 'ABCDEFGHJK'),
      attendeeId: null,
      usedAt: null,
      releasedAt: null,
      createdAt: new Date(),
      issuedAt: new Date(),
      reissued: 0,
    });
    expect((await m.findOneByOrFail(TicketEntity, { eveningId: evening.id, codeHash: ticketCodeHash(evening.id, 'ABCDEFGHJK') })).number).toBe(1);
    await m.insert(NetworkEventEntity, { id: randomUUID(), networkId: network.id, type: 'role-changed', actorName: 'A', subjectName: 'B', detail: { from: 'moderator', to: 'owner' }, at: new Date() });
    expect((await m.findOneByOrFail(NetworkEventEntity, { networkId: network.id })).detail).toEqual({ from: 'moderator', to: 'owner' });
    await m.insert(PaperEntryEntity, {
      id: randomUUID(),
      eveningId: evening.id,
      bidderId: randomUUID(),
      cardNumber: 7,
      enteredById: organiser.id,
      enteredByName: 'A',
      grades: { c: 4 },
      remark: '',
      enteredAt: new Date(),
      withdrawnAt: null,
    });
    expect((await m.findOneByOrFail(PaperEntryEntity, { eveningId: evening.id })).grades).toEqual({ c: 4 });
    expect((await m.findOneByOrFail(EveningEntity, { id: evening.id })).presenceRule).toBe(true);

    // The advice: a draft (JSON in text), an issued version with a base64 file, a committee link and its log.
    await m.insert(AdviceDraftEntity, { eveningId: evening.id, content: emptyAdvice(['b1']), revision: 1, updatedAt: new Date(), updatedById: organiser.id });
    const versionId = randomUUID();
    const hash = 'a'.repeat(64);
    await m.insert(AdviceVersionEntity, {
      id: versionId,
      eveningId: evening.id,
      number: 1,
      issuedAt: new Date('2026-12-11T09:00:00Z'),
      issuedById: organiser.id,
      issuedByName: 'A',
      note: '',
      documentSha256: hash,
      recordSha256: hash,
      resultsSha256: hash,
      setupFingerprint: hash,
      draftRevision: 1,
    });
    const data = Buffer.from('%PDF-1.7 binary \u0000\u00ff');
    await m.insert(AdviceFileEntity, { versionId, name: 'advies-v1-nl.pdf', kind: 'pdf', language: 'nl', contentType: 'application/pdf', bytes: data.length, sha256: hash, data: data.toString('base64') });
    const linkId = randomUUID();
    await m.insert(CommitteeLinkEntity, { id: linkId, eveningId: evening.id, tokenHash: hash, label: 'Commissie', createdAt: new Date(), createdByName: 'A', revokedAt: null });
    await m.insert(CommitteeAccessEntity, { id: randomUUID(), linkId, eveningId: evening.id, at: new Date(), action: 'opened', version: null });
    expect((await m.findOneByOrFail(AdviceDraftEntity, { eveningId: evening.id })).content.bidders[0]!.bidderId).toBe('b1');
    expect((await m.findOneByOrFail(AdviceVersionEntity, { id: versionId })).issuedAt.toISOString()).toBe('2026-12-11T09:00:00.000Z');
    expect(Buffer.from((await m.findOneByOrFail(AdviceFileEntity, { versionId, name: 'advies-v1-nl.pdf' })).data, 'base64')).toEqual(data);
    await expect(m.insert(AdviceVersionEntity, { ...(await m.findOneByOrFail(AdviceVersionEntity, { id: versionId })), id: randomUUID() })).rejects.toThrow(/duplicate key/);
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

    // A ballot that arrived after the close: one note per phone and pitch.
    const late = { id: randomUUID(), eveningId: evening.id, bidderId: bidder.id, attendeeId: attendee.id, receivedAt: new Date('2026-12-10T19:45:00Z') };
    await m.insert(LateBallotEntity, late);
    expect(await m.findOneByOrFail(LateBallotEntity, { id: late.id })).toEqual(late);
    await expect(m.insert(LateBallotEntity, { ...late, id: randomUUID() })).rejects.toThrow(/duplicate key/);
  });

  it('lets retention clear attendees\' token hashes (several NULLs under the unique index) and marks the evening once', async () => {
    const m = ds.manager;
    const network = await m.save(m.create(NetworkEntity, { id: randomUUID(), name: 'N3' }));
    const evening = await m.save(
      m.create(EveningEntity, {
        ...{ id: randomUUID(), networkId: network.id, title: 'E', joinCode: 'CDEFGH', language: 'nl' as const, venue: '', date: '', startTime: '' },
        ...{ tenderMunicipality: '', tenderName: '', tenderReference: '', tenderSubject: '', tenderCommittee: '', adviceDeadline: '' },
        ...{ scaleKind: 'verbal' as const, orderMethod: 'manual' as const, frozenAt: null, frozenById: null, fingerprint: null, canonicalSetup: null },
      }),
    );
    const ids = [randomUUID(), randomUUID()];
    await m.insert(AttendeeEntity, ids.map((id, i) => ({ id, eveningId: evening.id, tokenHash: String(i).repeat(64), firstName: 'Kim', joinAddress: 'a1b2c3d4' })));
    await m.update(AttendeeEntity, { eveningId: evening.id }, { tokenHash: null, firstName: '', joinAddress: null });
    expect((await m.findBy(AttendeeEntity, { eveningId: evening.id })).map((a) => [a.tokenHash, a.joinAddress])).toEqual([
      [null, null],
      [null, null],
    ]);
    await m.save(JoinWatchEntity, { eveningId: evening.id, expectedAttendance: 40 });
    expect(await m.findOneByOrFail(JoinWatchEntity, { eveningId: evening.id })).toEqual({ eveningId: evening.id, expectedAttendance: 40 });
    await m.insert(KeptRemarkEntity, { eveningId: evening.id, id: 'a'.repeat(16), bidderId: randomUUID(), text: 'Goed plan, [naam]' });
    expect((await m.findOneByOrFail(KeptRemarkEntity, { eveningId: evening.id })).text).toBe('Goed plan, [naam]');
    await m.insert(EveningPurgeEntity, { eveningId: evening.id, purgedAt: new Date('2027-03-01T04:00:00Z'), retentionDays: 90 });
    expect((await m.findOneByOrFail(EveningPurgeEntity, { eveningId: evening.id })).purgedAt.toISOString()).toBe('2027-03-01T04:00:00.000Z');
    await expect(m.insert(EveningPurgeEntity, { eveningId: evening.id, purgedAt: new Date(), retentionDays: 90 })).rejects.toThrow(/duplicate key/);
  });
});

describe('the audit chain with several nodes on one database', () => {
  it('chains the entries of two nodes appending to one evening at once in one order, none lost', async () => {
    const db = await freshPostgresDatabase();
    const nodes = await Promise.all([1, 2].map(() => openDataSource(postgresOptions(db.url))));
    try {
      const m = nodes[0]!.manager;
      const network = await m.save(m.create(NetworkEntity, { id: randomUUID(), name: 'N4' }));
      const { id: eveningId } = await m.save(
        m.create(EveningEntity, {
          ...{ id: randomUUID(), networkId: network.id, title: 'E', joinCode: 'DEFGHJ', language: 'nl' as const, venue: '', date: '', startTime: '' },
          ...{ tenderMunicipality: '', tenderName: '', tenderReference: '', tenderSubject: '', tenderCommittee: '', adviceDeadline: '' },
          ...{ scaleKind: 'verbal' as const, orderMethod: 'manual' as const, frozenAt: null, frozenById: null, fingerprint: null, canonicalSetup: null },
        }),
      );
      const audit = new AuditLog();
      const writes = nodes.flatMap((node, n) => {
        const writer = new DatabaseWriter(node);
        return Array.from({ length: 40 }, (_, i) =>
          writer.write((m) => audit.append(m, eveningId, [{ type: 'screen-changed', actor: 'system', detail: { node: n, i } }, { type: 'screen-changed', actor: 'system', detail: { node: n, i, second: true } }])),
        );
      });
      await Promise.all(writes);
      const log = await nodes[1]!.manager.find(EveningLogEntity, { where: { eveningId }, order: { sequence: 'ASC' } });
      expect(log.map((e) => e.sequence)).toEqual(Array.from({ length: 160 }, (_, i) => i + 1));
      expect(checkChain(log.map((e) => ({ ...e, at: e.at.toISOString() })))).toBeNull();
      // A transaction's entries stay together in the chain.
      for (let i = 0; i < log.length; i += 2) expect(log[i + 1]!.detail).toEqual({ ...log[i]!.detail, second: true });
    } finally {
      await Promise.all(nodes.map((node) => node.destroy()));
      await db.drop();
    }
  });
});

describe('DATABASE_URL at start', () => {
  it('migrates once when several nodes start at the same moment on an empty database', async () => {
    const db = await freshPostgresDatabase();
    try {
      const nodes = await Promise.all([1, 2, 3].map(() => openDataSource(postgresOptions(db.url))));
      try {
        const [{ n }] = (await nodes[0]!.query(`SELECT COUNT(*)::int AS n FROM "migrations"`)) as [{ n: number }];
        expect(n).toBe(MIGRATIONS.length);
        for (const node of nodes) expect(await node.showMigrations()).toBe(false);
      } finally {
        await Promise.all(nodes.map((node) => node.destroy()));
      }
    } finally {
      await db.drop();
    }
  });

  it('says in one sentence why a database cannot be used, without the password', async () => {
    expect(await postgresProblem('postgres://postgres@127.0.0.1:5432/test')).toBeNull();
    expect(await postgresProblem('postgres://postgres:geheim@127.0.0.1:5432/bj_no_such_database')).toBe(
      'The database in DATABASE_URL does not exist at 127.0.0.1:5432/bj_no_such_database: create it first (createdb), Buurtjury creates the tables itself.',
    );
    // Port 1 on this machine: nothing listens there.
    expect(await postgresProblem('postgres://postgres:geheim@127.0.0.1:1/test')).toMatch(/^PostgreSQL at 127\.0\.0\.1:1\/test refuses connections/);
  });
});
