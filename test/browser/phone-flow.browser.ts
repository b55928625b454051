import * as path from 'node:path';
import type { Browser, BrowserContext, Locator, Page } from 'playwright-core';
import { JOIN_CODE_ALPHABET, type EveningDetail, type TicketsResponse } from '@buurtjury/shared';
import { organiser, type Organiser } from '../support/api';
import { startApp, type RunningApp } from '../support/app';
import { artifactDir, launchBrowser, seriousA11yViolations, VENUE_HOST, watchNetwork, type NetworkWatch } from '../support/browser';
import { call, connect, ok, type Client } from '../support/sockets';
import { binary, printedCodes } from '../support/tickets';

/**
 * The phone as a resident uses it, at 360×740 (issue 14, "one screen per pitch"): from opening
 * /j/CODE to a stored ballot with its receipt, counting taps and scrolls (at most 7 taps and 1
 * scroll for 5 criteria, the ties question included) and key presses (at most 12 for the criteria
 * and sending); the receipt, or "saved on this phone", in view and focused after sending; grades
 * that survive a reload; a mistyped join code with a field to retype it; and a released ticket's
 * old phone that says so, live and after a reload. One phone runs in English. Screenshots go to
 * test/artifacts/phone-flow.
 */
let running: RunningApp;
let browser: Browser;
let host: Organiser;
/** Five criteria, the default verbal scale; scoring of the first pitch is open. */
let five: EveningDetail;
/** Six criteria: the most a pitch should have to fit one screen. */
let six: EveningDetail;
/** By ticket, five criteria. */
let ticketed: EveningDetail;
let ticketCodes: Map<number, string>;
const sockets: Client[] = [];
const devices: { context: BrowserContext; page: Page; network: NetworkWatch }[] = [];

const shots = artifactDir('phone-flow');
const shot = (page: Page, name: string) => page.screenshot({ path: path.join(shots, `${name}.png`), animations: 'disabled' });

