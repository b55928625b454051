import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { completeEvening, organiser } from '../support/api';
import { startApp, type RunningApp } from '../support/app';
import { announce } from '../support/signup';
import { artifactDir, launchBrowser, seriousA11yViolations } from '../support/browser';

/**
 * A resident signs up on a phone (360x740): the announcement, the form, the confirmation page
 * with the calendar file, cancelling; axe finds nothing serious or critical on either page, both
 * fit the width; the announcement prints as an A4 flyer with a QR code. Screenshots and the
 * flyer's PDF go to test/artifacts/signup.
 */
let running: RunningApp;
let browser: Browser;
let context: BrowserContext;
let code: string;
const shots = artifactDir('signup');

beforeAll(async () => {
  running = await startApp({}, { venueHost: '127.0.0.1' });
  const o = await organiser(running.url, 'Anna');
  const evening = await completeEvening(o, 'Pitchavond Kruiskamp');
  code = await announce(o, evening.id);
  browser = await launchBrowser();
  context = await browser.newContext({ viewport: { width: 360, height: 740 }, locale: 'nl-NL', acceptDownloads: true });
});
afterAll(async () => {
  await browser?.close();
  await running?.close();
});

const fitsWidth = (page: Page) => page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth);

it('signs up on a phone, shows the confirmation with a calendar file, and cancels', async () => {
  const page = await context.newPage();
  page.setDefaultTimeout(10_000);
  await page.goto(`${running.url}/a/${code}`);
  await page.getByRole('heading', { level: 1, name: 'Pitchavond Kruiskamp' }).waitFor();
  await page.getByText('Nog 2 plaatsen vrij.').waitFor();
  await page.getByText(/niet nodig om mee te beoordelen/).waitFor();
  expect(await fitsWidth(page)).toBe(true);
  expect(await seriousA11yViolations(page)).toEqual([]);
  await page.screenshot({ path: path.join(shots, 'announcement-360.png'), fullPage: true });

  await page.getByLabel('Naam').fill('Fatima');
  await page.getByLabel('E-mailadres').fill('fatima@example.nl');
  await page.getByLabel('Hoeveel mensen neem je mee?').fill('1');
  await page.getByRole('button', { name: 'Aanmelden' }).click();
  await page.getByTestId('signup-status').getByText('Fatima, je bent aangemeld voor Pitchavond Kruiskamp.').waitFor();
  expect(page.url()).toMatch(/\/s\/[A-Za-z0-9_-]{43}$/);
  await page.getByText('2 personen').waitFor();
  expect(await fitsWidth(page)).toBe(true);
  expect(await seriousA11yViolations(page)).toEqual([]);
  await page.screenshot({ path: path.join(shots, 'confirmation-360.png'), fullPage: true });

  const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: 'Zet in je agenda (.ics)' }).click()]);
  const ics = path.join(mkdtempSync(path.join(tmpdir(), 'ics-')), 'a.ics');
  await download.saveAs(ics);
  expect(execFileSync('cat', [ics]).toString()).toContain('SUMMARY:Pitchavond Kruiskamp');

  // The room is now full: the announcement says so.
  await page.goto(`${running.url}/a/${code}`);
  await page.getByText(/De zaal is vol/).waitFor();
  await page.goBack();
  await page.getByRole('button', { name: 'Afmelden' }).click();
  await page.getByText('Je bent afgemeld voor Pitchavond Kruiskamp.').waitFor();
  await page.screenshot({ path: path.join(shots, 'cancelled-360.png'), fullPage: true });
  await page.close();
});

it('prints the announcement as an A4 flyer with a QR code', async () => {
  const page = await context.newPage();
  await page.goto(`${running.url}/a/${code}`);
  await page.getByRole('heading', { level: 1, name: 'Pitchavond Kruiskamp' }).waitFor();
  await page.locator('.flyer-qr svg').waitFor({ state: 'attached' });
  await page.emulateMedia({ media: 'print' });
  expect(await page.locator('.flyer-qr svg').isVisible()).toBe(true);
  expect(await page.locator('#signup-name').isVisible()).toBe(false);
  const pdf = await page.pdf({ format: 'A4', printBackground: true });
  const file = path.join(shots, 'flyer.pdf');
  writeFileSync(file, pdf);
  const pages = Number(/Pages:\s+(\d+)/.exec(execFileSync('pdfinfo', [file]).toString())![1]);
  expect(pages).toBe(1);
  await page.close();
});
