/**
 * The bidders' own page (issue 17): the host invites each bidder through a personal link (stored
 * hashed, revocable, re-issuable, each opening in the audit trail); the bidder confirms or declines,
 * corrects its details until the freeze (refused after it), sees the frame every bidder sees with
 * its planned time slot, adds its own contribution to a committed lot draw once, and after the
 * advice reads its own feedback sheet, taken from the issued version and never with another
 * bidder's data. A declined bidder keeps the setup from being frozen, with a reason.
 */
import request from 'supertest';
import { DataSource, IsNull } from 'typeorm';
import { BidderLinkEntity } from '../../backend/src/infrastructure/database/schema/bidder-portal';
import {
  combinedDrawSeed,
  drawRunningOrder,
  seedCommitment,
  type AdviceWorkspaceResponse,
  type ApiErrorBody,
  type AuditTrailResponse,
  type BidderFeedbackView,
  type BidderLinksOverview,
  type BidderPageView,
  type CreatedBidderLinkResponse,
  type EveningDetail,
  type ResultsReport,
} from '@buurtjury/shared';
import { completeEvening, organiser, type Organiser } from '../support/api';
import { startApp, type RunningApp } from '../support/app';
import { ISSUER } from '../support/authorship';
import { playEvening, type Client } from '../support/sockets';

let running: RunningApp;
let host: Organiser;
let stranger: Organiser;
let evening: EveningDetail;
const sockets: Client[] = [];
/** Each bidder's personal link token, by position (0-based). */
const tokens: string[] = [];

const REMARKS = ['Sterk plan voor de hele wijk', 'Te weinig ervaring met jongeren', 'Goed verhaal over de buurtkamer'];

beforeAll(async () => {
  running = await startApp({}, { venueHost: '127.0.0.1' });
  host = await organiser(running.url, 'Host');
  stranger = await organiser(running.url, 'Stranger');
  evening = await completeEvening(host, 'Pitchavond Kruiskamp');
});
afterAll(async () => {
  for (const s of sockets) s.close();
  await running.close();
});

const links = (path = '') => `/api/evenings/${evening.id}/bidder-links${path}`;
const invite = (bidder: number, body: object = {}) => host.post(`/api/evenings/${evening.id}/bidders/${evening.bidders[bidder]!.id}/link`, body);
const page = (token: string) => request(running.url).get(`/api/bidder-pages/${token}`);
const bidderPost = (token: string, path: string, body: object) => request(running.url).post(`/api/bidder-pages/${token}/${path}`).send(body);
const details = (token: string, body: object) => request(running.url).put(`/api/bidder-pages/${token}/details`).send(body);
const overview = async () => (await host.get(links()).expect(200)).body as BidderLinksOverview;
const statusOf = async (bidder: number) => (await overview()).bidders.find((b) => b.bidderId === evening.bidders[bidder]!.id)!;
const audit = async () => ((await host.get(`/api/evenings/${evening.id}/audit`).expect(200)).body as AuditTrailResponse).entries;

it('lists every bidder as not invited, and only to the evening\'s own team', async () => {
  const o = await overview();
  expect(o.mail).toBe(false);
  expect(o.bidders.map((b) => b.status)).toEqual(['not-invited', 'not-invited', 'not-invited']);
  await stranger.get(links()).expect(404);
  await stranger.post(`/api/evenings/${evening.id}/bidders/${evening.bidders[0]!.id}/link`, {}).expect(404);
});

it('invites each bidder with a personal link that is stored only hashed', async () => {
  for (const i of [0, 1, 2]) {
    const created = (await invite(i, i === 0 ? { email: 'Info@Wijkkracht.nl' } : {}).expect(201)).body as CreatedBidderLinkResponse;
    expect(created.mail).toBe('off');
    expect(created.url).toMatch(new RegExp(`^${running.publicUrl}/b/[A-Za-z0-9_-]{43}$`));
    expect(created.link).toMatchObject({ status: 'invited', openings: 0, revoked: false });
    tokens.push(created.url.split('/b/')[1]!);
  }
  expect((await statusOf(0)).email).toBe('info@wijkkracht.nl');
  // Nothing of the token in the host's overview or the audit trail.
  const everything = JSON.stringify(await overview()) + JSON.stringify(await audit());
  for (const t of tokens) expect(everything).not.toContain(t);
  expect((await audit()).filter((e) => e.type === 'bidder-invited')).toHaveLength(3);
  await invite(0, { email: 'geen adres' }).expect(400);
  await invite(0, { language: 'de' }).expect(400);
});

