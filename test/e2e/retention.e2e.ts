import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import request from 'supertest';
import { DataSource, type DataSourceOptions, type EntityManager } from 'typeorm';
import { sha256Hex, type AdviceVersionView, type AuditTrailResponse, type VerificationReport, type Incident, type AdviceWorkspaceResponse, type CreatedInvitationResponse, type EveningDetail, type MetaResponse, type ResultsResponse } from '@buurtjury/shared';
import { InvitationEntity } from '../../backend/src/infrastructure/database/schema/accounts';
import { AttendeeEntity, TieDeclarationEntity } from '../../backend/src/infrastructure/database/schema/attendees';
import { BallotEntity } from '../../backend/src/infrastructure/database/schema/ballots';
import { MIGRATIONS, sqliteOptions } from '../../backend/src/infrastructure/database/data-source';
import { EveningEntity } from '../../backend/src/infrastructure/database/schema/evenings';
import { EveningPurgeEntity } from '../../backend/src/infrastructure/database/schema/privacy';
import { KeptRemarkEntity } from '../../backend/src/infrastructure/database/schema/advice';
import { RetentionService } from '../../backend/src/privacy/retention.service';
import { completeEvening, organiser, type Organiser } from '../support/api';
import { startApp, type RunningApp } from '../support/app';
import { call, connect, ok, phone, type Client } from '../support/sockets';
import { ISSUER } from '../support/authorship';

/**
 * Retention: RETENTION_DAYS after the first advice version was issued (or, without an advice,
 * after the evening ended, or for an evening that never ended after its date), the link between
 * phones and ballots, the attendees' first names and address codes, the raw remarks and the
 * settled invitations' e-mail addresses are deleted, once; the ballots stay, and the record and
 * results do not change by a byte. The trail still verifies.
 */
const RETENTION_DAYS = 30;
const DAY = 24 * 60 * 60 * 1000;

let running: RunningApp;
let db: DataSource;
let retention: RetentionService;
let host: Organiser;
let evening: EveningDetail;
let issuedAt: number;
const sockets: Client[] = [];
const phones: { socket: Client; token: string }[] = [];
let pendingInvitation: CreatedInvitationResponse;

/** Resolves with the value, or fails after `ms` (a bound, not a sleep). */
function within<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`timed out waiting for ${what}`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

async function invite(email: string): Promise<CreatedInvitationResponse> {
  return (await host.post('/api/network/invitations', { email }).expect(201)).body as CreatedInvitationResponse;
}

