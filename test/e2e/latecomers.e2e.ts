import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import canonicalize from 'canonicalize';
import { DataSource, type DataSourceOptions } from 'typeorm';
import request from 'supertest';
import {
  canonicalFrame,
  documentText,
  scorableFrom,
  sha256Hex,
  type AdviceDocumentResponse,
  type AdviceWorkspaceResponse,
  type AttendeeSnapshot,
  type AuditTrailResponse,
  type CreatedCommitteeLinkResponse,
  type EveningDetail,
  type HostSnapshot,
  type Tally,
} from '@buurtjury/shared';
import { completeEvening, organiser, type Organiser } from '../support/api';
import { startApp, type RunningApp } from '../support/app';
import { call, connect, next, ok, phone, type Client } from '../support/sockets';
import { binary } from '../support/tickets';
import { currentFrame } from '../../backend/src/evenings/evening.store';
import { MIGRATIONS, sqliteOptions } from '../../backend/src/infrastructure/database/data-source';
import { EveningEntity } from '../../backend/src/infrastructure/database/schema/evenings';
import { LiveRegistry } from '../../backend/src/live/live-registry.service';
import { ISSUER } from '../support/authorship';

/**
 * Latecomers and the presence rule with its grace, on the real app: a phone that joins within the
 * grace after a pitch's start scores it, one that joins later is refused with NOT_PRESENT and its
 * own state says from which pitch on it scores; the host's tally counts only the phones that may
 * score a pitch; the grace is part of the frozen rules; and evenings from before the grace keep
 * their frame and its fingerprint.
 */
let running: RunningApp;
let host: Organiser;
const sockets: Client[] = [];

beforeAll(async () => {
  running = await startApp();
  host = await organiser(running.url, 'Host');
});
afterAll(async () => {
  for (const s of sockets) s.close();
  await running?.close();
});

const gradesFor = (evening: EveningDetail, g: number) => Object.fromEntries(evening.criteria.map((c) => [c.id, g]));

/**
 * Time passes for the evening: the server's clock cannot be moved inside this process (TypeORM's
 * dates break under a faked `Date`), so everything that already happened in the evening the server
 * holds (phones joining, pitches starting, scoring opening) moves `ms` into the past, which is the
 * same to the presence rule.
 */
async function timePasses(eveningId: string, ms: number): Promise<void> {
  const live = await running.app.get(LiveRegistry).get(eveningId);
  const back = (d: Date | null) => (d ? new Date(d.getTime() - ms) : null);
  for (const a of live.attendees.values()) a.joinedAt = back(a.joinedAt)!;
  for (const p of live.pitches.values()) Object.assign(p, { startedAt: back(p.startedAt), scoringOpenedAt: back(p.scoringOpenedAt) });
}

describe('the grace as part of the rules', () => {
  it('gives a new evening 5 minutes, accepts 0 to 30 whole minutes, and fixes it with the setup', async () => {
    const draft = await completeEvening(host, 'Regels');
    expect(draft.rules).toEqual({ accessMode: 'open', presenceRule: true, presenceGraceMinutes: 5 });
    const patch = (rules: object) => host.patch(`/api/evenings/${draft.id}`, { rules });
    for (const bad of [-1, 31, 2.5, '5', true]) {
      expect((await patch({ presenceGraceMinutes: bad }).expect(400)).body).toMatchObject({ code: 'VALIDATION_FAILED' });
    }
    expect(((await patch({ presenceGraceMinutes: 30 }).expect(200)).body as EveningDetail).rules.presenceGraceMinutes).toBe(30);
    expect(((await patch({ presenceGraceMinutes: 0 }).expect(200)).body as EveningDetail).rules.presenceGraceMinutes).toBe(0);
    await patch({ presenceGraceMinutes: 7 }).expect(200);
    await host.post(`/api/evenings/${draft.id}/freeze`).expect(200);
    expect((await patch({ presenceGraceMinutes: 10 }).expect(409)).body).toMatchObject({ code: 'SETUP_FROZEN' });
    // Sending the frozen value again changes nothing and is not refused.
    await patch({ presenceGraceMinutes: 7 }).expect(200);
    const audit = (await host.get(`/api/evenings/${draft.id}/audit`).expect(200)).body as AuditTrailResponse;
    expect(audit.entries.find((e) => e.type === 'setup-frozen')?.detail).toMatchObject({ presenceRule: true, presenceGraceMinutes: 7 });
  });
});

