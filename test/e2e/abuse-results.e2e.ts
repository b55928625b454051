import { randomUUID } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import request from 'supertest';
import { DataSource } from 'typeorm';
import {
  documentText,
  paperEntryHash,
  type AdviceDocumentResponse,
  type AdviceWorkspaceResponse,
  type AuditTrailResponse,
  type CreatedInvitationResponse,
  type EveningDetail,
  type JoinResponse,
  type PaperEntryResponse,
  type PaperOverview,
  type Snapshot,
  type Tally,
  type VerificationReport,
} from '@buurtjury/shared';
import { AuditLog } from '../../backend/src/infrastructure/audit-log/audit-log.service';
import { DatabaseWriter } from '../../backend/src/infrastructure/database/database-writer';
import { PaperEntryEntity } from '../../backend/src/infrastructure/database/schema/paper';
import { ResultsService } from '../../backend/src/results/results.service';
import { completeEvening, organiser, type Organiser } from '../support/api';
import { startApp, type RunningApp } from '../support/app';
import { call, connect, next, ok, type Client } from '../support/sockets';

/**
 * Abuse after the results are known, and stuffing that is seen: paper entry closes when the
 * evening ends and a pitch has only the cards that existed when it started (the verifier checks
 * both from the trail; the advice says when and by which accounts cards were entered); the host
 * console counts joins per minute and per address code, warns when an open evening grows beyond
 * the room, and the advice reports it, without an address ever stored or shown.
 */
let running: RunningApp;
let host: Organiser;
let mona: Organiser;
let bram: Organiser;
const sockets: Client[] = [];

async function moderator(name: string): Promise<Organiser> {
  const invite = (await host.post('/api/network/invitations', { email: `${name.toLowerCase()}@example.nl`, role: 'moderator' }).expect(201)).body as CreatedInvitationResponse;
  return organiser(running.url, name, { email: `${name.toLowerCase()}@example.nl`, inviteToken: invite.inviteUrl.split('/').pop()!, networkName: undefined as unknown as string });
}

async function hostSocket(eveningId: string): Promise<Client> {
  const s = await connect(running.url, { role: 'host', eveningId, token: host.session.token });
  sockets.push(s);
  return s;
}

/** A phone joining from `address` (as a proxy the app trusts reports it), then connecting. */
async function phoneFrom(joinCode: string, address: string): Promise<Client> {
  const joined = (await request(running.url).post('/api/join').set('X-Forwarded-For', address).send({ joinCode }).expect(200)).body as JoinResponse;
  const socket = await connect(running.url, { role: 'attendee', joinCode, attendeeToken: joined.attendeeToken });
  sockets.push(socket);
  return socket;
}

async function frozenEvening(title: string): Promise<EveningDetail> {
  const draft = await completeEvening(host, title);
  return (await host.post(`/api/evenings/${draft.id}/freeze`).expect(200)).body as EveningDetail;
}

const gradesFor = (evening: EveningDetail, g: number) => Object.fromEntries(evening.criteria.map((c) => [c.id, g]));

beforeAll(async () => {
  running = await startApp();
  host = await organiser(running.url, 'Host');
  mona = await moderator('Mona');
  bram = await moderator('Bram');
});
afterAll(async () => {
  for (const s of sockets) s.close();
  await running.close();
});

