import { mkdirSync } from 'node:fs';
import * as path from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import type { EveningDetail } from '@buurtjury/shared';
import { completeEvening, organiser, type Organiser } from '../support/api';
import { startApp, type RunningApp } from '../support/app';
import { artifactDir, launchBrowser, seriousA11yViolations } from '../support/browser';

/**
 * The host's flow in a real browser (issue 14): the setup keeps typed input that another
 * section's save or a reload would lose, and says what is unsaved (1280×800 and 360×740); the
 * Dutch setup shows the freeze checklist in Dutch; at 1280 px the console's turnout table shows
 * that it scrolls and can be scrolled by keyboard, the interim results fit; the big screen
 * follows the first Start; one control shows the interim results; the audit trail names bidders
 * and people's roles, and its check speaks Dutch or English. Screenshots go to
 * test/artifacts/host-flow (and a copy under HOST_FLOW_SHOTS when set).
 */
let running: RunningApp;
let browser: Browser;
let host: Organiser;
const contexts: BrowserContext[] = [];

const shots = artifactDir('host-flow');
const extraShots = process.env.HOST_FLOW_SHOTS;
if (extraShots) mkdirSync(extraShots, { recursive: true });
async function shot(page: Page, name: string, fullPage = false): Promise<void> {
  await page.screenshot({ path: path.join(shots, `${name}.png`), fullPage, animations: 'disabled' });
  if (extraShots) await page.screenshot({ path: path.join(extraShots, `${name}.png`), fullPage, animations: 'disabled' });
}

async function expectAccessible(page: Page): Promise<void> {
  expect(await seriousA11yViolations(page)).toEqual([]);
}

async function open(viewport: { width: number; height: number }, options: { token?: boolean; mobile?: boolean } = {}): Promise<Page> {
  const context = await browser.newContext({
    viewport,
    locale: 'nl-NL',
    ...(options.mobile ? { deviceScaleFactor: 2, isMobile: true, hasTouch: true } : {}),
  });
  contexts.push(context);
  const token = host.session.token;
  if (options.token !== false) await context.addInitScript((t) => localStorage.setItem('buurtjury.token', t), token);
  const page = await context.newPage();
  page.setDefaultTimeout(12_000);
  return page;
}

/** Reloads the page, accepting (and returning) the "leave this page?" question if the browser asks it. */
async function reload(page: Page): Promise<string[]> {
  const asked: string[] = [];
  const answer = (dialog: import('playwright-core').Dialog) => {
    asked.push(dialog.type());
    void dialog.accept();
  };
  page.on('dialog', answer);
  await page.reload();
  page.off('dialog', answer);
  return asked;
}

beforeAll(async () => {
  running = await startApp();
  browser = await launchBrowser();
  host = await organiser(running.url, 'Anna');
});

afterAll(async () => {
  for (const c of contexts) await c.close();
  await browser?.close();
  await running?.close();
});

