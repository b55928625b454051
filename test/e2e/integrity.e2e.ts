import { execFile } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import * as path from 'node:path';
import { promisify } from 'node:util';
import request from 'supertest';
import sqlite3 from 'sqlite3';
import { documentText } from '@buurtjury/shared';
import type {
  AdviceDocumentResponse,
  AdviceWorkspaceResponse,
  AuditTrailResponse,
  CreatedCommitteeLinkResponse,
  CreatedInvitationResponse,
  EveningDetail,
  JoinResponse,
  PaperEntryResponse,
  PaperOverview,
  ReceiptLookupResponse,
  ResultsResponse,
  TicketsResponse,
  TicketView,
  VerificationReport,
} from '@buurtjury/shared';
import { completeEvening, organiser, type Organiser } from '../support/api';
import { startApp, type RunningApp } from '../support/app';
import { pdfContent } from '../support/documents';
import { call, connect, ok, phone, type Client } from '../support/sockets';

/**
 * The integrity of an evening end to end on the real app: admission by ticket, the presence
 * rule, paper cards typed in by two moderators, what a moderator may not do, the hash-chained
 * audit trail with its verifier catching a ballot changed in the database, and receipts.
 */
let running: RunningApp;
let host: Organiser;
let modA: Organiser;
let modB: Organiser;
const sockets: Client[] = [];

async function moderator(name: string): Promise<Organiser> {
  const invite = (await host.post('/api/network/invitations', { email: `${name.toLowerCase()}@example.nl`, role: 'moderator' }).expect(201)).body as CreatedInvitationResponse;
  expect(invite.role).toBe('moderator');
  const token = invite.inviteUrl.split('/').pop()!;
  const m = await organiser(running.url, name, { email: `${name.toLowerCase()}@example.nl`, inviteToken: token, networkName: undefined as unknown as string });
  expect(m.session.organiser.role).toBe('moderator');
  return m;
}

beforeAll(async () => {
  running = await startApp();
  host = await organiser(running.url, 'Host');
  modA = await moderator('Mona');
  modB = await moderator('Bram');
});
afterAll(async () => {
  for (const s of sockets) s.close();
  await running.close();
});

const join = (body: object) => request(running.url).post('/api/join').send(body);
const hostSocket = async (o: Organiser, eveningId: string) => {
  const s = await connect(running.url, { role: 'host', eveningId, token: o.session.token });
  sockets.push(s);
  return s;
};
const gradesFor = (evening: EveningDetail, g: number) => Object.fromEntries(evening.criteria.map((c) => [c.id, g]));

