/**
 * E-mail for real: with SMTP_URL set, Buurtjury mails invitations and committee links through a
 * real SMTP server started here (smtp-server, parsed with mailparser; no mocked transport). Each
 * message must arrive in the chosen language as text and HTML with a link that works against the
 * running app. A refused or unreachable mail server is reported in the answer, never a 500, and the
 * invitation or link exists regardless. Without SMTP_URL nothing changes: the organiser copies the link.
 */
import request from 'supertest';
import type { ParsedMail } from 'mailparser';
import type {
  BidderLinksOverview,
  BidderPageView,
  CreatedBidderLinkResponse,
  CreatedCommitteeLinkResponse,
  CreatedInvitationResponse,
  InvitationView,
  MetaResponse,
  SessionResponse,
} from '@buurtjury/shared';
import { freePort, startApp, type RunningApp } from '../support/app';
import { completeEvening, organiser, type Organiser } from '../support/api';
import { startInbox, type Inbox } from '../support/smtp';

let inbox: Inbox;
let running: RunningApp;
let owner: Organiser;

beforeAll(async () => {
  inbox = await startInbox();
  running = await startApp({ SMTP_URL: inbox.url, MAIL_FROM: 'avond@buurtjury.test' }, { venueHost: '127.0.0.1' });
  owner = await organiser(running.url, 'Anna');
});

afterAll(async () => {
  await running?.close();
  await inbox?.close();
});

/** The one link under the app's public address in the plain text, which the HTML must carry as well. */
function linkIn(mail: ParsedMail, path: string): string {
  const pattern = new RegExp(`${running.publicUrl.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}${path}[A-Za-z0-9_-]+`, 'g');
  const inText = [...new Set(mail.text?.match(pattern) ?? [])];
  expect(inText).toHaveLength(1);
  expect(mail.html || '').toContain(`href="${inText[0]}"`);
  return inText[0]!;
}

it('says in /api/meta that it sends mail', async () => {
  expect(((await request(running.url).get('/api/meta').expect(200)).body as MetaResponse).mail).toBe(true);
});

describe('invitations', () => {
  it('mails a Dutch invitation whose link lets the invitee sign up into the network', async () => {
    const created = (await owner.post('/api/network/invitations', { email: 'Bert@Example.nl', role: 'moderator' }).expect(201)).body as CreatedInvitationResponse;
    expect(created.mail).toBe('sent');

    const mail = await inbox.next('bert@example.nl');
    expect(mail.from?.value).toEqual([{ name: 'Buurtjury', address: 'avond@buurtjury.test' }]);
    expect(mail.subject).toBe('Uitnodiging voor Netwerk Anna op Buurtjury');
    expect(mail.text).toContain('Anna nodigt je uit als moderator van Netwerk Anna');
    expect(mail.html).toContain('<html lang="nl">');
    const link = linkIn(mail, '/invite/');
    expect(link).toBe(created.inviteUrl);

    // Follow the link: the invite page's preview, then sign-up with its token.
    const token = link.split('/invite/')[1]!;
    const preview = await request(running.url).get(`/api/invitations/${token}`).expect(200);
    expect(preview.body).toMatchObject({ networkName: 'Netwerk Anna', role: 'moderator', email: 'bert@example.nl' });
    const session = (
      await request(running.url).post('/api/auth/signup').send({ email: 'bert@example.nl', password: 'correct horse battery', displayName: 'Bert', inviteToken: token }).expect(201)
    ).body as SessionResponse;
    expect(session.organiser.role).toBe('moderator');
  });

  it('mails in English when the inviter asks for it', async () => {
    const created = (await owner.post('/api/network/invitations', { email: 'carol@example.nl', language: 'en' }).expect(201)).body as CreatedInvitationResponse;
    expect(created.mail).toBe('sent');
    const mail = await inbox.next('carol@example.nl');
    expect(mail.subject).toBe('Invitation to Netwerk Anna on Buurtjury');
    expect(mail.text).toContain('Anna invites you as co-organiser of Netwerk Anna');
    expect(mail.text).not.toMatch(/nodigt|uitnodiging/i);
    expect(linkIn(mail, '/invite/')).toBe(created.inviteUrl);
  });

  it('reports a refused mail in the answer and keeps the invitation', async () => {
    const res = await owner.post('/api/network/invitations', { email: 'bounce@example.nl' }).expect(201);
    const created = res.body as CreatedInvitationResponse;
    expect(created.mail).toBe('failed');
    expect(created.inviteUrl).toMatch(/\/invite\/[A-Za-z0-9_-]+$/);
    const pending = (await owner.get('/api/network/invitations').expect(200)).body as InvitationView[];
    expect(pending.map((i) => i.email)).toContain('bounce@example.nl');
    await request(running.url).get(`/api/invitations/${created.inviteUrl.split('/invite/')[1]}`).expect(200);
  });

  it('refuses an unknown mail language with a reason, before anything is made', async () => {
    const res = await owner.post('/api/network/invitations', { email: 'dora@example.nl', language: 'de' }).expect(400);
    expect(res.body.code).toBe('VALIDATION_FAILED');
    const pending = (await owner.get('/api/network/invitations').expect(200)).body as InvitationView[];
    expect(pending.map((i) => i.email)).not.toContain('dora@example.nl');
  });
});

