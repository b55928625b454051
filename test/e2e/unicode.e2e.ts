import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import fc from 'fast-check';
import { DataSource } from 'typeorm';
import {
  ballotHash,
  cleanText,
  paperEntryHash,
  type AdviceWorkspaceResponse,
  type AuditTrailResponse,
  type CreatedInvitationResponse,
  type EveningDetail,
  type PaperEntryResponse,
  type VerificationReport,
} from '@buurtjury/shared';
import { NetworkEntity, OrganiserEntity } from '../../backend/src/infrastructure/database/schema/accounts';
import { AttendeeEntity } from '../../backend/src/infrastructure/database/schema/attendees';
import { BallotEntity } from '../../backend/src/infrastructure/database/schema/ballots';
import { BidderEntity, EveningEntity } from '../../backend/src/infrastructure/database/schema/evenings';
import { ENTITIES, MIGRATIONS } from '../../backend/src/infrastructure/database/data-source';
import { PaperEntryEntity } from '../../backend/src/infrastructure/database/schema/paper';
import { completeEvening, organiser, type Organiser } from '../support/api';
import { startApp, type RunningApp } from '../support/app';
import { call, connect, ok, phone, type Client } from '../support/sockets';

/**
 * One Unicode policy at the edge (shared/src/text/unicode.ts): what is hashed is what is stored,
 * for any text, on sqlite and PostgreSQL. A lone surrogate in a remark ("x\ud800y", valid JSON)
 * used to be hashed as received and stored by the sqlite driver as U+FFFD, so every check said
 * "the ballot was changed" for ever, and two identical paper entries disagreed.
 */

/** Any UTF-16 text: lone surrogates, NUL and other controls, overrides, separators, decomposed accents. */
const anyText = fc.oneof(
  fc.string({ unit: 'binary', maxLength: 40 }),
  fc.string({ unit: fc.constantFrom('a', ' ', 'é', 'e\u0301', '\ud800', '\udfff', '\u0000', '\u202e', '\u2067', '\u000b', '\u2029', '\r', '\t', '\u0085', '😀'), maxLength: 30 }),
);

const gradesFor = (evening: EveningDetail, g: number) => Object.fromEntries(evening.criteria.map((c) => [c.id, g]));