const PHONE = { viewport: { width: 360, height: 740 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true };
const LAPTOP = { viewport: { width: 1280, height: 800 } };
const RECEIPT = /^[A-Z2-9]{4}-[A-Z2-9]{4}$/;

const CRITERIA = [
  ['Kennis van de wijk', 'Kent de partij de straten, de mensen en wat er al gebeurt?'],
  ['Ruimte voor bewoners', 'Bepalen bewoners mee wat er gebeurt, of worden ze alleen geïnformeerd?'],
  ['Haalbaarheid', 'Zijn de plannen uit te voeren met dit budget en deze mensen?'],
  ['Samenwerking', 'Werkt de partij samen met wat er al is in de wijk?'],
  ['Overtuigingskracht', 'Hoe overtuigend was de pitch en het antwoord op de vragen?'],
  ['Kosten en baten', 'Staat wat het kost in verhouding tot wat het de wijk oplevert?'],
] as const;

const OWN_MEANING = 'Kent elke straat, de sleutelfiguren en wat er al loopt.';

/** A frozen evening with `count` criteria (weights adding up to 100) and three bidders; scoring of the first pitch open. */
async function evening(title: string, count: number, rules: Record<string, unknown>): Promise<EveningDetail> {
  const created = await host
    .post('/api/evenings', {
      title,
      date: '2026-12-10',
      startTime: '19:00',
      venue: 'Buurthuis De Kroon',
      tender: { municipality: 'Gemeente Eemhoven', name: 'Coördinatie wijkprogramma', reference: 'EH-1', committee: 'Adviescommissie' },
    })
    .expect(201);
  const id = (created.body as EveningDetail).id;
  for (const name of ['Stichting Wijkkracht', 'Welzijn Eemland', 'Coöperatie Buurtwerk']) {
    await host.post(`/api/evenings/${id}/bidders`, { name, pitchMinutes: 10, qaMinutes: 5 }).expect(201);
  }
  const base = Math.floor(100 / count);
  for (const [i, [name, explanation]] of CRITERIA.slice(0, count).entries()) {
    const weight = base + (i < 100 - base * count ? 1 : 0);
    // The first criterion says what its best grade means for it; the others use the scale's general meanings.
    const levelDescriptors = i === 0 ? { '5': OWN_MEANING } : undefined;
    await host.post(`/api/evenings/${id}/criteria`, { name, explanation, weight, ...(levelDescriptors ? { levelDescriptors } : {}) }).expect(201);
  }
  await host.patch(`/api/evenings/${id}`, { rules }).expect(200);
  const frozen = (await host.post(`/api/evenings/${id}/freeze`).expect(200)).body as EveningDetail;
  const socket = await connect(running.url, { role: 'host', eveningId: frozen.id, token: host.session.token });
  sockets.push(socket);
  ok(await call(socket, 'host:command', { type: 'next-pitch' }));
  ok(await call(socket, 'host:command', { type: 'open-scoring', bidderId: frozen.bidders[0]!.id }));
  return frozen;
}

beforeAll(async () => {
  running = await startApp({}, { venueHost: VENUE_HOST });
  browser = await launchBrowser();
  host = await organiser(running.url, 'Host');
  // Without the presence rule, so a phone that opens the page during the pitch may score it.
  five = await evening('Idols-avond Eemhoven', 5, { presenceRule: false });
  six = await evening('Avond met zes criteria', 6, { presenceRule: false });
  ticketed = await evening('Avond met kaartjes', 5, { presenceRule: false, accessMode: 'tickets' });
  ticketCodes = await printedCodes((await binary(host.post(`/api/evenings/${ticketed.id}/tickets/cards.pdf`, { count: 4 })).expect(201)).body as Buffer);
}, 120_000);

afterEach(() => {
  for (const d of devices.splice(0)) expect({ page: d.page.url(), problems: d.network.problems() }).toEqual({ page: d.page.url(), problems: [] });
});

afterAll(async () => {
  for (const s of sockets) s.close();
  await browser?.close();
  await running?.close();
});

async function device(options: Parameters<Browser['newContext']>[0] = PHONE, language: 'nl' | 'en' = 'nl'): Promise<Page> {
  const context = await browser.newContext({ locale: language === 'nl' ? 'nl-NL' : 'en-GB', ...options });
  const page = await context.newPage();
  page.setDefaultTimeout(15_000);
  devices.push({ context, page, network: watchNetwork(page, running.publicUrl) });
  return page;
}

async function expectAccessible(page: Page): Promise<void> {
  expect(await seriousA11yViolations(page)).toEqual([]);
}

/** Whether a person can tap `target` where it is: wholly on screen and not under anything else (the send bar). */
function reachable(target: Locator): Promise<boolean> {
  return target.evaluate((el) => {
    const r = el.getBoundingClientRect();
    if (r.width === 0 || r.top < 0 || r.left < 0 || r.bottom > window.innerHeight || r.right > window.innerWidth) return false;
    const hit = document.elementFromPoint(r.left + r.width / 2, r.top + r.height / 2);
    return !!hit && (hit === el || el.contains(hit));
  });
}

/** Wholly inside the viewport. */
function inView(target: Locator): Promise<boolean> {
  return target.evaluate((el) => {
    const r = el.getBoundingClientRect();
    return r.height > 0 && r.top >= 0 && r.bottom <= window.innerHeight && r.left >= 0 && r.right <= window.innerWidth;
  });
}

/** A thumb that counts: taps, and the scrolls it needed because something was not on screen. */
class Thumb {
  taps = 0;
  scrolls = 0;
  constructor(readonly page: Page) {}

  async tap(target: Locator): Promise<void> {
    await target.waitFor();
    if (!(await reachable(target))) {
      // One swipe: the target to the middle of the screen.
      const before = await this.page.evaluate(() => window.scrollY);
      await target.evaluate((el) => el.scrollIntoView({ block: 'center' }));
      if ((await this.page.evaluate(() => window.scrollY)) !== before) this.scrolls++;
      expect(await reachable(target)).toBe(true);
    }
    await target.tap();
    this.taps++;
  }
}

/** The scoring card of the first pitch on a phone. */
const card = (page: Page, ev: EveningDetail, heading = 'Beoordeel'): Locator => page.getByRole('region', { name: `${heading}: ${ev.bidders[0]!.name}` });

/** The status block of a pitch (receipt or "saved on this phone") is on screen and has the focus: announced, not lost on <body>. */
async function expectStatusInViewAndFocused(scoring: Locator): Promise<void> {
  const status = scoring.getByTestId('ballot-status');
  expect(await inView(status)).toBe(true);
  expect(await status.evaluate((el) => document.activeElement === el && el.getAttribute('role') === 'status')).toBe(true);
}

describe('one screen per pitch', () => {
  it('from /j/CODE to a stored ballot with its receipt: at most 7 taps and 1 scroll, the send button in view from the start', async () => {
    const page = await device();
    const thumb = new Thumb(page);
    await page.goto(`${running.publicUrl}/j/${five.joinCode}`);
    await page.getByRole('button', { name: 'Ik heb geen band' }).waitFor();
    await shot(page, 'ties-360');
    await thumb.tap(page.getByRole('button', { name: 'Ik heb geen band' }));

    const scoring = card(page, five);
    const form = scoring.getByTestId('ballot-form');
    await form.waitFor();
    // The form is on screen as a whole: its heading has the focus, the send button is in view.
    const send = form.getByRole('button', { name: 'Beoordeling versturen' });
    expect(await inView(send)).toBe(true);
    expect(await scoring.getByRole('heading', { level: 2 }).evaluate((el) => document.activeElement === el)).toBe(true);
    // Every grade is a radio named by its level, at least 44 × 44 px, five in a row.
    const groups = form.locator('fieldset');
    expect(await groups.count()).toBe(5);
    expect(await groups.nth(0).getAttribute('role')).toBeNull(); // a fieldset: the group named by its legend
    for (let i = 0; i < 5; i++) {
      const boxes = await groups.nth(i).locator('label.level').evaluateAll((els) => els.map((el) => el.getBoundingClientRect()).map((r) => ({ w: r.width, h: r.height, top: r.top })));
      expect(boxes).toHaveLength(5);
      for (const b of boxes) expect(b.w >= 44 && b.h >= 44).toBe(true);
      expect(new Set(boxes.map((b) => Math.round(b.top))).size).toBe(1);
    }
    expect(await groups.nth(0).getByRole('radio').evaluateAll((els) => els.map((el) => (el as HTMLInputElement).getAttribute('aria-label')))).toEqual([
      'Uitstekend',
      'Goed',
      'Voldoende',
      'Matig',
      'Onvoldoende',
    ]);
    await shot(page, 'form-5-criteria-360');
    await expectAccessible(page);

    for (const [i, level] of ['Goed', 'Uitstekend', 'Voldoende', 'Goed', 'Matig'].entries()) await thumb.tap(groups.nth(i).getByRole('radio', { name: level, exact: true }));
    await groups.nth(4).getByText('Matig', { exact: true }).waitFor(); // the chosen level is shown by the criterion
    expect(await inView(send)).toBe(true);
    await thumb.tap(send);

    const receipt = scoring.getByTestId('receipt');
    await receipt.waitFor();
    expect((await receipt.textContent())!.trim()).toMatch(RECEIPT);
    await expectStatusInViewAndFocused(scoring);
    expect(await scoring.getByTestId('ballot-status').textContent()).toContain('Ontvangen');
    console.log(`Scan to receipt, 5 criteria at 360×740: ${thumb.taps} taps, ${thumb.scrolls} scrolls`);
    expect(thumb.taps).toBeLessThanOrEqual(7);
    expect(thumb.scrolls).toBeLessThanOrEqual(1);
    await shot(page, 'receipt-360');
    await expectAccessible(page);
  });

  it('by keyboard alone: at most 12 key presses from the form to the receipt (Tab between criteria, arrows within one, Enter sends)', async () => {
    const page = await device();
    await page.goto(`${running.publicUrl}/j/${five.joinCode}`);
    const noTies = page.getByRole('button', { name: 'Ik heb geen band' });
    await noTies.waitFor();
    let toTies = 0;
    while (!(await noTies.evaluate((el) => document.activeElement === el)) && toTies < 30) {
      await page.keyboard.press('Tab');
      toTies++;
    }
    await page.keyboard.press('Enter');
    const scoring = card(page, five);
    await scoring.getByTestId('ballot-form').waitFor();
    await page.waitForFunction(() => document.activeElement?.tagName === 'H2');

    const keys: string[] = [];
    const press = async (key: string) => {
      keys.push(key);
      await page.keyboard.press(key);
    };
    await press('Tab'); // "Explain"
    await press('Tab'); // into the first criterion
    await press('Space'); // its first grade
    for (let i = 1; i < 5; i++) {
      await press('Tab');
      await press('ArrowRight'); // the second grade
    }
    await press('Enter');
    await scoring.getByTestId('receipt').waitFor();
    await expectStatusInViewAndFocused(scoring);
    console.log(`Keyboard: ${toTies + 1} presses to answer the ties question, ${keys.length} for 5 criteria and sending (${keys.join(' ')})`);
    expect(keys.length).toBeLessThanOrEqual(12);

    // The server stored what the keys chose: Uitstekend (5) for the first criterion, Goed (4) for the others.
    await scoring.getByRole('button', { name: 'Beoordeling wijzigen' }).click();
    const chosen = await scoring.getByTestId('ballot-form').getByRole('radio', { checked: true }).evaluateAll((els) => els.map((el) => (el as HTMLInputElement).value));
    expect(chosen).toEqual(['5', '4', '4', '4', '4']);
  });

  it('six criteria fit one 360×740 screen, with the send button, once the form is scrolled to the top', async () => {
    const page = await device();
    await page.goto(`${running.publicUrl}/j/${six.joinCode}`);
    await page.getByRole('button', { name: 'Ik heb geen band' }).tap();
    const scoring = page.getByTestId('scoring').first(); // in either language
    const form = scoring.getByTestId('ballot-form');
    await form.waitFor();
    const groups = form.locator('fieldset');
    expect(await groups.count()).toBe(6);
    // The group is named by the criterion and what its weight means (the screen shows "17 %").
    expect(await form.getByRole('group', { name: 'Kennis van de wijk (telt voor 17 %)', exact: true }).count()).toBe(1);
    for (const [language, send] of [['nl', 'Beoordeling versturen'], ['en', 'Send score']] as const) {
      if (language === 'en') await page.getByRole('button', { name: 'English' }).tap();
      await form.getByRole('button', { name: send }).waitFor();
      await scoring.evaluate((el) => el.scrollIntoView({ block: 'start' }));
      for (let i = 0; i < 6; i++) for (const radio of await groups.nth(i).getByRole('radio').all()) expect(await reachable(radio)).toBe(true);
      expect(await reachable(form.getByRole('button', { name: send }))).toBe(true);
      await shot(page, `form-6-criteria-360-${language}`);
      await expectAccessible(page);
    }
  });

  it('shows what the grades mean on demand, and the remark when asked for', async () => {
    const page = await device();
    await page.goto(`${running.publicUrl}/j/${five.joinCode}`);
    await page.getByRole('button', { name: 'Ik heb geen band' }).tap();
    const form = card(page, five).getByTestId('ballot-form');
    await form.waitFor();
    expect(await form.getByText('Overtuigt volledig', { exact: false }).count()).toBe(0);
    expect(await form.getByLabel('Opmerking (optioneel)').isVisible()).toBe(false);

    const explain = form.getByRole('button', { name: 'Uitleg' });
    await explain.tap();
    expect(await explain.getAttribute('aria-expanded')).toBe('true');
    // The scale's general meanings once, then per criterion its explanation and its own meanings.
    await form.getByText('Overtuigt volledig', { exact: false }).waitFor();
    expect(await form.getByText('Overtuigt volledig', { exact: false }).count()).toBe(1);
    for (const [name, explanation] of CRITERIA.slice(0, 5)) await form.locator('fieldset').filter({ hasText: name }).getByText(explanation).waitFor();
    await form.locator('fieldset').first().getByText(OWN_MEANING).waitFor();
    await form.locator('summary').tap();
    await form.getByLabel('Opmerking (optioneel)').fill('Sterk verhaal');
    await expectAccessible(page);
    await page.screenshot({ path: path.join(shots, 'form-explained-360-full.png'), fullPage: true, animations: 'disabled' });
  });
});

describe('after sending, and after a reload', () => {
  it('keeps tapped grades over a reload (in English), and forgets them once the ballot is sent', async () => {
    const page = await device(PHONE, 'en');
    await page.goto(`${running.publicUrl}/j/${five.joinCode}`);
    // The resident switches the phone to English.
    await page.getByRole('button', { name: 'English' }).tap();
    await page.getByRole('button', { name: 'I have no ties' }).tap();
    const scoring = card(page, five, 'Score');
    const groups = scoring.getByTestId('ballot-form').locator('fieldset');
    await groups.first().waitFor();
    expect(await page.locator('html').getAttribute('lang')).toBe('en');
    await groups.nth(0).getByRole('radio', { name: 'Goed', exact: true }).tap();
    await groups.nth(2).getByRole('radio', { name: 'Matig', exact: true }).tap();
    await scoring.locator('summary').tap();
    await scoring.getByLabel('Remark (optional)').fill('Half way');
    // Two of five criteria weigh 40 %: the phone says the ballot counts per criterion only.
    await scoring.getByTestId('partial-weight').getByText('The criteria you scored weigh 40 % together.', { exact: false }).waitFor();

    await page.reload();
    await groups.first().waitFor();
    expect(await groups.nth(0).getByRole('radio', { name: 'Goed', exact: true }).isChecked()).toBe(true);
    expect(await groups.nth(2).getByRole('radio', { name: 'Matig', exact: true }).isChecked()).toBe(true);
    expect(await scoring.getByTestId('ballot-form').getByRole('radio', { checked: true }).count()).toBe(2);
    expect(await scoring.getByLabel('Remark (optional)').inputValue()).toBe('Half way');
    await shot(page, 'reloaded-draft-en-360');

    await groups.nth(1).getByRole('radio', { name: 'Voldoende', exact: true }).tap();
    await scoring.getByRole('button', { name: 'Send score' }).tap();
    await scoring.getByTestId('receipt').waitFor();
    expect(await scoring.getByTestId('ballot-status').textContent()).toContain('Received');
    await expectStatusInViewAndFocused(scoring);
    expect(await page.evaluate((code) => localStorage.getItem(`buurtjury.draft.${code}`), five.joinCode)).toBeNull();
    await expectAccessible(page);
    await page.reload();
    await scoring.getByTestId('ballot-status').getByText('Received').waitFor();
    expect(await scoring.getByTestId('ballot-form').count()).toBe(0);
  });

  it('offline: "saved on this phone" is in view and focused, and the receipt follows when the network is back', async () => {
    const page = await device();
    const watch = devices.at(-1)!.network;
    await page.goto(`${running.publicUrl}/j/${five.joinCode}`);
    await page.getByRole('button', { name: 'Ik heb geen band' }).tap();
    const scoring = card(page, five);
    const form = scoring.getByTestId('ballot-form');
    await form.waitFor();
    await page.getByTestId('connection').getByText('Verbonden').waitFor();
    watch.pause();
    await page.context().setOffline(true);
    await page.getByTestId('connection').getByText('Verbinding kwijt, opnieuw verbinden…').waitFor();
    for (let i = 0; i < 5; i++) await form.locator('fieldset').nth(i).getByRole('radio', { name: 'Voldoende', exact: true }).tap();
    await form.getByRole('button', { name: 'Beoordeling versturen' }).tap();
    await scoring.getByTestId('ballot-status').getByText('Opgeslagen op deze telefoon, nog niet ontvangen').waitFor();
    await expectStatusInViewAndFocused(scoring);
    await shot(page, 'saved-on-phone-360');
    await page.context().setOffline(false);
    await scoring.getByTestId('receipt').waitFor({ timeout: 30_000 });
    watch.resume();
    expect(await inView(scoring.getByTestId('ballot-status'))).toBe(true);
  });
});

describe('joining that goes wrong', () => {
  /** A well-formed code that is no evening's. */
  function unknownCode(): string {
    const taken = new Set([five.joinCode, six.joinCode, ticketed.joinCode]);
    for (let i = 0; ; i++) {
      const code = Array.from({ length: 6 }, (_, j) => JOIN_CODE_ALPHABET[(i * 7 + j * 3) % JOIN_CODE_ALPHABET.length]).join('');
      if (!taken.has(code)) return code;
    }
  }

  it('a mistyped code: a plain Dutch message, no endless "Verbinden…", and a field to type it again that joins', async () => {
    const page = await device();
    const wrong = unknownCode();
    await page.goto(`${running.publicUrl}/j/${wrong}`);
    const box = page.getByTestId('wrong-code');
    await box.getByText('Er is geen avond met deze code gevonden.').waitFor();
    const text = await page.locator('main').innerText();
    expect(text).not.toMatch(/not found|evening with this code/i);
    expect(await page.getByTestId('connection').count()).toBe(0);
    expect(text).not.toContain('Verbinden');
    const field = box.getByLabel('Code van de avond');
    expect(await field.inputValue()).toBe(wrong);
    await shot(page, 'wrong-code-360');
    await expectAccessible(page);

    // Typed as people type it: lower case with a dash.
    await field.fill(`${five.joinCode.slice(0, 3).toLowerCase()}-${five.joinCode.slice(3).toLowerCase()}`);
    await box.getByRole('button', { name: 'Meedoen' }).tap();
    await page.waitForURL(`**/j/${five.joinCode}`);
    await page.getByRole('heading', { name: 'Heb je een band met een van de inschrijvers?' }).waitFor();
    await page.getByTestId('connection').getByText('Verbonden').waitFor();
  });

  it('a code that cannot be one: says so and offers the same field; a still malformed retype is caught before asking the server', async () => {
    const page = await device();
    await page.goto(`${running.publicUrl}/j/nope`);
    const box = page.getByTestId('wrong-code');
    await box.getByText('‘nope’ is geen geldige code van een avond.', { exact: false }).waitFor();
    expect(await page.getByTestId('connection').count()).toBe(0);
    await box.getByLabel('Code van de avond').fill('ab');
    await box.getByRole('button', { name: 'Meedoen' }).tap();
    await box.getByRole('alert').filter({ hasText: '‘ab’ is geen geldige code' }).waitFor();
    expect(await box.getByLabel('Code van de avond').getAttribute('aria-invalid')).toBe('true');
    await expectAccessible(page);
    await box.getByLabel('Code van de avond').fill(six.joinCode);
    await box.getByRole('button', { name: 'Meedoen' }).tap();
    await page.getByRole('heading', { level: 1, name: 'Avond met zes criteria' }).waitFor();
  });

  it('a released ticket: the old phone says so at once and after a reload, shows no "Verbonden" and no form, and forgets its unsent grades', async () => {
    const page = await device();
    await page.goto(`${running.publicUrl}/j/${ticketed.joinCode}?t=${ticketCodes.get(1)!}`);
    await page.getByRole('button', { name: 'Ik heb geen band' }).tap();
    const form = card(page, ticketed).getByTestId('ballot-form');
    await form.locator('fieldset').first().getByRole('radio', { name: 'Goed', exact: true }).tap();
    await page.getByTestId('connection').getByText('Verbonden').waitFor();
    expect(await page.evaluate((code) => localStorage.getItem(`buurtjury.draft.${code}`), ticketed.joinCode)).not.toBeNull();

    const tickets = ((await host.get(`/api/evenings/${ticketed.id}/tickets`).expect(200)).body as TicketsResponse).tickets;
    await host.post(`/api/evenings/${ticketed.id}/tickets/${tickets.find((t) => t.number === 1)!.id}/release`, { reason: 'Batterij leeg' }).expect(200);

    const released = page.getByTestId('ticket-released');
    await released.getByText('Dit toegangsbewijs is vrijgegeven voor een andere telefoon.', { exact: false }).waitFor();
    const check = async () => {
      expect(await page.getByTestId('connection').count()).toBe(0);
      expect(await page.locator('main').innerText()).not.toContain('Verbonden');
      expect(await page.getByTestId('ballot-form').count()).toBe(0);
      expect(await inView(released.getByRole('heading'))).toBe(true);
    };
    await check();
    expect(await page.evaluate((code) => localStorage.getItem(`buurtjury.draft.${code}`), ticketed.joinCode)).toBeNull();
    await shot(page, 'released-ticket-360');
    await expectAccessible(page);

    await page.reload();
    await released.getByText('Dit toegangsbewijs is vrijgegeven voor een andere telefoon.', { exact: false }).waitFor();
    await check();
    await shot(page, 'released-ticket-reloaded-360');
  });
});

describe('on a laptop', () => {
  it('shows the same form at 1280×800 with the send button in view', async () => {
    const page = await device(LAPTOP);
    await page.goto(`${running.publicUrl}/j/${five.joinCode}`);
    await page.getByRole('button', { name: 'Ik heb geen band' }).click();
    const form = card(page, five).getByTestId('ballot-form');
    await form.waitFor();
    expect(await inView(form.getByRole('button', { name: 'Beoordeling versturen' }))).toBe(true);
    expect(await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth)).toBeLessThanOrEqual(0);
    await shot(page, 'form-5-criteria-1280');
    await expectAccessible(page);
  });
});
