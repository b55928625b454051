import * as path from 'node:path';
import { randomUUID } from 'node:crypto';
import type { Browser, Page } from 'playwright-core';
import type { AdviceWorkspaceResponse, CommitteeLinksResponse, EveningDetail, ResultsResponse } from '@buurtjury/shared';
import { completeEvening, organiser, type Organiser } from '../support/api';
import { startApp, type RunningApp } from '../support/app';
import { artifactDir, launchBrowser, seriousA11yViolations } from '../support/browser';
import { call, connect, ok, phone, type Client } from '../support/sockets';

/**
 * After the evening, in a real browser: the host writes the advice, picks a masked quote, sees it
 * saved, previews the document, issues version 1 and makes a committee link; a committee member
 * opens that link on a phone, without an account, and reads the advice. The server's state is
 * checked through the API. Screenshots go to test/artifacts/advice.
 */
let running: RunningApp;
let browser: Browser;
let host: Organiser;
let evening: EveningDetail;
let results: ResultsResponse;
const sockets: Client[] = [];

const shots = artifactDir('advice');
const shot = (page: Page, name: string) => page.screenshot({ path: path.join(shots, `${name}.png`), fullPage: true, animations: 'disabled' });
const overflow = (page: Page) => page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
const workspace = async () => (await host.get(`/api/evenings/${evening.id}/advice`).expect(200)).body as AdviceWorkspaceResponse;

beforeAll(async () => {
  running = await startApp();
  browser = await launchBrowser();
  host = await organiser(running.url, 'Anna');
  const draft = await completeEvening(host, 'Bewonersavond Eemhoven');
  evening = (await host.post(`/api/evenings/${draft.id}/freeze`).expect(200)).body as EveningDetail;
  const hostSocket = await connect(running.url, { role: 'host', eveningId: evening.id, token: host.session.token });
  sockets.push(hostSocket);
  const phones: Client[] = [];
  for (let i = 0; i < 5; i++) {
    const p = await phone(running.url, evening.joinCode);
    sockets.push(p.socket);
    phones.push(p.socket);
  }
  const remarks = ['Goed verhaal. Mail me op jan@example.nl', 'Ik vond Karin heel sterk in de vragenronde.', 'Storm en regen, maar roos bleef tot het eind.'];
  for (const [index, bidder] of evening.bidders.entries()) {
    ok(await call(hostSocket, 'host:command', { type: 'start-pitch', bidderId: bidder.id, closeOpenScoring: true }));
    ok(await call(hostSocket, 'host:command', { type: 'open-scoring', bidderId: bidder.id }));
    for (const [i, p] of phones.entries()) {
      const grades = Object.fromEntries(evening.criteria.map((c, ci) => [c.id, 1 + ((i + ci + index * 3) % 5)]));
      const remark = index === 0 ? remarks[i] : undefined;
      ok(await call(p, 'ballot:submit', { ballotId: randomUUID(), bidderId: bidder.id, grades, ...(remark ? { remark } : {}) }));
    }
  }
  ok(await call(hostSocket, 'host:command', { type: 'end-evening' }));
  results = (await host.get(`/api/evenings/${evening.id}/results`).expect(200)).body as ResultsResponse;
});
afterAll(async () => {
  for (const s of sockets) s.close();
  await browser?.close();
  await running?.close();
});