describe('on the running app (sqlite)', () => {
  let running: RunningApp;
  let host: Organiser;
  let modA: Organiser;
  let modB: Organiser;
  let evening: EveningDetail;
  let hostSocket: Client;
  let voter: { socket: Client; token: string };
  const ev = (p = '') => `/api/evenings/${evening.id}${p}`;

  async function moderator(name: string): Promise<Organiser> {
    const email = `${name.toLowerCase()}@example.nl`;
    const invite = (await host.post('/api/network/invitations', { email, role: 'moderator' }).expect(201)).body as CreatedInvitationResponse;
    return organiser(running.url, name, { email, inviteToken: invite.inviteUrl.split('/').pop()!, networkName: undefined as unknown as string });
  }

  beforeAll(async () => {
    running = await startApp({ SOCKET_RATE_LIMIT: '100000' });
    host = await organiser(running.url, 'Host');
    modA = await moderator('Mona');
    modB = await moderator('Bram');
    evening = (await host.post(`/api/evenings/${(await completeEvening(host)).id}/freeze`).expect(200)).body as EveningDetail;
    hostSocket = await connect(running.url, { role: 'host', eveningId: evening.id, token: host.session.token });
    voter = await phone(running.url, evening.joinCode);
    const b1 = evening.bidders[0]!.id;
    // A pitch has the paper cards that existed when it started.
    await host.put(ev('/paper/cards'), { cardsPerPitch: 300 }).expect(200);
    ok(await call(hostSocket, 'host:command', { type: 'start-pitch', bidderId: b1 }));
    ok(await call(hostSocket, 'host:command', { type: 'open-scoring', bidderId: b1 }));
  });
  afterAll(async () => {
    hostSocket.close();
    voter.socket.close();
    await running.close();
  });

  const verify = async () => (await host.get(ev('/audit/verify')).expect(200)).body as VerificationReport;

  it('keeps verification ok after a remark with a lone surrogate, and stores what it hashed', async () => {
    const bidderId = evening.bidders[0]!.id;
    const receipt = ok(await call(voter.socket, 'ballot:submit', { ballotId: randomUUID(), bidderId, grades: gradesFor(evening, 4), remark: 'x\ud800y' }));
    const stored = await running.app.get(DataSource).manager.findOneByOrFail(BallotEntity, { id: receipt.ballotId });
    expect(stored.remark).toBe('x\ufffdy');
    const report = await verify();
    expect(report).toMatchObject({ ok: true, firstMismatch: null });
    const trail = (await host.get(ev('/audit')).expect(200)).body as AuditTrailResponse;
    expect(trail.entries.find((e) => e.detail.ballotId === receipt.ballotId)!.detail.ballotHash).toBe(ballotHash(stored));
  });

  it('shows two identical paper entries with such a remark as agreeing', async () => {
    const card = { bidderId: evening.bidders[0]!.id, cardNumber: 1, grades: gradesFor(evening, 3), remark: 'Mooi \ud83d verhaal\u202e!' };
    await modA.post(ev('/paper/entries'), card).expect(201);
    const second = (await modB.post(ev('/paper/entries'), card).expect(201)).body as PaperEntryResponse;
    expect(second.card).toMatchObject({ status: 'agreed', differences: [] });
    expect(second.card.entries.map((e) => e.remark)).toEqual(['Mooi \ufffd verhaal!', 'Mooi \ufffd verhaal!']);
    expect(await verify()).toMatchObject({ ok: true });
  });

  it('hashes exactly what it stores for any remark, through the ballot path and the paper path (property)', async () => {
    const m = running.app.get(DataSource).manager;
    const bidderId = evening.bidders[0]!.id;
    const trailHash = async (detailKey: 'ballotId' | 'entryId', id: string) => {
      const trail = (await host.get(ev('/audit')).expect(200)).body as AuditTrailResponse;
      return trail.entries.find((e) => e.detail[detailKey] === id)!.detail[detailKey === 'ballotId' ? 'ballotHash' : 'entryHash'];
    };
    let cardNumber = 10;
    await fc.assert(
      fc.asyncProperty(anyText, async (remark) => {
        const sent = ok(await call(voter.socket, 'ballot:submit', { ballotId: randomUUID(), bidderId, grades: gradesFor(evening, 2), remark }));
        const ballot = await m.findOneByOrFail(BallotEntity, { id: sent.ballotId });
        expect(ballot.remark).toBe(cleanText(remark).trim());
        expect(await trailHash('ballotId', ballot.id)).toBe(ballotHash(ballot));

        const card = { bidderId, cardNumber: cardNumber++, grades: gradesFor(evening, 5), remark };
        await modA.post(ev('/paper/entries'), card).expect(201);
        const typed = (await modB.post(ev('/paper/entries'), card).expect(201)).body as PaperEntryResponse;
        expect(typed.card.status).toBe('agreed');
        for (const e of typed.card.entries) {
          const entry = await m.findOneByOrFail(PaperEntryEntity, { id: e.id });
          expect(entry.remark).toBe(cleanText(remark).trim());
          expect(await trailHash('entryId', entry.id)).toBe(paperEntryHash(entry));
        }
      }),
      { numRuns: 40 },
    );
    expect(await verify()).toMatchObject({ ok: true, firstMismatch: null });
  });

  it('cleans socket messages too: a first name is one line without overrides', async () => {
    const named = ok(await call(voter.socket, 'attendee:name', { firstName: ' Anna\u2028de\u202e Vries\u0000 ' }));
    expect(named.me.firstName).toBe('Anna de Vries');
  });

  it("turns Word's soft line breaks into line breaks or spaces and drops right-to-left overrides before anything is stored", async () => {
    const draft = await completeEvening(host, 'Avond \u202eDNOVA\u202c van\u000bde buurt');
    expect(draft.title).toBe('Avond DNOVA van de buurt');
    const bidder = (await host.post(`/api/evenings/${draft.id}/bidders`, { name: 'Stichting\u2028De Linde', pitchMinutes: 5, pitchSummary: 'Regel 1\u000bRegel 2\u2066x\u2069' }).expect(201)).body as EveningDetail;
    expect(bidder.bidders.at(-1)).toMatchObject({ name: 'Stichting De Linde', pitchSummary: 'Regel 1\nRegel 2x' });
    // The advice texts (the ones that go into the documents) get the same treatment.
    ok(await call(hostSocket, 'host:command', { type: 'end-evening' }));
    const ws = (await host.get(ev('/advice')).expect(200)).body as AdviceWorkspaceResponse;
    const content = { ...ws.draft.content, summary: 'Eerste regel\u000bTweede regel \u202eesrever\u202c' };
    await host.put(ev('/advice/draft'), { content, revision: ws.draft.revision }).expect(200);
    const saved = (await host.get(ev('/advice')).expect(200)).body as AdviceWorkspaceResponse;
    expect(saved.draft.content.summary).toBe('Eerste regel\nTweede regel esrever');
  });
});

/**
 * The same property on both drivers, without the app: a text cleaned by the policy goes into the
 * ballot and paper tables and comes back identical, so its hash is the same. The raw text does
 * not (sqlite and pg both turn a lone surrogate into U+FFFD; PostgreSQL refuses U+0000).
 */
