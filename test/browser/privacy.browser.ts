import * as path from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import type { EveningDetail } from '@buurtjury/shared';
import { completeEvening, organiser } from '../support/api';
import { startApp, type RunningApp } from '../support/app';
import { artifactDir, launchBrowser, seriousA11yViolations } from '../support/browser';

/**
 * The privacy page on a phone-sized screen, in Dutch and English, with the retention period the
 * server is configured with, and the links to it. Screenshots go to test/artifacts/privacy.
 */
let running: RunningApp;
let browser: Browser;
let context: BrowserContext;
const shots = artifactDir('privacy');

beforeAll(async () => {
  running = await startApp({ RETENTION_DAYS: '45' });
  browser = await launchBrowser();
  context = await browser.newContext({ viewport: { width: 360, height: 740 }, locale: 'nl-NL' });
});
afterAll(async () => {
  await browser?.close();
  await running?.close();
});

async function open(path_: string): Promise<Page> {
  const page = await context.newPage();
  page.setDefaultTimeout(8_000);
  await page.goto(`${running.url}${path_}`);
  return page;
}

/** Whether the page fits the viewport's width (no sideways scrolling). */
const fitsWidth = (page: Page) => page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth);

it('explains in Dutch, at 360 px, with the configured retention period', async () => {
  const page = await open('/privacy');
  await page.getByRole('heading', { level: 1, name: 'Privacy' }).waitFor();
  await page.getByText('45 dagen nadat het advies van een avond is vastgesteld').waitFor();
  await page.getByText('Is er geen advies vastgesteld, dan 45 dagen na het einde van de avond').waitFor();
  await page.getByText(/de opmerkingen zoals ze zijn ingetypt/).waitFor();
  await page.getByText(/Je ontvangstcode blijft in de gepubliceerde stemmen staan/).waitFor();
  await page.getByText(/de gepubliceerde stemmen bevatten geen kloktijden/).waitFor();
  await page.getByText(/nooit het adres zelf/).waitFor();
  await page.getByText(/van je telefoon een beoordeling voor die pitch te laat kwam/).waitFor();
  await page.getByRole('heading', { name: 'Geen cookies of trackers' }).waitFor();
  expect(await fitsWidth(page)).toBe(true);
  expect(await seriousA11yViolations(page)).toEqual([]);
  await page.screenshot({ path: path.join(shots, 'privacy-nl-360.png'), fullPage: true });
  await page.setViewportSize({ width: 1280, height: 800 });
  expect(await fitsWidth(page)).toBe(true);
  await page.screenshot({ path: path.join(shots, 'privacy-nl-1280.png'), fullPage: true });
  await page.setViewportSize({ width: 360, height: 740 });
  await page.close();
});

it('explains in English once the visitor picks English', async () => {
  const page = await open('/privacy');
  await page.getByRole('button', { name: 'English' }).click();
  await page.getByText('45 days after an evening’s advice has been issued').waitFor();
  await page.getByRole('heading', { name: 'No cookies or trackers' }).waitFor();
  expect(await fitsWidth(page)).toBe(true);
  await page.screenshot({ path: path.join(shots, 'privacy-en-360.png'), fullPage: true });
  await page.evaluate(() => localStorage.removeItem('buurtjury.language'));
  await page.close();
});

it('is linked from the phone’s join screen and from the footer', async () => {
  const host = await organiser(running.url, 'Host');
  const draft = await completeEvening(host);
  const evening = (await host.post(`/api/evenings/${draft.id}/freeze`).expect(200)).body as EveningDetail;
  const page = await open(`/j/${evening.joinCode}`);
  await page.getByRole('link', { name: 'Je stemt anoniem. Lees wat er wordt bewaard en hoe lang.' }).click();
  await page.waitForURL(`${running.url}/privacy`);
  await page.getByRole('heading', { level: 1, name: 'Privacy' }).waitFor();
  await page.goto(`${running.url}/login`);
  await page.getByRole('contentinfo').getByRole('link', { name: 'Privacy' }).click();
  await page.waitForURL(`${running.url}/privacy`);
  await page.close();
});