describe('paper cards cannot change the outcome after the results are known', () => {
  let evening: EveningDetail;
  let h: Client;
  const ev = (p = '') => `/api/evenings/${evening.id}${p}`;
  const card = (bidder: number, cardNumber: number, grade: number) => ({ bidderId: evening.bidders[bidder]!.id, cardNumber, grades: gradesFor(evening, grade) });

  beforeAll(async () => {
    evening = await frozenEvening('Avond met papier');
    h = await hostSocket(evening.id);
    await mona.put(ev('/paper/cards'), { cardsPerPitch: 5 }).expect(200);
    ok(await call(h, 'host:command', { type: 'start-pitch', bidderId: evening.bidders[0]!.id }));
    ok(await call(h, 'host:command', { type: 'open-scoring', bidderId: evening.bidders[0]!.id }));
  });

  it('gives a pitch only the cards that existed when it started: more cards are for later pitches', async () => {
    // Raising the number during pitch 1 is allowed and logged, but adds no cards to pitch 1.
    const raised = (await mona.put(ev('/paper/cards'), { cardsPerPitch: 80 }).expect(200)).body as PaperOverview;
    expect(raised).toMatchObject({ cardsPerPitch: 80, cardsPerBidder: { [evening.bidders[0]!.id]: 5, [evening.bidders[1]!.id]: null } });
    const refused = (await mona.post(ev('/paper/entries'), card(0, 6, 1)).expect(422)).body as { code: string; message: string };
    expect(refused).toMatchObject({ code: 'PAPER_CARD_NOT_PRINTED', message: expect.stringMatching(/not printed before pitch 1 started: that pitch has cards 1 to 5/) });
    expect(refused).toMatchObject({ reason: 'paper.cardNotPrinted', params: { pitch: 1, printed: 5 } });
    await mona.post(ev('/paper/entries'), card(0, 3, 4)).expect(201);
    expect(((await bram.post(ev('/paper/entries'), card(0, 3, 4)).expect(201)).body as PaperEntryResponse).card.status).toBe('agreed');
    await mona.post(ev('/paper/entries'), card(0, 4, 2)).expect(201); // a second entry never comes

    ok(await call(h, 'host:command', { type: 'start-pitch', bidderId: evening.bidders[1]!.id, closeOpenScoring: true }));
    await mona.post(ev('/paper/entries'), card(1, 70, 5)).expect(201);
    await bram.post(ev('/paper/entries'), card(1, 70, 5)).expect(201);
    const overview = (await mona.get(ev('/paper')).expect(200)).body as PaperOverview;
    expect(overview.cardsPerBidder).toEqual({ [evening.bidders[0]!.id]: 5, [evening.bidders[1]!.id]: 80, [evening.bidders[2]!.id]: null });
    expect(overview.counted).toEqual({ [evening.bidders[0]!.id]: 1, [evening.bidders[1]!.id]: 1, [evening.bidders[2]!.id]: 0 });
  });

  describe('once the evening has ended', () => {
    beforeAll(async () => {
      ok(await call(h, 'host:command', { type: 'end-evening' }));
    });

    it('refuses entering, withdrawing and adding cards', async () => {
      expect((await bram.post(ev('/paper/entries'), card(0, 4, 2)).expect(409)).body).toMatchObject({ code: 'PAPER_CLOSED', reason: 'paper.closed', message: expect.stringMatching(/closed when the evening ended/) });
      const overview = (await mona.get(ev('/paper')).expect(200)).body as PaperOverview;
      const mine = overview.cards.find((c) => c.label === '1-003')!.entries.find((e) => e.mine)!;
      expect((await mona.del(ev(`/paper/entries/${mine.id}`)).expect(409)).body).toMatchObject({ code: 'PAPER_CLOSED' });
      expect((await mona.put(ev('/paper/cards'), { cardsPerPitch: 90 }).expect(409)).body).toMatchObject({ code: 'PAPER_CLOSED' });
      expect(overview.open).toBe(false);
      const trail = (await host.get(ev('/audit')).expect(200)).body as AuditTrailResponse;
      expect(overview.closedAt).toBe(trail.entries.find((e) => e.type === 'evening-ended')!.at);
      const counted = (await mona.get(ev('/paper')).expect(200)).body as PaperOverview;
      expect(counted.counted[evening.bidders[0]!.id]).toBe(1);
    });

    it('says in the advice when entry closed, when the cards were entered and that two accounts are not two persons', async () => {
      const nl = documentText(((await host.get(ev('/advice/preview?lang=nl')).expect(200)).body as AdviceDocumentResponse).document);
      expect(nl).toMatch(/De invoer van papieren kaarten sloot toen de avond werd beëindigd \(\d+ \w+ \d{4}, \d\d:\d\d\)/);
      expect(nl).toMatch(/De getelde kaarten werden ingevoerd tussen \d\d:\d\d en \d\d:\d\d\./);
      expect(nl).toContain('Buurtjury controleert accounts, geen personen');
      expect(nl).toContain('De getelde kaarten zijn ingevoerd door deze accounts: Bram, Mona.');
      expect(nl).toContain('Kaarten met maar één invoer bij het sluiten (telden niet) 1');
      expect(nl).not.toContain('Let op: deze getelde kaarten werden pas voltooid');
      const en = documentText(((await host.get(ev('/advice/preview?lang=en')).expect(200)).body as AdviceDocumentResponse).document);
      expect(en).toContain('Buurtjury checks accounts, not persons');
      expect(en).toContain('Cards with only one entry at the close (not counted) 1');
      expect(((await host.get(ev('/audit/verify')).expect(200)).body as VerificationReport)).toMatchObject({ ok: true });
    });

    it('catches cards typed after the end, as older versions allowed, in the verifier and the advice', async () => {
      // Written as the server before this rule did: two agreeing entries, logged after evening-ended.
      const writer = running.app.get(DatabaseWriter);
      const audit = running.app.get(AuditLog);
      const late = new Date();
      await writer.write(async (m) => {
        for (const who of [mona, bram]) {
          const entry: PaperEntryEntity = {
            id: randomUUID(),
            eveningId: evening.id,
            bidderId: evening.bidders[2]!.id,
            cardNumber: 1,
            enteredById: who.session.organiser.id,
            enteredByName: who.session.organiser.displayName,
            grades: gradesFor(evening, 5),
            remark: '',
            enteredAt: late,
            withdrawnAt: null,
          };
          await m.insert(PaperEntryEntity, entry);
          await audit.append(m, evening.id, [{ type: 'paper-entry', actor: who.session.organiser.id, detail: { card: '3-001', entryId: entry.id, entryHash: paperEntryHash(entry) } }], late);
        }
      });
      running.app.get(ResultsService).forget(evening.id);
      const report = (await host.get(ev('/audit/verify')).expect(200)).body as VerificationReport;
      expect(report.ok).toBe(false);
      expect(report.checks.find((c) => c.name === 'paper')).toMatchObject({ ok: false, detail: expect.stringMatching(/card 3-001 was typed in after the evening ended/) });
      const nl = documentText(((await host.get(ev('/advice/preview?lang=nl')).expect(200)).body as AdviceDocumentResponse).document);
      expect(nl).toMatch(/Let op: deze getelde kaarten werden pas voltooid nadat de avond was beëindigd.*: 3-001 \(\d+ \w+ \d{4}, \d\d:\d\d\)/);
    });
  });
});