describe.each(['sqlite', 'postgres'] as const)('what is hashed is what is stored, on %s', (driver) => {
  let ds: DataSource;
  let dir = '';
  const schema = `bj_${randomUUID().replace(/-/g, '').slice(0, 12)}`;
  const admin = new DataSource({ type: 'postgres', host: '127.0.0.1', port: 5432, username: 'postgres', database: 'test' });

  beforeAll(async () => {
    if (driver === 'postgres') {
      await admin.initialize();
      await admin.query(`CREATE SCHEMA "${schema}"`);
      ds = new DataSource({ type: 'postgres', host: '127.0.0.1', port: 5432, username: 'postgres', database: 'test', schema, entities: ENTITIES, migrations: MIGRATIONS, migrationsRun: true });
    } else {
      dir = mkdtempSync(path.join(tmpdir(), 'buurtjury-unicode-'));
      ds = new DataSource({ type: 'sqlite', database: path.join(dir, 'u.sqlite'), entities: ENTITIES, migrations: MIGRATIONS, migrationsRun: true });
    }
    await ds.initialize();
    // The rows a ballot and a paper entry refer to.
    const m = ds.manager;
    const network = await m.save(m.create(NetworkEntity, { id: randomUUID(), name: 'Netwerk' }));
    const organiser = await m.save(m.create(OrganiserEntity, { id: randomUUID(), networkId: network.id, email: 'a@b.nl', passwordHash: 'x', displayName: 'A', role: 'owner' }));
    await m.save(
      m.create(EveningEntity, {
        ...{ id: eveningId, networkId: network.id, title: 'E', joinCode: 'BCDEFG', language: 'nl' as const, venue: '', date: '', startTime: '' },
        ...{ tenderMunicipality: '', tenderName: '', tenderReference: '', tenderSubject: '', tenderCommittee: '', adviceDeadline: '' },
        ...{ scaleKind: 'verbal' as const, orderMethod: 'manual' as const, frozenAt: null, frozenById: null, fingerprint: null, canonicalSetup: null },
      }),
    );
    await m.save(m.create(BidderEntity, { id: bidderId, eveningId, position: 1, name: 'B', contactPerson: '', pitchTitle: '', pitchSummary: '', pitchMinutes: 5, qaMinutes: 0 }));
    await m.save(m.create(AttendeeEntity, { id: attendeeId, eveningId, tokenHash: 'h'.repeat(64), firstName: '' }));
    organiserId = organiser.id;
  });
  afterAll(async () => {
    await ds?.destroy();
    if (driver === 'postgres') {
      await admin.query(`DROP SCHEMA "${schema}" CASCADE`);
      await admin.destroy();
    } else rmSync(dir, { recursive: true, force: true });
  });

  const eveningId = randomUUID();
  const bidderId = randomUUID();
  const attendeeId = randomUUID();
  let organiserId = '';
  let serial = 0;
  const ballot = (remark: string): BallotEntity => ({
    id: randomUUID(),
    eveningId,
    bidderId,
    attendeeId,
    serial: ++serial,
    grades: { [randomUUID()]: 3 },
    remark,
    receipt: 'ABCD-EFGH',
    submittedAt: new Date(),
  });
  const paper = (remark: string): PaperEntryEntity => ({
    id: randomUUID(),
    eveningId,
    bidderId,
    cardNumber: 1,
    enteredById: organiserId,
    enteredByName: 'Mona',
    grades: { [randomUUID()]: 4 },
    remark,
    enteredAt: new Date(),
    withdrawnAt: null,
  });

  it('for arbitrary texts cleaned by the policy (property)', async () => {
    await fc.assert(
      fc.asyncProperty(anyText, async (raw) => {
        const text = cleanText(raw).trim();
        const b = ballot(text);
        await ds.manager.insert(BallotEntity, b);
        const storedBallot = await ds.manager.findOneByOrFail(BallotEntity, { id: b.id });
        expect(storedBallot.remark).toBe(text);
        expect(ballotHash(storedBallot)).toBe(ballotHash(b));
        const p = paper(text);
        await ds.manager.insert(PaperEntryEntity, p);
        const storedEntry = await ds.manager.findOneByOrFail(PaperEntryEntity, { id: p.id });
        expect(paperEntryHash(storedEntry)).toBe(paperEntryHash(p));
      }),
      { numRuns: 150 },
    );
  });

  it('and not for the raw text, which is why the policy runs before hashing', async () => {
    const raw = ballot('x\ud800y');
    await ds.manager.insert(BallotEntity, raw);
    const stored = await ds.manager.findOneByOrFail(BallotEntity, { id: raw.id });
    expect(stored.remark).toBe('x\ufffdy');
    expect(ballotHash(stored)).not.toBe(ballotHash(raw));
    if (driver === 'postgres') await expect(ds.manager.insert(BallotEntity, ballot('nul\u0000'))).rejects.toThrow();
  });
});
