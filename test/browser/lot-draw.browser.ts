import { copyFileSync, readdirSync } from 'node:fs';
import * as path from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { combinedDrawSeed, drawRunningOrder, formatFingerprint, seedCommitment, type EveningDetail } from '@buurtjury/shared';
import { startApp, type RunningApp } from '../support/app';
import { completeEvening, organiser, type Organiser } from '../support/api';
import { artifactDir, launchBrowser, seriousA11yViolations } from '../support/browser';

/**
 * A draw nobody controls alone, in the editor: the host commits to a seed (only its SHA-256 leaves
 * the page), adds a contribution on a bidder's behalf, reveals the seed (a wrong one is refused) and
 * gets a draw anyone can check with the lines the page prints. Screenshots at 1280x800 and 360x740
 * go to test/artifacts/lot-draw.
 */
let running: RunningApp;
let browser: Browser;
let host: Organiser;
let evening: EveningDetail;
const shots = artifactDir('lot-draw');
/** The bidders' section with the draw (the editor's whole page is too long to look at). */
const shot = (page: Page, name: string) => page.locator('#bidders').screenshot({ path: path.join(shots, `${name}.png`), animations: 'disabled' });

beforeAll(async () => {
  running = await startApp();
  browser = await launchBrowser();
  host = await organiser(running.url, 'Anna');
  evening = await completeEvening(host);
});
afterAll(async () => {
  await browser?.close();
  await running?.close();
  // A copy for whoever reviews the screens outside the repository.
  const target = process.env.SCREENSHOTS_DIR;
  if (target) for (const f of readdirSync(shots)) copyFileSync(path.join(shots, f), path.join(target, `lot-draw-${f}`));
});

async function editor(width: number, height: number): Promise<{ context: BrowserContext; page: Page; sent: string[] }> {
  const context = await browser.newContext({ locale: 'nl-NL', viewport: { width, height } });
  await context.addInitScript((token) => localStorage.setItem('buurtjury.token', token), host.session.token);
  const page = await context.newPage();
  page.setDefaultTimeout(10_000);
  const sent: string[] = [];
  page.on('request', (r) => sent.push(`${r.method()} ${r.url()} ${r.postData() ?? ''}`));
  await page.goto(`${running.url}/evenings/${evening.id}#bidders`);
  await page.getByTestId('lot-draw').waitFor();
  return { context, page, sent };
}

async function expectFits(page: Page): Promise<void> {
  expect(await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth)).toBeLessThanOrEqual(0);
  expect(await seriousA11yViolations(page)).toEqual([]);
}

it('commits, takes a contribution, refuses a wrong seed and draws with the revealed one', async () => {
  const { context, page, sent } = await editor(1280, 800);
  const panel = page.getByTestId('lot-draw');
  await expectFits(page);

  await panel.getByRole('button', { name: 'Maak een startwaarde' }).click();
  const seed = await panel.getByLabel('Startwaarde', { exact: true }).inputValue();
  expect(seed).toMatch(/^[0-9a-f]{8}(-[0-9a-f]{8}){3}$/);
  await panel.getByTestId('keep-seed').waitFor();
  await shot(page, '01-seed-made-1280');
  await panel.getByRole('button', { name: 'Startwaarde vastleggen' }).click();

  // The page shows the commitment; the seed itself never left the browser.
  const hash = page.getByTestId('commitment-hash');
  await hash.waitFor();
  expect(await hash.textContent()).toBe(formatFingerprint(seedCommitment(seed)));
  expect(sent.filter((s) => s.includes(seed))).toEqual([]);
  expect(sent.some((s) => s.startsWith('POST') && s.includes('/running-order/commitment') && s.includes(seedCommitment(seed)))).toBe(true);

  // The host enters a contribution a bidder gave by phone; a bidder's own (through the API) shows too after a reload.
  await page.getByLabel('Namens').fill('Welzijn Eemland');
  await page.getByLabel('Bijdrage', { exact: true }).fill('7319');
  await page.getByRole('button', { name: 'Bijdrage toevoegen' }).click();
  await page.getByTestId('contributions').getByText('7319').waitFor();
  await host.post(`/api/evenings/${evening.id}/running-order/commitment/contributions`, { text: 'kies mij', by: 'Stichting Wijkkracht' }).expect(200);
  await page.reload();
  await page.getByTestId('contributions').getByText('kies mij').waitFor();
  expect(await page.getByRole('heading', { name: '2. Bijdragen (2)' }).count()).toBe(1);
  await shot(page, '02-committed-1280');
  await expectFits(page);

  // The same state on a phone-sized screen.
  const phone = await editor(360, 740);
  await phone.page.getByTestId('commitment-hash').waitFor();
  await shot(phone.page, '03-committed-360');
  await expectFits(phone.page);
  await phone.context.close();

  // After the reload the seed is no longer in the page: a wrong one is flagged, and refused by the server.
  const reveal = page.getByLabel('De vastgelegde startwaarde');
  expect(await reveal.inputValue()).toBe('');
  await reveal.fill(`${seed}x`);
  await page.getByText('Past niet bij de vastgelegde code: controleer de startwaarde.').waitFor();
  await page.getByRole('button', { name: 'Startwaarde bekendmaken en loten' }).click();
  await page.getByText(/Deze startwaarde past niet bij de vastlegging van/).waitFor();
  await reveal.fill(seed);
  await page.getByText('Past bij de vastgelegde code.').waitFor();
  await page.getByRole('button', { name: 'Startwaarde bekendmaken en loten' }).click();
  await page.getByText('Huidige volgorde: geloot.').waitFor();

  // The draw: the seed is the revealed one with both contributions, and the order is the one anyone recomputes.
  const drawSeed = combinedDrawSeed(seed, ['7319', 'kies mij']);
  const expected = drawRunningOrder(drawSeed, evening.bidders).map((b) => b.name);
  const draw = page.getByTestId('draw').first();
  await draw.getByText(drawSeed).waitFor();
  expect(await draw.getByText(seed, { exact: true }).count()).toBe(1);
  expect(await draw.locator('ol.result li').allTextContents()).toEqual(expected);
  expect(await page.getByTestId('bidder-row').locator('h3').allTextContents()).toEqual(expected.map((name) => expect.stringContaining(name)));
  await page.getByText('Hoe controleer je een loting?').click();
  const lines = (await page.getByTestId('verify-latest').textContent())!.split('\n');
  expect(lines[0]).toBe(`printf '%s' "${seed}" | sha256sum   # ${seedCommitment(seed)}`);
  expect(lines[1]).toBe(`printf '%s\\n%s\\n%s' "${seed}" "7319" "kies mij" | sha256sum   # ${drawSeed}`);
  expect(lines.slice(2)).toEqual(expected.map((name) => `printf '%s\\n%s' "${drawSeed}" "${name}" | sha256sum`));
  // The next draw starts afresh: no commitment is open.
  await page.getByRole('button', { name: 'Startwaarde vastleggen' }).waitFor();
  await shot(page, '04-drawn-1280');
  await expectFits(page);

  const phoneAfter = await editor(360, 740);
  await phoneAfter.page.getByText('Hoe controleer je een loting?').click();
  await shot(phoneAfter.page, '05-drawn-360');
  await expectFits(phoneAfter.page);
  await phoneAfter.context.close();
  await context.close();
}, 240_000); // several pages and two screen sizes; over 30 s when the machine is busy
