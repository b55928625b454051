/**
 * A sign-up's personal ticket on an evening that admits by ticket: shown through the personal
 * link and in the confirmation mail (QR image in the HTML, the code in the text), admitting one
 * phone like a printed card, withdrawn when the sign-up is cancelled, and none on the waiting list
 * until a place comes free. Without tickets a sign-up carries none and is never needed to vote.
 * Nothing of the sign-up reaches the attendee or ballot rows.
 */
import { randomUUID } from 'node:crypto';
import request from 'supertest';
import type { CreatedSignupResponse, EveningDetail, JoinResponse, MySignupView, SignupOverview, TicketsResponse } from '@buurtjury/shared';
import { completeEvening, organiser, type Organiser } from '../support/api';
import { startApp, type RunningApp } from '../support/app';
import { startInbox, type Inbox } from '../support/smtp';
import { call, connect, ok, type Client } from '../support/sockets';

let inbox: Inbox;
let running: RunningApp;
let host: Organiser;
const sockets: Client[] = [];

const settings = { open: true, capacity: 2, nameOnly: false, address: 'Kruiskamp 12', accessibility: '', about: '' };

beforeAll(async () => {
  inbox = await startInbox();
  running = await startApp({ SMTP_URL: inbox.url, SIGNUP_RATE_LIMIT: '1000' }, { venueHost: '127.0.0.1' });
  host = await organiser(running.url, 'Host');
});
afterAll(async () => {
  for (const s of sockets) s.close();
  await running?.close();
  await inbox?.close();
});

const join = (body: object) => request(running.url).post('/api/join').send(body);

/** The links in a mail's text that lead into Buurtjury, each checked to work: an announcement or a personal sign-up page. */
async function workingLinks(text: string | undefined): Promise<string[]> {
  const links = [...(text ?? '').matchAll(new RegExp(`${running.publicUrl.replace(/[.:/]/g, '\\$&')}(/[as]/[A-Za-z0-9_-]+)`, 'g'))].map((m) => m[1]!);
  expect(links.length).toBeGreaterThan(0);
  for (const link of links) {
    const [, kind, value] = link.split('/');
    await request(running.url).get(kind === 'a' ? `/api/announcements/${value}` : `/api/signups/${value}`).expect(200);
  }
  return links;
}

async function announced(accessMode: 'open' | 'tickets'): Promise<{ evening: EveningDetail; code: string }> {
  const draft = await completeEvening(host, `Avond ${accessMode}`);
  if (accessMode === 'tickets') await host.patch(`/api/evenings/${draft.id}`, { rules: { accessMode } }).expect(200);
  const overview = (await host.put(`/api/evenings/${draft.id}/signups/settings`, settings).expect(200)).body as SignupOverview;
  return { evening: draft, code: overview.settings!.code };
}

