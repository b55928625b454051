/**
 * Dev tool (not a test): drives the advice pages in headless Chromium against a running server
 * and saves screenshots to /tmp/advice-shots/, at 1280x900 and at 360x740. It seeds its own
 * ended evening first (see seed-ended-evening.ts).
 *
 *   PORT=3111 DATABASE_PATH=/tmp/advice-dev.sqlite npm start   # in another shell
 *   TS_NODE_PROJECT=test/tsconfig.json node -r ts-node/register/transpile-only test/dev/advice-screens.ts http://localhost:3111
 */
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import type { AdviceWorkspaceResponse, EveningDetail } from '@buurtjury/shared';
import { launchBrowser, seriousA11yViolations } from '../support/browser';
import { completeEvening, organiser } from '../support/api';
import { seedEndedEvening, type SeededEvening } from './seed-ended-evening';

const OUT = '/tmp/advice-shots';
const DESKTOP = { width: 1280, height: 900 };
const PHONE = { width: 360, height: 740 };
const problems: string[] = [];

async function shot(page: Page, name: string, options: { full?: boolean; selector?: string } = {}): Promise<void> {
  const file = path.join(OUT, `${name}.png`);
  if (options.selector) await page.locator(options.selector).first().screenshot({ path: file });
  else await page.screenshot({ path: file, fullPage: options.full ?? false });
  await checkOverflow(page, name);
  console.log(`  ${file}`);
}

/** Notes when the page scrolls sideways (a wide table must scroll inside its own frame). */
async function checkOverflow(page: Page, name: string): Promise<void> {
  const wide = await page.evaluate(() => {
    const width = document.documentElement.clientWidth;
    if (document.documentElement.scrollWidth <= width) return [];
    const out: string[] = [];
    for (const el of Array.from(document.querySelectorAll('body *'))) {
      const r = el.getBoundingClientRect();
      // Content a scrolling frame or a visually hidden wrapper clips does not widen the page.
      if (r.right > width + 1 && !el.closest('.table-wrap, .sr-only')) {
        out.push(`${el.tagName.toLowerCase()}.${(el as HTMLElement).className?.toString().split(' ').join('.')} right=${Math.round(r.right)}`);
      }
      if (out.length > 8) break;
    }
    return out.length > 0 ? out : [`scrollWidth ${document.documentElement.scrollWidth} > ${width}`];
  });
  if (wide.length > 0) problems.push(`${name}: page overflows sideways: ${wide.join('; ')}`);
}

/** Notes serious and critical axe-core findings on the page as it is now. */
async function axe(page: Page, name: string): Promise<void> {
  for (const v of await seriousA11yViolations(page)) problems.push(`${name}: axe ${v.id}: ${v.nodes.slice(0, 3).join(', ')}`);
}

/** Clicks something that downloads a file; returns the file's bytes. */
async function download(page: Page, click: () => Promise<void>): Promise<{ name: string; data: Buffer }> {
  const [file] = await Promise.all([page.waitForEvent('download', { timeout: 60_000 }), click()]);
  const saved = path.join(OUT, 'downloads', file.suggestedFilename());
  mkdirSync(path.dirname(saved), { recursive: true });
  await file.saveAs(saved);
  return { name: file.suggestedFilename(), data: readFileSync(saved) };
}

const sha256 = (data: Buffer) => createHash('sha256').update(data).digest('hex');

async function organiserContext(browser: Browser, seed: { token: string }, viewport: { width: number; height: number }): Promise<BrowserContext> {
  const context = await browser.newContext({ viewport, acceptDownloads: true });
  await context.addInitScript((token) => localStorage.setItem('buurtjury.token', token), seed.token);
  return context;
}

