import * as path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import request from 'supertest';
import type { EveningDetail } from '@buurtjury/shared';
import { startApp, type RunningApp } from '../support/app';
import { artifactDir, launchBrowser, seriousA11yViolations } from '../support/browser';

/**
 * An organiser prepares an evening in a real browser: signs up, builds an evening with three
 * bidders and four criteria, freezes it and sees the QR code. Screenshots go to test/artifacts/setup.
 */
let running: RunningApp;
let browser: Browser;
const shots = artifactDir('setup');
const shot = (page: Page, name: string) => page.screenshot({ path: path.join(shots, `${name}.png`), fullPage: true });

beforeAll(async () => {
  running = await startApp({ PUBLIC_URL: 'https://jury.example.nl' });
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
  await running?.close();
});

async function expectAccessible(page: Page): Promise<void> {
  expect(await seriousA11yViolations(page)).toEqual([]);
}

describe('serving the app', () => {
  it('serves the app at / and on deep links, but JSON errors under /api', async () => {
    const home = await request(running.url).get('/').expect(200);
    expect(home.text).toContain('<div id="app"');
    const deep = await request(running.url).get('/evenings/some-id').expect(200);
    expect(deep.headers['content-type']).toMatch(/text\/html/);
    const api = await request(running.url).get('/api/nothing-here').expect(404);
    expect(api.body).toMatchObject({ code: 'NOT_FOUND' });
  });
});