it('lets the host write, preview and issue the advice, and share it with the committee', async () => {
  const context = await browser.newContext({ locale: 'nl-NL', viewport: { width: 1280, height: 900 }, acceptDownloads: true });
  await context.addInitScript((token) => localStorage.setItem('buurtjury.token', token), host.session.token);
  const page = await context.newPage();
  page.setDefaultTimeout(20_000);
  const first = evening.bidders.find((b) => b.position === 1)!;

  await page.goto(`${running.url}/evenings/${evening.id}/advice`);
  await page.locator('#advice-summary').fill('De bewoners steunen Stichting Wijkkracht het meest.');
  await page.locator('#advice-recommendation').fill('Wij adviseren de commissie Stichting Wijkkracht als eerste te overwegen.');
  await page.locator(`#advice-${first.id}-strengths`).fill('Kent de wijk en de bewoners goed.');
  // The remarks are offered masked; pick the one about Karin.
  const masked = page.getByText('Ik vond [naam] heel sterk in de vragenronde.');
  await masked.scrollIntoViewIfNeeded();
  expect(await page.getByText('Karin').count()).toBe(0);
  await page.locator('ul.remarks > li', { has: masked }).getByRole('button', { name: 'Als citaat opnemen' }).click();
  // Every quote is checked and confirmed; this one has no possible names left.
  const check = page.getByRole('group', { name: 'Controleer dit citaat op namen' });
  await check.getByText('Buurtjury vond geen mogelijke namen meer').waitFor();
  await check.getByRole('button', { name: 'Citaat bevestigen' }).click();
  // "Storm" (a word) and "roos" (a word, and a name) may be names: highlighted, and the host masks "roos".
  const doubtful = page.locator('ul.remarks > li', { hasText: 'bleef tot het eind' });
  await doubtful.scrollIntoViewIfNeeded();
  expect(await doubtful.locator('mark').allInnerTexts()).toEqual(['Storm', 'roos']);
  await doubtful.getByRole('button', { name: 'Als citaat opnemen' }).click();
  await check.getByRole('button', { name: 'roos afschermen' }).click();
  await check.getByRole('button', { name: 'roos niet afschermen' }).waitFor();
  await shot(page, '01a-quote-check');
  await doubtful.screenshot({ path: path.join(shots, '01b-quote-check-1280.png'), animations: 'disabled' });
  await page.setViewportSize({ width: 360, height: 740 });
  await doubtful.scrollIntoViewIfNeeded();
  expect(await overflow(page)).toBe(0);
  await doubtful.screenshot({ path: path.join(shots, '01c-quote-check-360.png'), animations: 'disabled' });
  await page.setViewportSize({ width: 1280, height: 900 });
  await check.getByRole('button', { name: 'Citaat bevestigen' }).click();
  await doubtful.getByText('Storm en regen, maar [naam] bleef tot het eind.').waitFor();
  await page.locator('[data-testid="advice-save-state"]').filter({ hasText: /Opgeslagen om/ }).waitFor();
  await shot(page, '01-write-saved');
  expect(await seriousA11yViolations(page)).toEqual([]);

  const saved = await workspace();
  expect(saved.draft.content.summary).toBe('De bewoners steunen Stichting Wijkkracht het meest.');
  const quoted = saved.draft.content.bidders.find((b) => b.bidderId === first.id)!.quoteIds;
  expect(quoted.map((id) => saved.remarks.find((r) => r.id === id)!.text)).toEqual(['Ik vond [naam] heel sterk in de vragenronde.', 'Storm en regen, maar roos bleef tot het eind.']);
  expect(Object.values(saved.draft.content.quoteReviews ?? {}).map((r) => r.masked)).toEqual([[], [1]]);

  await page.getByRole('tab', { name: 'Voorbeeld' }).click();
  const doc = page.locator('.advice-document');
  await doc.waitFor();
  await expect(doc.getByRole('heading', { name: /Samenvatting en advies/ }).first().isVisible()).resolves.toBe(true);
  const mean = results.report.all.bidders.find((b) => b.bidderId === first.id)!.weightedMean!;
  expect(await doc.innerText()).toContain(mean.toFixed(2).replace('.', ','));
  expect(await doc.innerText()).toContain('Ik vond [naam] heel sterk in de vragenronde.');
  expect(await doc.innerText()).toContain('Storm en regen, maar [naam] bleef tot het eind.');
  await shot(page, '02-preview');
  expect(await seriousA11yViolations(page)).toEqual([]);

  await page.getByRole('tab', { name: /Versies/ }).click();
  // Who issues it and to whom: asked when issuing, printed on the first page.
  await page.getByLabel(/Uw naam/).fill('Anna de Vries');
  await page.getByLabel(/Uw rol in het netwerk/).fill('voorzitter');
  await page.getByLabel(/^Aan/).fill('Adviescommissie Wijkaanpak');
  await page.getByLabel(/^Kenmerk/).fill('AMF-2026-017');
  await page.getByLabel(/^Onderwerp/).fill('Bewonersadvies Wijkaanpak');
  await page.getByLabel(/E-mailadres voor de reactie/).fill('advies@bewonersnetwerk.example.nl');
  await shot(page, '02a-issue-authorship');
  await page.getByRole('button', { name: 'Versie 1 vaststellen' }).click();
  // Nothing is written about the other bidders: the dialog names them and says what the version will print there.
  const empty = page.locator('[data-testid="advice-empty-sections"]');
  await empty.waitFor();
  const others = evening.bidders.filter((b) => b.id !== first.id).sort((a, b) => a.position - b.position);
  expect(await empty.locator('li').allInnerTexts()).toEqual(others.map((b) => `Over ${b.name} staat niets: geen sterke punten, zorgen of voorwaarden.`));
  expect(await empty.innerText()).toContain('‘(De organisatie heeft hier niets over geschreven.)’');
  // What the setup left unrecorded (no award criteria, no declarations of interest) is named too, in the issuer's language.
  expect(await page.locator('[data-testid="advice-unrecorded"] li').allInnerTexts()).toEqual([
    'De gunningscriteria van de aanbesteding zijn niet vastgelegd in de opzet: het advies kan geen bevindingen per gunningscriterium geven en zegt dat.',
    'Of de aanbestedingsstukken deze avond aankondigden, is niet vastgelegd: het advies zegt dat en vraagt de commissie het na te gaan.',
    'Er zijn geen belangenverklaringen vastgelegd, niet van het netwerk, de moderatoren of de locatie (ook niet dat er geen belang is): het advies zegt dat.',
  ]);
  // The server runs on this machine's address: the committee could not open the printed page, and the dialog says so.
  const local = page.locator('[data-testid="advice-local-address"]');
  expect(await local.innerText()).toContain('Het adres voor de commissie is alleen hier bereikbaar');
  expect(await local.innerText()).toMatch(/noemt de pagina voor de commissie op http:\/\/\S+\. Dat adres werkt alleen op dit netwerk/);
  await shot(page, '02b-issue-empty-sections');
  expect(await seriousA11yViolations(page)).toEqual([]);
  // On a phone the dialog scrolls: its confirm button can be brought into view.
  await page.setViewportSize({ width: 360, height: 740 });
  expect(await overflow(page)).toBe(0);
  const confirm = page.getByRole('button', { name: 'Toch vaststellen' });
  await confirm.scrollIntoViewIfNeeded();
  const box = await confirm.boundingBox();
  expect(box && box.y >= 0 && box.y + box.height <= 740).toBe(true);
  await page.screenshot({ path: path.join(shots, '02c-issue-empty-sections-360.png'), animations: 'disabled' });
  await page.setViewportSize({ width: 1280, height: 900 });
  await confirm.click();
  await page.getByText('Versie 1 is vastgesteld.').waitFor({ timeout: 60_000 });
  const issued = await workspace();
  expect(issued.versions.map((v) => v.number)).toEqual([1]);
  expect(await page.locator('.version').first().innerText()).toContain(issued.versions[0]!.documentSha256);
  await shot(page, '03-issued');

  await page.getByRole('tab', { name: 'Commissie' }).click();
  await page.locator('#link-label').fill('Adviescommissie, voorzitter');
  await page.getByRole('button', { name: 'Link maken' }).click();
  const url = await page.locator('#committee-url').inputValue();
  expect(url).toMatch(/\/c\/[A-Za-z0-9_-]{43}$/);
  await shot(page, '04-link');

  // The committee member: a phone, no account.
  const reader = await browser.newContext({ locale: 'nl-NL', viewport: { width: 360, height: 740 }, isMobile: true, hasTouch: true });
  const phonePage = await reader.newPage();
  phonePage.setDefaultTimeout(20_000);
  await phonePage.goto(new URL(new URL(url).pathname, running.url).toString());
  await phonePage.locator('.advice-document').waitFor();
  const text = await phonePage.locator('main').innerText();
  expect(text).toContain('Versie 1');
  expect(text).toContain(issued.versions[0]!.recordSha256);
  expect(text).toContain('Anna de Vries, voorzitter');
  expect(text).toContain('advies@bewonersnetwerk.example.nl');
  expect(await overflow(phonePage)).toBe(0);
  expect(await seriousA11yViolations(phonePage)).toEqual([]);
  await shot(phonePage, '05-committee-phone');

  const log = (await host.get(`/api/evenings/${evening.id}/advice/links`).expect(200)).body as CommitteeLinksResponse;
  expect(log.links[0]).toMatchObject({ label: 'Adviescommissie, voorzitter', openings: 1 });
  expect(log.accesses.map((a) => a.action)).toContain('opened');
  await reader.close();
  await context.close();
}, 240_000); // one long story through several pages; it takes over 30 s when the machine is busy (over 120 s when very busy)