function watch(page: Page, label: string): void {
  page.on('pageerror', (error) => problems.push(`${label}: page error: ${error.message}`));
  page.on('console', (message) => {
    // Refusals the pages expect (403, 404, 409) show in the page itself; the browser logs them too.
    if (/Failed to load resource: the server responded with a status of (403|404|409)/.test(message.text())) return;
    if (message.type() === 'error' || message.type() === 'warning') problems.push(`${label}: console ${message.type()}: ${message.text()}`);
  });
}

async function waitForSaved(page: Page): Promise<void> {
  await page.locator('[data-testid="advice-save-state"]').filter({ hasText: /Opgeslagen om|Saved at/ }).waitFor({ timeout: 15_000 });
}

async function desktop(browser: Browser, seed: SeededEvening): Promise<string> {
  console.log('Desktop 1280x900');
  const context = await organiserContext(browser, seed, DESKTOP);
  const page = await context.newPage();
  watch(page, 'desktop');
  await page.goto(`${seed.url}/evenings/${seed.eveningId}`);
  await page.getByRole('link', { name: /Advies \(na afloop\)/ }).waitFor();
  await shot(page, 'd00-editor-link');
  await page.goto(`${seed.url}/evenings/${seed.eveningId}/advice`);
  await page.locator('#advice-summary').waitFor();
  await shot(page, 'd01-write-top');
  await axe(page, 'd01-write');

  await page.locator('#advice-summary').fill(
    'De bewoners geven Stichting Wijkkracht de duidelijkste steun: op alle vier de criteria scoort zij het hoogst.\n\nWelzijn Eemland blijft achter, vooral op haalbaarheid.',
  );
  await page.locator('#advice-recommendation').fill('Wij adviseren de commissie Stichting Wijkkracht als eerste te overwegen, met de voorwaarden in hoofdstuk 10.');
  const firstBidder = seed.evening.bidders.find((b) => b.position === 1)!;
  await page.locator(`#advice-${firstBidder.id}-strengths`).pressSequentially('Kent de wijk en de bewoners goed.', { delay: 10 });
  await page.locator(`#quotes-${firstBidder.id}-heading`).scrollIntoViewIfNeeded();
  await page.getByRole('button', { name: 'Als citaat opnemen' }).first().click();
  await page.getByRole('button', { name: 'Als citaat opnemen' }).nth(1).click();
  await shot(page, 'd02-write-unsaved');
  await waitForSaved(page);
  await page.locator(`article[aria-labelledby="advice-bidder-${firstBidder.id}"]`).scrollIntoViewIfNeeded();
  await shot(page, 'd03-bidder-card', { selector: `article[aria-labelledby="advice-bidder-${firstBidder.id}"]` });
  await shot(page, 'd04-write-saved');

  await page.getByRole('tab', { name: 'Voorbeeld' }).click();
  await page.locator('.advice-document').waitFor({ timeout: 30_000 });
  await shot(page, 'd05-preview-top');
  await axe(page, 'd05-preview');
  const pdf = await download(page, () => page.getByRole('button', { name: 'Concept-PDF downloaden' }).click());
  if (!pdf.data.subarray(0, 5).equals(Buffer.from('%PDF-'))) problems.push(`desktop: draft PDF ${pdf.name} is not a PDF`);
  await shot(page, 'd06-preview-merit', { selector: '.advice-document figure.merit' });
  await shot(page, 'd07-preview-interval', { selector: '.advice-document figure.interval' });
  await shot(page, 'd08-preview-ranking', { selector: '#preview-summary .table-wrap' });
  await page.locator('#preview-bidders').scrollIntoViewIfNeeded();
  await shot(page, 'd09-preview-bidders');
  await page.getByRole('button', { name: 'Engels' }).click();
  await page.locator('.advice-document[lang="en"]').waitFor({ timeout: 30_000 });
  await shot(page, 'd10-preview-en');

  await page.getByRole('tab', { name: /Versies/ }).click();
  await page.getByRole('button', { name: 'Versie 1 vaststellen' }).click();
  await shot(page, 'd11-issue-confirm');
  await page.getByRole('button', { name: /^(Ja|Toch) vaststellen$/ }).click();
  const issued = page.getByText('Versie 1 is vastgesteld.');
  const failed = page.locator('.error-message');
  await Promise.race([issued.waitFor({ timeout: 120_000 }), failed.first().waitFor({ timeout: 120_000 })]);
  if (await failed.count()) problems.push(`desktop: issuing failed: ${await failed.first().innerText()}`);
  await shot(page, 'd12-issued');
  await page.locator('.version').first().scrollIntoViewIfNeeded();
  await shot(page, 'd13-version-card', { selector: '.version' });
  await axe(page, 'd13-versions');
  for (const name of ['record.json', 'advies-v1-nl.pdf']) {
    const file = await download(page, () => page.getByRole('button', { name: new RegExp(name.replace('.', '\\.')) }).first().click());
    const shown = await page.locator('.version').first().locator('li', { hasText: name }).locator('.sha code').innerText();
    if (file.name !== name || sha256(file.data) !== shown.trim()) problems.push(`desktop: download ${name} does not match its SHA-256 (${file.name})`);
  }
  await page.getByRole('button', { name: /Bekijk in de app/ }).first().click();
  await page.locator('.version .advice-document').waitFor({ timeout: 30_000 });
  await page.locator('.version .advice-document').scrollIntoViewIfNeeded();
  await shot(page, 'd14-version-view');

  await page.getByRole('tab', { name: 'Commissie' }).click();
  await page.locator('#link-label').fill('Adviescommissie, voorzitter');
  await page.getByRole('button', { name: 'Link maken' }).click();
  await page.locator('#committee-url').waitFor();
  const link = await page.locator('#committee-url').inputValue();
  await shot(page, 'd15-link-created');
  await axe(page, 'd15-links');

  // The committee, without an account.
  const anonymous = await browser.newContext({ viewport: DESKTOP, acceptDownloads: true });
  const committee = await anonymous.newPage();
  watch(committee, 'committee desktop');
  const committeeUrl = `${seed.url}${new URL(link).pathname}`;
  await committee.goto(committeeUrl);
  await committee.locator('.advice-document').waitFor({ timeout: 30_000 });
  await shot(committee, 'd16-committee-top');
  await axe(committee, 'd16-committee');
  const csv = await download(committee, () => committee.getByRole('link', { name: /record\.csv/ }).first().click());
  const csvShown = await committee.locator('.version').first().locator('li', { hasText: 'record.csv' }).locator('.sha code').innerText();
  if (sha256(csv.data) !== csvShown.trim()) problems.push('committee: record.csv does not match its SHA-256');
  await committee.locator('#check-heading').scrollIntoViewIfNeeded();
  await shot(committee, 'd17-committee-check');
  await committee.locator('#read-heading').scrollIntoViewIfNeeded();
  await shot(committee, 'd18-committee-document');
  await anonymous.close();

  await page.getByRole('tab', { name: 'Tekst' }).click();
  await page.getByRole('tab', { name: 'Commissie' }).click();
  await page.locator('#access-heading').waitFor();
  await page.locator('#access-heading').scrollIntoViewIfNeeded();
  await shot(page, 'd19-links-log');
  await page.goto(`${seed.url}/evenings/${seed.eveningId}/live`);
  await page.getByRole('link', { name: 'Advies schrijven' }).waitFor();
  await page.getByRole('link', { name: 'Advies schrijven' }).scrollIntoViewIfNeeded();
  await shot(page, 'd20-host-ended');
  await context.close();
  return committeeUrl;
}