describe('the setup keeps what the host typed', () => {
  let evening: EveningDetail;

  beforeAll(async () => {
    evening = await completeEvening(host, 'Pitchavond Oost');
    // A fifth criterion takes the weights to 110 %: the freeze checklist has something to say.
    evening = (await host.post(`/api/evenings/${evening.id}/criteria`, { name: 'Samenwerking', weight: 10 }).expect(201)).body as EveningDetail;
  });

  it('at 1280 px: typed input survives another section saving and a reload, is marked unsaved, and the browser asks before leaving', async () => {
    const page = await open({ width: 1280, height: 800 });
    await page.goto(`${running.url}/evenings/${evening.id}`);
    const tender = page.locator('#tender');
    const general = page.locator('#general');
    const tenderName = tender.getByLabel('Naam van de aanbesteding');
    await tenderName.waitFor();

    // The freeze checklist speaks Dutch, with the server's numbers in it.
    const freeze = page.locator('#freeze');
    await freeze.getByText('De gewichten tellen op tot 110 %; samen moeten ze precies 100 % zijn.').waitFor();
    expect(await freeze.textContent()).not.toMatch(/add up|must|Fill in|Add at least/);

    // Typed into the tender, not saved: marked in the section, the section list and the summary.
    expect(await page.getByTestId('unsaved').count()).toBe(0);
    await tenderName.fill('Coördinatie wijkprogramma 2027 (herzien)');
    await tender.getByTestId('unsaved').getByText('Niet opgeslagen wijzigingen').waitFor();
    expect(await page.getByRole('navigation', { name: 'Onderdelen van de avond' }).getByRole('link', { name: /Aanbesteding.*niet opgeslagen/ }).count()).toBe(1);
    expect(await page.getByTestId('unsaved-summary').textContent()).toContain('Aanbesteding');

    // Another section saves: the tender's input is untouched.
    await general.getByLabel('Locatie').fill('Grote zaal, Buurthuis Oost');
    await general.getByRole('button', { name: 'Opslaan' }).click();
    await general.getByText('Opgeslagen').waitFor();
    await general.getByTestId('unsaved').waitFor({ state: 'detached' });
    expect(await tenderName.inputValue()).toBe('Coördinatie wijkprogramma 2027 (herzien)');
    await shot(page, 'setup-1280-unsaved-tender');
    await expectAccessible(page);

    // A reload: the browser asks first, and the input is back afterwards, still marked unsaved.
    expect(await reload(page)).toEqual(['beforeunload']);
    await tenderName.waitFor();
    expect(await tenderName.inputValue()).toBe('Coördinatie wijkprogramma 2027 (herzien)');
    expect(await general.getByLabel('Locatie').inputValue()).toBe('Grote zaal, Buurthuis Oost');
    await tender.getByTestId('unsaved').waitFor();
    expect(((await host.get(`/api/evenings/${evening.id}`).expect(200)).body as EveningDetail).tender.name).toBe('Coördinatie wijkprogramma');
    await shot(page, 'setup-1280-after-reload');

    // Saved: nothing unsaved any more, and the next reload is not asked about.
    await tender.getByRole('button', { name: 'Opslaan' }).click();
    await tender.getByText('Opgeslagen').waitFor();
    await page.getByTestId('unsaved').first().waitFor({ state: 'detached' });
    expect(await page.getByTestId('unsaved').count()).toBe(0);
    expect(await page.getByTestId('unsaved-summary').count()).toBe(0);
    expect(((await host.get(`/api/evenings/${evening.id}`).expect(200)).body as EveningDetail).tender.name).toBe('Coördinatie wijkprogramma 2027 (herzien)');
    expect(await reload(page)).toEqual([]);
    expect(await page.locator('#tender').getByLabel('Naam van de aanbesteding').inputValue()).toBe('Coördinatie wijkprogramma 2027 (herzien)');
  });

  it('at 360 px: a bidder typed but not added and a weight typed but not saved come back after a reload, and can be thrown away', async () => {
    const page = await open({ width: 360, height: 740 }, { mobile: true });
    await page.goto(`${running.url}/evenings/${evening.id}`);
    const bidders = page.locator('#bidders');
    const newName = bidders.locator('#new-bidder-name');
    await newName.waitFor();
    await newName.fill('Buurtteam Oost');
    const criteria = page.locator('#criteria');
    const weight = criteria.getByLabel(/Gewicht.*Samenwerking/);
    await weight.fill('0');
    await weight.fill('');
    await weight.fill('5');
    const weightsUnsaved = criteria.locator('[data-form="criteria.weights"]');
    await weightsUnsaved.waitFor();

    expect(await reload(page)).toEqual(['beforeunload']);
    await newName.waitFor();
    expect(await newName.inputValue()).toBe('Buurtteam Oost');
    expect(await criteria.getByLabel(/Gewicht.*Samenwerking/).inputValue()).toBe('5');
    await page.getByTestId('weight-total').getByText('105').waitFor();
    const summary = page.getByTestId('unsaved-summary');
    expect(await summary.textContent()).toMatch(/Inschrijvers.*Criteria/);
    await summary.scrollIntoViewIfNeeded();
    await shot(page, 'setup-360-after-reload');
    await bidders.getByTestId('unsaved').scrollIntoViewIfNeeded();
    await shot(page, 'setup-360-unsaved-bidder');
    await expectAccessible(page);
    expect(await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth)).toBeLessThanOrEqual(0);

    // Thrown away: the field is empty again, the saved weight is back, nothing is kept.
    await bidders.getByTestId('unsaved').getByRole('button', { name: 'Wijzigingen weggooien' }).click();
    await weightsUnsaved.getByRole('button', { name: 'Wijzigingen weggooien' }).click();
    expect(await newName.inputValue()).toBe('');
    expect(await criteria.getByLabel(/Gewicht.*Samenwerking/).inputValue()).toBe('10');
    expect(await page.getByTestId('unsaved-summary').count()).toBe(0);
    expect(await page.evaluate(() => Object.keys(localStorage).filter((k) => k.startsWith('buurtjury.setup-draft.')))).toEqual([]);
    expect(await reload(page)).toEqual([]);
  });
});