it('shows the bidder the same frame as every bidder, with its planned time slot, and logs each opening', async () => {
  const view = (await page(tokens[0]!).expect(200)).body as BidderPageView;
  expect(view.bidder).toMatchObject({ name: 'Stichting Wijkkracht', email: 'info@wijkkracht.nl' });
  expect(view).toMatchObject({ editable: true, response: null, frozenAt: null, draw: null, adviceVersion: null });
  expect(view.evening).toMatchObject({ title: 'Pitchavond Kruiskamp', networkName: 'Netwerk Host', startTime: '19:00', tenderName: 'Coördinatie wijkprogramma' });
  expect(view.criteria.map((c) => [c.name, c.weight])).toEqual(evening.criteria.map((c) => [c.name, c.weight]));
  expect(view.scale).toEqual(evening.scale);
  expect(view.runningOrder.map((s) => [s.name, s.start, s.end])).toEqual([
    ['Stichting Wijkkracht', '19:00', '19:15'],
    ['Welzijn Eemland', '19:15', '19:30'],
    ['Coöperatie Buurtwerk', '19:30', '19:45'],
  ]);
  // Another bidder sees the same frame.
  const other = (await page(tokens[1]!).expect(200)).body as BidderPageView;
  expect({ ...other, bidder: null, expiresAt: null }).toEqual({ ...view, bidder: null, expiresAt: null });
  await page(tokens[0]!).expect(200);
  expect(await statusOf(0)).toMatchObject({ status: 'opened', openings: 2 });
  const opened = (await audit()).filter((e) => e.type === 'bidder-page-opened');
  expect(opened.map((e) => [e.detail.bidder, e.detail.opening])).toEqual([
    ['Stichting Wijkkracht', 1],
    ['Welzijn Eemland', 1],
    ['Stichting Wijkkracht', 2],
  ]);
  expect(opened[0]!.actor).toBe('bidder');
});

it('takes the bidder\'s answer and corrections before the freeze, as audit entries the host sees', async () => {
  const confirmed = (await bidderPost(tokens[0]!, 'response', { response: 'confirmed' }).expect(200)).body as BidderPageView;
  expect(confirmed.response).toBe('confirmed');
  const changed = (
    await details(tokens[0]!, { contactPerson: 'Karin de Vries', email: 'karin@wijkkracht.nl', pitchTitle: 'Samen sterk in de wijk', pitchSummary: 'Wij bouwen op wat er al is.' }).expect(200)
  ).body as BidderPageView;
  expect(changed.bidder).toMatchObject({ contactPerson: 'Karin de Vries', email: 'karin@wijkkracht.nl', pitchTitle: 'Samen sterk in de wijk' });
  const detail = (await host.get(`/api/evenings/${evening.id}`).expect(200)).body as EveningDetail;
  expect(detail.bidders[0]).toMatchObject({ contactPerson: 'Karin de Vries', pitchTitle: 'Samen sterk in de wijk', pitchSummary: 'Wij bouwen op wat er al is.' });
  expect(detail.bidderResponses).toEqual([{ bidderId: evening.bidders[0]!.id, response: 'confirmed', at: expect.any(String) }]);
  const status = await statusOf(0);
  expect(status).toMatchObject({ status: 'confirmed', email: 'karin@wijkkracht.nl', lastChange: { fields: ['contactPerson', 'pitchTitle', 'pitchSummary', 'email'] } });
  const entry = (await audit()).find((e) => e.type === 'bidder-details-changed')!;
  expect(entry.detail).toMatchObject({ bidder: 'Stichting Wijkkracht', fields: 'contactPerson,pitchTitle,pitchSummary,email', 'pitchTitle.before': '', 'pitchTitle.after': 'Samen sterk in de wijk' });
  expect((await audit()).filter((e) => e.type === 'bidder-responded').map((e) => e.detail.response)).toEqual(['confirmed']);

  // Wrong input is refused with a reason, and nothing changes.
  const bad = (await details(tokens[0]!, { contactPerson: 'X', email: 'geen adres', pitchTitle: 'Anders', pitchSummary: '' }).expect(400)).body as ApiErrorBody;
  expect(bad.code).toBe('VALIDATION_FAILED');
  await details(tokens[0]!, { contactPerson: 'X', email: '', pitchTitle: 'x'.repeat(201), pitchSummary: '' }).expect(400);
  await details(tokens[0]!, { contactPerson: 'X' }).expect(400);
  await bidderPost(tokens[0]!, 'response', { response: 'misschien' }).expect(400);
  expect(((await page(tokens[0]!).expect(200)).body as BidderPageView).bidder.pitchTitle).toBe('Samen sterk in de wijk');
});

