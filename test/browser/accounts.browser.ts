import * as path from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import request from 'supertest';
import type { CreatedInvitationResponse, EveningDetail, SessionResponse, TicketsResponse } from '@buurtjury/shared';
import { completeEvening, organiser, type Organiser } from '../support/api';
import { startApp, type RunningApp } from '../support/app';
import { artifactDir, launchBrowser, seriousA11yViolations } from '../support/browser';
import { call, connect, ok, type Client } from '../support/sockets';
import { binary, printedCodes } from '../support/tickets';

/**
 * The account and member pages, the tickets page without codes, a phone whose ticket is released
 * while it is open (and after a reload), the phone that continues with the card, and a host
 * console whose session ends elsewhere: in Dutch and English, at 360×740 and 1280×800.
 * Screenshots go to test/artifacts/accounts.
 */
let running: RunningApp;
let browser: Browser;
let owner: Organiser;
let moderator: Organiser;
let evening: EveningDetail;
let codes: Map<number, string>;
const sockets: Client[] = [];
const shots = artifactDir('accounts');
const shot = (page: Page, name: string) => page.screenshot({ path: path.join(shots, `${name}.png`), fullPage: true, animations: 'disabled' });

const PHONE = { viewport: { width: 360, height: 740 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true };
const LAPTOP = { viewport: { width: 1280, height: 800 } };

async function device(options: Parameters<Browser['newContext']>[0], token?: string, language: 'nl' | 'en' = 'nl'): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({ locale: language === 'nl' ? 'nl-NL' : 'en-GB', ...options });
  if (token) await context.addInitScript((t) => localStorage.setItem('buurtjury.token', t), token);
  await context.addInitScript((l) => localStorage.setItem('buurtjury.language', l), language);
  const page = await context.newPage();
  page.setDefaultTimeout(10_000);
  return { context, page };
}

async function noHorizontalScroll(page: Page): Promise<number> {
  return page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
}

async function expectAccessible(page: Page): Promise<void> {
  expect(await seriousA11yViolations(page)).toEqual([]);
}

async function logIn(email: string, password = 'correct horse battery'): Promise<string> {
  return ((await request(running.url).post('/api/auth/login').send({ email, password }).expect(200)).body as SessionResponse).token;
}

beforeAll(async () => {
  running = await startApp({ PUBLIC_URL: 'https://jury.example.nl', LOGIN_RATE_LIMIT: '1000' });
  browser = await launchBrowser();
  owner = await organiser(running.url, 'Anna', { displayName: 'Anna de Vries', networkName: 'Burennetwerk Sleutelbloem' });
  for (const [name, role] of [['Bram', 'co-organiser'], ['Mona', 'moderator']] as const) {
    const email = `${name.toLowerCase()}@sleutelbloem.nl`;
    const invite = (await owner.post('/api/network/invitations', { email, role }).expect(201)).body as CreatedInvitationResponse;
    const o = await organiser(running.url, name, { email, inviteToken: invite.inviteUrl.split('/').pop()!, networkName: undefined as unknown as string });
    if (role === 'moderator') moderator = o;
  }
  const draft = await completeEvening(owner, 'Idols-avond met kaartjes');
  await owner.patch(`/api/evenings/${draft.id}`, { rules: { accessMode: 'tickets' } }).expect(200);
  evening = (await owner.post(`/api/evenings/${draft.id}/freeze`).expect(200)).body as EveningDetail;
  codes = await printedCodes((await binary(owner.post(`/api/evenings/${evening.id}/tickets/cards.pdf`, { count: 12 })).expect(201)).body as Buffer);
}, 60_000);

afterAll(async () => {
  for (const s of sockets) s.close();
  await browser?.close();
  await running?.close();
});

describe('the account page', () => {
  it.each([
    ['phone', PHONE, 'nl'],
    ['laptop', LAPTOP, 'en'],
  ] as const)('shows the sessions, ends the others and changes the password (%s, %s)', async (label, options, language) => {
    // An account of its own: ending the other sessions must not end the ones the other tests use.
    const me = await organiser(running.url, 'Anna', { displayName: 'Anna de Vries', networkName: 'Burennetwerk Sleutelbloem' });
    const token = await logIn(me.session.organiser.email);
    await logIn(me.session.organiser.email); // another device
    const { context, page } = await device(options, token, language);
    await page.goto(`${running.url}/account`);
    const t = language === 'nl' ? NL : EN;
    await page.getByRole('heading', { name: t.title }).waitFor();
    await page.getByTestId('sessions').getByText(t.thisBrowser).waitFor();
    expect(await page.getByTestId('sessions').getByRole('listitem').count()).toBeGreaterThanOrEqual(3);
    expect(await noHorizontalScroll(page)).toBe(0);
    await expectAccessible(page);
    await shot(page, `account-${label}-${language}`);

    await page.getByTestId('end-others').click();
    await page.getByText(t.endedOthers).waitFor();
    expect(await page.getByTestId('sessions').getByRole('listitem').count()).toBe(1);

    // A wrong current password is refused in the page's language; a mismatch is caught before sending.
    await page.getByLabel(t.current, { exact: true }).fill('niet goed wachtwoord');
    await page.getByLabel(t.new, { exact: true }).fill('een nieuw lang wachtwoord');
    await page.getByLabel(t.repeat, { exact: true }).fill('een ander lang wachtwoord');
    await page.getByTestId('password-form').getByRole('button', { name: t.change }).click();
    await page.getByText(t.mismatch).waitFor();
    await page.getByLabel(t.repeat, { exact: true }).fill('een nieuw lang wachtwoord');
    await page.getByTestId('password-form').getByRole('button', { name: t.change }).click();
    await page.getByText(t.incorrect).waitFor();
    await shot(page, `account-${label}-${language}-wrong-password`);
    await page.getByLabel(t.current, { exact: true }).fill('correct horse battery');
    await page.getByTestId('password-form').getByRole('button', { name: t.change }).click();
    await page.getByText(t.changed).waitFor();
    await logIn(me.session.organiser.email, 'een nieuw lang wachtwoord');
    await context.close();
  });
});