describe('an evening with latecomers', () => {
  let evening: EveningDetail;
  let h: Client;
  let early: { socket: Client; token: string };
  let inGrace: { socket: Client; token: string };
  let late: { socket: Client; token: string };
  let tally: Tally | null = null;
  const tallyWhere = (predicate: (t: Tally) => boolean): Promise<Tally> =>
    tally && predicate(tally) ? Promise.resolve(tally) : (next(h, 'live:tally', predicate) as Promise<Tally>);
  const pitchTally = (t: Tally, i: number) => t.pitches.find((p) => p.bidderId === evening.bidders[i]!.id)!;

  beforeAll(async () => {
    const draft = await completeEvening(host, 'Avond met laatkomers');
    evening = (await host.post(`/api/evenings/${draft.id}/freeze`).expect(200)).body as EveningDetail;
    h = await connect(running.url, { role: 'host', eveningId: evening.id, token: host.session.token });
    sockets.push(h);
    h.on('live:tally', (t) => (tally = t));
    early = await phone(running.url, evening.joinCode);
    sockets.push(early.socket);
    // Tied to the first bidder: never one of the phones that may score that pitch.
    ok(await call(early.socket, 'attendee:ties', { bidderIds: [] }));
    const tied = await phone(running.url, evening.joinCode);
    sockets.push(tied.socket);
    ok(await call(tied.socket, 'attendee:ties', { bidderIds: [evening.bidders[0]!.id] }));
  });

  it('lets a phone that joins within the grace after the start score the pitch', async () => {
    const [b1] = evening.bidders;
    ok(await call(h, 'host:command', { type: 'start-pitch', bidderId: b1!.id }));
    ok(await call(h, 'host:command', { type: 'open-scoring', bidderId: b1!.id }));
    inGrace = await phone(running.url, evening.joinCode);
    sockets.push(inGrace.socket);
    const snapshot = ok(await call(inGrace.socket, 'session:snapshot')).snapshot as AttendeeSnapshot;
    expect(snapshot.me.missed).toEqual([]);
    ok(await call(early.socket, 'ballot:submit', { ballotId: randomUUID(), bidderId: b1!.id, grades: gradesFor(evening, 4) }));
    ok(await call(inGrace.socket, 'ballot:submit', { ballotId: randomUUID(), bidderId: b1!.id, grades: gradesFor(evening, 3) }));
    // Pitch 1: early and inGrace may score it (the tied phone may not): 2 of 2.
    const t = await tallyWhere((x) => pitchTally(x, 0).ballots === 2);
    expect([pitchTally(t, 0).ballots, pitchTally(t, 0).eligible]).toEqual([2, 2]);
    expect([pitchTally(t, 1).eligible, t.attendeesJoined]).toEqual([3, 3]);
  });

  it('refuses a phone that joins after the grace with NOT_PRESENT, and its state says from which pitch on it scores', async () => {
    const [b1, b2] = evening.bidders;
    await timePasses(evening.id, 6 * 60_000);
    late = await phone(running.url, evening.joinCode);
    sockets.push(late.socket);
    const refused = await call(late.socket, 'ballot:submit', { ballotId: randomUUID(), bidderId: b1!.id, grades: gradesFor(evening, 1) });
    expect(refused).toMatchObject({ ok: false, code: 'NOT_PRESENT', reason: 'notPresentGrace', params: { minutes: 5 } });

    const snapshot = ok(await call(late.socket, 'session:snapshot')).snapshot as AttendeeSnapshot;
    expect(snapshot.me.missed).toEqual([b1!.id]);
    const order = snapshot.programme.bidders.map((b) => ({ bidderId: b.id, position: b.position, status: snapshot.state.pitches.find((p) => p.bidderId === b.id)!.status }));
    expect(scorableFrom(order, new Set(snapshot.me.missed))).toEqual({ bidderId: b2!.id, position: 2, status: 'waiting' });

    // The host still counts 2 of 2 for pitch 1; the latecomer may score the pitches to come. It
    // joined in the last minute: the host's tally says so, the screen's does not.
    const t = await tallyWhere((x) => x.attendeesJoined === 4);
    expect(pitchTally(t, 0)).toMatchObject({ ballots: 2, eligible: 2 });
    expect([pitchTally(t, 1).eligible, pitchTally(t, 2).eligible]).toEqual([4, 4]);
    expect(t.recentJoins?.reduce((n, r) => n + r.count, 0)).toBe(1);
    const screen = await connect(running.url, { role: 'screen', joinCode: evening.joinCode });
    sockets.push(screen);
    const shown = (ok(await call(screen, 'session:snapshot')).snapshot as HostSnapshot).tally;
    expect(shown).not.toHaveProperty('recentJoins');
    expect(shown.pitches.map((p) => p.eligible)).toEqual([2, 4, 4]);

    ok(await call(h, 'host:command', { type: 'start-pitch', bidderId: b2!.id, closeOpenScoring: true }));
    ok(await call(h, 'host:command', { type: 'open-scoring', bidderId: b2!.id }));
    ok(await call(late.socket, 'ballot:submit', { ballotId: randomUUID(), bidderId: b2!.id, grades: gradesFor(evening, 5) }));
    expect(pitchTally(await tallyWhere((x) => pitchTally(x, 1).ballots === 1), 1).eligible).toBe(4);
  });

  it('states the grace in the advice and in the sealed frame', async () => {
    ok(await call(h, 'host:command', { type: 'end-evening' }));
    const ev = (p = '') => `/api/evenings/${evening.id}${p}`;
    const ws = (await host.get(ev('/advice')).expect(200)).body as AdviceWorkspaceResponse;
    await host.put(ev('/advice/draft'), { content: { ...ws.draft.content, summary: 'Samenvatting.', recommendation: 'Advies.' }, revision: ws.draft.revision }).expect(200);
    await host.post(ev('/advice/versions'), { authorship: ISSUER, revision: ws.draft.revision + 1, acceptEmpty: true }).expect(201);
    for (const [lang, sentence] of [
      ['nl', 'Aanwezigheidsregel: een deelnemer kon een pitch beoordelen als hij of zij uiterlijk 5 minuten na de start ervan binnenkwam'],
      ['en', 'Presence rule: an attendee could score a pitch if they arrived no later than 5 minutes after it started'],
    ] as const) {
      const advice = (await host.get(ev(`/advice/versions/1/document?lang=${lang}`)).expect(200)).body as AdviceDocumentResponse;
      expect(documentText(advice.document)).toContain(sentence);
    }
    const token = ((await host.post(ev('/advice/links'), { label: 'Commissie' }).expect(201)).body as CreatedCommitteeLinkResponse).url.split('/c/')[1]!;
    const frame = (await binary(request(running.url).get(`/api/committee/${token}/frame.json`)).expect(200)).body as Buffer;
    expect((JSON.parse(frame.toString('utf8')) as { rules: unknown }).rules).toEqual({ accessMode: 'open', presenceRule: true, presenceGraceMinutes: 5 });
    expect(sha256Hex(frame.toString('utf8'))).toBe(((await host.get(ev()).expect(200)).body as EveningDetail).frameFingerprint);
  });
});

