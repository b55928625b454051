/**
 * Announcement and sign-up: the public page, signing up with places and a waiting list, the
 * personal link (confirmation, calendar file, cancelling, which moves the waiting list up), the
 * organisers' list, counts, CSV and arrivals, the confirmation mail through a real SMTP server,
 * the rate limit, and that retention deletes the sign-ups. Signing up is never needed to vote.
 */
import request from 'supertest';
import type { AnnouncementView, CreatedSignupResponse, EveningDetail, JoinResponse, MySignupView, SignupOverview, SignupView } from '@buurtjury/shared';
import { startApp, type RunningApp } from '../support/app';
import { completeEvening, organiser, type Organiser } from '../support/api';
import { startInbox, type Inbox } from '../support/smtp';

let inbox: Inbox;
let running: RunningApp;
let owner: Organiser;
let evening: EveningDetail;
let code: string;

const settings = {
  open: true,
  capacity: 4,
  nameOnly: false,
  address: 'Kruiskamp 12, 3815 AB Amersfoort',
  accessibility: 'Gelijkvloers, rolstoeltoilet, ringleiding',
  about: 'Bewoners beoordelen de pitches van drie inschrijvers.',
};

beforeAll(async () => {
  inbox = await startInbox();
  running = await startApp({ SMTP_URL: inbox.url, SIGNUP_RATE_LIMIT: '1000' }, { venueHost: '127.0.0.1' });
  owner = await organiser(running.url, 'Anna');
  evening = await completeEvening(owner, 'Pitchavond Kruiskamp');
  const overview = (await owner.put(`/api/evenings/${evening.id}/signups/settings`, settings).expect(200)).body as SignupOverview;
  code = overview.settings!.code;
  expect(overview.settings!.url).toBe(`${running.publicUrl}/a/${code}`);
});

afterAll(async () => {
  await running?.close();
  await inbox?.close();
});

const signUp = (body: object) => request(running.url).post(`/api/announcements/${code}/signups`).send(body);

it('shows the announcement publicly, without a programme before the setup is frozen', async () => {
  const page = (await request(running.url).get(`/api/announcements/${code}`).expect(200)).body as AnnouncementView;
  expect(page).toMatchObject({ title: 'Pitchavond Kruiskamp', networkName: 'Netwerk Anna', venue: 'Buurthuis', address: settings.address, open: true, capacity: 4, placesLeft: 4, programme: null, tickets: false, mail: true });
  await request(running.url).get('/api/announcements/ZZZZZZZZZZ').expect(404);
  const bad = await request(running.url).get('/api/announcements/..%2Fx').expect(404);
  expect(bad.body.reason).toBe('notFound.announcement');
});

