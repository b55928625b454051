import { execFile } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { DataSource, type DataSourceOptions } from 'typeorm';
import { promisify } from 'node:util';
import request from 'supertest';
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
import { call, connect, next, ok, phone, type Client } from '../support/sockets';
import { binary, printedCodes } from '../support/tickets';
import { LiveNotifier } from '../../backend/src/gateway/live-notifier.service';
import { LiveRegistry } from '../../backend/src/live/live-registry.service';
import { MIGRATIONS, sqliteOptions } from '../../backend/src/infrastructure/database/data-source';
import { TicketEntity } from '../../backend/src/infrastructure/database/schema/tickets';
import { ticketCodeHash } from '../../backend/src/infrastructure/database/schema/ticket-code';
import { ISSUER } from '../support/authorship';

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
  let cards: Map<number, string>;
  const ticketsPath = (p = '') => `/api/evenings/${evening.id}/tickets${p}`;

  beforeAll(async () => {
    const draft = await completeEvening(host, 'Avond met kaartjes');
    await host.patch(`/api/evenings/${draft.id}`, { rules: { accessMode: 'tickets' } }).expect(200);
    evening = (await host.post(`/api/evenings/${draft.id}/freeze`).expect(200)).body as EveningDetail;
    expect(evening.rules).toEqual({ accessMode: 'tickets', presenceRule: true, presenceGraceMinutes: 5 });
    expect((await modA.post(ticketsPath('/cards.pdf'), { count: 3 }).expect(403)).body).toMatchObject({ code: 'FORBIDDEN' });
    const printed = await binary(host.post(ticketsPath('/cards.pdf'), { count: 3 })).expect(201).expect('Content-Type', /application\/pdf/);
    expect(printed.headers['cache-control']).toBe('no-store');
    cards = await printedCodes(printed.body as Buffer);
    tickets = ((await host.get(ticketsPath()).expect(200)).body as TicketsResponse).tickets;
  });

  it('fixes the rules with the setup, and prints each code once, on its card only', async () => {
    expect((await host.patch(`/api/evenings/${evening.id}`, { rules: { accessMode: 'open' } }).expect(409)).body).toMatchObject({ code: 'SETUP_FROZEN' });
    expect(tickets.map((t) => [t.number, t.status, t.reissued])).toEqual([[1, 'unused', 0], [2, 'unused', 0], [3, 'unused', 0]]);
    expect([...cards.keys()]).toEqual([1, 2, 3]);
    expect(new Set(cards.values()).size).toBe(3);
    // Nobody can read a code back: not the organisers' list, not a moderator, not the database.
    for (const reader of [host, modA]) {
      const listed = JSON.stringify((await reader.get(ticketsPath()).expect(200)).body);
      for (const code of cards.values()) expect(listed).not.toContain(code);
    }
    const stored = await running.sql(`SELECT * FROM "ticket" WHERE "eveningId" = $1`, [evening.id]);
    for (const code of cards.values()) expect(JSON.stringify(stored)).not.toContain(code);
    // Making more continues the numbers and prints only the new cards.
    const more = await printedCodes((await binary(host.post(ticketsPath('/cards.pdf'), { count: 1 })).expect(201)).body as Buffer);
    expect([...more.keys()]).toEqual([4]);
    cards.set(4, more.get(4)!);
  });

  it('reprints an unused card with a new code, voiding the old one, but never a used one', async () => {
    const old = cards.get(4)!;
    expect((await modA.post(ticketsPath('/reissue.pdf'), { numbers: [4] }).expect(403)).body).toMatchObject({ code: 'FORBIDDEN' });
    expect((await host.post(ticketsPath('/reissue.pdf'), { numbers: [99] }).expect(422)).body).toMatchObject({ code: 'INVALID_STATE', reason: 'tickets.unknownNumbers', params: { numbers: '99' } });
    const fresh = await printedCodes((await binary(host.post(ticketsPath('/reissue.pdf'), { numbers: [4] })).expect(200)).body as Buffer);
    expect([...fresh.keys()]).toEqual([4]);
    expect(fresh.get(4)).not.toBe(old);
    expect((await join({ joinCode: evening.joinCode, ticket: old }).expect(400)).body).toMatchObject({ code: 'TICKET_INVALID' });
    await join({ joinCode: evening.joinCode, ticket: fresh.get(4)! }).expect(200);
    expect((await host.post(ticketsPath('/reissue.pdf'), { numbers: [4] }).expect(409)).body).toMatchObject({ code: 'INVALID_STATE', reason: 'tickets.usedNotReprinted', message: expect.stringMatching(/used on a phone/) });
    const listed = ((await host.get(ticketsPath()).expect(200)).body as TicketsResponse).tickets.find((t) => t.number === 4)!;
    expect(listed).toMatchObject({ status: 'in-use', reissued: 1 });
    const trail = (await host.get(`/api/evenings/${evening.id}/audit`).expect(200)).body as AuditTrailResponse;
    expect(trail.entries.find((e) => e.type === 'tickets-reissued')).toMatchObject({ actor: 'Host', detail: { count: 1, numbers: '4' } });
  });

  it('binds a ticket to the first phone, refuses it elsewhere, and on release moves the voter without showing their ballots', async () => {
    expect((await join({ joinCode: evening.joinCode }).expect(403)).body).toMatchObject({ code: 'TICKET_REQUIRED', message: expect.stringMatching(/ticket/) });
    expect((await join({ joinCode: evening.joinCode, ticket: 'ABCDE-FGHJK' }).expect(400)).body).toMatchObject({ code: 'TICKET_INVALID' });
    const code = cards.get(1)!;
    const first = (await join({ joinCode: evening.joinCode, ticket: `${code.slice(0, 5)}-${code.slice(5).toLowerCase()}` }).expect(200)).body as JoinResponse;
    const reused = (await join({ joinCode: evening.joinCode, ticket: code }).expect(409)).body as { code: string; message: string };
    expect(reused).toMatchObject({ code: 'TICKET_IN_USE', message: expect.stringMatching(/another phone.*ask the host to release/i) });
    // The same phone coming back keeps its token.
    expect(((await join({ joinCode: evening.joinCode, attendeeToken: first.attendeeToken }).expect(200)).body as JoinResponse).attendeeToken).toBe(first.attendeeToken);

    // It scores the first pitch on the first phone, with a remark.
    const h = await hostSocket(host, evening.id);
    const oldPhone = await connect(running.url, { role: 'attendee', joinCode: evening.joinCode, attendeeToken: first.attendeeToken });
    sockets.push(oldPhone);
    const bidder = evening.bidders[0]!;
    ok(await call(h, 'host:command', { type: 'start-pitch', bidderId: bidder.id }));
    ok(await call(h, 'host:command', { type: 'open-scoring', bidderId: bidder.id }));
    const secret = 'Mijn stem is geheim';
    const original = ok(await call(oldPhone, 'ballot:submit', { ballotId: randomUUID(), bidderId: bidder.id, grades: gradesFor(evening, 4), remark: secret }));

    // The battery dies: a moderator releases the ticket. The old phone is told so and closed at once.
    expect((await modA.post(ticketsPath(`/${tickets[0]!.id}/release`), { reason: '' }).expect(400)).body).toMatchObject({ code: 'VALIDATION_FAILED' });
    const told = next(oldPhone, 'session:ended');
    const closed = new Promise<string>((resolve) => oldPhone.once('disconnect', (reason) => resolve(reason)));
    const released = (await modA.post(ticketsPath(`/${tickets[0]!.id}/release`), { reason: 'Telefoon leeg' }).expect(200)).body as TicketView;
    expect(released.status).toBe('released');
    expect(await told).toMatchObject({ code: 'TICKET_RELEASED', message: expect.stringMatching(/released for another phone/) });
    expect(await closed).toBe('io server disconnect');
    expect((await modA.post(ticketsPath(`/${tickets[0]!.id}/release`), { reason: 'nog eens' }).expect(409)).body).toMatchObject({ code: 'INVALID_STATE', reason: 'tickets.releaseOnlyInUse' });
    // The old phone, reloaded, is told why rather than asked for a ticket as if it were new.
    expect((await join({ joinCode: evening.joinCode, attendeeToken: first.attendeeToken }).expect(409)).body).toMatchObject({ code: 'TICKET_RELEASED' });
    const refusedOld = await connect(running.url, { role: 'attendee', joinCode: evening.joinCode, attendeeToken: first.attendeeToken }).then(
      () => 'connected',
      (e: Error & { data?: { code: string } }) => e.data?.code,
    );
    expect(refusedOld).toBe('TICKET_RELEASED');

    // Whoever holds the card continues as the same voter on another phone ...
    const second = (await join({ joinCode: evening.joinCode, ticket: code }).expect(200)).body as JoinResponse;
    expect(second.attendeeToken).not.toBe(first.attendeeToken);
    const newPhone = await connect(running.url, { role: 'attendee', joinCode: evening.joinCode, attendeeToken: second.attendeeToken });
    sockets.push(newPhone);
    // ... and learns only that the pitch was scored: not the grades, the remark or the receipt.
    const snapshot = ok(await call(newPhone, 'session:snapshot')).snapshot;
    expect(snapshot.role === 'attendee' && snapshot.me).toMatchObject({ ballots: [], scoredElsewhere: [bidder.id] });
    expect(JSON.stringify(snapshot)).not.toContain(secret);
    expect(JSON.stringify(snapshot)).not.toContain(original.receipt);
    expect(JSON.stringify(snapshot)).not.toContain(original.ballotId);
    // Same voter: a fresh ballot replaces the old one instead of counting twice.
    ok(await call(newPhone, 'ballot:submit', { ballotId: randomUUID(), bidderId: bidder.id, grades: gradesFor(evening, 2) }));
    const after = ok(await call(newPhone, 'session:snapshot')).snapshot;
    expect(after.role === 'attendee' && after.me).toMatchObject({ ballots: [{ bidderId: bidder.id, grades: gradesFor(evening, 2), remark: '' }], scoredElsewhere: [] });
    const closedScoring = ok(await call(h, 'host:command', { type: 'close-scoring', bidderId: bidder.id }));
    expect(closedScoring.ballotsCounted).toBe(1);

    const list = ((await host.get(ticketsPath()).expect(200)).body as TicketsResponse).tickets;
    expect(list[0]!.status).toBe('in-use');
    const trail = (await host.get(`/api/evenings/${evening.id}/audit`).expect(200)).body as AuditTrailResponse;
    expect(trail.entries.filter((e) => e.type === 'ticket-used' && e.detail.number === 1).map((e) => e.detail)).toEqual([
      { number: 1, anotherPhone: false },
      { number: 1, anotherPhone: true, earlierBallots: 1, earlierBallotsShown: false },
    ]);
    expect(trail.entries.find((e) => e.type === 'ticket-released')).toMatchObject({ actor: 'Mona', detail: { number: 1, reason: 'Telefoon leeg', oldPhone: 'signed-out' } });
    expect(trail.entries.map((e) => e.type)).toContain('ballot-replaced');
    expect((await host.get(`/api/evenings/${evening.id}/audit/verify`).expect(200)).body).toMatchObject({ ok: true });
  });

  it('refuses ballots from a released phone even before its connection is closed', async () => {
    const code = cards.get(2)!;
    const joined = (await join({ joinCode: evening.joinCode, ticket: code }).expect(200)).body as JoinResponse;
    const phoneSocket = await connect(running.url, { role: 'attendee', joinCode: evening.joinCode, attendeeToken: joined.attendeeToken });
    sockets.push(phoneSocket);
    const h = await hostSocket(host, evening.id);
    const bidder = evening.bidders[1]!;
    ok(await call(h, 'host:command', { type: 'start-pitch', bidderId: bidder.id }));
    ok(await call(h, 'host:command', { type: 'open-scoring', bidderId: bidder.id }));
    // Keep the connection open past the release, as a slow network might: the server still refuses what it sends.
    const live = await running.app.get(LiveRegistry).get(evening.id);
    const ticket = tickets.find((t) => t.number === 2)!;
    const closing = jest.spyOn(running.app.get(LiveNotifier), 'end').mockImplementation(() => undefined);
    try {
      await modA.post(ticketsPath(`/${ticket.id}/release`), { reason: 'Telefoon kwijt' }).expect(200);
      expect(phoneSocket.connected).toBe(true);
      const refused = await call(phoneSocket, 'ballot:submit', { ballotId: randomUUID(), bidderId: bidder.id, grades: gradesFor(evening, 1) });
      expect(refused).toMatchObject({ ok: false, code: 'TICKET_RELEASED' });
      expect(await call(phoneSocket, 'session:snapshot')).toMatchObject({ ok: false, code: 'TICKET_RELEASED' });
      expect(await call(phoneSocket, 'attendee:ties', { bidderIds: [] })).toMatchObject({ ok: false, code: 'TICKET_RELEASED' });
      expect(live.phoneCountedFor(bidder.id)).toBe(0);
    } finally {
      closing.mockRestore();
    }
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
    // The presence rule without a grace: a phone that joins after the start does not score that pitch.
    await host.patch(`/api/evenings/${draft.id}`, { rules: { presenceGraceMinutes: 0 } }).expect(200);
    evening = (await host.post(`/api/evenings/${draft.id}/freeze`).expect(200)).body as EveningDetail;
    expect(evening.rules).toEqual({ accessMode: 'open', presenceRule: true, presenceGraceMinutes: 0 });
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
    expect((await modA.post(ev('/paper/entries'), card(4)).expect(409)).body).toMatchObject({ code: 'PAPER_SAME_MODERATOR', reason: 'paper.sameModerator', params: { card: '1-007' } });
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
      await host.post(ev('/advice/versions'), { authorship: ISSUER, revision: ws.draft.revision + 1, acceptEmpty: true }).expect(201);
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
      // Phones and paper cards are counted apart, each with its own noun in the right number.
      expect(documentText(advice.document)).toContain('Van de getelde beoordelingen kwam 1 beoordeling van een papieren scorekaart (door twee moderatoraccounts gelijk ingevoerd) en de rest via telefoons.');
      expect(documentText(advice.document)).toContain('In totaal tellen 4 beoordelingen mee, gegeven op 2 telefoons en 1 papieren scorekaart, voor 3 inschrijvers.');
      expect(results.report.all.voters).toEqual({ phone: 2, paper: 1 });
      expect(documentText(advice.document)).toContain('Aanwezigheidsregel: een deelnemer kon alleen de pitches beoordelen');
    });

    it('verifies the chain and the tallies, for the organisers and the committee', async () => {
      expect(report).toMatchObject({ ok: true, firstMismatch: null });
      expect(report.checks.map((c) => [c.name, c.ok])).toEqual([['chain', true], ['ballots', true], ['late', true], ['tally', true], ['paper', true], ['advice', true]]);
      const trail = (await host.get(ev('/audit')).expect(200)).body as AuditTrailResponse;
      const types = trail.entries.map((e) => e.type);
      for (const t of ['setup-frozen', 'pitch-started', 'scoring-opened', 'scoring-closed', 'ballot-accepted', 'paper-cards-printed', 'paper-entry', 'paper-entry-withdrawn', 'paper-card-agreed', 'evening-ended', 'pitch-tally', 'advice-issued']) {
        expect(types).toContain(t);
      }
      // Ballot entries carry a hash of the ballot, never the attendee.
      expect(JSON.stringify(trail.entries.filter((e) => e.type.startsWith('ballot-')))).not.toMatch(/attendee(Id|Token)/);
      const byCommittee = (await request(running.url).get(`/api/committee/${committee}/verify`).expect(200)).body as VerificationReport;
      expect(byCommittee).toMatchObject({ ok: true, head: trail.head });
      // Every sentence of the committee's check comes as a reason with its numbers, for the page to say in Dutch or English.
      expect(byCommittee.checks.map((c) => c.notes.map((n) => n.reason))).toEqual([['chainOk'], ['ballotsOk'], ['lateOk'], ['tallyOk'], ['paperOk'], ['adviceOkWithHeads']]);
      expect(byCommittee.checks[0]!.notes[0]!.params).toEqual({ count: trail.entries.length });
      expect(byCommittee.checks.find((c) => c.name === 'advice')!.notes[0]!.params).toEqual({ count: 1 });
      expect((await request(running.url).get(`/api/committee/${'x'.repeat(43)}/verify`).expect(404)).body).toMatchObject({ code: 'NOT_FOUND' });
    });

    it('lets attendees find their own ballot by receipt, and paper voters by card number', async () => {
      const mine = (await request(running.url).get(`/api/receipts/${evening.joinCode}/${receipts[0]!.toLowerCase()}`).expect(200)).body as ReceiptLookupResponse;
      expect(mine).toMatchObject({ found: true, versionNumber: 1, ballot: { bidderName: evening.bidders[0]!.name, channel: 'phone' } });
      expect(mine.ballot.grades.every((g) => g.value === 5)).toBe(true);
      const card = (await request(running.url).get(`/api/receipts/${evening.joinCode}/1-007`).expect(200)).body as ReceiptLookupResponse;
      expect(card).toMatchObject({ found: true, ballot: { channel: 'paper' } });
      expect((await request(running.url).get(`/api/receipts/${evening.joinCode}/ZZZZ-ZZZZ`).expect(404)).body).toMatchObject({ code: 'RECEIPT_NOT_FOUND' });
    });

    it('catches a ballot changed directly in the database, in the API and in npm run verify', async () => {
      await paperClosed();
      const target = (await host.get(ev('/audit')).expect(200)).body as AuditTrailResponse;
      const entry = target.entries.find((e) => e.type === 'ballot-accepted')!;
      await running.sql(`UPDATE "ballot" SET "grades" = $1 WHERE "id" = $2`, [JSON.stringify(gradesFor(evening, 1)), String(entry.detail.ballotId)]);
      const after = (await host.get(ev('/audit/verify')).expect(200)).body as VerificationReport;
      expect(after.ok).toBe(false);
      expect(after.firstMismatch).toMatchObject({ sequence: entry.sequence, type: 'ballot-accepted', problem: expect.stringMatching(/does not match the hash/) });
      expect(after.firstMismatch).toMatchObject({ reason: 'ballotChanged', params: { id: String(entry.detail.ballotId) } });
      expect(after.checks.find((c) => c.name === 'advice')).toMatchObject({ ok: false, detail: expect.stringMatching(/no longer give the record/) });
      expect(after.checks.find((c) => c.name === 'advice')!.notes).toEqual([expect.objectContaining({ reason: 'adviceRecordChanged', params: expect.objectContaining({ version: '1' }) })]);
      expect(after.checks.find((c) => c.name === 'chain')).toMatchObject({ ok: true });

      const cli = await runVerify(running.databaseEnv, evening.joinCode);
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

async function runVerify(databaseEnv: Record<string, string>, evening: string): Promise<{ code: number; stdout: string }> {
  const root = path.resolve(__dirname, '..', '..');
  try {
    const { stdout } = await promisify(execFile)(process.execPath, ['-r', 'ts-node/register/transpile-only', 'backend/src/cli/verify.ts', evening], {
      cwd: root,
      env: { ...process.env, DATABASE_URL: '', ...databaseEnv, TS_NODE_PROJECT: 'backend/tsconfig.json' },
    });
    return { code: 0, stdout };
  } catch (error) {
    const e = error as { code: number; stdout: string };
    return { code: e.code, stdout: e.stdout };
  }
}

describe('the AccountsAndTickets migration on an existing sqlite database', () => {
  it('keeps printed cards working while the codes become hashes nobody can read back', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'buurtjury-tickets-migration-'));
    const options = sqliteOptions(path.join(dir, 'old.sqlite'));
    const before = MIGRATIONS.findIndex((m) => m.name === 'AccountsAndTickets1763800000000');
    const old = new DataSource({ ...options, migrations: MIGRATIONS.slice(0, before) } as DataSourceOptions);
    await old.initialize();
    const networkId = randomUUID();
    const eveningId = randomUUID();
    await old.query(`INSERT INTO "network" ("id", "name") VALUES (?, 'N')`, [networkId]);
    await old.query(
      `INSERT INTO "evening" ("id", "networkId", "title", "joinCode", "language", "venue", "date", "startTime", "tenderMunicipality", "tenderName", "tenderReference", "tenderSubject", "tenderCommittee", "adviceDeadline", "scaleKind", "orderMethod")
       VALUES (?, ?, 'E', 'ABCDEF', 'nl', '', '', '', '', '', '', '', '', '', 'verbal', 'manual')`,
      [eveningId, networkId],
    );
    for (const [n, code] of [[1, 'ABCDEFGHJK'], [2, 'KJHGFEDCBA']] as const) {
      await old.query(`INSERT INTO "ticket" ("id", "eveningId", "number", "code", "createdAt") VALUES (?, ?, ?, ?, '2026-12-01 10:00:00.000')`, [randomUUID(), eveningId, n, code]);
    }
    await old.destroy();

    const upgraded = new DataSource(options);
    await upgraded.initialize();
    try {
      const columns = ((await upgraded.query(`PRAGMA table_info("ticket")`)) as { name: string }[]).map((c) => c.name);
      expect(columns).not.toContain('code');
      const tickets = await upgraded.manager.find(TicketEntity, { where: { eveningId }, order: { number: 'ASC' } });
      expect(tickets.map((t) => [t.number, t.codeHash, t.issuedAt.toISOString(), t.reissued])).toEqual([
        [1, ticketCodeHash(eveningId, 'ABCDEFGHJK'), '2026-12-01T10:00:00.000Z', 0],
        [2, ticketCodeHash(eveningId, 'KJHGFEDCBA'), '2026-12-01T10:00:00.000Z', 0],
      ]);
      expect(JSON.stringify(await upgraded.query(`SELECT * FROM "ticket"`))).not.toMatch(/ABCDEFGHJK|KJHGFEDCBA/);
    } finally {
      await upgraded.destroy();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