beforeAll(async () => {
  // Invitations last longer than the retention period here, so a pending one is still pending when it is applied.
  running = await startApp({ RETENTION_DAYS: String(RETENTION_DAYS), INVITATION_DAYS: '90' });
  db = running.app.get(DataSource);
  retention = running.app.get(RetentionService);
  host = await organiser(running.url, 'Host');

  const accepted = await invite('co@example.nl');
  await request(running.url)
    .post('/api/auth/signup')
    .send({ email: 'co@example.nl', password: 'correct horse battery', displayName: 'Co', inviteToken: accepted.inviteUrl.split('/invite/')[1] })
    .expect(201);
  const revoked = await invite('weg@example.nl');
  await host.del(`/api/network/invitations/${revoked.id}`).expect(204);
  pendingInvitation = await invite('later@example.nl');

  const draft = await completeEvening(host);
  evening = (await host.post(`/api/evenings/${draft.id}/freeze`).expect(200)).body as EveningDetail;
  const hostSocket = await connect(running.url, { role: 'host', eveningId: evening.id, token: host.session.token });
  sockets.push(hostSocket);
  // The phones join before the first pitch starts; three give a first name.
  for (const name of ['Kim', 'Sanne', 'Joost', '']) {
    const p = await phone(running.url, evening.joinCode);
    sockets.push(p.socket);
    phones.push(p);
    if (name) ok(await call(p.socket, 'attendee:name', { firstName: name }));
  }
  for (const [index, bidder] of evening.bidders.entries()) {
    ok(await call(hostSocket, 'host:command', { type: 'start-pitch', bidderId: bidder.id, closeOpenScoring: true }));
    ok(await call(hostSocket, 'host:command', { type: 'open-scoring', bidderId: bidder.id }));
    for (const [i, p] of phones.entries()) {
      const grades = Object.fromEntries(evening.criteria.map((c, k) => [c.id, 1 + ((i + index + k) % 5)]));
      ok(await call(p.socket, 'ballot:submit', { ballotId: randomUUID(), bidderId: bidder.id, grades, remark: i === 0 ? `Goed plan ${index}, vraag Karin op 06-12345678` : '' }));
      // One phone changes its mind: the replaced ballot stays stored but does not count.
      if (i === 2) ok(await call(p.socket, 'ballot:submit', { ballotId: randomUUID(), bidderId: bidder.id, grades: { ...grades, [evening.criteria[0]!.id]: 5 } }));
    }
  }
  // A tie declared afterwards: that phone's ballot for the bidder is listed in the record but not counted.
  ok(await call(phones[1]!.socket, 'attendee:ties', { bidderIds: [evening.bidders[2]!.id] }));
  ok(await call(hostSocket, 'host:command', { type: 'end-evening' }));

  const workspace = (await host.get(`/api/evenings/${evening.id}/advice`).expect(200)).body as AdviceWorkspaceResponse;
  const content = { ...workspace.draft.content, summary: 'De bewoners kiezen duidelijk.', recommendation: 'Gun de opdracht aan de nummer één.' };
  await host.put(`/api/evenings/${evening.id}/advice/draft`, { content, revision: workspace.draft.revision }).expect(200);
  const version = (await host.post(`/api/evenings/${evening.id}/advice/versions`, { authorship: ISSUER, revision: workspace.draft.revision + 1, acceptEmpty: true }).expect(201)).body as AdviceVersionView;
  issuedAt = Date.parse(version.issuedAt);
});

afterAll(async () => {
  for (const s of sockets) s.close();
  await running.close();
});

const record = async () => (await host.get(`/api/evenings/${evening.id}/exports/record.json`).expect(200)).text;
const results = async () => (await host.get(`/api/evenings/${evening.id}/results`).expect(200)).body as ResultsResponse;
const attendees = () => db.manager.find(AttendeeEntity, { where: { eveningId: evening.id }, order: { id: 'ASC' } });

it('tells the frontend the retention period', async () => {
  expect(((await request(running.url).get('/api/meta').expect(200)).body as MetaResponse).retentionDays).toBe(RETENTION_DAYS);
});

it('does nothing before the retention period has passed', async () => {
  const before = await attendees();
  expect(before.map((a) => a.firstName).sort()).toEqual(['', 'Joost', 'Kim', 'Sanne']);
  expect(before.every((a) => a.tokenHash?.length === 64)).toBe(true);
  expect(await retention.purgeDue(new Date(issuedAt + (RETENTION_DAYS - 1) * DAY))).toEqual([]);
  expect(await attendees()).toEqual(before);
  expect(await db.manager.countBy(EveningPurgeEntity, { eveningId: evening.id })).toBe(0);
  expect(await db.manager.countBy(InvitationEntity, { networkId: host.session.network.id })).toBe(3);
});