describe('committee links', () => {
  it('mails the link to the given address; the link opens the committee page', async () => {
    const evening = await completeEvening(owner, 'Avond in de Kruiskamp');
    const created = (
      await owner.post(`/api/evenings/${evening.id}/advice/links`, { label: 'Voorzitter', email: 'voorzitter@gemeente.test', language: 'nl' }).expect(201)
    ).body as CreatedCommitteeLinkResponse;
    expect(created.mail).toBe('sent');
    const mail = await inbox.next('voorzitter@gemeente.test');
    expect(mail.subject).toBe('Advies van Netwerk Anna: Avond in de Kruiskamp');
    expect(mail.text).toContain('(voor: Voorzitter)');
    const link = linkIn(mail, '/c/');
    expect(link).toBe(created.url);
    const overview = await request(running.url).get(`/api/committee/${link.split('/c/')[1]}`).expect(200);
    expect(overview.body.evening.title).toBe('Avond in de Kruiskamp');
    // The opening is logged for the organisers, as with a copied link.
    const links = (await owner.get(`/api/evenings/${evening.id}/advice/links`).expect(200)).body as { links: { id: string; openings: number }[] };
    expect(links.links.find((l) => l.id === created.id)?.openings).toBe(1);
  });

  it('sends nothing without an address, and reports a refused one while the link stays usable', async () => {
    const evening = await completeEvening(owner, 'Tweede avond');
    const before = inbox.messages.length;
    const plain = (await owner.post(`/api/evenings/${evening.id}/advice/links`, { label: 'Secretaris' }).expect(201)).body as CreatedCommitteeLinkResponse;
    expect(plain.mail).toBe('off');
    const refused = (await owner.post(`/api/evenings/${evening.id}/advice/links`, { label: 'Lid', email: 'bounce@gemeente.test', language: 'en' }).expect(201))
      .body as CreatedCommitteeLinkResponse;
    expect(refused.mail).toBe('failed');
    await request(running.url).get(`/api/committee/${refused.url.split('/c/')[1]}`).expect(200);
    expect(inbox.messages.length).toBe(before);
    await owner.post(`/api/evenings/${evening.id}/advice/links`, { label: 'Lid', email: 'geen-adres' }).expect(400);
  });
});

