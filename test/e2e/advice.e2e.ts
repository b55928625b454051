import { createHash } from 'node:crypto';
import request from 'supertest';
import {
  computeResults,
  documentText,
  recordToResultsInput,
  resultsJson,
  type AdviceDraftView,
  type AdviceDocumentResponse,
  type AdviceVersionView,
  type AdviceWorkspaceResponse,
  type ApiErrorBody,
  type AuditTrailResponse,
  type BallotRecord,
  type CommitteeLinksResponse,
  type CommitteeOverview,
  type CreatedCommitteeLinkResponse,
  type EveningDetail,
  type ResultsResponse,
} from '@buurtjury/shared';
import { completeEvening, organiser, type Organiser } from '../support/api';
import { startApp, type RunningApp } from '../support/app';
import { docxText, pdfContent } from '../support/documents';
import { playEvening, type Client } from '../support/sockets';
import { ISSUER } from '../support/authorship';

/**
 * The advice after the evening: drafting with masked quotes, issuing immutable numbered versions
 * with their files and hashes, the exports that recompute to the results, and the committee's
 * read-only, revocable, logged link.
 */
let running: RunningApp;
let host: Organiser;
let stranger: Organiser;
let evening: EveningDetail;
const sockets: Client[] = [];

const sha256 = (data: Buffer | string) => createHash('sha256').update(data).digest('hex');
const binary = (req: request.Test) =>
  req.buffer(true).parse((res, done) => {
    const chunks: Buffer[] = [];
    res.on('data', (c: Buffer) => chunks.push(c));
    res.on('end', () => done(null, Buffer.concat(chunks)));
  });

const REMARKS = ['Ze kennen de wijk. Mail me op piet@example.nl', 'Bel 06-12345678 voor meer info', 'Ik vond Karin erg sterk', ''];

beforeAll(async () => {
  running = await startApp();
  host = await organiser(running.url, 'Host');
  stranger = await organiser(running.url, 'Stranger');
  const draft = await completeEvening(host);
  evening = (await host.post(`/api/evenings/${draft.id}/freeze`).expect(200)).body as EveningDetail;
});
afterAll(async () => {
  for (const s of sockets) s.close();
  await running.close();
});

const advice = (path = '') => `/api/evenings/${evening.id}/advice${path}`;

it('is not there before the evening has ended, nor for another network', async () => {
  expect((await host.get(advice()).expect(409)).body).toMatchObject({ code: 'EVENING_NOT_ENDED' });
  expect((await stranger.get(advice()).expect(404)).body).toMatchObject({ code: 'NOT_FOUND' });
});