describe('once the retention period has passed', () => {
  let recordBefore: string;
  let resultsBefore: ResultsResponse;
  let ballotsBefore: BallotEntity[];
  let tiesBefore: TieDeclarationEntity[];
  let version: AdviceVersionView;
  let dropped: Promise<string>;

  beforeAll(async () => {
    recordBefore = await record();
    expect((JSON.parse(recordBefore) as { ties: unknown[] }).ties).toHaveLength(1);
    resultsBefore = await results();
    ballotsBefore = await db.manager.find(BallotEntity, { where: { eveningId: evening.id }, order: { serial: 'ASC' } });
    tiesBefore = await db.manager.findBy(TieDeclarationEntity, { eveningId: evening.id });
    version = ((await host.get(`/api/evenings/${evening.id}/advice`).expect(200)).body as AdviceWorkspaceResponse).versions[0]!;
    const connected = phones[0]!.socket;
    dropped = new Promise((resolve) => connected.once('disconnect', resolve));
    expect(ballotsBefore.filter((b) => b.remark !== '')).toHaveLength(3);
    expect((await attendees()).every((a) => /^[0-9a-f]{8}$/.test(a.joinAddress ?? ''))).toBe(true);
    const done = await retention.purgeDue(new Date(issuedAt + (RETENTION_DAYS + 1) * DAY));
    expect(done).toEqual([{ eveningId: evening.id, basis: 'advice', attendees: 4, tickets: 0, invitations: 2, remarks: 3, keptRemarks: 3, incidents: 0 }]);
  });

  it('deletes the token hashes, first names and address codes, and keeps the ballots with their published receipts', async () => {
    const after = await attendees();
    expect(after).toHaveLength(4);
    expect(after.map((a) => [a.tokenHash, a.firstName, a.joinAddress])).toEqual(Array.from({ length: 4 }, () => [null, '', null]));
    const ballots = await db.manager.find(BallotEntity, { where: { eveningId: evening.id }, order: { serial: 'ASC' } });
    expect(ballots).toHaveLength(ballotsBefore.length);
    // The ballots stay as they were but for the remarks, grouped per voter; their receipts are in the published record anyway.
    const withoutRemark = (rows: BallotEntity[]) => rows.map(({ remark: _remark, ...rest }) => rest);
    expect(withoutRemark(ballots)).toEqual(withoutRemark(ballotsBefore));
    expect(await db.manager.findBy(TieDeclarationEntity, { eveningId: evening.id })).toEqual(tiesBefore);
    const marked = await db.manager.findOneByOrFail(EveningPurgeEntity, { eveningId: evening.id });
    expect(marked).toMatchObject({ retentionDays: RETENTION_DAYS, purgedAt: new Date(issuedAt + (RETENTION_DAYS + 1) * DAY) });
  });

  it('deletes the raw remarks and keeps only their masked text, for a later version of the advice', async () => {
    const ballots = await db.manager.findBy(BallotEntity, { eveningId: evening.id });
    expect(ballots.every((b) => b.remark === '')).toBe(true);
    const kept = await db.manager.find(KeptRemarkEntity, { where: { eveningId: evening.id } });
    expect(kept.map((k) => k.text).sort()).toEqual([0, 1, 2].map((i) => `Goed plan ${i}, vraag [naam] op [telefoonnummer]`));
    const workspace = (await host.get(`/api/evenings/${evening.id}/advice`).expect(200)).body as AdviceWorkspaceResponse;
    expect(workspace.remarks.map((r) => r.text).sort()).toEqual(kept.map((k) => k.text).sort());
    expect(JSON.stringify(workspace)).not.toMatch(/Karin|12345678/);
  });

  it('keeps the receipt look-up: it finds only the anonymous ballot in the published record', async () => {
    const receipt = ballotsBefore.find((b) => b.remark !== '')!.receipt;
    const found = (await request(running.url).get(`/api/receipts/${evening.joinCode}/${receipt}`).expect(200)).body as { found: boolean; ballot: { voter: string } };
    expect(found).toMatchObject({ found: true, ballot: { voter: expect.stringMatching(/^V\d{4}$/) } });
  });

  it('deletes the accepted and revoked invitations with their e-mail addresses and keeps the pending one', async () => {
    const left = await db.manager.findBy(InvitationEntity, { networkId: host.session.network.id });
    expect(left.map((i) => i.email)).toEqual(['later@example.nl']);
    expect(left[0]!.id).toBe(pendingInvitation.id);
    const listed = (await host.get('/api/network/invitations').expect(200)).body as { email: string }[];
    expect(listed.map((i) => i.email)).toEqual(['later@example.nl']);
  });

  it('recomputes a byte-identical record and the same results, matching the issued version', async () => {
    const recordAfter = await record();
    expect(recordAfter).toBe(recordBefore);
    expect(sha256Hex(recordAfter)).toBe(version.recordSha256);
    const resultsAfter = await results();
    expect(resultsAfter).toEqual(resultsBefore);
    expect(resultsAfter.fingerprint).toBe(version.resultsSha256);
  });

  it('disconnects the phones still connected, and refuses their old tokens', async () => {
    expect(await within(dropped, 5000, 'the phone to be disconnected')).toBe('io server disconnect');
    for (const p of phones) {
      await expect(connect(running.url, { role: 'attendee', joinCode: evening.joinCode, attendeeToken: p.token })).rejects.toMatchObject({
        data: { code: 'UNAUTHENTICATED' },
      });
    }
    // Joining with an old token makes a new, unrelated attendee rather than restoring the old one.
    const rejoined = (await request(running.url).post('/api/join').send({ joinCode: evening.joinCode, attendeeToken: phones[1]!.token }).expect(200)).body as {
      attendeeToken: string;
    };
    expect(rejoined.attendeeToken).not.toBe(phones[1]!.token);
  });

  it('logs the deletion in the audit trail, which still verifies', async () => {
    const report = (await host.get(`/api/evenings/${evening.id}/audit/verify`).expect(200)).body as VerificationReport;
    expect(report).toMatchObject({ ok: true, firstMismatch: null });
    const trail = (await host.get(`/api/evenings/${evening.id}/audit`).expect(200)).body as AuditTrailResponse;
    expect(trail.entries.at(-1)).toMatchObject({
      type: 'retention-applied',
      actor: 'system',
      detail: { retentionDays: RETENTION_DAYS, basis: 'advice', attendees: 4, remarks: 3, ballotsDigest: expect.stringMatching(/^[0-9a-f]{64}$/), ballotsMismatched: 0, paperMismatched: 0 },
    });
    expect(report.checks.find((c) => c.name === 'ballots')!.detail).toMatch(/retention deleted their remarks/);
  });

  it('runs once: a second run changes nothing', async () => {
    const attendeesBefore = await attendees();
    expect(await retention.purgeDue(new Date(issuedAt + (RETENTION_DAYS + 400) * DAY))).toEqual([]);
    expect(await attendees()).toEqual(attendeesBefore);
    expect(await db.manager.countBy(InvitationEntity, { networkId: host.session.network.id })).toBe(1);
    expect(await db.manager.countBy(EveningPurgeEntity, { eveningId: evening.id })).toBe(1);
  });

  it('still catches a ballot changed after the remarks were deleted, and a remark written back', async () => {
    const target = ballotsBefore.find((b) => b.remark !== '')!;
    await db.manager.update(BallotEntity, { id: target.id }, { remark: 'Goed plan 0, vraag Karin op 06-12345678' });
    let report = (await host.get(`/api/evenings/${evening.id}/audit/verify`).expect(200)).body as VerificationReport;
    expect(report.checks.find((c) => c.name === 'ballots')).toMatchObject({ ok: false, detail: expect.stringMatching(/has a remark again after retention/) });
    await db.manager.update(BallotEntity, { id: target.id }, { remark: '', grades: Object.fromEntries(Object.keys(target.grades).map((k) => [k, 1])) });
    report = (await host.get(`/api/evenings/${evening.id}/audit/verify`).expect(200)).body as VerificationReport;
    expect(report.ok).toBe(false);
    expect(report.checks.find((c) => c.name === 'ballots')).toMatchObject({ ok: false, detail: expect.stringMatching(/no longer match the digest logged when retention deleted the remarks/) });
  });
});

