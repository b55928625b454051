import * as path from 'node:path';
import request from 'supertest';
import type { Browser, Page } from 'playwright-core';
import type { EveningDetail, JoinResponse } from '@buurtjury/shared';
import { completeEvening, organiser, type Organiser } from '../support/api';
import { startApp, type RunningApp } from '../support/app';
import { artifactDir, launchBrowser, seriousA11yViolations } from '../support/browser';

/**
 * The host console shows how phones join: against the expected attendance, per minute and per
 * address code, and warns when an open evening grows beyond the room (here: 12 phones from one
 * address within seconds, 14 in a room of 5). On a phone (360×740) and a laptop (1280×800).
 * Screenshots go to test/artifacts/join-watch.
 */
let running: RunningApp;
let browser: Browser;
let host: Organiser;
let evening: EveningDetail;
const shots = artifactDir('join-watch');
const overflow = (page: Page) => page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);

beforeAll(async () => {
  running = await startApp();
  browser = await launchBrowser();
  host = await organiser(running.url, 'Host');
  const draft = await completeEvening(host, 'Open avond');
  evening = (await host.post(`/api/evenings/${draft.id}/freeze`).expect(200)).body as EveningDetail;
});
afterAll(async () => {
  await browser?.close();
  await running?.close();
});

const join = (address: string) =>
  request(running.url).post('/api/join').set('X-Forwarded-For', address).send({ joinCode: evening.joinCode }).expect(200) as unknown as Promise<{ body: JoinResponse }>;

it('lets the host set the expected attendance and warns about implausible joins, on a phone and a laptop', async () => {
  const context = await browser.newContext({ locale: 'nl-NL', viewport: { width: 1280, height: 800 } });
  await context.addInitScript((token) => localStorage.setItem('buurtjury.token', token), host.session.token);
  const page = await context.newPage();
  page.setDefaultTimeout(20_000);
  await page.goto(`${running.url}/evenings/${evening.id}/live`);
  const panel = page.getByTestId('join-watch');
  await panel.getByText('Nog geen aanmeldingen.').waitFor();
  await panel.getByLabel('Verwachte opkomst').fill('5');
  await panel.getByRole('button', { name: 'Opslaan' }).click();
  await panel.getByText('Verwachte opkomst opgeslagen').waitFor();

  for (let i = 0; i < 12; i++) await join('203.0.113.7');
  for (let i = 0; i < 2; i++) await join('198.51.100.20');
  const warnings = panel.getByTestId('join-warnings');
  await warnings.getByText('Er zijn 14 telefoons aangemeld, meer dan de 5 die je verwacht.').waitFor();
  await warnings.getByText(/Van één netwerkadres \(code [0-9a-f]{8}\) meldden zich 12 telefoons aan binnen 10 seconden/).waitFor();
  expect(await panel.innerText()).not.toMatch(/203\.0\.113|198\.51\.100/);
  expect(await panel.locator('tbody tr').count()).toBe(2);
  expect(await seriousA11yViolations(page)).toEqual([]);
  await panel.evaluate((el) => el.scrollIntoView({ block: 'start' }));
  await page.screenshot({ path: path.join(shots, 'console-1280.png'), animations: 'disabled' });

  await page.setViewportSize({ width: 360, height: 740 });
  await panel.evaluate((el) => el.scrollIntoView({ block: 'start' }));
  expect(await overflow(page)).toBe(0);
  await page.screenshot({ path: path.join(shots, 'console-360.png'), animations: 'disabled' });
  await context.close();
}, 90_000);