it('lets each bidder add its own contribution to a committed draw, once, and the draw uses it', async () => {
  expect((await bidderPost(tokens[0]!, 'contribution', { text: '7319' }).expect(409)).body).toMatchObject({ reason: 'bidderPage.noDraw' });
  const seed = 'dobbelstenen 3 5 1';
  await host.post(`/api/evenings/${evening.id}/running-order/commitment`, { hash: seedCommitment(seed) }).expect(200);
  const before = (await page(tokens[0]!).expect(200)).body as BidderPageView;
  expect(before.draw).toMatchObject({ hash: seedCommitment(seed), contributions: 0, own: null });
  const after = (await bidderPost(tokens[0]!, 'contribution', { text: '7319' }).expect(200)).body as BidderPageView;
  expect(after.draw).toMatchObject({ contributions: 1, own: { text: '7319', addedAt: expect.any(String) } });
  const again = (await bidderPost(tokens[0]!, 'contribution', { text: '1' }).expect(409)).body as ApiErrorBody;
  expect(again).toMatchObject({ reason: 'bidderPage.alreadyContributed', params: { time: after.draw!.own!.addedAt } });
  await bidderPost(tokens[1]!, 'contribution', { text: '' }).expect(400);
  await bidderPost(tokens[1]!, 'contribution', { text: 'Eemland 42' }).expect(200);
  const detail = (await host.get(`/api/evenings/${evening.id}`).expect(200)).body as EveningDetail;
  expect(detail.drawCommitment!.contributions.map((c) => [c.text, c.by, c.enteredBy])).toEqual([
    ['7319', 'Stichting Wijkkracht', 'Stichting Wijkkracht'],
    ['Eemland 42', 'Welzijn Eemland', 'Welzijn Eemland'],
  ]);
  const drawn = (await host.post(`/api/evenings/${evening.id}/running-order/draw`, { seed }).expect(200)).body as EveningDetail;
  const expected = drawRunningOrder(combinedDrawSeed(seed, ['7319', 'Eemland 42']), evening.bidders).map((b) => b.name);
  expect(drawn.bidders.map((b) => b.name)).toEqual(expected);
  expect((await page(tokens[0]!).expect(200)).body.draw).toBeNull();
  evening = drawn;
});

it('will not freeze a bidder that declined, and says why', async () => {
  const i = evening.bidders.findIndex((b) => b.name === 'Welzijn Eemland');
  const token = tokens[1]!;
  await bidderPost(token, 'response', { response: 'declined' }).expect(200);
  expect((await statusOf(i)).status).toBe('declined');
  const refused = (await host.post(`/api/evenings/${evening.id}/freeze`).expect(422)).body as ApiErrorBody;
  expect(refused).toMatchObject({ code: 'SETUP_INCOMPLETE' });
  expect(refused.problems).toContainEqual(expect.objectContaining({ reason: 'bidderDeclined', params: { bidder: 'Welzijn Eemland' } }));
  // The bidder changes its mind on its page: then the setup can be frozen.
  await bidderPost(token, 'response', { response: 'confirmed' }).expect(200);
  evening = (await host.post(`/api/evenings/${evening.id}/freeze`).expect(200)).body as EveningDetail;
});