describe('stuffing an open evening is visible to the host and in the advice', () => {
  let evening: EveningDetail;
  let h: Client;
  const ev = (p = '') => `/api/evenings/${evening.id}${p}`;
  const hostTally = async (): Promise<Tally> => {
    const snapshot = ok(await call(h, 'session:snapshot')).snapshot as Snapshot;
    if (snapshot.role !== 'host') throw new Error('not a host snapshot');
    return snapshot.tally;
  };

  beforeAll(async () => {
    evening = await frozenEvening('Open avond');
    h = await hostSocket(evening.id);
  });

  it('lets the team set the expected attendance, and logs it', async () => {
    expect((await mona.put(ev('/expected-attendance'), { expected: 5 }).expect(200)).body).toEqual({ expected: 5 });
    expect((await mona.put(ev('/expected-attendance'), { expected: 0 }).expect(400)).body).toMatchObject({ code: 'VALIDATION_FAILED' });
    expect((await mona.put(ev('/expected-attendance'), {}).expect(400)).body).toMatchObject({ code: 'VALIDATION_FAILED' });
    const trail = (await host.get(ev('/audit')).expect(200)).body as AuditTrailResponse;
    expect(trail.entries.at(-1)).toMatchObject({ type: 'expected-attendance-set', actor: 'Mona', detail: { expected: 5 } });
    expect((await hostTally()).joinWatch).toMatchObject({ joined: 0, expected: 5, warnings: [] });
  });

  it('counts joins per minute and per address code, and warns the host', async () => {
    const pushed = next(h, 'live:tally', (t) => (t.joinWatch?.joined ?? 0) >= 14);
    for (let i = 0; i < 12; i++) await phoneFrom(evening.joinCode, '203.0.113.7');
    for (let i = 0; i < 2; i++) await phoneFrom(evening.joinCode, '198.51.100.20');
    const watch = (await hostTally()).joinWatch!;
    expect(watch).toMatchObject({ joined: 14, expected: 5, addresses: 2, unknownAddress: 0 });
    expect(watch.top.map((a) => [a.joins, a.fastest])).toEqual([
      [12, 12],
      [2, 2],
    ]);
    expect(watch.top.every((a) => /^[0-9a-f]{8}$/.test(a.address))).toBe(true);
    expect(watch.recent.reduce((n, m) => n + m.joins, 0)).toBe(14);
    expect(watch.warnings).toEqual([
      { kind: 'above-expected', joined: 14, expected: 5 },
      { kind: 'fast-from-one-address', address: watch.top[0]!.address, joins: 12, seconds: 10 },
    ]);
    // The pushed tally carries it to the host too; the big screen never sees it.
    expect((await pushed).joinWatch?.warnings).toHaveLength(2);
    const screen = await connect(running.url, { role: 'screen', joinCode: evening.joinCode });
    sockets.push(screen);
    const screenSnapshot = ok(await call(screen, 'session:snapshot')).snapshot;
    expect(screenSnapshot.role === 'screen' && screenSnapshot.tally.joinWatch).toBeUndefined();
  });

  it('never stores or shows an address', async () => {
    expect(JSON.stringify(await hostTally())).not.toMatch(/203\.0\.113|198\.51\.100/);
    const db = running.app.get(DataSource);
    const codes = (await db.query(`SELECT "joinAddress" FROM "attendee" WHERE "eveningId" = ?`, [evening.id])) as { joinAddress: string }[];
    expect(new Set(codes.map((c) => c.joinAddress)).size).toBe(2);
    for (const file of [running.databasePath, `${running.databasePath}-wal`].filter(existsSync)) {
      expect(readFileSync(file).includes('203.0.113.7')).toBe(false);
    }
  });

  it('fixes the expected attendance at the end and reports the joins in the advice', async () => {
    ok(await call(h, 'host:command', { type: 'end-evening' }));
    expect((await mona.put(ev('/expected-attendance'), { expected: 500 }).expect(409)).body).toMatchObject({ code: 'EVENING_ENDED' });
    const workspace = (await host.get(ev('/advice')).expect(200)).body as AdviceWorkspaceResponse;
    expect(workspace.draft.revision).toBe(0);
    const nl = documentText(((await host.get(ev('/advice/preview?lang=nl')).expect(200)).body as AdviceDocumentResponse).document);
    expect(nl).toContain('Telefoons aangemeld 14');
    expect(nl).toContain('Verwachte opkomst (opgegeven door de organisatie) 5');
    expect(nl).toContain('Verschillende netwerkadressen 2');
    expect(nl).toContain('Meeste telefoons van één adres 12, waarvan hoogstens 12 binnen 10 seconden');
    expect(nl).toContain('Tijdens de avond waarschuwde Buurtjury de organisatie:');
    expect(nl).toContain('er meldden zich 14 telefoons aan, meer dan de verwachte opkomst van 5');
    expect(nl).toMatch(/van één netwerkadres \(code [0-9a-f]{8}\) meldden zich 12 telefoons aan binnen 10 seconden/);
    const en = documentText(((await host.get(ev('/advice/preview?lang=en')).expect(200)).body as AdviceDocumentResponse).document);
    expect(en).toContain('Phones joined 14');
    expect(en).toMatch(/12 phones joined from one network address \(code [0-9a-f]{8}\) within 10 seconds/);
  });
});