describe('after the evening', () => {
  let workspace: AdviceWorkspaceResponse;
  let results: ResultsResponse;

  beforeAll(async () => {
    const played = await playEvening(running.url, evening, host.session.token, {
      phones: 4,
      grade: (i, b) => 1 + ((i + b * 2) % 5),
      remark: (i, b) => (b === 0 ? REMARKS[i]! : ''),
    });
    sockets.push(played.host, ...played.phones);
    workspace = (await host.get(advice()).expect(200)).body as AdviceWorkspaceResponse;
    results = (await host.get(`/api/evenings/${evening.id}/results`).expect(200)).body as ResultsResponse;
  });

  it('offers the remarks as quotes with e-mail addresses, phone numbers and names masked', () => {
    const texts = workspace.remarks.map((r) => r.text).sort();
    expect(texts).toEqual(['Bel [telefoonnummer] voor meer info', 'Ik vond [naam] erg sterk', 'Ze kennen de wijk. Mail me op [e-mailadres]']);
    expect(workspace.remarks.every((r) => r.bidderId === evening.bidders[0]!.id && r.masked === 1)).toBe(true);
    expect(JSON.stringify(workspace)).not.toMatch(/piet@example|12345678|Karin/);
    expect(workspace.draft.revision).toBe(0);
    expect(workspace.draft.content.bidders.map((b) => b.bidderId)).toEqual(evening.bidders.map((b) => b.id));
  });

  it('saves drafts with a revision, refuses a stale save and a quote about another bidder', async () => {
    const content = { ...workspace.draft.content, summary: 'De bewoners kiezen met een ruime meerderheid.' };
    const saved = (await host.put(advice('/draft'), { content, revision: 0 }).expect(200)).body as AdviceDraftView;
    expect(saved).toMatchObject({ revision: 1, updatedBy: 'Host' });
    expect((await host.put(advice('/draft'), { content, revision: 0 }).expect(409)).body).toMatchObject({ code: 'DRAFT_CHANGED' });
    const wrongQuote = { ...content, bidders: content.bidders.map((b, i) => (i === 1 ? { ...b, quoteIds: [workspace.remarks[0]!.id] } : b)) };
    expect((await host.put(advice('/draft'), { content: wrongQuote, revision: 1 }).expect(422)).body).toMatchObject({ code: 'VALIDATION_FAILED' });
    expect((await host.put(advice('/draft'), { content: { ...content, summary: 5 }, revision: 1 }).expect(400)).body).toMatchObject({ code: 'VALIDATION_FAILED' });
    expect((await stranger.put(advice('/draft'), { content, revision: 1 }).expect(404)).body).toMatchObject({ code: 'NOT_FOUND' });
  });

  it('will not issue an advice without its summary and recommendation', async () => {
    const body = (await host.post(advice('/versions'), { authorship: ISSUER, revision: 1 }).expect(422)).body as ApiErrorBody;
    expect(body.code).toBe('ADVICE_INCOMPLETE');
    expect(body.details).toEqual(['Write the advice itself (Advies) first.']);
    // With its reason, which the interface shows in its own language; a confirmation does not lift it.
    expect(body).toMatchObject({ reason: 'adviceIncomplete', problems: [{ reason: 'adviceRecommendationEmpty' }] });
    expect((await host.post(advice('/versions'), { authorship: ISSUER, revision: 1, acceptEmpty: true }).expect(422)).body).toMatchObject({ code: 'ADVICE_INCOMPLETE' });
  });

  describe('an issued version', () => {
    let v1: AdviceVersionView;
    let pdf: Buffer;

    beforeAll(async () => {
      const current = (await host.get(advice()).expect(200)).body as AdviceWorkspaceResponse;
      const quote = current.remarks.find((r) => r.text.startsWith('Ik vond'))!;
      const content = {
        ...current.draft.content,
        recommendation: 'Gun de opdracht aan de nummer één.',
        bidders: current.draft.content.bidders.map((b, i) => (i === 0 ? { ...b, strengths: 'Kent de wijk.', quoteIds: [quote.id] } : b)),
      };
      await host.put(advice('/draft'), { content, revision: current.draft.revision }).expect(200);
      // Every quote is confirmed by the host before it can be issued.
      const refused = (await host.post(advice('/versions'), { authorship: ISSUER, revision: current.draft.revision + 1 }).expect(422)).body as { code: string; details: string[] };
      expect(refused).toMatchObject({ code: 'QUOTES_NOT_CONFIRMED', details: [`quote ${quote.id} is not confirmed`] });
      const confirmed = { ...content, quoteReviews: { [quote.id]: { check: quote.check, masked: [] } } };
      await host.put(advice('/draft'), { content: confirmed, revision: current.draft.revision + 1 }).expect(200);
      // Nothing is written about the other bidders: that would be printed for good, so issuing asks for a confirmation.
      const unconfirmed = (await host.post(advice('/versions'), { authorship: ISSUER, revision: current.draft.revision + 2 }).expect(422)).body as ApiErrorBody;
      expect(unconfirmed).toMatchObject({ code: 'ADVICE_EMPTY_SECTIONS', reason: 'adviceEmptySections' });
      expect(unconfirmed.problems).toEqual(
        evening.bidders.slice(1).map((b) => ({ reason: 'adviceBidderEmpty', params: { bidder: b.name }, message: `Nothing is written about ${b.name}: no strengths, concerns or conditions.` })),
      );
      expect((await host.post(advice('/versions'), { authorship: ISSUER, revision: current.draft.revision + 2, acceptEmpty: 'yes' }).expect(400)).body).toMatchObject({ code: 'VALIDATION_FAILED' });
      expect(((await host.get(advice()).expect(200)).body as AdviceWorkspaceResponse).versions).toEqual([]);
      v1 = (await host.post(advice('/versions'), { authorship: ISSUER, revision: current.draft.revision + 2, acceptEmpty: true }).expect(201)).body as AdviceVersionView;
      pdf = (await binary(host.get(advice(`/versions/1/files/advies-v1-nl.pdf`))).expect(200)).body as Buffer;
    }, 120_000); // issuing renders two PDFs and two DOCX files in the render process, on a shared machine

    it('says of the bidders confirmed empty that the organisers wrote nothing, and logs the confirmation', async () => {
      for (const lang of ['nl', 'en'] as const) {
        const doc = ((await host.get(advice(`/versions/1/document?lang=${lang}`)).expect(200)).body as AdviceDocumentResponse).document;
        const text = documentText(doc);
        const note = lang === 'nl' ? '(De organisatie heeft hier niets over geschreven.)' : '(The organisers wrote nothing here.)';
        expect(text.split(note)).toHaveLength(evening.bidders.length);
        expect(text).not.toContain(lang === 'nl' ? '(Nog niet ingevuld.)' : '(Not written yet.)');
      }
      const trail = (await host.get(`/api/evenings/${evening.id}/audit`).expect(200)).body as AuditTrailResponse;
      expect(trail.entries.find((e) => e.type === 'advice-issued')?.detail).toMatchObject({ version: 1, emptySections: evening.bidders.length - 1 });
    });

    it('is numbered, dated and lists every file with its SHA-256', async () => {
      expect(v1).toMatchObject({ number: 1, issuedBy: 'Host', note: '', setupFingerprint: evening.fingerprint, resultsSha256: results.fingerprint });
      expect(v1.files.map((f) => f.name).sort()).toEqual(['advies-v1-en.docx', 'advies-v1-en.pdf', 'advies-v1-nl.docx', 'advies-v1-nl.pdf', 'record.csv', 'record.json', 'results.json']);
      for (const f of v1.files) {
        const body = (await binary(host.get(advice(`/versions/1/files/${f.name}`))).expect(200)).body as Buffer;
        expect(sha256(body)).toBe(f.sha256);
        expect(body.length).toBe(f.bytes);
      }
      expect(sha256(pdf)).toBe(v1.documentSha256);
    });

    it('has a PDF with the right numbers, fingerprints, contents and page numbers', async () => {
      const { pages, sizes } = await pdfContent(pdf);
      const text = pages.join('\n');
      expect(sizes[0]![0]).toBeCloseTo(595.28, 1);
      expect(sizes[0]![1]).toBeCloseTo(841.89, 1);
      const nl = (n: number) => n.toFixed(2).replace('.', ',');
      for (const b of results.report.all.bidders) expect(text).toContain(nl(b.weightedMean!));
      for (const hash of [v1.recordSha256, v1.resultsSha256, evening.fingerprint!]) expect(text.replace(/\s+/g, '')).toContain(hash);
      expect(text).toContain('Samenvatting en advies');
      expect(text).toContain('Verzoek om terugkoppeling');
      expect(text).toContain('Gun de opdracht aan de nummer één.');
      expect(text).toContain('Ik vond [naam] erg sterk');
      expect(text).not.toContain('Karin');
      expect(text).toContain(`Pagina 2 van ${pages.length}`);
      expect(text).not.toContain('CONCEPT');
    });

    it('has DOCX editions with the same numbers, in Dutch and English', async () => {
      const nlDocx = await docxText((await binary(host.get(advice('/versions/1/files/advies-v1-nl.docx'))).expect(200)).body as Buffer);
      const enDocx = await docxText((await binary(host.get(advice('/versions/1/files/advies-v1-en.docx'))).expect(200)).body as Buffer);
      for (const b of results.report.all.bidders) {
        expect(nlDocx).toContain(b.weightedMean!.toFixed(2).replace('.', ','));
        expect(enDocx).toContain(b.weightedMean!.toFixed(2));
      }
      expect(nlDocx).toContain('Beoordelingskader');
      expect(enDocx).toContain('Scoring frame');
      expect(nlDocx).toContain(v1.recordSha256);
    });

    it('publishes a record and results that anyone can check and recompute', async () => {
      const recordText = ((await binary(host.get(advice('/versions/1/files/record.json'))).expect(200)).body as Buffer).toString('utf8');
      const resultsText = ((await binary(host.get(advice('/versions/1/files/results.json'))).expect(200)).body as Buffer).toString('utf8');
      expect(sha256(recordText)).toBe(v1.recordSha256);
      expect(sha256(resultsText)).toBe(v1.resultsSha256);
      const record = JSON.parse(recordText) as BallotRecord;
      expect(resultsJson(computeResults(recordToResultsInput(record)))).toBe(resultsText);
      // No attendee tokens or ids, no arrival times, no remarks.
      expect(recordText).not.toMatch(/submittedAt|attendee|remark|Karin/);
      expect(record.ballots).toHaveLength(12);
      expect(new Set(record.ballots.map((b) => b.voter)).size).toBe(4);
      const csv = ((await binary(host.get(advice('/versions/1/files/record.csv'))).expect(200)).body as Buffer).toString('utf8');
      expect(csv.trimEnd().split('\r\n')).toHaveLength(13);
      // The organisers' live export is the same record.
      expect((await host.get(`/api/evenings/${evening.id}/exports/record.json`).expect(200)).text).toBe(recordText);
    });

    it('is never changed: a correction is version 2 with a note, and version 1 stays as it was', async () => {
      const current = (await host.get(advice()).expect(200)).body as AdviceWorkspaceResponse;
      const content = { ...current.draft.content, recommendation: 'Gun de opdracht aan de nummer één, met de voorwaarden uit hoofdstuk 10.' };
      const saved = (await host.put(advice('/draft'), { content, revision: current.draft.revision }).expect(200)).body as AdviceDraftView;
      expect((await host.post(advice('/versions'), { authorship: ISSUER, revision: saved.revision }).expect(422)).body).toMatchObject({ code: 'VALIDATION_FAILED', reason: 'advice.versionNoteMissing' });
      const v2 = (await host.post(advice('/versions'), { authorship: ISSUER, revision: saved.revision, note: 'Voorwaarden toegevoegd aan het advies.', acceptEmpty: true }).expect(201)).body as AdviceVersionView;
      expect(v2).toMatchObject({ number: 2, note: 'Voorwaarden toegevoegd aan het advies.', recordSha256: v1.recordSha256 });
      expect(v2.documentSha256).not.toBe(v1.documentSha256);
      const again = (await binary(host.get(advice('/versions/1/files/advies-v1-nl.pdf'))).expect(200)).body as Buffer;
      expect(sha256(again)).toBe(v1.documentSha256);
      const v2Text = (await pdfContent((await binary(host.get(advice('/versions/2/files/advies-v2-nl.pdf'))).expect(200)).body as Buffer)).pages.join('\n');
      expect(v2Text).toContain('Voorwaarden toegevoegd aan het advies.');
      const listed = ((await host.get(advice()).expect(200)).body as AdviceWorkspaceResponse).versions.map((v) => v.number);
      expect(listed).toEqual([2, 1]);
      // The same revision cannot be issued twice by a double click.
      expect((await host.post(advice('/versions'), { authorship: ISSUER, revision: saved.revision - 1, note: 'x' }).expect(409)).body).toMatchObject({ code: 'DRAFT_CHANGED' });
      expect((await stranger.post(advice('/versions'), { authorship: ISSUER, revision: saved.revision, note: 'x' }).expect(404)).body).toMatchObject({ code: 'NOT_FOUND' });
      expect((await host.get(advice('/versions/7/files/record.json')).expect(404)).body).toMatchObject({ code: 'NOT_FOUND' });
      expect((await host.get(advice('/versions/1/files/..%2Fsecret')).expect(400)).body).toMatchObject({ code: 'VALIDATION_FAILED', reason: 'advice.fileUnknown' });
    });

    it('opens to the committee through a revocable link that logs every opening', async () => {
      expect((await stranger.post(advice('/links'), { label: 'Inbreker' }).expect(404)).body).toMatchObject({ code: 'NOT_FOUND' });
      expect((await host.post(advice('/links'), { label: '   ' }).expect(400)).body).toMatchObject({ code: 'VALIDATION_FAILED' });
      const link = (await host.post(advice('/links'), { label: 'Voorzitter adviescommissie' }).expect(201)).body as CreatedCommitteeLinkResponse;
      const token = link.url.split('/c/')[1]!;
      expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/);

      const committee = request(running.url);
      const overview = (await committee.get(`/api/committee/${token}`).expect(200)).body as CommitteeOverview;
      expect(overview.versions.map((v) => v.number)).toEqual([2, 1]);
      expect(overview.network).toBe('Netwerk Host');
      const doc = (await committee.get(`/api/committee/${token}/versions/1/document?lang=en`).expect(200)).body as AdviceDocumentResponse;
      expect(doc.document.sections[0]!.title).toBe('Summary and advice');
      const file = (await binary(committee.get(`/api/committee/${token}/versions/1/files/advies-v1-nl.pdf`)).expect(200)).body as Buffer;
      expect(sha256(file)).toBe(v1.documentSha256);
      // Organiser-only routes stay closed to the committee.
      await committee.get(advice()).expect(401);

      const log = (await host.get(advice('/links')).expect(200)).body as CommitteeLinksResponse;
      expect(log.links[0]).toMatchObject({ label: 'Voorzitter adviescommissie', openings: 1, revokedAt: null });
      expect(log.accesses.map((a) => [a.action, a.version])).toEqual([
        ['advies-v1-nl.pdf', 1],
        ['document-en', 1],
        ['opened', null],
      ]);
      expect(JSON.stringify(log)).not.toContain(token);

      await host.post(advice(`/links/${link.id}/revoke`)).expect(200);
      expect((await committee.get(`/api/committee/${token}`).expect(403)).body).toMatchObject({ code: 'LINK_REVOKED' });
      expect((await committee.get(`/api/committee/${'x'.repeat(43)}`).expect(404)).body).toMatchObject({ code: 'NOT_FOUND' });
      expect((await committee.get('/api/committee/short').expect(404)).body).toMatchObject({ code: 'NOT_FOUND' });
      expect((await committee.get(`/api/committee/${token}/versions/abc/document`).expect(400)).body).toMatchObject({ code: 'VALIDATION_FAILED' });
    });
  });
});