describe('bidder invitations', () => {
  it('mails the bidder its personal link in the chosen language; the link opens its page, and the opening is logged', async () => {
    const evening = await completeEvening(owner, 'Pitchavond Kruiskamp');
    const bidder = evening.bidders[0]!;
    const created = (
      await owner.post(`/api/evenings/${evening.id}/bidders/${bidder.id}/link`, { email: 'Info@Wijkkracht.nl', language: 'nl' }).expect(201)
    ).body as CreatedBidderLinkResponse;
    expect(created.mail).toBe('sent');
    const mail = await inbox.next('info@wijkkracht.nl');
    expect(mail.subject).toBe('Je pagina als inschrijver: Pitchavond Kruiskamp');
    expect(mail.text).toContain('Beste Stichting Wijkkracht,');
    expect(mail.text).toContain('Anna van Netwerk Anna nodigt je uit voor de pitchavond "Pitchavond Kruiskamp"');
    expect(mail.text).toContain('Wanneer: donderdag 10 december 2026, 19:00');
    expect(mail.html).toContain('<html lang="nl">');
    const link = linkIn(mail, '/b/');
    expect(link).toBe(created.url);
    const page = (await request(running.url).get(`/api/bidder-pages/${link.split('/b/')[1]}`).expect(200)).body as BidderPageView;
    expect(page.bidder).toMatchObject({ name: 'Stichting Wijkkracht', email: 'info@wijkkracht.nl' });
    const links = (await owner.get(`/api/evenings/${evening.id}/bidder-links`).expect(200)).body as BidderLinksOverview;
    expect(links.mail).toBe(true);
    expect(links.bidders[0]).toMatchObject({ status: 'opened', openings: 1 });

    // In English, to the address kept from before; the earlier link stops working.
    const again = (await owner.post(`/api/evenings/${evening.id}/bidders/${bidder.id}/link`, { language: 'en' }).expect(201)).body as CreatedBidderLinkResponse;
    expect(again.mail).toBe('sent');
    const english = await inbox.next('info@wijkkracht.nl');
    expect(english.subject).toBe('Your page as a bidder: Pitchavond Kruiskamp');
    expect(english.text).not.toMatch(/nodigt|pagina/i);
    expect(linkIn(english, '/b/')).toBe(again.url);
    await request(running.url).get(`/api/bidder-pages/${link.split('/b/')[1]}`).expect(410);
    await request(running.url).get(`/api/bidder-pages/${again.url.split('/b/')[1]}`).expect(200);
  });

  it('sends nothing without an address, and reports a refused one while the link works', async () => {
    const evening = await completeEvening(owner, 'Tweede pitchavond');
    const before = inbox.messages.length;
    const plain = (await owner.post(`/api/evenings/${evening.id}/bidders/${evening.bidders[1]!.id}/link`, {}).expect(201)).body as CreatedBidderLinkResponse;
    expect(plain.mail).toBe('off');
    const refused = (await owner.post(`/api/evenings/${evening.id}/bidders/${evening.bidders[2]!.id}/link`, { email: 'bounce@example.nl' }).expect(201)).body as CreatedBidderLinkResponse;
    expect(refused.mail).toBe('failed');
    await request(running.url).get(`/api/bidder-pages/${refused.url.split('/b/')[1]}`).expect(200);
    expect(inbox.messages.length).toBe(before);
  });
});

describe('a mail server that cannot be reached, and no mail server at all', () => {
  it('reports `failed` (not a 500) when nothing listens at SMTP_URL', async () => {
    const port = await freePort();
    const app = await startApp({ SMTP_URL: `smtp://127.0.0.1:${port}` }, { venueHost: '127.0.0.1' });
    try {
      const o = await organiser(app.url, 'Eva');
      const created = (await o.post('/api/network/invitations', { email: 'frank@example.nl' }).expect(201)).body as CreatedInvitationResponse;
      expect(created.mail).toBe('failed');
      expect(((await o.get('/api/network/invitations').expect(200)).body as InvitationView[]).map((i) => i.email)).toEqual(['frank@example.nl']);
    } finally {
      await app.close();
    }
  });

  it('keeps the copy-the-link flow without SMTP_URL', async () => {
    const app = await startApp({}, { venueHost: '127.0.0.1' });
    try {
      expect(((await request(app.url).get('/api/meta').expect(200)).body as MetaResponse).mail).toBe(false);
      const o = await organiser(app.url, 'Gijs');
      const created = (await o.post('/api/network/invitations', { email: 'hans@example.nl' }).expect(201)).body as CreatedInvitationResponse;
      expect(created.mail).toBe('off');
      await request(app.url).get(`/api/invitations/${created.inviteUrl.split('/invite/')[1]}`).expect(200);
    } finally {
      await app.close();
    }
  });
});