async function phone(browser: Browser, seed: SeededEvening, committeeUrl: string): Promise<void> {
  console.log('Phone 360x740');
  const context = await organiserContext(browser, seed, PHONE);
  const page = await context.newPage();
  watch(page, 'phone');
  await page.goto(`${seed.url}/evenings/${seed.eveningId}/advice`);
  await page.locator('#advice-summary').waitFor();
  await shot(page, 'p01-write-top');
  const second = seed.evening.bidders.find((b) => b.position === 2)!;
  await page.locator(`#advice-${second.id}-concerns`).fill('Weinig uitgewerkt; de begroting bleef vaag.');
  await page.locator(`#quotes-${second.id}-heading`).scrollIntoViewIfNeeded();
  await shot(page, 'p02-quotes');
  await waitForSaved(page);
  await shot(page, 'p03-saved');

  await page.getByRole('tab', { name: 'Voorbeeld' }).click();
  await page.locator('.advice-document').waitFor({ timeout: 30_000 });
  await shot(page, 'p04-preview-top');
  await page.locator('#preview-summary .table-wrap').first().scrollIntoViewIfNeeded();
  await shot(page, 'p05-preview-table');
  await page.locator('.advice-document figure.merit').first().scrollIntoViewIfNeeded();
  await shot(page, 'p06-preview-merit');
  await page.locator('.advice-document figure.interval').first().scrollIntoViewIfNeeded();
  await shot(page, 'p07-preview-interval');

  await page.getByRole('tab', { name: /Versies/ }).click();
  await page.locator('#issue-note').fill('Corrigeert de zorgen bij Welzijn Eemland.');
  await page.getByRole('button', { name: 'Versie 2 vaststellen' }).click();
  await shot(page, 'p08-issue-confirm');
  await page.getByRole('button', { name: /^(Ja|Toch) vaststellen$/ }).click();
  await page.getByText('Versie 2 is vastgesteld.').waitFor({ timeout: 120_000 }).catch(() => problems.push('phone: version 2 not issued'));
  await shot(page, 'p09-issued');
  await page.locator('.version').nth(1).scrollIntoViewIfNeeded();
  await shot(page, 'p10-old-version');

  await page.getByRole('tab', { name: 'Commissie' }).click();
  await page.locator('#link-label').fill('Wethouder');
  await page.getByRole('button', { name: 'Link maken' }).click();
  await page.locator('#committee-url').waitFor();
  await shot(page, 'p11-link-created');
  await page.locator('#access-heading').scrollIntoViewIfNeeded();
  await shot(page, 'p12-links-log');

  const anonymous = await browser.newContext({ viewport: PHONE });
  const committee = await anonymous.newPage();
  watch(committee, 'committee phone');
  await committee.goto(committeeUrl);
  await committee.locator('.advice-document').waitFor({ timeout: 30_000 });
  await shot(committee, 'p13-committee-top');
  await committee.locator('.version').nth(1).scrollIntoViewIfNeeded();
  await shot(committee, 'p14-committee-versions');
  await committee.locator('#check-heading').scrollIntoViewIfNeeded();
  await shot(committee, 'p15-committee-check');
  await committee.getByRole('button', { name: 'Engels' }).click();
  await committee.locator('.advice-document[lang="en"]').waitFor({ timeout: 30_000 });
  await committee.locator('#read-heading').scrollIntoViewIfNeeded();
  await shot(committee, 'p16-committee-document-en');
  await committee.locator('#committee-doc-overall figure.interval').scrollIntoViewIfNeeded();
  await shot(committee, 'p17-committee-interval');

  // Revoke the first link, then open it again; and a link that does not exist.
  await page.getByRole('button', { name: /Intrekken.*Adviescommissie/ }).click();
  await page.getByRole('dialog').getByRole('button', { name: 'Intrekken' }).click();
  await page.getByText('De link is ingetrokken.').waitFor();
  await committee.goto(committeeUrl);
  await committee.getByText('De organisatie heeft deze link ingetrokken').first().waitFor();
  await shot(committee, 'p18-committee-revoked');
  await committee.goto(`${seed.url}/c/${'x'.repeat(43)}`);
  await committee.getByText('Deze link bestaat niet').first().waitFor();
  await shot(committee, 'p19-committee-404');
  await anonymous.close();

  // Someone else saves in between: the page must not overwrite it.
  await page.getByRole('tab', { name: 'Tekst' }).click();
  const workspace = (await (await fetch(`${seed.url}/api/evenings/${seed.eveningId}/advice`, { headers: { Authorization: `Bearer ${seed.token}` } })).json()) as AdviceWorkspaceResponse;
  const saved = await fetch(`${seed.url}/api/evenings/${seed.eveningId}/advice/draft`, {
    method: 'PUT',
    headers: { Authorization: `Bearer ${seed.token}`, 'Content-Type': 'application/json' },
    body: JSON.stringify({ content: { ...workspace.draft.content, incidents: 'Door een collega ingevuld.' }, revision: workspace.draft.revision }),
  });
  if (!saved.ok) problems.push(`phone: concurrent save failed ${saved.status}`);
  await page.locator('#advice-limitations').fill('Een beperking die nu botst.');
  await page.getByText('Iemand anders heeft het advies intussen opgeslagen.').waitFor({ timeout: 15_000 });
  await page.evaluate(() => window.scrollTo(0, 0));
  await shot(page, 'p20-conflict');
  await page.getByRole('button', { name: 'Advies opnieuw laden' }).click();
  await page.locator('[data-testid="advice-save-state"]').filter({ hasText: /Opgeslagen/ }).waitFor();
  await shot(page, 'p21-reloaded');
  await context.close();
}