describe('evenings without an issued advice', () => {
  let endedWithoutAdvice: EveningDetail;
  let neverEnded: EveningDetail;
  let plannedFor: string;
  let endedAt: number;

  beforeAll(async () => {
    const draft = await completeEvening(host, 'Zonder advies');
    endedWithoutAdvice = (await host.post(`/api/evenings/${draft.id}/freeze`).expect(200)).body as EveningDetail;
    const h = await connect(running.url, { role: 'host', eveningId: endedWithoutAdvice.id, token: host.session.token });
    sockets.push(h);
    const p = await phone(running.url, endedWithoutAdvice.joinCode);
    sockets.push(p.socket);
    const bidder = endedWithoutAdvice.bidders[0]!;
    ok(await call(h, 'host:command', { type: 'start-pitch', bidderId: bidder.id }));
    ok(await call(h, 'host:command', { type: 'open-scoring', bidderId: bidder.id }));
    const grades = Object.fromEntries(endedWithoutAdvice.criteria.map((c) => [c.id, 4]));
    ok(await call(p.socket, 'ballot:submit', { ballotId: randomUUID(), bidderId: bidder.id, grades, remark: 'Bel Sanne: 0612345678' }));
    ok(await call(h, 'host:command', { type: 'end-evening' }));
    endedAt = Date.now();
    // The organisers' account of the evening names an attendee, with her phone number.
    await host
      .post(`/api/evenings/${endedWithoutAdvice.id}/incidents`, { at: new Date().toISOString(), what: 'Sanne kwam te laat binnen.', effect: 'Zij miste de eerste pitch.', measure: 'Sanne gebeld op 0612345678.' })
      .expect(201);

    // Frozen, a phone joined, but the host never started or ended it; it was planned for the day after tomorrow.
    const other = await completeEvening(host, 'Nooit gehouden');
    neverEnded = (await host.post(`/api/evenings/${other.id}/freeze`).expect(200)).body as EveningDetail;
    plannedFor = new Date(Date.now() + 2 * DAY).toISOString().slice(0, 10);
    await db.manager.update(EveningEntity, { id: neverEnded.id }, { date: plannedFor });
    sockets.push((await phone(running.url, neverEnded.joinCode)).socket);
  });

  const summaryOf = (done: { eveningId: string }[], id: string) => done.find((d) => d.eveningId === id);

  it('deletes the personal data of an evening that ended without an advice, counted from its end', async () => {
    expect(summaryOf(await retention.purgeDue(new Date(endedAt + (RETENTION_DAYS - 1) * DAY)), endedWithoutAdvice.id)).toBeUndefined();
    const done = await retention.purgeDue(new Date(endedAt + (RETENTION_DAYS + 1) * DAY));
    expect(summaryOf(done, endedWithoutAdvice.id)).toEqual({ eveningId: endedWithoutAdvice.id, basis: 'end', attendees: 1, tickets: 0, invitations: 0, remarks: 1, keptRemarks: 1, incidents: 1 });
    const left = await db.manager.findBy(AttendeeEntity, { eveningId: endedWithoutAdvice.id });
    expect(left.map((a) => [a.tokenHash, a.joinAddress])).toEqual([[null, null]]);
    expect((await db.manager.findBy(BallotEntity, { eveningId: endedWithoutAdvice.id })).map((b) => b.remark)).toEqual(['']);
    expect((await db.manager.findBy(KeptRemarkEntity, { eveningId: endedWithoutAdvice.id })).map((k) => k.text)).toEqual(['[naam]: [telefoonnummer]']);
    // The incidents keep what remarks keep: the attendee's name and number are masked, the account itself stays.
    const incidents = (await host.get(`/api/evenings/${endedWithoutAdvice.id}/incidents`).expect(200)).body as Incident[];
    expect(incidents.map((i) => [i.what, i.effect, i.measure])).toEqual([['[naam] kwam te laat binnen.', 'Zij miste de eerste pitch.', '[naam] gebeld op [telefoonnummer].']]);
    expect(incidents[0]!.recordedBy).toBe('Host');
    const report = (await host.get(`/api/evenings/${endedWithoutAdvice.id}/audit/verify`).expect(200)).body as VerificationReport;
    expect(report).toMatchObject({ ok: true, firstMismatch: null });
  });

  it('deletes the personal data of an evening that never ended, counted from the end of its date', async () => {
    const endOfDate = Date.parse(`${plannedFor}T00:00:00Z`) + DAY;
    expect(summaryOf(await retention.purgeDue(new Date(endOfDate + (RETENTION_DAYS - 1) * DAY)), neverEnded.id)).toBeUndefined();
    const done = await retention.purgeDue(new Date(endOfDate + (RETENTION_DAYS + 1) * DAY));
    expect(summaryOf(done, neverEnded.id)).toEqual({ eveningId: neverEnded.id, basis: 'date', attendees: 1, tickets: 0, invitations: 0, remarks: 0, keptRemarks: 0, incidents: 0 });
    expect((await db.manager.findBy(AttendeeEntity, { eveningId: neverEnded.id })).map((a) => a.tokenHash)).toEqual([null]);
  });
});