describe('admission by ticket', () => {
  let evening: EveningDetail;
  let tickets: TicketView[];

  beforeAll(async () => {
    const draft = await completeEvening(host, 'Avond met kaartjes');
    await host.patch(`/api/evenings/${draft.id}`, { rules: { accessMode: 'tickets' } }).expect(200);
    evening = (await host.post(`/api/evenings/${draft.id}/freeze`).expect(200)).body as EveningDetail;
    expect(evening.rules).toEqual({ accessMode: 'tickets', presenceRule: true });
    expect((await modA.post(`/api/evenings/${evening.id}/tickets`, { count: 3 }).expect(403)).body).toMatchObject({ code: 'FORBIDDEN' });
    tickets = ((await host.post(`/api/evenings/${evening.id}/tickets`, { count: 3 }).expect(201)).body as TicketsResponse).tickets;
  });

  it('fixes the rules with the setup', async () => {
    expect((await host.patch(`/api/evenings/${evening.id}`, { rules: { accessMode: 'open' } }).expect(409)).body).toMatchObject({ code: 'SETUP_FROZEN' });
    expect(tickets.map((t) => [t.number, t.status])).toEqual([[1, 'unused'], [2, 'unused'], [3, 'unused']]);
    expect(new Set(tickets.map((t) => t.code)).size).toBe(3);
  });

  it('prints the cards as a PDF', async () => {
    const res = await host.get(`/api/evenings/${evening.id}/tickets/cards.pdf`).buffer(true).parse((r, cb) => {
      const chunks: Buffer[] = [];
      r.on('data', (c: Buffer) => chunks.push(c));
      r.on('end', () => cb(null, Buffer.concat(chunks)));
    }).expect(200);
    const text = (await pdfContent(res.body as Buffer)).pages.join('\n');
    expect(text).toContain(`${tickets[0]!.code.slice(0, 5)}-${tickets[0]!.code.slice(5)}`);
    expect(text).toContain('#003');
  });

  it('binds a ticket to the first phone, refuses it elsewhere, and moves the voter when the host releases it', async () => {
    expect((await join({ joinCode: evening.joinCode }).expect(403)).body).toMatchObject({ code: 'TICKET_REQUIRED', message: expect.stringMatching(/ticket/) });
    expect((await join({ joinCode: evening.joinCode, ticket: 'ABCDE-FGHJK' }).expect(400)).body).toMatchObject({ code: 'TICKET_INVALID' });
    const code = tickets[0]!.code;
    const first = (await join({ joinCode: evening.joinCode, ticket: `${code.slice(0, 5)}-${code.slice(5).toLowerCase()}` }).expect(200)).body as JoinResponse;
    const reused = (await join({ joinCode: evening.joinCode, ticket: code }).expect(409)).body as { code: string; message: string };
    expect(reused).toMatchObject({ code: 'TICKET_IN_USE', message: expect.stringMatching(/another phone.*ask the host to release/i) });
    // The same phone coming back keeps its token.
    expect(((await join({ joinCode: evening.joinCode, attendeeToken: first.attendeeToken }).expect(200)).body as JoinResponse).attendeeToken).toBe(first.attendeeToken);

    // It scores the first pitch on the first phone.
    const h = await hostSocket(host, evening.id);
    const oldPhone = await connect(running.url, { role: 'attendee', joinCode: evening.joinCode, attendeeToken: first.attendeeToken });
    sockets.push(oldPhone);
    const bidder = evening.bidders[0]!;
    ok(await call(h, 'host:command', { type: 'start-pitch', bidderId: bidder.id }));
    ok(await call(h, 'host:command', { type: 'open-scoring', bidderId: bidder.id }));
    ok(await call(oldPhone, 'ballot:submit', { ballotId: randomUUID(), bidderId: bidder.id, grades: gradesFor(evening, 4) }));

    // The battery dies: a moderator releases the ticket, the voter continues on a borrowed phone.
    expect((await modA.post(`/api/evenings/${evening.id}/tickets/${tickets[0]!.id}/release`, { reason: '' }).expect(400)).body).toMatchObject({ code: 'VALIDATION_FAILED' });
    const released = (await modA.post(`/api/evenings/${evening.id}/tickets/${tickets[0]!.id}/release`, { reason: 'Telefoon leeg' }).expect(200)).body as TicketView;
    expect(released.status).toBe('released');
    expect((await modA.post(`/api/evenings/${evening.id}/tickets/${tickets[0]!.id}/release`, { reason: 'nog eens' }).expect(409)).body).toMatchObject({ code: 'INVALID_STATE' });
    const second = (await join({ joinCode: evening.joinCode, ticket: code }).expect(200)).body as JoinResponse;
    expect(second.attendeeToken).not.toBe(first.attendeeToken);
    const refused = await connect(running.url, { role: 'attendee', joinCode: evening.joinCode, attendeeToken: first.attendeeToken }).then(
      () => 'connected',
      (e: Error & { data?: { code: string } }) => e.data?.code,
    );
    expect(refused).toBe('UNAUTHENTICATED');
    const newPhone = await connect(running.url, { role: 'attendee', joinCode: evening.joinCode, attendeeToken: second.attendeeToken });
    sockets.push(newPhone);
    const snapshot = ok(await call(newPhone, 'session:snapshot')).snapshot;
    expect(snapshot.role === 'attendee' && snapshot.me.ballots.map((b) => b.bidderId)).toEqual([bidder.id]);
    // Same voter: a new ballot replaces the old one instead of counting twice.
    ok(await call(newPhone, 'ballot:submit', { ballotId: randomUUID(), bidderId: bidder.id, grades: gradesFor(evening, 2) }));
    const closed = ok(await call(h, 'host:command', { type: 'close-scoring', bidderId: bidder.id }));
    expect(closed.ballotsCounted).toBe(1);

    const list = ((await host.get(`/api/evenings/${evening.id}/tickets`).expect(200)).body as TicketsResponse).tickets;
    expect(list[0]!.status).toBe('in-use');
    const trail = (await host.get(`/api/evenings/${evening.id}/audit`).expect(200)).body as AuditTrailResponse;
    expect(trail.entries.filter((e) => e.type === 'ticket-used').map((e) => e.detail.anotherPhone)).toEqual([false, true]);
    expect(trail.entries.find((e) => e.type === 'ticket-released')).toMatchObject({ actor: 'Mona', detail: { number: 1, reason: 'Telefoon leeg' } });
    expect(trail.entries.map((e) => e.type)).toContain('ballot-replaced');
  });
});

