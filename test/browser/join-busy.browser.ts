import * as path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import request from 'supertest';
import type { EveningDetail, JoinResponse } from '@buurtjury/shared';
import { completeEvening, organiser } from '../support/api';
import { startApp, type RunningApp } from '../support/app';
import { artifactDir, launchBrowser } from '../support/browser';
import { connect, type Client } from '../support/sockets';

/**
 * A phone refused at joining because many phones joined without connecting (429 JOIN_BUSY) says
 * so in the reader's language only, counts down, and joins by itself once there is room: nobody
 * has to reload. The server's real refusal is used; only its Retry-After is shortened in the
 * browser so the test need not wait a minute. Screenshots go to test/artifacts/join-busy.
 */
let running: RunningApp;
let browser: Browser;
let evening: EveningDetail;
let hostToken: string;
const waiting: string[] = [];
const sockets: Client[] = [];
const shots = artifactDir('join-busy');

beforeAll(async () => {
  running = await startApp({ JOIN_CEILING_MIN: '10', JOIN_RATE_LIMIT: '1000' });
  const host = await organiser(running.url, 'Host');
  hostToken = host.session.token;
  evening = (await host.post(`/api/evenings/${(await completeEvening(host)).id}/freeze`).expect(200)).body as EveningDetail;
  browser = await launchBrowser();
});
afterAll(async () => {
  for (const s of sockets) s.close();
  await browser?.close();
  await running.close();
});

/** Ten phones join from ten addresses and never connect: the evening's ceiling of waiting phones is reached. */
async function fillCeiling(): Promise<void> {
  for (let i = waiting.length; i < 10; i++) {
    const res = await request(running.url).post('/api/join').set('X-Forwarded-For', `10.1.${i}.1`).send({ joinCode: evening.joinCode }).expect(200);
    waiting.push((res.body as JoinResponse).attendeeToken);
  }
}

async function phonePage(locale: string): Promise<{ page: Page; refusals: number[] }> {
  const context = await browser.newContext({ locale, viewport: { width: 360, height: 740 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true });
  // The visitor's own choice of language (the language menu remembers it).
  await context.addInitScript((language) => localStorage.setItem('buurtjury.language', language), locale.slice(0, 2));
  const page = await context.newPage();
  page.setDefaultTimeout(15_000);
  const refusals: number[] = [];
  await page.route('**/api/join', async (route) => {
    const response = await route.fetch();
    if (response.status() !== 429) return route.fulfill({ response });
    refusals.push(Number(response.headers()['retry-after']));
    return route.fulfill({ response, headers: { ...response.headers(), 'retry-after': '3' } });
  });
  await page.goto(`${running.url}/j/${evening.joinCode}`);
  return { page, refusals };
}

it.each([
  ['nl-NL', /Er melden zich nu veel telefoons tegelijk aan\. Je telefoon probeert het over \d+ seconden? vanzelf opnieuw/, /many phones|tries again/i],
  ['en-GB', /Many phones are joining at once\. Your phone tries again by itself in \d+ seconds?/, /telefoons|opnieuw/i],
])('in %s: says so in one language, counts down, and joins by itself once there is room', async (locale, message, otherLanguage) => {
  await fillCeiling();
  const { page, refusals } = await phonePage(locale);
  const busy = page.getByTestId('join-busy');
  await busy.waitFor();
  expect(refusals[0]).toBeGreaterThanOrEqual(1);
  expect(refusals[0]).toBeLessThanOrEqual(60);
  const text = (await busy.textContent()) ?? '';
  expect(text).toMatch(message);
  expect(await page.locator('main, body').first().innerText()).not.toMatch(otherLanguage);
  await page.screenshot({ path: path.join(shots, `busy-${locale}.png`), animations: 'disabled' });

  // It tries again by itself: still full, so refused again (the countdown restarts)...
  const again = await page.waitForResponse((r) => r.url().endsWith('/api/join'));
  expect(again.status()).toBe(429);
  await busy.waitFor();
  // ...until one of the waiting phones connects and makes room.
  sockets.push(await connect(running.url, { role: 'attendee', joinCode: evening.joinCode, attendeeToken: waiting.shift()! }));
  await busy.waitFor({ state: 'detached', timeout: 20_000 });
  await page.getByText(locale === 'nl-NL' ? 'Heb je een band met een van de inschrijvers?' : 'Are you tied to any of the bidders?').waitFor();
  expect(refusals.length).toBeGreaterThanOrEqual(1);
  await page.screenshot({ path: path.join(shots, `joined-${locale}.png`), animations: 'disabled' });
  await page.context().close();
});

it('shows the host the waiting phones, the ceiling and the refusals, with a warning', async () => {
  await fillCeiling();
  await request(running.url).post('/api/join').set('X-Forwarded-For', '10.2.0.1').send({ joinCode: evening.joinCode }).expect(429);
  const context = await browser.newContext({ locale: 'nl-NL', viewport: { width: 1280, height: 800 } });
  await context.addInitScript((t) => localStorage.setItem('buurtjury.token', t), hostToken);
  const page = await context.newPage();
  page.setDefaultTimeout(15_000);
  await page.goto(`${running.url}/evenings/${evening.id}/live`);
  const guard = page.getByTestId('join-guard');
  await guard.getByText(/10 telefoons aangemeld maar nog niet verbonden \(maximaal 10 tegelijk\)/).waitFor();
  expect(await guard.innerText()).toMatch(/aanmeldingen geweigerd/);
  await page.getByTestId('join-guard-warning').waitFor();
  await page.getByTestId('turnout').scrollIntoViewIfNeeded();
  await page.screenshot({ path: path.join(shots, 'host-console.png'), animations: 'disabled' });
  await context.close();
});