it('shows the frozen page read-only and refuses changes with a reason', async () => {
  const view = (await page(tokens[0]!).expect(200)).body as BidderPageView;
  expect(view).toMatchObject({ editable: false, fingerprint: evening.fingerprint });
  const refused = (await details(tokens[0]!, { contactPerson: 'Iemand anders', email: '', pitchTitle: 'Nieuw', pitchSummary: '' }).expect(409)).body as ApiErrorBody;
  expect(refused).toMatchObject({ code: 'SETUP_FROZEN', reason: 'bidderPage.frozen' });
  expect((await bidderPost(tokens[0]!, 'response', { response: 'declined' }).expect(409)).body).toMatchObject({ reason: 'bidderPage.frozen' });
  const detail = (await host.get(`/api/evenings/${evening.id}`).expect(200)).body as EveningDetail;
  expect(detail.bidders.find((b) => b.name === 'Stichting Wijkkracht')).toMatchObject({ contactPerson: 'Karin de Vries' });
  expect(((await page(tokens[0]!).expect(200)).body as BidderPageView).bidder.email).toBe('karin@wijkkracht.nl');
});

it('answers a revoked link with 410 and a message, an unknown one with 404, and a new link works', async () => {
  const i = evening.bidders.findIndex((b) => b.name === 'Coöperatie Buurtwerk');
  const revoked = (await host.post(`/api/evenings/${evening.id}/bidders/${evening.bidders[i]!.id}/link/revoke`).expect(200)).body;
  expect(revoked).toMatchObject({ revoked: true, invitedAt: null });
  const gone = (await page(tokens[2]!).expect(410)).body as ApiErrorBody;
  expect(gone).toMatchObject({ code: 'LINK_REVOKED', reason: 'bidderLink.revoked' });
  expect(gone.message).toMatch(/withdrew this link/);
  expect((await bidderPost(tokens[2]!, 'response', { response: 'confirmed' }).expect(410)).body.code).toBe('LINK_REVOKED');
  expect((await page('x'.repeat(43)).expect(404)).body).toMatchObject({ reason: 'notFound.bidderLink' });
  await page('..%2F').expect(404);
  expect((await audit()).filter((e) => e.type === 'bidder-link-revoked').map((e) => e.detail.bidder)).toEqual(['Coöperatie Buurtwerk']);
  const fresh = (await invite(i).expect(201)).body as CreatedBidderLinkResponse;
  tokens[2] = fresh.url.split('/b/')[1]!;
  await page(tokens[2]).expect(200);
  expect(await statusOf(i)).toMatchObject({ status: 'opened', revoked: false, openings: 1 });
  // Inviting again replaces the link: the one before stops working.
  const replaced = tokens[2];
  tokens[2] = ((await invite(i).expect(201)).body as CreatedBidderLinkResponse).url.split('/b/')[1]!;
  await page(replaced).expect(410);
  await page(tokens[2]).expect(200);
});

it('answers an expired link with 410 and the date; the host sees no current link, and a new one works', async () => {
  const i = evening.bidders.findIndex((b) => b.name === 'Coöperatie Buurtwerk');
  const db = running.app.get(DataSource);
  await db.getRepository(BidderLinkEntity).update({ bidderId: evening.bidders[i]!.id, revokedAt: IsNull() }, { expiresAt: new Date('2026-01-02T10:00:00Z') });
  const expired = (await page(tokens[2]!).expect(410)).body as ApiErrorBody;
  expect(expired).toMatchObject({ code: 'LINK_REVOKED', reason: 'bidderLink.expired', params: { date: '2026-01-02' } });
  expect(await statusOf(i)).toMatchObject({ invitedAt: null, expiresAt: null });
  tokens[2] = ((await invite(i).expect(201)).body as CreatedBidderLinkResponse).url.split('/b/')[1]!;
  await page(tokens[2]).expect(200);
});

