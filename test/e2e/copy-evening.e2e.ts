/**
 * Copying an evening (frozen or not) as the start of a new one: criteria, scale, rules, tender and
 * award frame come along; the date, the advice deadline, declarations, lot draws and everything the
 * evening produced (attendees, ballots, tickets, sign-ups, advice) do not; the bidders only when
 * asked, with name and contact person only. The new evening's trail starts with the copy.
 */
import request from 'supertest';
import type { AuditTrailResponse, EveningDetail, SignupOverview, TicketsResponse } from '@buurtjury/shared';
import { completeEvening, organiser, type Organiser } from '../support/api';
import { startApp, type RunningApp } from '../support/app';

let running: RunningApp;
let host: Organiser;
let source: EveningDetail;

beforeAll(async () => {
  running = await startApp({ SIGNUP_RATE_LIMIT: '1000' });
  host = await organiser(running.url, 'Host');
  const draft = await completeEvening(host, 'Pitchavond voorjaar');
  await host.put(`/api/evenings/${draft.id}/award`, {
    criteria: [{ name: 'Kwaliteit', weight: 60, description: 'Plan van aanpak' }, { name: 'Prijs', weight: 40 }],
    publishedIn: 'Leidraad §4',
    eveningAnnounced: 'yes',
    announcedWhere: 'Leidraad §2',
  }).expect(200);
  await host.patch(`/api/evenings/${draft.id}`, { rules: { accessMode: 'tickets', presenceRule: false }, tender: { adviceDeadline: '2026-12-20' } }).expect(200);
  // An announcement with a sign-up, then frozen with a phone admitted by a sign-up's ticket.
  const code = ((await host.put(`/api/evenings/${draft.id}/signups/settings`, { open: true, capacity: null, nameOnly: true, address: '', accessibility: '', about: '' }).expect(200)).body as SignupOverview).settings!.code;
  const signup = (await request(running.url).post(`/api/announcements/${code}/signups`).send({ name: 'Fatima' }).expect(201)).body as { ticket: { code: string } };
  source = (await host.post(`/api/evenings/${draft.id}/freeze`).expect(200)).body as EveningDetail;
  await request(running.url).post('/api/join').send({ joinCode: source.joinCode, ticket: signup.ticket.code }).expect(200);
});
afterAll(async () => {
  await running?.close();
});

const setupOf = (e: EveningDetail) => ({
  language: e.language,
  venue: e.venue,
  startTime: e.startTime,
  tender: { ...e.tender, adviceDeadline: undefined },
  award: e.award,
  rules: e.rules,
  scale: e.scale,
  criteria: e.criteria.map(({ id: _id, ...c }) => c),
});

it('copies a frozen evening without its bidders: the frame comes along, nothing the evening produced', async () => {
  const copy = (await host.post(`/api/evenings/${source.id}/copy`, { bidders: false }).expect(201)).body as EveningDetail;
  expect(copy.id).not.toBe(source.id);
  expect(copy.joinCode).not.toBe(source.joinCode);
  expect(copy.title).toBe('Pitchavond voorjaar (kopie)');
  expect(setupOf(copy)).toEqual(setupOf(source));
  expect(copy.award.criteria.map((c) => c.name)).toEqual(['Kwaliteit', 'Prijs']);
  expect(copy.criteria.length).toBeGreaterThan(0);
  expect(copy).toMatchObject({ date: '', bidders: [], frozenAt: null, fingerprint: null, draws: [], drawCommitment: null });
  expect(copy.declarations).toEqual({ items: [], noneDeclared: [] });
  expect(copy.tender.adviceDeadline).toBe('');
  expect(copy.rules.accessMode).toBe('tickets');
  // None of the original's tickets, sign-ups or announcement page.
  expect(((await host.get(`/api/evenings/${copy.id}/tickets`).expect(200)).body as TicketsResponse).tickets).toEqual([]);
  expect((await host.get(`/api/evenings/${copy.id}/signups`).expect(200)).body).toMatchObject({ settings: null, signups: [] });
  // The original is untouched.
  expect(((await host.get(`/api/evenings/${source.id}`).expect(200)).body as EveningDetail).bidders).toHaveLength(source.bidders.length);
  // The new evening's trail starts with the copy.
  const trail = (await host.get(`/api/evenings/${copy.id}/audit`).expect(200)).body as AuditTrailResponse;
  expect(trail.entries).toHaveLength(1);
  expect(((await host.get(`/api/evenings/${copy.id}/audit/verify`).expect(200)).body as { ok: boolean }).ok).toBe(true);
  expect(trail.entries[0]).toMatchObject({ type: 'evening-copied', actor: 'Host', detail: { copiedFrom: 'Pitchavond voorjaar', copiedFromCode: source.joinCode, criteria: source.criteria.length, biddersCopied: 0 } });
});

it('copies the bidders when asked, with name and contact person only, and can be frozen again', async () => {
  const copy = (await host.post(`/api/evenings/${source.id}/copy`, { bidders: true, title: 'Pitchavond najaar' }).expect(201)).body as EveningDetail;
  expect(copy.title).toBe('Pitchavond najaar');
  expect(copy.bidders.map((b) => [b.name, b.contactPerson, b.pitchTitle, b.pitchSummary])).toEqual(source.bidders.map((b) => [b.name, b.contactPerson, '', '']));
  expect(copy.bidders.map((b) => b.id).some((id) => source.bidders.some((s) => s.id === id))).toBe(false);
  await host.patch(`/api/evenings/${copy.id}`, { date: '2027-04-01' }).expect(200);
  const frozen = (await host.post(`/api/evenings/${copy.id}/freeze`).expect(200)).body as EveningDetail;
  expect(frozen.frozenAt).not.toBeNull();
});

it('refuses bad input with a reason, and another network\'s evening', async () => {
  expect((await host.post(`/api/evenings/${source.id}/copy`, {}).expect(400)).body.code).toBe('VALIDATION_FAILED');
  await host.post(`/api/evenings/${source.id}/copy`, { bidders: 'yes' }).expect(400);
  await host.post(`/api/evenings/${source.id}/copy`, { bidders: false, title: '' }).expect(400);
  await host.post(`/api/evenings/${source.id}/copy`, { bidders: false, title: 'x'.repeat(201) }).expect(400);
  await host.post('/api/evenings/not-a-uuid/copy', { bidders: false }).expect(400);
  const stranger = await organiser(running.url, 'Vreemde');
  expect((await stranger.post(`/api/evenings/${source.id}/copy`, { bidders: false }).expect(404)).body.code).toBe('NOT_FOUND');
  await request(running.url).post(`/api/evenings/${source.id}/copy`).send({ bidders: false }).expect(401);
  const evenings = (await host.get('/api/evenings').expect(200)).body as { id: string }[];
  expect(evenings).toHaveLength(3);
});