/** The same pages in English (the language switch is remembered in localStorage). */
async function english(browser: Browser, seed: SeededEvening): Promise<void> {
  console.log('English');
  const context = await organiserContext(browser, seed, PHONE);
  await context.addInitScript(() => localStorage.setItem('buurtjury.language', 'en'));
  const page = await context.newPage();
  watch(page, 'english');
  await page.goto(`${seed.url}/evenings/${seed.eveningId}/advice`);
  await page.locator('#advice-summary').waitFor();
  await shot(page, 'e01-write-en');
  await page.getByRole('tab', { name: /Versions/ }).click();
  await page.locator('.version').first().waitFor();
  await shot(page, 'e02-versions-en');
  await page.goto(`${seed.url}/c/${'y'.repeat(43)}`);
  await page.getByText('This link does not exist').first().waitFor();
  await shot(page, 'e03-committee-404-en');
  await context.close();
}

async function notEnded(browser: Browser, url: string): Promise<void> {
  console.log('Not ended');
  const o = await organiser(url, 'Bram', { email: `bram.${Date.now().toString(36)}@example.nl` });
  const draft = await completeEvening(o, 'Avond die nog loopt');
  const evening = (await o.post(`/api/evenings/${draft.id}/freeze`)).body as EveningDetail;
  const context = await organiserContext(browser, { token: o.session.token }, PHONE);
  const page = await context.newPage();
  watch(page, 'not ended');
  await page.goto(`${url}/evenings/${evening.id}/advice`);
  await page.getByText('De avond is nog niet afgelopen.').waitFor();
  await shot(page, 'p22-not-ended');
  await context.close();
}

async function main(): Promise<void> {
  const url = (process.argv[2] ?? 'http://localhost:3111').replace(/\/$/, '');
  mkdirSync(OUT, { recursive: true });
  const seed = await seedEndedEvening(url);
  console.log(`Seeded ${seed.email} / ${seed.password}: ${url}/evenings/${seed.eveningId}/advice`);
  const browser = await launchBrowser();
  try {
    const committeeUrl = await desktop(browser, seed);
    await phone(browser, seed, committeeUrl);
    await english(browser, seed);
    await notEnded(browser, url);
  } finally {
    await browser.close();
  }
  if (problems.length > 0) {
    console.log('\nProblems:');
    for (const p of problems) console.log(`  - ${p}`);
    process.exitCode = 1;
  } else {
    console.log('\nNo problems noticed.');
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
