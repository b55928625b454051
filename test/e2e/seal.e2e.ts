import { createHash, randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import request from 'supertest';
import { DataSource, type DataSourceOptions } from 'typeorm';
import {
  canonicalFrame,
  setupTextOfFrame,
  type AdviceDocument,
  type AdviceDocumentResponse,
  type AdviceVersionView,
  type AdviceWorkspaceResponse,
  type AuditTrailResponse,
  type CommitteeLinksResponse,
  type CommitteeOverview,
  type DocBlock,
  type DocText,
  type EveningDetail,
  type VerificationReport,
} from '@buurtjury/shared';
import { MIGRATIONS, sqliteOptions } from '../../backend/src/infrastructure/database/data-source';
import { EveningEntity } from '../../backend/src/infrastructure/database/schema/evenings';
import { completeEvening, organiser, type Organiser } from '../support/api';
import { startApp, type RunningApp } from '../support/app';
import { playEvening, type Client } from '../support/sockets';
import { ISSUER } from '../support/authorship';

/**
 * The seal: once the first advice version is issued, the evening's details printed in it cannot
 * change (409 EVENING_SEALED, and the attempt is logged); every change after the freeze is in the
 * audit trail; the committee downloads the canonical texts through the address printed in the
 * document and recomputes both fingerprints itself.
 */
let running: RunningApp;
let host: Organiser;
let evening: EveningDetail;
const sockets: Client[] = [];

const sha256 = (data: Buffer | string) => createHash('sha256').update(data).digest('hex');
const binary = (req: request.Test) =>
  req.buffer(true).parse((res, done) => {
    const chunks: Buffer[] = [];
    res.on('data', (c: Buffer) => chunks.push(c));
    res.on('end', () => done(null, Buffer.concat(chunks)));
  });
const runText = (t: DocText): string => (typeof t === 'string' ? t : t.map((r) => r.text).join(''));
/** Every facts row of a document (title page and chapters), label to value. */
function facts(doc: AdviceDocument): Map<string, string> {
  const rows = new Map<string, string>();
  for (const r of doc.titleFacts) rows.set(r.label, runText(r.value));
  const walk = (blocks: DocBlock[]) => {
    for (const b of blocks) if (b.kind === 'facts') for (const r of b.rows) rows.set(r.label, runText(r.value));
  };
  for (const s of doc.sections) walk(s.blocks);
  return rows;
}
const trail = async () => ((await host.get(`/api/evenings/${evening.id}/audit`).expect(200)).body as AuditTrailResponse).entries;

beforeAll(async () => {
  running = await startApp();
  host = await organiser(running.url, 'Host');
  const draft = await completeEvening(host);
  evening = (await host.post(`/api/evenings/${draft.id}/freeze`).expect(200)).body as EveningDetail;
});
afterAll(async () => {
  for (const s of sockets) s.close();
  await running.close();
});

it('logs every change of the evening’s details after the freeze, with the values before and after', async () => {
  await host.patch(`/api/evenings/${evening.id}`, { venue: 'Grote zaal', title: evening.title }).expect(200);
  const changed = (await trail()).filter((e) => e.type === 'evening-details-changed');
  expect(changed).toHaveLength(1);
  expect(changed[0]!.detail).toEqual({ fields: 'venue', 'venue.before': 'Buurthuis', 'venue.after': 'Grote zaal' });
  // A PATCH that changes nothing is not an entry.
  await host.patch(`/api/evenings/${evening.id}`, { venue: 'Grote zaal' }).expect(200);
  expect((await trail()).filter((e) => e.type === 'evening-details-changed')).toHaveLength(1);
});

describe('after the first version is issued', () => {
  let v1: AdviceVersionView;
  let document: AdviceDocument;

  beforeAll(async () => {
    const played = await playEvening(running.url, evening, host.session.token, { phones: 3, grade: (i, b) => 1 + ((i + evening.bidders[b]!.position) % 5) });
    sockets.push(played.host, ...played.phones);
    const advice = (path = '') => `/api/evenings/${evening.id}/advice${path}`;
    const current = (await host.get(advice()).expect(200)).body as AdviceWorkspaceResponse;
    const content = { ...current.draft.content, summary: 'Samenvatting.', recommendation: 'Advies.' };
    const saved = (await host.put(advice('/draft'), { content, revision: current.draft.revision }).expect(200)).body as { revision: number };
    v1 = (await host.post(advice('/versions'), { authorship: ISSUER, revision: saved.revision, acceptEmpty: true }).expect(201)).body as AdviceVersionView;
    document = ((await host.get(advice('/versions/1/document?lang=nl')).expect(200)).body as AdviceDocumentResponse).document;
    // Issuing renders four documents in a child process: generous on a busy machine.
  }, 240_000);

  it('refuses a change of title, date, time, venue or language with 409 EVENING_SEALED and logs the attempt', async () => {
    const before = (await host.get(`/api/evenings/${evening.id}`).expect(200)).body as EveningDetail;
    expect(before.sealedAt).not.toBeNull();
    expect(before.frameFingerprint).toBe(v1.frameFingerprint);
    for (const change of [{ title: 'Nieuwe titel' }, { date: '2027-01-01' }, { startTime: '20:00' }, { venue: 'Elders' }, { language: 'en' }]) {
      const res = await host.patch(`/api/evenings/${evening.id}`, change).expect(409);
      expect(res.body).toMatchObject({ code: 'EVENING_SEALED', message: expect.stringMatching(/sealed/) });
    }
    const after = (await host.get(`/api/evenings/${evening.id}`).expect(200)).body as EveningDetail;
    expect({ ...after, updatedAt: '' }).toEqual({ ...before, updatedAt: '' });
    const refused = (await trail()).filter((e) => e.type === 'evening-change-refused');
    expect(refused.map((e) => e.detail.fields)).toEqual(['title', 'date', 'startTime', 'venue', 'language']);
    expect(refused[0]!.detail).toMatchObject({ 'title.before': evening.title, 'title.after': 'Nieuwe titel' });
    expect(refused.every((e) => e.actor === 'Host')).toBe(true);
    // The same values are no change and pass.
    await host.patch(`/api/evenings/${evening.id}`, { title: before.title, venue: before.venue }).expect(200);
  });

  it('prints the frame fingerprint, the audit head and the committee page, and the committee recomputes the fingerprints from its own download', async () => {
    const rows = facts(document);
    const frame = rows.get('Verzegeld kader (frame.json)')!;
    expect(frame).toBe(v1.frameFingerprint);
    expect(rows.get('Vingerafdruk verzegeld kader')).toBe(frame);
    expect(rows.get('Beoordelingskader (setup.json)')).toBe(evening.fingerprint);

    // The audit head printed is an entry of the chain, followed by the "advice issued" entry naming this version's document.
    const head = /^regel (\d+), hash ([0-9a-f]{64})$/.exec(rows.get('Auditlogboek bij het opstellen van deze versie')!)!;
    const entries = await trail();
    expect(entries.find((e) => e.sequence === Number(head[1]))!.hash).toBe(head[2]);
    const issued = entries.find((e) => e.type === 'advice-issued')!;
    expect(issued.sequence).toBeGreaterThan(Number(head[1]));
    expect(issued.detail).toMatchObject({ documentSha256: v1.documentSha256, frameFingerprint: frame });

    // The committee page's address is printed; the committee opens it and downloads the texts itself.
    const url = rows.get('Pagina voor de commissie')!;
    expect(url).toMatch(/\/c\/[A-Za-z0-9_-]{43}$/);
    const token = url.split('/c/')[1]!;
    const committee = request(running.url);
    const overview = (await committee.get(`/api/committee/${token}`).expect(200)).body as CommitteeOverview;
    expect(overview.seal).toMatchObject({ frameFingerprint: frame, setupFingerprint: evening.fingerprint });
    const frameFile = (await binary(committee.get(`/api/committee/${token}/frame.json`)).expect(200)).body as Buffer;
    const setupFile = (await binary(committee.get(`/api/committee/${token}/setup.json`)).expect(200)).body as Buffer;
    expect(sha256(frameFile)).toBe(frame);
    expect(sha256(setupFile)).toBe(evening.fingerprint);
    // The frame holds what the document prints about the evening, and the setup inside it is setup.json byte for byte.
    const parsed = JSON.parse(frameFile.toString('utf8')) as { evening: Record<string, string>; rules: Record<string, unknown>; setupFingerprint: string };
    expect(parsed.evening).toEqual({ title: evening.title, date: evening.date, startTime: evening.startTime, venue: 'Grote zaal', language: 'nl' });
    expect(parsed.rules).toEqual(evening.rules);
    expect(parsed.setupFingerprint).toBe(evening.fingerprint);
    expect(setupTextOfFrame(frameFile.toString('utf8'))).toBe(setupFile.toString('utf8'));
    expect(canonicalFrame({ eveningId: evening.id, ...parsed.evening, language: 'nl', rules: evening.rules, setupCanonical: setupFile.toString('utf8') } as Parameters<typeof canonicalFrame>[0])).toBe(frameFile.toString('utf8'));

    const verify = (await committee.get(`/api/committee/${token}/verify`).expect(200)).body as VerificationReport;
    expect(verify.ok).toBe(true);
    // The committee's check covers the head the document printed: in the chain, with that hash, before the version.
    expect(verify.checks.find((c) => c.name === 'advice')!.notes.map((n) => n.reason)).toEqual(['adviceOkWithHeads']);
    expect(issued.detail).toMatchObject({ printedHeadSequence: Number(head[1]), printedHeadHash: head[2] });
    // The organisers see that link apart from the ones they made.
    const links = (await host.get(`/api/evenings/${evening.id}/advice/links`).expect(200)).body as CommitteeLinksResponse;
    expect(links.links).toEqual([]);
    expect(links.printed).toMatchObject([{ printedInVersion: 1, label: 'Adres in het advies, versie 1', revokedAt: null }]);
  });

  it('keeps the printed address open, and logs every link the organisers make or withdraw', async () => {
    const links = (path = '') => `/api/evenings/${evening.id}/advice/links${path}`;
    const printed = ((await host.get(links()).expect(200)).body as CommitteeLinksResponse).printed[0]!;
    const before = (await trail()).length;
    const refused = await host.post(links(`/${printed.id}/revoke`), {}).expect(409);
    expect(refused.body).toMatchObject({ code: 'LINK_PRINTED', reason: 'advice.printedLink', params: { version: 1 } });
    const token = facts(document).get('Pagina voor de commissie')!.split('/c/')[1]!;
    await request(running.url).get(`/api/committee/${token}`).expect(200);
    expect((await trail()).length).toBe(before);
    // A link of their own: made and withdrawn, both in the audit trail.
    const made = (await host.post(links(), { label: 'Voor de wethouder' }).expect(201)).body as { id: string };
    await host.post(links(`/${made.id}/revoke`), {}).expect(200);
    const logged = (await trail()).slice(before);
    expect(logged.map((e) => [e.type, e.detail.label])).toEqual([
      ['committee-link-created', 'Voor de wethouder'],
      ['committee-link-revoked', 'Voor de wethouder'],
    ]);
    expect(logged.every((e) => e.actor === 'Host')).toBe(true);
  });

  it('keeps the same frame in later versions', async () => {
    const advice = (path = '') => `/api/evenings/${evening.id}/advice${path}`;
    const current = (await host.get(advice()).expect(200)).body as AdviceWorkspaceResponse;
    const v2 = (await host.post(advice('/versions'), { authorship: ISSUER, revision: current.draft.revision, note: 'Tweede versie.', acceptEmpty: true }).expect(201)).body as AdviceVersionView;
    expect(v2.frameFingerprint).toBe(v1.frameFingerprint);
  }, 240_000);
});

describe('the Seal migration on an existing sqlite database', () => {
  it('seals the evenings that already have an issued version, from that version on, and no others', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'buurtjury-seal-migration-'));
    const options = sqliteOptions(path.join(dir, 'old.sqlite'));
    const old = new DataSource({ ...options, migrations: MIGRATIONS.slice(0, MIGRATIONS.findIndex((m) => m.name === 'Seal1763820000000')) } as DataSourceOptions);
    await old.initialize();
    const networkId = randomUUID();
    const [issued, draft] = [randomUUID(), randomUUID()];
    await old.query(`INSERT INTO "network" ("id", "name") VALUES (?, 'N')`, [networkId]);
    for (const [id, code] of [[issued, 'ABCDEF'], [draft, 'GHJKLM']] as const) {
      await old.query(
        `INSERT INTO "evening" ("id", "networkId", "title", "joinCode", "language", "venue", "date", "startTime", "tenderMunicipality", "tenderName", "tenderReference", "tenderSubject", "tenderCommittee", "adviceDeadline", "scaleKind", "orderMethod")
         VALUES (?, ?, 'E', ?, 'nl', '', '', '', '', '', '', '', '', '', 'verbal', 'manual')`,
        [id, networkId, code],
      );
    }
    for (const [n, at] of [[2, '2026-12-12 10:00:00.000'], [1, '2026-12-11 09:30:00.000']] as const) {
      await old.query(
        `INSERT INTO "advice_version" ("id", "eveningId", "number", "issuedAt", "issuedById", "issuedByName", "note", "documentSha256", "recordSha256", "resultsSha256", "setupFingerprint", "draftRevision")
         VALUES (?, ?, ?, ?, 'o', 'O', '', 'd', 'r', 'r', 's', 1)`,
        [randomUUID(), issued, n, at],
      );
    }
    await old.destroy();

    const upgraded = new DataSource(options);
    await upgraded.initialize();
    try {
      const sealed = await upgraded.manager.findOneByOrFail(EveningEntity, { id: issued });
      expect(sealed.sealedAt?.toISOString()).toBe('2026-12-11T09:30:00.000Z');
      expect(sealed.frameFingerprint).toBeNull();
      expect((await upgraded.manager.findOneByOrFail(EveningEntity, { id: draft })).sealedAt).toBeNull();
    } finally {
      await upgraded.destroy();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