it('gives places until the venue is full, then the waiting list; cancelling moves it up and mails the one who moved', async () => {
  const a = (await signUp({ name: 'Fatima', email: 'fatima@example.nl', guests: 2 }).expect(201)).body as CreatedSignupResponse;
  expect(a.status).toBe('confirmed');
  expect(a.url).toBe(`${running.publicUrl}/s/${a.token}`);
  const mail = await inbox.next('fatima@example.nl');
  expect(mail.subject).toBe('Aangemeld: Pitchavond Kruiskamp');
  expect(mail.text).toContain(a.url);
  expect(mail.html).toContain(`href="${a.url}?cancel=1"`);

  const b = (await signUp({ name: 'Bert', email: 'bert@example.nl', guests: 1, language: 'en' }).expect(201)).body as CreatedSignupResponse;
  expect(b).toMatchObject({ status: 'waiting', waitingPosition: 1 });
  const bMail = await inbox.next('bert@example.nl');
  expect(bMail.subject).toBe('Waiting list: Pitchavond Kruiskamp');
  // A single person would fit, but the waiting list goes first.
  const c = (await signUp({ name: 'Cees', email: 'cees@example.nl' }).expect(201)).body as CreatedSignupResponse;
  expect(c).toMatchObject({ status: 'waiting', waitingPosition: 2 });

  let page = (await request(running.url).get(`/api/announcements/${code}`).expect(200)).body as AnnouncementView;
  expect(page.placesLeft).toBe(1);

  // Follow the personal link from the mail: the page, then cancelling.
  const token = mail.text!.match(/\/s\/([A-Za-z0-9_-]{43})/)![1]!;
  const mine = (await request(running.url).get(`/api/signups/${token}`).expect(200)).body as MySignupView;
  expect(mine).toMatchObject({ name: 'Fatima', guests: 2, status: 'confirmed' });
  const cancelled = (await request(running.url).post(`/api/signups/${token}/cancel`).expect(200)).body as MySignupView;
  expect(cancelled.status).toBe('cancelled');
  // Cancelling twice changes nothing.
  await request(running.url).post(`/api/signups/${token}/cancel`).expect(200);

  expect(((await request(running.url).get(`/api/signups/${b.token}`).expect(200)).body as MySignupView).status).toBe('confirmed');
  expect(((await request(running.url).get(`/api/signups/${c.token}`).expect(200)).body as MySignupView).status).toBe('confirmed');
  const moved = await inbox.next('bert@example.nl');
  expect(moved.subject).toBe('Signed up: Pitchavond Kruiskamp');
  expect(moved.text).not.toContain('/s/');
  page = (await request(running.url).get(`/api/announcements/${code}`).expect(200)).body as AnnouncementView;
  expect(page.placesLeft).toBe(1);
});

it('serves a calendar file for the personal link', async () => {
  const s = (await signUp({ name: 'Dirk', email: 'dirk@example.nl' }).expect(201)).body as CreatedSignupResponse;
  const res = await request(running.url).get(`/api/signups/${s.token}/calendar.ics`).buffer(true).parse((r, cb) => {
    let text = '';
    r.on('data', (c: Buffer) => (text += c.toString('utf8')));
    r.on('end', () => cb(null, text));
  }).expect(200);
  expect(res.headers['content-type']).toMatch(/^text\/calendar/);
  const text = res.body as string;
  expect(text).toContain('BEGIN:VEVENT');
  expect(text).toContain('DTSTART;TZID=Europe/Amsterdam:20261210T190000');
  expect(text).toContain('SUMMARY:Pitchavond Kruiskamp');
  expect(text).toContain('LOCATION:Buurthuis\\, Kruiskamp 12\\, 3815 AB Amersfoort');
  await request(running.url).get(`/api/signups/${'x'.repeat(43)}/calendar.ics`).expect(404);
});

it('refuses what is wrong with a reason, and nothing half-made', async () => {
  expect((await signUp({ name: 'Eva' }).expect(400)).body.reason).toBe('signup.emailRequired');
  await signUp({ name: '', email: 'e@example.nl' }).expect(400);
  await signUp({ name: 'Eva', email: 'e@example.nl', guests: 11 }).expect(400);
  await signUp({ name: 'Eva', email: 'geen adres' }).expect(400);
  const overview = (await owner.get(`/api/evenings/${evening.id}/signups`).expect(200)).body as SignupOverview;
  expect(overview.signups.map((s) => s.name)).not.toContain('Eva');
  await owner.put(`/api/evenings/${evening.id}/signups/settings`, { ...settings, capacity: 0 }).expect(400);
});

it('takes a name alone when the network allows it, and refuses sign-ups once closed', async () => {
  await owner.put(`/api/evenings/${evening.id}/signups/settings`, { ...settings, nameOnly: true, capacity: null }).expect(200);
  const s = (await signUp({ name: 'Gijs' }).expect(201)).body as CreatedSignupResponse;
  expect(s).toMatchObject({ status: 'confirmed', email: null, mail: 'off' });
  await owner.put(`/api/evenings/${evening.id}/signups/settings`, { ...settings, open: false }).expect(200);
  expect((await signUp({ name: 'Hans', email: 'hans@example.nl' }).expect(409)).body.reason).toBe('signup.closed');
  await owner.put(`/api/evenings/${evening.id}/signups/settings`, settings).expect(200);
});

