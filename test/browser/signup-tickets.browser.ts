import { mkdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import request from 'supertest';
import type { Browser, Page } from 'playwright-core';
import { completeEvening, organiser, type Organiser } from '../support/api';
import { startApp, type RunningApp } from '../support/app';
import { announce } from '../support/signup';
import { artifactDir, launchBrowser, seriousA11yViolations } from '../support/browser';

/**
 * On an evening that admits by ticket: a resident signs up on a phone (360x740) and finds a
 * personal ticket (QR code and code) on the confirmation page, then cancels and the ticket is gone;
 * the organisers' sign-up page (1280x800 and 360x740) shows the counts, the waiting list, the CSV
 * and arrivals. Axe finds nothing serious or critical; every page fits its width. Screenshots go
 * to test/artifacts/signup-tickets (and SHOTS_DIR when set).
 */
let running: RunningApp;
let browser: Browser;
let host: Organiser;
let eveningId: string;
let code: string;
const shots = [artifactDir('signup-tickets'), ...(process.env.SHOTS_DIR ? [process.env.SHOTS_DIR] : [])];
for (const dir of shots) mkdirSync(dir, { recursive: true });

async function shot(page: Page, name: string): Promise<void> {
  for (const dir of shots) await page.screenshot({ path: path.join(dir, name), fullPage: true });
}
const fitsWidth = (page: Page) => page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth);

beforeAll(async () => {
  running = await startApp({ SIGNUP_RATE_LIMIT: '1000' }, { venueHost: '127.0.0.1' });
  host = await organiser(running.url, 'Anna');
  const evening = await completeEvening(host, 'Pitchavond Kruiskamp');
  eveningId = evening.id;
  await host.patch(`/api/evenings/${evening.id}`, { rules: { accessMode: 'tickets' } }).expect(200);
  code = await announce(host, evening.id, { capacity: 3, nameOnly: true });
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
  await running?.close();
});

it('signs up on a phone, shows the personal ticket on the confirmation, and cancelling withdraws it', async () => {
  const context = await browser.newContext({ viewport: { width: 360, height: 740 }, locale: 'nl-NL' });
  const page = await context.newPage();
  page.setDefaultTimeout(15_000);
  await page.goto(`${running.url}/a/${code}`);
  await page.getByRole('heading', { level: 1, name: 'Pitchavond Kruiskamp' }).waitFor();
  expect(await fitsWidth(page)).toBe(true);
  expect(await seriousA11yViolations(page)).toEqual([]);
  await shot(page, 'tickets-announcement-360.png');

  await page.getByLabel('Naam').fill('Fatima');
  await page.getByRole('button', { name: 'Aanmelden' }).click();
  await page.getByTestId('signup-status').getByText('Fatima, je bent aangemeld voor Pitchavond Kruiskamp.').waitFor();
  const ticket = page.getByTestId('signup-ticket');
  await ticket.getByRole('heading', { name: 'Je toegangskaart' }).waitFor();
  await ticket.getByTestId('ticket-qr').locator('svg').waitFor();
  const shown = (await ticket.getByTestId('ticket-code').textContent())!.trim();
  expect(shown).toMatch(/^[A-Z0-9]{5}-[A-Z0-9]{5}$/);
  await ticket.getByText('Kaart nummer 1').waitFor();
  expect(await fitsWidth(page)).toBe(true);
  expect(await seriousA11yViolations(page)).toEqual([]);
  await shot(page, 'tickets-confirmation-360.png');

  // The code on the page is the ticket's: the organisers see ticket 1, unused.
  const listed = (await host.get(`/api/evenings/${eveningId}/tickets`).expect(200)).body as { tickets: { number: number; status: string }[] };
  expect(listed.tickets).toEqual([expect.objectContaining({ number: 1, status: 'unused' })]);

  await page.getByText('Afmelden maakt je toegangskaart ongeldig.').waitFor();
  await page.getByRole('button', { name: 'Afmelden' }).click();
  await page.getByText('Je bent afgemeld voor Pitchavond Kruiskamp.').waitFor();
  expect(await page.getByTestId('signup-ticket').count()).toBe(0);
  expect(((await host.get(`/api/evenings/${eveningId}/tickets`).expect(200)).body as { tickets: unknown[] }).tickets).toEqual([]);
  expect(await seriousA11yViolations(page)).toEqual([]);
  await shot(page, 'tickets-cancelled-360.png');
  await context.close();
});

it('shows the organisers the list with counts, the waiting list, the CSV and arrivals, on a laptop and a phone', async () => {
  const signUp = (name: string, guests: number) => request(running.url).post(`/api/announcements/${code}/signups`).send({ name, guests }).expect(201);
  await signUp('Bert', 1);
  await signUp('Cees', 0);
  await signUp('Dirk', 1);
  for (const [width, height] of [
    [1280, 800],
    [360, 740],
  ] as const) {
    const context = await browser.newContext({ viewport: { width, height }, locale: 'nl-NL', acceptDownloads: true });
    await context.addInitScript((t) => localStorage.setItem('buurtjury.token', t), host.session.token);
    const page = await context.newPage();
    page.setDefaultTimeout(15_000);
    await page.goto(`${running.url}/evenings/${eveningId}/signups`);
    await page.getByRole('heading', { level: 1, name: 'Aankondiging en aanmeldingen' }).waitFor();
    const counts = page.getByTestId('signup-counts');
    await counts.getByText(/2 aanmeldingen \(3 personen\), 1 op de wachtlijst, 1 afgemeld/).waitFor();
    await page.getByRole('cell', { name: 'wachtlijst' }).waitFor();
    if (width === 1280) {
      await page.getByRole('checkbox', { name: /Bert/ }).check();
      await counts.getByText(/1 aanwezig/).waitFor();
      const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Exporteren als CSV' }).click()]);
      const file = await download.path();
      const csv = readFileSync(file, 'utf8').replace(/^\ufeff/, '');
      expect(csv.split('\r\n')[0]).toBe('Naam,E-mail,Komt mee,Personen,Status,Aangemeld,Afgemeld,Aanwezig');
      expect(csv).toMatch(/\r\nDirk,,1,2,wachtlijst,/);
    }
    await shot(page, `signups-list-${width}.png`);
    expect({ width, fits: await fitsWidth(page) }).toEqual({ width, fits: true });
    expect(await seriousA11yViolations(page)).toEqual([]);
    await context.close();
  }
});