describe('the network page', () => {
  it.each([
    ['laptop', LAPTOP, 'nl'],
    ['phone', PHONE, 'en'],
  ] as const)('changes a role and removes a member, and lists the changes (%s, %s)', async (label, options, language) => {
    const token = await logIn(owner.session.organiser.email);
    const name = `Kees ${label}`;
    const email = `kees.${label}@sleutelbloem.nl`;
    const invite = (await owner.post('/api/network/invitations', { email, role: 'moderator' }).expect(201)).body as CreatedInvitationResponse;
    await organiser(running.url, 'Kees', { email, displayName: name, inviteToken: invite.inviteUrl.split('/').pop()!, networkName: undefined as unknown as string });
    const { context, page } = await device(options, token, language);
    const t = language === 'nl' ? NL : EN;
    await page.goto(`${running.url}/network`);
    const card = page.getByTestId('member').filter({ hasText: name });
    await card.waitFor();
    await card.getByTestId('member-role').selectOption('co-organiser');
    await card.getByTestId('member-role-save').click();
    await card.getByText(t.coOrganiser, { exact: true }).first().waitFor();
    await page.getByTestId('network-events').getByText(name).first().waitFor();
    expect(await noHorizontalScroll(page)).toBe(0);
    await expectAccessible(page);
    await shot(page, `network-${label}-${language}`);

    await card.getByTestId('member-remove').click();
    await page.getByRole('dialog').getByRole('button', { name: t.remove }).click();
    await card.waitFor({ state: 'detached' });
    await page.getByTestId('network-events').getByText(t.removedEvent(name)).waitFor();
    await shot(page, `network-${label}-${language}-removed`);
    await request(running.url).post('/api/auth/login').send({ email, password: 'correct horse battery' }).expect(401);
    await context.close();
  });

  it('shows a moderator the members without the controls', async () => {
    const { context, page } = await device(PHONE, moderator.session.token);
    await page.goto(`${running.url}/network`);
    await page.getByTestId('member').first().waitFor();
    expect(await page.getByTestId('member-role').count()).toBe(0);
    expect(await page.getByTestId('network-events').count()).toBe(0);
    await shot(page, 'network-phone-moderator');
    await context.close();
  });
});