describe('with tickets', () => {
  let evening: EveningDetail;
  let code: string;
  let fatima: CreatedSignupResponse;
  let bert: CreatedSignupResponse;
  let cees: CreatedSignupResponse;
  const signUp = (body: object) => request(running.url).post(`/api/announcements/${code}/signups`).send(body);

  beforeAll(async () => {
    ({ evening, code } = await announced('tickets'));
  });

  it('gives a sign-up with a place its own ticket, on the personal page and in the mail', async () => {
    fatima = (await signUp({ name: 'Fatima', email: 'fatima@example.nl' }).expect(201)).body as CreatedSignupResponse;
    expect(fatima.ticket).toMatchObject({ number: 1, status: 'unused', joinCode: evening.joinCode, joinUrl: `${running.publicUrl}/j/${evening.joinCode}?t=${fatima.ticket!.code}` });
    expect(fatima.ticket!.code).toMatch(/^[A-Z0-9]{10}$/);
    // The personal link shows the same ticket again.
    expect(((await request(running.url).get(`/api/signups/${fatima.token}`).expect(200)).body as MySignupView).ticket).toEqual(fatima.ticket);

    const mail = await inbox.next('fatima@example.nl');
    expect(mail.subject).toBe('Aangemeld: Avond tickets');
    expect(await workingLinks(mail.text)).toEqual([`/s/${fatima.token}`, `/s/${fatima.token}`]);
    const spaced = `${fatima.ticket!.code.slice(0, 5)}-${fatima.ticket!.code.slice(5)}`;
    expect(mail.text).toContain(spaced);
    expect(mail.text).toContain(evening.joinCode);
    // The HTML shows the QR image attached to the mail (mailparser inlines the `cid:` reference as data).
    const image = mail.attachments.find((a) => a.cid === 'ticket-qr@buurtjury');
    expect(image?.contentType).toBe('image/png');
    expect(image!.content.subarray(1, 4).toString('latin1')).toBe('PNG');
    expect(mail.html).toContain(`<img src="data:image/png;base64,${image!.content.toString('base64')}" width="240" height="240" alt="QR-code van je toegangskaart, code ${spaced}">`);

    // The organisers see a ticket in the list, not its code (nor whose it is).
    const listed = (await host.get(`/api/evenings/${evening.id}/tickets`).expect(200)).body as TicketsResponse;
    expect(listed.tickets.map((t) => [t.number, t.status])).toEqual([[1, 'unused']]);
    expect(JSON.stringify(listed)).not.toContain(fatima.ticket!.code);
    expect(JSON.stringify(await running.sql('SELECT * FROM "ticket" WHERE "eveningId" = $1', [evening.id]))).not.toContain(fatima.ticket!.code);
  });

  it('holds no ticket on the waiting list; a place that comes free brings one', async () => {
    bert = (await signUp({ name: 'Bert', email: 'bert@example.nl', language: 'en' }).expect(201)).body as CreatedSignupResponse;
    expect(bert.ticket).toMatchObject({ number: 2 });
    // In the language Bert signed up in, with the ticket.
    const bertMail = await inbox.next('bert@example.nl');
    expect(bertMail.subject).toBe('Signed up: Avond tickets');
    expect(bertMail.text).toContain(`Your ticket (number 2)`);
    await workingLinks(bertMail.text);
    cees = (await signUp({ name: 'Cees', email: 'cees@example.nl' }).expect(201)).body as CreatedSignupResponse;
    expect(cees).toMatchObject({ status: 'waiting', ticket: null });
    expect((await inbox.next('cees@example.nl')).attachments).toHaveLength(0);

    // Bert cancels: his ticket is withdrawn, Cees moves up and finds a ticket on his page.
    const cancelled = (await request(running.url).post(`/api/signups/${bert.token}/cancel`).expect(200)).body as MySignupView;
    expect(cancelled).toMatchObject({ status: 'cancelled', ticket: null });
    // Bert hears that he cancelled, in English, with a working link to sign up again.
    const bye = await inbox.next('bert@example.nl');
    expect(bye.subject).toBe('Cancelled: Avond tickets');
    expect(bye.text).toContain('You have cancelled for "Avond tickets"');
    expect(await workingLinks(bye.text)).toEqual([`/a/${code}`]);
    expect(bye.attachments).toHaveLength(0);
    // Cancelling again changes nothing.
    await request(running.url).post(`/api/signups/${bert.token}/cancel`).expect(200);
    const moved = await inbox.next('cees@example.nl');
    expect(moved.subject).toBe('Aangemeld: Avond tickets');
    expect(await workingLinks(moved.text)).toEqual([`/a/${code}`]);
    expect(moved.text).toContain('Je toegangskaart voor de deur staat op je persoonlijke pagina');
    const mine = (await request(running.url).get(`/api/signups/${cees.token}`).expect(200)).body as MySignupView;
    expect(mine).toMatchObject({ status: 'confirmed', ticket: { status: 'unused' } });
    expect(mine.ticket!.code).not.toBe(bert.ticket!.code);
  });

  it('admits one phone with the ticket, like a printed card; a cancelled sign-up\'s ticket admits nobody', async () => {
    const frozen = (await host.post(`/api/evenings/${evening.id}/freeze`).expect(200)).body as EveningDetail;
    expect((await join({ joinCode: frozen.joinCode }).expect(403)).body).toMatchObject({ code: 'TICKET_REQUIRED' });
    expect((await join({ joinCode: frozen.joinCode, ticket: bert.ticket!.code }).expect(400)).body).toMatchObject({ code: 'TICKET_INVALID', reason: 'ticketCodeUnknown' });

    const admitted = (await join({ joinCode: frozen.joinCode, ticket: fatima.ticket!.code }).expect(200)).body as JoinResponse;
    expect((await join({ joinCode: frozen.joinCode, ticket: fatima.ticket!.code }).expect(409)).body).toMatchObject({ code: 'TICKET_IN_USE' });
    expect(((await request(running.url).get(`/api/signups/${fatima.token}`).expect(200)).body as MySignupView).ticket).toMatchObject({ status: 'in-use' });
    // Once used, the sign-up cannot be cancelled (the voter's ballots count), and it says why.
    const refused = (await request(running.url).post(`/api/signups/${fatima.token}/cancel`).expect(409)).body as { reason: string; message: string };
    expect(refused).toMatchObject({ reason: 'signup.ticketUsed', message: expect.stringMatching(/already been used/) });
    expect(((await request(running.url).get(`/api/signups/${fatima.token}`).expect(200)).body as MySignupView).status).toBe('confirmed');

    // Fatima scores the first pitch: nothing of her sign-up is in the attendee or ballot rows.
    const h = await connect(running.url, { role: 'host', eveningId: frozen.id, token: host.session.token });
    const phone = await connect(running.url, { role: 'attendee', joinCode: frozen.joinCode, attendeeToken: admitted.attendeeToken });
    sockets.push(h, phone);
    const bidder = frozen.bidders[0]!;
    ok(await call(h, 'host:command', { type: 'start-pitch', bidderId: bidder.id }));
    ok(await call(h, 'host:command', { type: 'open-scoring', bidderId: bidder.id }));
    ok(await call(phone, 'ballot:submit', { ballotId: randomUUID(), bidderId: bidder.id, grades: Object.fromEntries(frozen.criteria.map((c) => [c.id, 4])) }));
    const signupIds = ((await host.get(`/api/evenings/${frozen.id}/signups`).expect(200)).body as SignupOverview).signups.map((s) => s.id);
    const attendees = await running.sql('SELECT * FROM "attendee" WHERE "eveningId" = $1', [frozen.id]);
    const ballots = await running.sql('SELECT * FROM "ballot" WHERE "eveningId" = $1', [frozen.id]);
    expect(attendees).toHaveLength(1);
    expect(ballots).toHaveLength(1);
    for (const row of [...attendees, ...ballots]) {
      expect(Object.keys(row).filter((k) => /signup|mail/i.test(k))).toEqual([]);
      const text = JSON.stringify(row);
      for (const secret of [...signupIds, 'Fatima', 'fatima@example.nl', fatima.token, fatima.ticket!.code]) expect(text).not.toContain(secret);
    }
  });
});

describe('without tickets', () => {
  it('gives no ticket, and a phone votes without signing up', async () => {
    const { evening, code } = await announced('open');
    const s = (await request(running.url).post(`/api/announcements/${code}/signups`).send({ name: 'Dirk', email: 'dirk@example.nl' }).expect(201)).body as CreatedSignupResponse;
    expect(s.ticket).toBeNull();
    const mail = await inbox.next('dirk@example.nl');
    expect(mail.attachments).toHaveLength(0);
    expect(mail.html).not.toContain('<img');
    const frozen = (await host.post(`/api/evenings/${evening.id}/freeze`).expect(200)).body as EveningDetail;
    expect(((await join({ joinCode: frozen.joinCode }).expect(200)).body as JoinResponse).attendeeToken).toBeTruthy();
    expect(((await host.get(`/api/evenings/${evening.id}/tickets`).expect(200)).body as TicketsResponse).tickets).toEqual([]);
  });
});