describe('evenings from before the grace', () => {
  it('keep the frame and fingerprint they were sealed with, and the rule they were frozen with; drafts get 5 minutes', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'buurtjury-grace-'));
    const options = sqliteOptions(path.join(dir, 'old.sqlite'));
    const before = MIGRATIONS.findIndex((m) => m.name === 'PresenceGrace1763835000000');
    expect(before).toBeGreaterThan(0);
    const old = new DataSource({ ...options, migrations: MIGRATIONS.slice(0, before) } as DataSourceOptions);
    await old.initialize();
    const networkId = randomUUID();
    const [sealedId, frozenId, draftId] = [randomUUID(), randomUUID(), randomUUID()];
    const setupText = '{"bidders":[{"name":"Stichting Wijkkracht","position":1}],"format":"buurtjury-setup","version":1}';
    // The frame as frame.ts wrote it before the grace existed: the rules are the access mode and the presence rule.
    const oldFrame = canonicalize({
      format: 'buurtjury-frame',
      version: 1,
      eveningId: sealedId,
      evening: { title: 'E', date: '2026-11-12', startTime: '19:30', venue: 'Buurthuis', language: 'nl' },
      rules: { accessMode: 'open', presenceRule: true },
      setupFingerprint: sha256Hex(setupText),
      setup: JSON.parse(setupText) as unknown,
    })!;
    await old.query(`INSERT INTO "network" ("id", "name") VALUES (?, 'N')`, [networkId]);
    const insert = (id: string, code: string, frozen: boolean, sealed: boolean) =>
      old.query(
        `INSERT INTO "evening" ("id", "networkId", "title", "joinCode", "language", "venue", "date", "startTime", "tenderMunicipality", "tenderName", "tenderReference", "tenderSubject", "tenderCommittee", "adviceDeadline", "scaleKind", "orderMethod", "frozenAt", "fingerprint", "canonicalSetup", "sealedAt", "frameCanonical", "frameFingerprint")
         VALUES (?, ?, 'E', ?, 'nl', 'Buurthuis', '2026-11-12', '19:30', '', '', '', '', '', '', 'verbal', 'manual', ?, ?, ?, ?, ?, ?)`,
        [
          id,
          networkId,
          code,
          frozen ? '2026-11-01 10:00:00.000' : null,
          frozen ? sha256Hex(setupText) : null,
          frozen ? setupText : null,
          sealed ? '2026-11-20 10:00:00.000' : null,
          sealed ? oldFrame : null,
          sealed ? sha256Hex(oldFrame) : null,
        ],
      );
    await insert(sealedId, 'AAAAAA', true, true);
    await insert(frozenId, 'BBBBBB', true, false);
    await insert(draftId, 'CCCCCC', false, false);
    await old.destroy();

    const upgraded = new DataSource(options);
    await upgraded.initialize();
    try {
      const rows = await upgraded.manager.find(EveningEntity, { order: { joinCode: 'ASC' } });
      expect(rows.map((e) => [e.joinCode, e.presenceRule, e.presenceGraceMinutes])).toEqual([
        ['AAAAAA', true, 0],
        ['BBBBBB', true, 0],
        ['CCCCCC', true, 5],
      ]);
      const sealed = rows[0]!;
      // The stored frame is untouched, and the frame the code makes of this evening now is the same text.
      expect(sealed.frameCanonical).toBe(oldFrame);
      expect(sealed.frameFingerprint).toBe(sha256Hex(oldFrame));
      expect(canonicalFrame(currentFrame(sealed)!)).toBe(oldFrame);
      expect(sha256Hex(canonicalFrame(currentFrame(sealed)!))).toBe(sealed.frameFingerprint);
    } finally {
      await upgraded.destroy();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