describe('the Retention migration on an existing sqlite database', () => {
  it('keeps the attendees, ties and ballots that reference them, and lets the token hash be cleared', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'buurtjury-migration-'));
    const options = sqliteOptions(path.join(dir, 'old.sqlite'));
    const old = new DataSource({ ...options, migrations: MIGRATIONS.slice(0, MIGRATIONS.findIndex((m) => m.name === 'Retention1763790000000')) } as DataSourceOptions);
    await old.initialize();
    const m = old.manager;
    const { eveningId, attendeeId } = await seedOldEvening(m);
    await old.destroy();

    const upgraded = new DataSource(options);
    await upgraded.initialize();
    try {
      const u = upgraded.manager;
      expect((await u.findOneByOrFail(AttendeeEntity, { id: attendeeId })).tokenHash).toBe('a'.repeat(64));
      expect(await u.countBy(BallotEntity, { attendeeId })).toBe(1);
      expect(await u.countBy(TieDeclarationEntity, { attendeeId })).toBe(1);
      await u.update(AttendeeEntity, { eveningId }, { tokenHash: null });
      expect((await u.findOneByOrFail(AttendeeEntity, { id: attendeeId })).tokenHash).toBeNull();
      expect(await u.countBy(BallotEntity, { attendeeId })).toBe(1);
    } finally {
      await upgraded.destroy();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

/** An evening with one attendee, one tie and one ballot, written as the schema before Retention allows. */
async function seedOldEvening(m: EntityManager): Promise<{ eveningId: string; attendeeId: string }> {
  const networkId = randomUUID();
  const eveningId = randomUUID();
  const bidderId = randomUUID();
  const attendeeId = randomUUID();
  await m.query(`INSERT INTO "network" ("id", "name") VALUES (?, 'N')`, [networkId]);
  await m.query(
    `INSERT INTO "evening" ("id", "networkId", "title", "joinCode", "language", "venue", "date", "startTime", "tenderMunicipality", "tenderName", "tenderReference", "tenderSubject", "tenderCommittee", "adviceDeadline", "scaleKind", "orderMethod")
     VALUES (?, ?, 'E', 'ABCDEF', 'nl', '', '', '', '', '', '', '', '', '', 'verbal', 'manual')`,
    [eveningId, networkId],
  );
  await m.query(
    `INSERT INTO "bidder" ("id", "eveningId", "position", "name", "contactPerson", "pitchTitle", "pitchSummary", "pitchMinutes", "qaMinutes") VALUES (?, ?, 1, 'B', '', '', '', 5, 0)`,
    [bidderId, eveningId],
  );
  await m.query(`INSERT INTO "attendee" ("id", "eveningId", "tokenHash", "firstName") VALUES (?, ?, ?, 'Kim')`, [attendeeId, eveningId, 'a'.repeat(64)]);
  await m.query(`INSERT INTO "tie_declaration" ("attendeeId", "bidderId", "eveningId") VALUES (?, ?, ?)`, [attendeeId, bidderId, eveningId]);
  await m.query(
    `INSERT INTO "ballot" ("id", "eveningId", "bidderId", "attendeeId", "serial", "grades", "remark", "receipt", "submittedAt") VALUES (?, ?, ?, ?, 1, '{}', '', 'ABCD-EFGH', '2026-12-10 19:30:00.000')`,
    [randomUUID(), eveningId, bidderId, attendeeId],
  );
  return { eveningId, attendeeId };
}