describe('tickets and a released phone', () => {
  it('lists the tickets without any code, on a laptop and a phone', async () => {
    for (const [label, options] of [['laptop', LAPTOP], ['phone', PHONE]] as const) {
      const { context, page } = await device(options, owner.session.token);
      await page.goto(`${running.url}/evenings/${evening.id}/tickets`);
      await page.getByTestId('ticket-table').waitFor();
      const text = await page.locator('main').innerText();
      for (const code of codes.values()) expect(text).not.toContain(code.slice(0, 5));
      expect(await noHorizontalScroll(page)).toBe(0);
      await expectAccessible(page);
      await shot(page, `tickets-${label}`);
      await context.close();
    }
  });

  it('tells the phone at once that its ticket was released, also after a reload, and lets the card continue elsewhere without the ballots', async () => {
    const code = codes.get(1)!;
    const oldPhone = await device(PHONE);
    await oldPhone.page.goto(`${running.url}/j/${evening.joinCode}?t=${code}`);
    await oldPhone.page.getByRole('button', { name: 'Ik heb geen band' }).click();
    const hostSocket = await connect(running.url, { role: 'host', eveningId: evening.id, token: owner.session.token });
    sockets.push(hostSocket);
    const bidder = evening.bidders[0]!;
    ok(await call(hostSocket, 'host:command', { type: 'start-pitch', bidderId: bidder.id }));
    ok(await call(hostSocket, 'host:command', { type: 'open-scoring', bidderId: bidder.id }));
    const card = oldPhone.page.getByRole('region', { name: `Beoordeel: ${bidder.name}` });
    const form = card.getByTestId('ballot-form');
    for (let i = 0; i < evening.criteria.length; i++) await form.getByRole('group').nth(i).getByRole('radio', { name: 'Goed', exact: true }).check();
    await form.getByText('Opmerking (optioneel)').click(); // folded away until asked for
    await form.getByLabel('Opmerking (optioneel)').fill('Alleen voor mij');
    await form.getByRole('button', { name: 'Beoordeling versturen' }).click();
    await card.getByTestId('receipt').waitFor();

    // The moderator releases the ticket: the open phone says so at once.
    const tickets = ((await moderator.get(`/api/evenings/${evening.id}/tickets`).expect(200)).body as TicketsResponse).tickets;
    await moderator.post(`/api/evenings/${evening.id}/tickets/${tickets.find((x) => x.number === 1)!.id}/release`, { reason: 'Telefoon leeg' }).expect(200);
    await oldPhone.page.getByTestId('ticket-released').waitFor();
    await oldPhone.page.getByText('Dit toegangsbewijs is vrijgegeven voor een andere telefoon.', { exact: false }).first().waitFor();
    expect(await oldPhone.page.getByTestId('ballot-form').count()).toBe(0);
    expect(await noHorizontalScroll(oldPhone.page)).toBe(0);
    await expectAccessible(oldPhone.page);
    await shot(oldPhone.page, 'phone-released-at-once');
    await oldPhone.page.reload();
    await oldPhone.page.getByTestId('ticket-released').waitFor();
    await shot(oldPhone.page, 'phone-released-after-reload');

    // The card on another phone: the same voter, the pitch marked as scored, nothing of its contents.
    const newPhone = await device(PHONE);
    await newPhone.page.goto(`${running.url}/j/${evening.joinCode}?t=${code}`);
    await newPhone.page.getByRole('button', { name: 'Ik heb geen band' }).click();
    const replaced = newPhone.page.getByRole('region', { name: `Beoordeel: ${bidder.name}` });
    await replaced.getByTestId('scored-elsewhere').waitFor();
    expect(await newPhone.page.locator('main').innerText()).not.toContain('Alleen voor mij');
    expect(await replaced.getByTestId('ballot-form').count()).toBe(0);
    await expectAccessible(newPhone.page);
    await shot(newPhone.page, 'phone-continues-without-ballots');
    await replaced.getByRole('button', { name: 'Nieuwe beoordeling geven' }).click();
    expect(await replaced.getByTestId('ballot-form').getByRole('radio', { checked: true }).count()).toBe(0);
    await shot(newPhone.page, 'phone-continues-new-ballot');
    await oldPhone.context.close();
    await newPhone.context.close();
  });

  it('tells a host console that its session ended, and offers to log in again', async () => {
    for (const [label, options, language] of [['laptop', LAPTOP, 'nl'], ['phone', PHONE, 'en']] as const) {
      const token = await logIn(owner.session.organiser.email);
      const { context, page } = await device(options, token, language);
      await page.goto(`${running.url}/evenings/${evening.id}/live`);
      await page.getByTestId('host-join-code').waitFor();
      await request(running.url).post('/api/auth/logout').set('Authorization', `Bearer ${token}`).expect(204);
      await page.getByTestId('host-session-ended').waitFor();
      expect(await noHorizontalScroll(page)).toBe(0);
      await shot(page, `host-session-ended-${label}-${language}`);
      await page.getByRole('button', { name: language === 'nl' ? 'Opnieuw inloggen' : 'Log in again' }).click();
      await page.waitForURL(/\/login$/);
      await context.close();
    }
  });
});

const NL = {
  title: 'Je account',
  thisBrowser: 'deze browser',
  endedOthers: /sessies? beëindigd/,
  current: 'Huidig wachtwoord',
  new: 'Nieuw wachtwoord',
  repeat: 'Nieuw wachtwoord nog een keer',
  change: 'Wachtwoord wijzigen',
  mismatch: 'De twee nieuwe wachtwoorden zijn niet gelijk.',
  incorrect: 'Je huidige wachtwoord klopt niet.',
  changed: 'Wachtwoord gewijzigd.',
  coOrganiser: 'Mede-organisator',
  remove: 'Verwijderen',
  removedEvent: (name: string) => new RegExp(`heeft ${name} \\(Mede-organisator\\) verwijderd`),
};
const EN = {
  title: 'Your account',
  thisBrowser: 'this browser',
  endedOthers: /sessions? ended/,
  current: 'Current password',
  new: 'New password',
  repeat: 'New password again',
  change: 'Change password',
  mismatch: 'The two new passwords are not the same.',
  incorrect: 'Your current password is not correct.',
  changed: 'Password changed.',
  coOrganiser: 'Co-organiser',
  remove: 'Remove',
  removedEvent: (name: string) => new RegExp(`removed ${name} \\(Co-organiser\\)`),
};