describe('the console at 1280 px, the big screen and the audit trail', () => {
  let evening: EveningDetail;
  let console_: Page;
  let screen: Page;
  const criteria: [string, number][] = [
    ['Kennis van de wijk', 20],
    ['Ruimte voor bewoners', 20],
    ['Haalbaarheid', 15],
    ['Overtuigingskracht', 15],
    ['Samenwerking met buurtpartners', 15],
    ['Financiële onderbouwing', 15],
  ];

  beforeAll(async () => {
    const draft = await completeEvening(host, 'Pitchavond Noord');
    let detail = draft;
    for (const [name] of criteria.slice(4)) detail = (await host.post(`/api/evenings/${draft.id}/criteria`, { name, weight: 10 }).expect(201)).body as EveningDetail;
    const byName = new Map(detail.criteria.map((c) => [c.name, c.id]));
    await host.put(`/api/evenings/${draft.id}/weights`, { weights: criteria.map(([name, weight]) => ({ criterionId: byName.get(name)!, weight })) }).expect(200);
    evening = (await host.post(`/api/evenings/${draft.id}/freeze`).expect(200)).body as EveningDetail;
    console_ = await open({ width: 1280, height: 800 });
    screen = await open({ width: 1920, height: 1080 }, { token: false });
  });

  it('the screen follows the first Start from the join QR to the pitch; one control shows the interim results', async () => {
    await screen.goto(`${running.url}/screen/${evening.joinCode}`);
    await screen.locator('[data-view="join"]').waitFor();
    await console_.goto(`${running.url}/evenings/${evening.id}/live`);
    await console_.getByTestId('next-pitch').click();
    await screen.locator('[data-view="pitch"]').waitFor();
    expect(await screen.getByTestId('screen-bidder').textContent()).toBe(evening.bidders[0]!.name);
    expect(await console_.getByRole('radio', { name: 'Huidige pitch' }).isChecked()).toBe(true);
    // No separate switch for the interim results any more: the view is the control.
    expect(await console_.getByRole('checkbox', { name: /Tussenstand/ }).count()).toBe(0);

    await console_.getByRole('radio', { name: 'Tussenstand' }).check();
    // Nobody has scored yet: the screen shows the (empty) interim ranking, not "hidden".
    await screen.locator('[data-view="results"]').getByTestId('screen-results').waitFor({ state: 'attached' });
    expect(await screen.getByTestId('results-hidden').count()).toBe(0);
    await console_.getByText('Het grote scherm toont deze tussenstand nu aan de zaal.').waitFor();
    await console_.getByRole('radio', { name: 'Huidige pitch' }).check();
    await screen.locator('[data-view="pitch"]').waitFor();
    await console_.getByText(/Alleen voor organisatoren/).waitFor();
  });

  it('shows that the turnout table scrolls and lets the keyboard scroll it; the interim results fit', async () => {
    const region = console_.getByTestId('turnout-region');
    await region.waitFor();
    expect(await region.getAttribute('data-overflowing')).toBe('true');
    const scroller = region.getByRole('region', { name: 'Opkomst' });
    await region.getByText('Deze tabel is breder dan het scherm').waitFor();
    expect(await scroller.getAttribute('tabindex')).toBe('0');
    expect(await region.evaluate((el) => el.classList.contains('more-right'))).toBe(true);
    await scroller.scrollIntoViewIfNeeded();
    await shot(console_, 'console-1280-turnout-scroll-hint');

    // By keyboard: focus the table and press the right arrow.
    await scroller.focus();
    expect(await scroller.evaluate((el) => el.scrollLeft)).toBe(0);
    for (let i = 0; i < 8; i++) await console_.keyboard.press('ArrowRight');
    await console_.waitForFunction((el) => el !== null && el.scrollLeft > 0, await scroller.elementHandle());
    await console_.waitForFunction((el) => el?.classList.contains('more-left'), await region.elementHandle());
    await shot(console_, 'console-1280-turnout-scrolled');

    const results = console_.getByTestId('host-results-region');
    expect(await results.getAttribute('data-overflowing')).toBe('false');
    expect(await results.evaluate((el) => el.scrollWidth - el.clientWidth)).toBeLessThanOrEqual(0);
    expect(await console_.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth)).toBeLessThanOrEqual(0);
    await shot(console_, 'console-1280-full', true);
    await expectAccessible(console_);
  });

  it("names bidders and people's roles in the audit trail, and its check speaks the page's language", async () => {
    await console_.goto(`${running.url}/evenings/${evening.id}/audit`);
    const table = console_.getByTestId('audit-table');
    await table.waitFor();
    const started = table.getByRole('row').filter({ hasText: 'Pitch begonnen' });
    expect(await started.getByTestId('audit-detail').textContent()).toMatch(/Inschrijver:\s*Stichting Wijkkracht/);
    expect(await started.textContent()).toContain('Anna (nu eigenaar)');
    const follow = table.getByRole('row').filter({ hasText: 'Scherm gewisseld' }).first();
    expect(await follow.getByTestId('audit-detail').textContent()).toMatch(/Scherm toont:\s*Huidige pitch/);
    // No raw ids: a UUID appears only in a title, never in the text.
    expect(await table.textContent()).not.toMatch(/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/);

    await console_.getByTestId('verify').click();
    const verification = console_.getByTestId('verification');
    await verification.getByText(/regels, elk verbonden met de regel ervoor/).waitFor();
    expect(await verification.textContent()).not.toMatch(/entries, each linked|stored ballots|no advice issued/);
    await shot(console_, 'audit-nl', true);
    await expectAccessible(console_);

    await console_.getByRole('group', { name: /Taal|Language/ }).getByRole('button', { name: 'English' }).click();
    await verification.getByText(/entries, each linked to the one before/).waitFor();
    const startedEn = table.getByRole('row').filter({ hasText: 'Pitch started' });
    expect(await startedEn.getByTestId('audit-detail').textContent()).toMatch(/Bidder:\s*Stichting Wijkkracht/);
    expect(await console_.getByTestId('audit-table').textContent()).toContain('Anna (now owner)');
    await shot(console_, 'audit-en', true);
    await console_.getByRole('group', { name: /Taal|Language/ }).getByRole('button', { name: 'Nederlands' }).click();

    // On a phone the trail is a list of small blocks, names included, and nothing sticks out sideways.
    const phone = await open({ width: 360, height: 740 }, { mobile: true });
    await phone.goto(`${running.url}/evenings/${evening.id}/audit`);
    const row = phone.getByTestId('audit-table').getByRole('row').filter({ hasText: 'Pitch begonnen' });
    expect(await row.getByTestId('audit-detail').textContent()).toMatch(/Inschrijver:\s*Stichting Wijkkracht/);
    expect(await phone.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth)).toBeLessThanOrEqual(0);
    await row.scrollIntoViewIfNeeded();
    await shot(phone, 'audit-360');
    await expectAccessible(phone);
  });
});