describe('an organiser prepares an evening in the browser', () => {
  let page: Page;
  let eveningId = '';

  beforeAll(async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, locale: 'nl-NL' });
    page = await context.newPage();
    // A step that cannot happen fails within seconds, naming what it waited for.
    page.setDefaultTimeout(8_000);
  });

  it('signs up and lands on the list of evenings', async () => {
    await page.goto(`${running.url}/signup`);
    await page.getByLabel('E-mailadres').fill('anna@sleutelbloem.nl');
    await page.getByLabel('Wachtwoord').fill('een lang wachtwoord');
    await page.getByLabel('Je naam').fill('Anna de Vries');
    await page.getByLabel('Naam van je bewonersnetwerk').fill('Burennetwerk Sleutelbloem');
    await shot(page, '01-signup');
    await expectAccessible(page);
    await page.getByRole('button', { name: 'Account aanmaken' }).click();
    await page.waitForURL('**/evenings');
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('Avonden');
    await expectAccessible(page);
    await shot(page, '02-evenings-empty');
  });

  it('creates an evening and fills in the tender', async () => {
    await page.getByLabel('Titel van de avond').fill('Idols-avond wijkprogramma');
    await page.getByRole('button', { name: 'Avond aanmaken' }).click();
    await page.waitForURL(/\/evenings\/[0-9a-f-]{36}$/);
    eveningId = page.url().split('/').pop()!;
    const tender = page.locator('#tender');
    await tender.getByLabel('Gemeente').fill('Gemeente Eemhoven');
    await tender.getByLabel('Naam van de aanbesteding').fill('Coördinatie wijkprogramma 2027');
    await tender.getByRole('button', { name: 'Opslaan' }).click();
    await tender.getByText('Opgeslagen').waitFor();
  });

  it('adds three bidders and draws the running order by lot', async () => {
    const bidders = page.locator('#bidders');
    for (const name of ['Stichting Wijkkracht', 'Welzijn Eemland', 'Coöperatie Buurtwerk']) {
      await bidders.getByLabel('Naam van de organisatie').fill(name);
      await bidders.getByLabel('Duur van de pitch (minuten)').fill('10');
      await bidders.getByRole('button', { name: 'Inschrijver toevoegen' }).click();
      await bidders.getByTestId('bidder-row').filter({ hasText: name }).waitFor();
    }
    expect(await bidders.getByTestId('bidder-row').count()).toBe(3);
    // Keyboard-friendly reordering: the last bidder moves up one place and keeps the focus.
    await bidders.getByRole('button', { name: /^Omhoog\s*: Coöperatie Buurtwerk$/ }).click();
    await page.waitForFunction(() => document.querySelectorAll('[data-testid="bidder-row"]')[1]?.textContent?.includes('Coöperatie Buurtwerk'));
    expect(await bidders.getByTestId('bidder-row').allTextContents()).toEqual([
      expect.stringContaining('Stichting Wijkkracht'),
      expect.stringContaining('Coöperatie Buurtwerk'),
      expect.stringContaining('Welzijn Eemland'),
    ]);
    expect(await page.evaluate(() => document.activeElement?.id)).toMatch(/^bidder-up-/);
    await bidders.getByText('Of: nu meteen loten zonder vastlegging').click();
    await bidders.getByLabel('Startwaarde (optioneel)').fill('dobbelsteen 4-1-6');
    await bidders.getByRole('button', { name: 'Volgorde loten' }).click();
    await bidders.getByText('Huidige volgorde: geloot.').waitFor();
    await shot(page, '03-bidders-drawn');
  });

  it('adds four criteria and shows the live weight total', async () => {
    const criteria = page.locator('#criteria');
    const weights = [30, 30, 20, 15];
    for (const [i, name] of ['Kennis van de wijk', 'Ruimte voor bewoners', 'Haalbaarheid', 'Overtuigingskracht'].entries()) {
      await criteria.getByLabel('Naam van het criterium').fill(name);
      await criteria.getByLabel('Gewicht (%)').fill(String(weights[i]));
      await criteria.getByRole('button', { name: 'Criterium toevoegen' }).click();
      await criteria.getByTestId('criterion-row').filter({ hasText: name }).waitFor();
    }
    const total = criteria.getByTestId('weight-total');
    expect(await total.textContent()).toContain('95 %');
    expect(await total.textContent()).toContain('moet 100 % zijn');
    expect(await criteria.getByRole('button', { name: 'Gewichten opslaan' }).isDisabled()).toBe(true);
    await shot(page, '04-criteria-95');
    const last = criteria.getByTestId('criterion-row').filter({ hasText: 'Overtuigingskracht' });
    await last.getByRole('spinbutton').fill('20');
    expect(await total.textContent()).toContain('100 %');
    await criteria.getByRole('button', { name: 'Gewichten opslaan' }).click();
    await criteria.getByText('Opgeslagen').first().waitFor();
    await expectAccessible(page);
  });

  it('freezes the setup, shows its fingerprint and the join QR code', async () => {
    await page.getByRole('button', { name: 'Opzet vastzetten' }).click();
    await page.getByRole('button', { name: 'Ja, vastzetten' }).click();
    const fingerprint = page.getByTestId('fingerprint');
    await fingerprint.waitFor();
    const token = await page.evaluate(() => localStorage.getItem('buurtjury.token'));
    const detail = (await request(running.url).get(`/api/evenings/${eveningId}`).set('Authorization', `Bearer ${token}`).expect(200)).body as EveningDetail;
    expect(detail.status).toBe('frozen');
    expect(detail.bidders).toHaveLength(3);
    expect(detail.criteria.map((c) => c.weight)).toEqual([30, 30, 20, 20]);
    expect((await fingerprint.textContent())!.replace(/\s/g, '')).toBe(detail.fingerprint);
    await shot(page, '05-frozen');

    const qr = page.getByTestId('qr-code');
    await qr.scrollIntoViewIfNeeded();
    expect(await qr.isVisible()).toBe(true);
    expect(await qr.getAttribute('aria-label')).toContain(`https://jury.example.nl/j/${detail.joinCode}`);
    expect(await page.getByTestId('join-code').textContent()).toContain(detail.joinCode);
    await qr.screenshot({ path: path.join(shots, '06-qr.png') });
    await expectAccessible(page);
  });

  it('works on a phone-sized screen', async () => {
    const token = await page.evaluate(() => localStorage.getItem('buurtjury.token'));
    const phone = await browser.newContext({ viewport: { width: 390, height: 844 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true });
    await phone.addInitScript((t) => localStorage.setItem('buurtjury.token', t ?? ''), token);
    const p = await phone.newPage();
    await p.goto(`${running.url}/evenings/${eveningId}`);
    await p.getByTestId('fingerprint').waitFor();
    const overflow = await p.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    await shot(p, '07-phone-frozen-editor');
    await expectAccessible(p);
    await phone.close();
  });
});