describe('an open evening with the presence rule, paper cards, the audit trail and receipts', () => {
  let evening: EveningDetail;
  let h: Client;
  let early: { socket: Client; token: string };
  let late: { socket: Client; token: string };
  const receipts: string[] = [];
  const ev = (p = '') => `/api/evenings/${evening.id}${p}`;

  beforeAll(async () => {
    const draft = await completeEvening(host, 'Open avond');
    evening = (await host.post(`/api/evenings/${draft.id}/freeze`).expect(200)).body as EveningDetail;
    expect(evening.rules).toEqual({ accessMode: 'open', presenceRule: true });
    h = await hostSocket(modA, evening.id); // a moderator runs the console
    early = await phone(running.url, evening.joinCode);
    sockets.push(early.socket);
    const [b1, b2] = evening.bidders;
    // Score cards exist before the first pitch: a pitch has the cards printed before it started.
    expect(((await modA.put(ev('/paper/cards'), { cardsPerPitch: 20 }).expect(200)).body as PaperOverview)).toMatchObject({ cardsPerPitch: 20, open: true, closedAt: null });
    ok(await call(h, 'host:command', { type: 'start-pitch', bidderId: b1!.id }));
    ok(await call(h, 'host:command', { type: 'open-scoring', bidderId: b1!.id }));
    late = await phone(running.url, evening.joinCode);
    sockets.push(late.socket);
    receipts.push(ok(await call(early.socket, 'ballot:submit', { ballotId: randomUUID(), bidderId: b1!.id, grades: gradesFor(evening, 5) })).receipt);
    const refused = await call(late.socket, 'ballot:submit', { ballotId: randomUUID(), bidderId: b1!.id, grades: gradesFor(evening, 1) });
    expect(refused).toMatchObject({ ok: false, code: 'NOT_PRESENT', message: expect.stringMatching(/joined after this pitch started/) });
    ok(await call(h, 'host:command', { type: 'start-pitch', bidderId: b2!.id, closeOpenScoring: true }));
    ok(await call(h, 'host:command', { type: 'open-scoring', bidderId: b2!.id }));
    receipts.push(ok(await call(late.socket, 'ballot:submit', { ballotId: randomUUID(), bidderId: b2!.id, grades: gradesFor(evening, 3) })).receipt);
    receipts.push(ok(await call(early.socket, 'ballot:submit', { ballotId: randomUUID(), bidderId: b2!.id, grades: gradesFor(evening, 4) })).receipt);
  });

  it('keeps a moderator out of the setup, the advice and the members', async () => {
    expect((await modA.patch(ev(), { title: 'Gekaapt' }).expect(403)).body).toMatchObject({ code: 'FORBIDDEN', message: expect.stringMatching(/moderator/) });
    expect((await modA.post('/api/evenings', { title: 'Eigen avond' }).expect(403)).body).toMatchObject({ code: 'FORBIDDEN' });
    expect((await modA.post('/api/network/invitations', { email: 'x@example.nl' }).expect(403)).body).toMatchObject({ code: 'FORBIDDEN' });
    expect((await modA.get(ev()).expect(200)).body).toMatchObject({ id: evening.id });
  });

  it('counts a paper card only when two different moderators typed it in alike', async () => {
    const [b1] = evening.bidders;
    const card = (grade: number, remark = '') => ({ bidderId: b1!.id, cardNumber: 7, grades: gradesFor(evening, grade), remark });
    const overview = (await modA.get(ev('/paper')).expect(200)).body as PaperOverview;
    expect(overview).toMatchObject({ cardsPerPitch: 20, open: true, cardsPerBidder: { [b1!.id]: 20, [evening.bidders[2]!.id]: null } });

    const one = (await modA.post(ev('/paper/entries'), card(4, 'Goed  verhaal')).expect(201)).body as PaperEntryResponse;
    expect(one.card).toMatchObject({ label: '1-007', status: 'one-entry' });
    expect((await modA.post(ev('/paper/entries'), card(4)).expect(409)).body).toMatchObject({ code: 'PAPER_SAME_MODERATOR' });
    const differ = (await modB.post(ev('/paper/entries'), { ...card(4, 'goed verhaal'), grades: { ...gradesFor(evening, 4), [evening.criteria[1]!.id]: 2 } }).expect(201))
      .body as PaperEntryResponse;
    expect(differ.card).toMatchObject({ status: 'disagreed', differences: [evening.criteria[1]!.id].sort() });
    expect(((await modA.get(ev('/paper')).expect(200)).body as PaperOverview).counted[b1!.id]).toBe(0);
    const mine = differ.card.entries.find((e) => e.enteredBy === 'Bram')!;
    expect((await modA.del(ev(`/paper/entries/${mine.id}`)).expect(403)).body).toMatchObject({ code: 'FORBIDDEN' });
    await modB.del(ev(`/paper/entries/${mine.id}`)).expect(200);
    const agreed = (await modB.post(ev('/paper/entries'), card(4, 'goed verhaal')).expect(201)).body as PaperEntryResponse;
    expect(agreed.card).toMatchObject({ status: 'agreed', differences: [] });
    expect(((await modA.get(ev('/paper')).expect(200)).body as PaperOverview).counted[b1!.id]).toBe(1);
    const closed = ok(await call(h, 'host:command', { type: 'close-scoring', bidderId: evening.bidders[1]!.id }));
    expect(closed.ballotsCounted).toBe(2);
  });

  describe('after the evening', () => {
    let report: VerificationReport;
    let committee: string;

    beforeAll(async () => {
      ok(await call(h, 'host:command', { type: 'end-evening' }));
      report = (await host.get(ev('/audit/verify')).expect(200)).body as VerificationReport;
      const ws = (await host.get(ev('/advice')).expect(200)).body as AdviceWorkspaceResponse;
      const content = { ...ws.draft.content, summary: 'Samenvatting.', recommendation: 'Advies.' };
      await host.put(ev('/advice/draft'), { content, revision: ws.draft.revision }).expect(200);
      await host.post(ev('/advice/versions'), { revision: ws.draft.revision + 1 }).expect(201);
      committee = ((await host.post(ev('/advice/links'), { label: 'Commissie' }).expect(201)).body as CreatedCommitteeLinkResponse).url.split('/c/')[1]!;
    });

    it('reports phone and paper ballots apart in the results and the record', async () => {
      const results = (await host.get(ev('/results')).expect(200)).body as ResultsResponse;
      // Pitch 1: the early phone and the agreed paper card; pitch 2: both phones.
      expect(results.report.ballotsReceived).toBe(4);
      const record = JSON.parse((await host.get(ev('/exports/record.json')).expect(200)).text) as { ballots: { channel: string; receipt: string }[] };
      expect(record.ballots.filter((b) => b.channel === 'paper').map((b) => b.receipt)).toEqual(['1-007']);
      expect(record.ballots.filter((b) => b.channel === 'phone').map((b) => b.receipt).sort()).toEqual([...receipts].sort());
      const advice = (await host.get(ev('/advice/versions/1/document?lang=nl')).expect(200)).body as AdviceDocumentResponse;
      expect(documentText(advice.document)).toContain('Van de getelde beoordelingen kwamen er 1 van papieren scorekaarten (elk door twee moderatoren gelijk ingevoerd) en 3 via telefoons.');
      expect(documentText(advice.document)).toContain('Aanwezigheidsregel: een deelnemer kon alleen de pitches beoordelen');
    });

    it('verifies the chain and the tallies, for the organisers and the committee', async () => {
      expect(report).toMatchObject({ ok: true, firstMismatch: null });
      expect(report.checks.map((c) => [c.name, c.ok])).toEqual([['chain', true], ['ballots', true], ['tally', true], ['paper', true], ['advice', true]]);
      const trail = (await host.get(ev('/audit')).expect(200)).body as AuditTrailResponse;
      const types = trail.entries.map((e) => e.type);
      for (const t of ['setup-frozen', 'pitch-started', 'scoring-opened', 'scoring-closed', 'ballot-accepted', 'paper-cards-printed', 'paper-entry', 'paper-entry-withdrawn', 'paper-card-agreed', 'evening-ended', 'pitch-tally', 'advice-issued']) {
        expect(types).toContain(t);
      }
      // Ballot entries carry a hash of the ballot, never the attendee.
      expect(JSON.stringify(trail.entries.filter((e) => e.type.startsWith('ballot-')))).not.toMatch(/attendee(Id|Token)/);
      const byCommittee = (await request(running.url).get(`/api/committee/${committee}/verify`).expect(200)).body as VerificationReport;
      expect(byCommittee).toMatchObject({ ok: true, head: trail.head });
      expect((await request(running.url).get(`/api/committee/${'x'.repeat(43)}/verify`).expect(404)).body).toMatchObject({ code: 'NOT_FOUND' });
    });

    it('lets attendees find their own ballot by receipt, and paper voters by card number', async () => {
      const mine = (await request(running.url).get(`/api/receipts/${evening.joinCode}/${receipts[0]!.toLowerCase()}`).expect(200)).body as ReceiptLookupResponse;
      expect(mine).toMatchObject({ found: true, versionNumber: 1, ballot: { bidderName: evening.bidders[0]!.name, channel: 'phone' } });
      expect(mine.ballot!.grades.every((g) => g.value === 5)).toBe(true);
      const card = (await request(running.url).get(`/api/receipts/${evening.joinCode}/1-007`).expect(200)).body as ReceiptLookupResponse;
      expect(card).toMatchObject({ found: true, ballot: { channel: 'paper' } });
      expect((await request(running.url).get(`/api/receipts/${evening.joinCode}/ZZZZ-ZZZZ`).expect(200)).body).toMatchObject({ found: false, ballot: null });
    });

    it('catches a ballot changed directly in the database, in the API and in npm run verify', async () => {
      await paperClosed();
      const target = (await host.get(ev('/audit')).expect(200)).body as AuditTrailResponse;
      const entry = target.entries.find((e) => e.type === 'ballot-accepted')!;
      await sql(running.databasePath, `UPDATE "ballot" SET "grades" = '${JSON.stringify(gradesFor(evening, 1))}' WHERE "id" = '${String(entry.detail.ballotId)}'`);
      const after = (await host.get(ev('/audit/verify')).expect(200)).body as VerificationReport;
      expect(after.ok).toBe(false);
      expect(after.firstMismatch).toMatchObject({ sequence: entry.sequence, type: 'ballot-accepted', problem: expect.stringMatching(/does not match the hash/) });
      expect(after.checks.find((c) => c.name === 'advice')).toMatchObject({ ok: false, detail: expect.stringMatching(/no longer give the record/) });
      expect(after.checks.find((c) => c.name === 'chain')).toMatchObject({ ok: true });

      const cli = await runVerify(running.databasePath, evening.joinCode);
      expect(cli.code).toBe(1);
      expect(cli.stdout).toContain(`First entry that does not match: #${entry.sequence} (ballot-accepted)`);
      expect(cli.stdout).toMatch(/FAIL ballots/);
    });

    async function paperClosed(): Promise<void> {
      const [b1] = evening.bidders;
      expect((await modA.post(ev('/paper/entries'), { bidderId: b1!.id, cardNumber: 8, grades: gradesFor(evening, 3) }).expect(409)).body).toMatchObject({ code: 'PAPER_CLOSED' });
    }
  });
});

function sql(file: string, statement: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const db = new sqlite3.Database(file, (error) => {
      if (error) return reject(error);
      db.run(statement, (e) => db.close(() => (e ? reject(e) : resolve())));
    });
  });
}

async function runVerify(databasePath: string, evening: string): Promise<{ code: number; stdout: string }> {
  const root = path.resolve(__dirname, '..', '..');
  try {
    const { stdout } = await promisify(execFile)(process.execPath, ['-r', 'ts-node/register/transpile-only', 'backend/src/cli/verify.ts', evening], {
      cwd: root,
      env: { ...process.env, DATABASE_PATH: databasePath, TS_NODE_PROJECT: 'backend/tsconfig.json' },
    });
    return { code: 0, stdout };
  } catch (error) {
    const e = error as { code: number; stdout: string };
    return { code: e.code, stdout: e.stdout };
  }
}