it('gives the organisers the list, the counts, arrivals and a CSV', async () => {
  const overview = (await owner.get(`/api/evenings/${evening.id}/signups`).expect(200)).body as SignupOverview;
  expect(overview.counts).toMatchObject({ cancelled: 1, arrived: 0 });
  expect(overview.counts.confirmedPeople).toBe(overview.signups.filter((s) => s.status === 'confirmed').reduce((n, s) => n + 1 + s.guests, 0));
  const bert = overview.signups.find((s) => s.name === 'Bert')!;
  const marked = (await owner.post(`/api/evenings/${evening.id}/signups/${bert.id}/arrival`, { arrived: true }).expect(200)).body as SignupView;
  expect(marked.arrivedAt).not.toBeNull();
  const fatima = overview.signups.find((s) => s.name === 'Fatima')!;
  expect((await owner.post(`/api/evenings/${evening.id}/signups/${fatima.id}/arrival`, { arrived: true }).expect(409)).body.reason).toBe('signup.cancelled');
  expect(((await owner.get(`/api/evenings/${evening.id}/signups`).expect(200)).body as SignupOverview).counts.arrived).toBe(1);

  const csv = await owner.get(`/api/evenings/${evening.id}/signups/export.csv?lang=nl`).expect(200);
  expect(csv.headers['content-type']).toMatch(/^text\/csv/);
  const lines = (csv.text as string).replace(/^\ufeff/, '').trim().split('\r\n');
  expect(lines[0]).toBe('Naam,E-mail,Komt mee,Personen,Status,Aangemeld,Afgemeld,Aanwezig');
  expect(lines).toHaveLength(overview.signups.length + 1);
  expect(lines.find((l) => l.startsWith('Bert,'))).toMatch(/^Bert,bert@example.nl,1,2,aangemeld,/);
});

it('defuses a name that a spreadsheet would run as a formula', async () => {
  await owner.put(`/api/evenings/${evening.id}/signups/settings`, { ...settings, capacity: null }).expect(200);
  await signUp({ name: '=HYPERLINK("http://x")', email: 'f@example.nl' }).expect(201);
  const csv = await owner.get(`/api/evenings/${evening.id}/signups/export.csv`).expect(200);
  expect(csv.text).toContain(`"'=HYPERLINK(""http://x"")"`);
});

it('never needs a sign-up to vote: a phone joins the open evening without one', async () => {
  const frozen = (await owner.post(`/api/evenings/${evening.id}/freeze`).expect(200)).body as EveningDetail;
  const join = (await request(running.url).post('/api/join').send({ joinCode: frozen.joinCode }).expect(200)).body as JoinResponse;
  expect(join.attendeeToken).toBeTruthy();
  // Now the programme is public, in running order.
  const page = (await request(running.url).get(`/api/announcements/${code}`).expect(200)).body as AnnouncementView;
  expect(page.programme?.map((p) => p.name)).toEqual(frozen.bidders.map((b) => b.name));
});

it('limits sign-ups per address', async () => {
  const limited = await startApp({ SIGNUP_RATE_LIMIT: '2' }, { venueHost: '127.0.0.1' });
  try {
    const o = await organiser(limited.url, 'Ida');
    const e = await completeEvening(o);
    const c2 = ((await o.put(`/api/evenings/${e.id}/signups/settings`, { ...settings, nameOnly: true }).expect(200)).body as SignupOverview).settings!.code;
    await request(limited.url).post(`/api/announcements/${c2}/signups`).send({ name: 'A' }).expect(201);
    await request(limited.url).post(`/api/announcements/${c2}/signups`).send({ name: 'B' }).expect(201);
    const refused = await request(limited.url).post(`/api/announcements/${c2}/signups`).send({ name: 'C' }).expect(429);
    expect(refused.headers['retry-after']).toBeDefined();
    const overview = (await o.get(`/api/evenings/${e.id}/signups`).expect(200)).body as SignupOverview;
    expect(overview.signups.map((s) => s.name)).toEqual(['A', 'B']);
  } finally {
    await limited.close();
  }
});