describe('after the advice is issued', () => {
  let sheets: BidderFeedbackView[];
  let results: ResultsReport;

  beforeAll(async () => {
    expect((await request(running.url).get(`/api/bidder-pages/${tokens[0]}/feedback`).expect(409)).body).toMatchObject({ code: 'ADVICE_NOT_ISSUED', reason: 'bidderPage.noAdvice' });
    const byName = (name: string) => evening.bidders.findIndex((b) => b.name === name);
    const remarkOf = new Map([[byName('Stichting Wijkkracht'), REMARKS[0]!], [byName('Welzijn Eemland'), REMARKS[1]!], [byName('Coöperatie Buurtwerk'), REMARKS[2]!]]);
    const played = await playEvening(running.url, evening, host.session.token, { phones: 3, grade: (p, b) => 1 + ((p + b * 2) % 5), remark: (p, b) => (p === 0 ? remarkOf.get(b)! : '') });
    sockets.push(played.host, ...played.phones);
    const advice = `/api/evenings/${evening.id}/advice`;
    const ws = (await host.get(advice).expect(200)).body as AdviceWorkspaceResponse;
    const quoted = ws.remarks;
    expect(quoted).toHaveLength(3);
    const content = {
      ...ws.draft.content,
      summary: 'Samenvatting.',
      recommendation: 'Advies.',
      bidders: ws.draft.content.bidders.map((b) => ({ ...b, strengths: 'Sterk.', quoteIds: quoted.filter((q) => q.bidderId === b.bidderId).map((q) => q.id) })),
      quoteReviews: Object.fromEntries(quoted.map((q) => [q.id, { check: q.check, masked: [] }])),
    };
    const saved = (await host.put(`${advice}/draft`, { content, revision: ws.draft.revision }).expect(200)).body as { revision: number };
    await host.post(`${advice}/versions`, { authorship: ISSUER, revision: saved.revision, acceptEmpty: true }).expect(201);
    results = JSON.parse((await host.get(`${advice}/versions/1/files/results.json`).buffer(true).parse((res, done) => {
      let text = '';
      res.on('data', (c: Buffer) => (text += c.toString('utf8')));
      res.on('end', () => done(null, text));
    }).expect(200)).body as string) as ResultsReport;
    sheets = [];
    for (const t of tokens) sheets.push((await request(running.url).get(`/api/bidder-pages/${t}/feedback`).expect(200)).body as BidderFeedbackView);
  }, 240_000);

  it('gives each bidder its own results exactly as the issued version reports them', () => {
    const names = ['Stichting Wijkkracht', 'Welzijn Eemland', 'Coöperatie Buurtwerk'];
    for (const [i, sheet] of sheets.entries()) {
      const bidder = results.bidders.find((b) => b.name === names[i])!;
      const own = results.all.bidders.find((b) => b.bidderId === bidder.id)!;
      const place = results.all.ranking.find((r) => r.bidderId === bidder.id)!;
      expect(sheet).toMatchObject({ version: 1, bidderName: names[i], ballots: own.ballots, majorityGrade: own.majorityGrade, place: { place: place.place, shared: place.tiedWith.length, ranked: 3 } });
      expect(sheet.criteria.map((c) => [c.name, c.median, c.profile.map((p) => p.count)])).toEqual(
        own.criteria.map((c) => [results.criteria.find((x) => x.id === c.criterionId)!.name, c.median, c.distribution.map((d) => d.count)]),
      );
      expect(sheet.quotes.map((q) => q.text)).toEqual([REMARKS[i]]);
      expect(sheet.remarksLine).toMatch(/schreven bewoners 1 opmerking/);
    }
  });

  it('never contains another bidder\'s name or remarks', () => {
    const names = ['Stichting Wijkkracht', 'Welzijn Eemland', 'Coöperatie Buurtwerk'];
    for (const [i, sheet] of sheets.entries()) {
      const text = JSON.stringify(sheet);
      for (const [j, name] of names.entries()) {
        if (j === i) continue;
        expect(text).not.toContain(name);
        expect(text).not.toContain(REMARKS[j]!);
        expect(text).not.toContain(results.bidders.find((b) => b.name === name)!.id);
      }
    }
  });

  it('tells the bidder\'s page that the sheet is there, in either language', async () => {
    expect(((await page(tokens[0]!).expect(200)).body as BidderPageView).adviceVersion).toBe(1);
    const en = (await request(running.url).get(`/api/bidder-pages/${tokens[0]}/feedback?lang=en`).expect(200)).body as BidderFeedbackView;
    expect(en.remarksLine).toMatch(/residents wrote 1 remark/);
    await request(running.url).get(`/api/bidder-pages/${tokens[0]}/feedback?lang=de`).expect(400);
  });
});
