import * as path from 'node:path';
import type { Locator, Page } from 'playwright-core';
import { DataSource } from 'typeorm';
import type { EveningDetail } from '@buurtjury/shared';
import { BallotEntity } from '../../backend/src/infrastructure/database/schema/ballots';
import type { Organiser } from '../support/api';
import type { RunningApp } from '../support/app';
import { artifactDir } from '../support/browser';
import { liveStage, type Device } from '../support/live-stage';

/**
 * A whole live evening in real browsers, reached as a phone at the venue reaches the laptop: over
 * plain http at a host name that is not loopback (buurt.test, which Chromium maps to 127.0.0.1),
 * with the pages' real security headers; every page's requests are watched and none may fail or
 * be upgraded to https. The evening: two phones, the host console and the big screen, through
 * three pitches, a phone that loses its connection while scoring, the end and the reveal. The
 * server is checked through a host socket of its own and the database. Screenshots go to
 * test/artifacts/live.
 */

const shots = artifactDir('live');
const shot = (page: Page, name: string, fullPage = true) =>
  page.screenshot({ path: path.join(shots, `${name}.png`), fullPage, animations: 'disabled' });
/** A viewport-sized screenshot with `target` scrolled to the top, as a person would see it. */
async function shotAt(target: Locator, name: string): Promise<void> {
  await target.evaluate((el) => el.scrollIntoView({ block: 'start' }));
  await shot(target.page(), name, false);
}

let phoneA: Device;
let phoneB: Device;
let console_: Device;
let screen: Device;

const names = () => evening.bidders.map((b) => b.name);
const RECEIPT = /^[A-Z2-9]{4}-[A-Z2-9]{4}$/;

const phoneOptions = { viewport: { width: 390, height: 844 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true };

const scoringCard = (page: Page, bidderIndex: number): Locator => page.getByRole('region', { name: `Beoordeel: ${names()[bidderIndex]}` });
const hostRow = (bidderIndex: number): Locator => console_.page.getByTestId('host-pitch').filter({ hasText: names()[bidderIndex] });

/** Picks a level for the first `count` criteria (all by default) and sends the ballot. */
async function score(page: Page, bidderIndex: number, level: string, count = evening.criteria.length, remark = ''): Promise<Locator> {
  const card = scoringCard(page, bidderIndex);
  const form = card.getByTestId('ballot-form');
  for (let i = 0; i < count; i++) {
    await form.getByRole('group').nth(i).getByRole('radio', { name: level, exact: true }).check();
  }
  if (remark) {
    await form.getByText('Opmerking (optioneel)').click(); // the remark is folded away until asked for
    await form.getByLabel('Opmerking (optioneel)').fill(remark);
  }
  await form.getByRole('button', { name: 'Beoordeling versturen' }).click();
  return card;
}

async function receiptOf(card: Locator): Promise<string> {
  await card.getByTestId('ballot-status').filter({ hasText: 'Ontvangen' }).waitFor();
  return (await card.getByTestId('receipt').textContent())!.trim();
}

async function hostStartsAndOpens(bidderIndex: number): Promise<void> {
  await console_.page.getByTestId('next-pitch').click();
  // While phones joined in the last minute the console asks first (test/browser/latecomer.browser.ts).
  const warning = console_.page.getByRole('dialog', { name: 'Er komen nog mensen binnen' });
  const started = hostRow(bidderIndex).getByText('Nu bezig');
  await warning.or(started).first().waitFor();
  if (await warning.isVisible()) await warning.getByRole('button', { name: 'Toch starten' }).click();
  await started.waitFor();
  await hostRow(bidderIndex).getByRole('button', { name: /^Beoordeling openen/ }).click();
  await hostRow(bidderIndex).getByText('Beoordelen kan nu').waitFor();
}

async function hostCloses(bidderIndex: number, counted: number): Promise<void> {
  // The console announces the close with its default countdown; the host then closes at once.
  await hostRow(bidderIndex).getByRole('button', { name: /^Sluiten over 30 seconden/ }).click();
  await hostRow(bidderIndex).getByRole('button', { name: /^Nu sluiten/ }).click();
  const word = counted === 1 ? 'stem' : 'stemmen';
  await console_.page.getByTestId('host-feedback').getByText(`${counted} ${word} geteld`).waitFor();
}

/** Every button, choice and menu on a phone page is at least 48 px high. */
async function smallTouchTargets(page: Page): Promise<string[]> {
  return page.evaluate(() =>
    [...document.querySelectorAll('main button, main label.level, main label.check, main summary, main input[type=text], main textarea')]
      .filter((el) => (el as HTMLElement).offsetParent !== null)
      .filter((el) => el.getBoundingClientRect().height < 48)
      .map((el) => `${el.tagName} ${el.textContent?.trim().slice(0, 30)} ${Math.round(el.getBoundingClientRect().height)}px`),
  );
}

async function noHorizontalScroll(page: Page): Promise<number> {
  return page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
}

const stage = liveStage({
  title: 'Idols-avond wijkprogramma',
});
const { device, tallyWhere, hostSnapshot, expectAccessible } = stage;
let running: RunningApp;
let host: Organiser;
let evening: EveningDetail;
beforeAll(() => {
  ({ running, host, evening } = stage);
  expect(running.publicUrl).toMatch(/^http:\/\/buurt\.test:\d+$/);
});

describe('a live evening in the browser', () => {
  it('lets a phone join with the code typed on the start page, and another through the link', async () => {
    phoneA = await device(phoneOptions);
    phoneB = await device(phoneOptions);
    const a = phoneA.page;
    await a.goto(`${running.publicUrl}/`);
    await a.getByLabel('Code van de avond').fill('nope');
    await a.getByRole('button', { name: 'Meedoen' }).click();
    await a.getByText('Dit is geen geldige code').waitFor();
    const typed = `${evening.joinCode.slice(0, 3).toLowerCase()}-${evening.joinCode.slice(3).toLowerCase()}`;
    await a.getByLabel('Code van de avond').fill(typed);
    await shot(a, 'phone-01-home');
    await expectAccessible(a);
    await a.getByRole('button', { name: 'Meedoen' }).click();
    await a.waitForURL(`**/j/${evening.joinCode}`);

    await phoneB.page.goto(`${running.publicUrl}/j/${evening.joinCode}`);
    for (const p of [a, phoneB.page]) {
      await p.getByRole('heading', { level: 1, name: 'Idols-avond wijkprogramma' }).waitFor();
      await p.getByTestId('connection').getByText('Verbonden').waitFor();
      await p.getByRole('heading', { name: 'Heb je een band met een van de inschrijvers?' }).waitFor();
      expect(await p.getByTestId('programme').getByRole('listitem').count()).toBe(3);
    }
    await shot(a, 'phone-02-ties', false);
    await expectAccessible(a);
    expect(await smallTouchTargets(a)).toEqual([]);
    expect(await noHorizontalScroll(a)).toBeLessThanOrEqual(0);
    expect((await tallyWhere((t) => t.attendeesJoined === 2 && t.attendeesConnected === 2)).attendeesJoined).toBe(2);
  });

  it('declares ties: one phone has none, the other is tied to the third bidder', async () => {
    await phoneA.page.getByRole('button', { name: 'Ik heb geen band' }).click();
    const b = phoneB.page;
    await b.getByRole('checkbox', { name: names()[2] }).check();
    await b.getByRole('button', { name: 'Bevestigen (1 band)' }).click();
    for (const p of [phoneA.page, b]) await p.getByTestId('ties').waitFor({ state: 'detached' });
    await b.getByTestId('programme').getByRole('listitem').filter({ hasText: names()[2] }).getByText('Band aangegeven').waitFor();
    const tally = await tallyWhere((t) => t.pitches.find((p) => p.bidderId === evening.bidders[2]!.id)?.tiesDeclared === 1);
    expect(tally.pitches.map((p) => p.tiesDeclared)).toEqual([0, 0, 1]);
  });

  it('opens the host console and the big screen, which shows the QR code and the code', async () => {
    console_ = await device({ viewport: { width: 1280, height: 800 } }, host.session.token);
    screen = await device({ viewport: { width: 1920, height: 1080 } });
    const c = console_.page;
    await c.goto(`${running.publicUrl}/evenings/${evening.id}`);
    await c.getByRole('link', { name: 'Avond leiden' }).first().click();
    await c.waitForURL(`**/evenings/${evening.id}/live`);
    await c.getByTestId('connection').getByText('Verbonden').waitFor();
    await c.getByTestId('turnout').getByText('2 telefoons aangemeld').waitFor();
    expect(await c.getByTestId('open-screen').getAttribute('href')).toBe(`/screen/${evening.joinCode}`);
    await shot(c, 'host-01-before');
    await expectAccessible(c);

    const s = screen.page;
    await s.goto(`${running.publicUrl}/screen/${evening.joinCode}`);
    await s.getByTestId('screen-qr').locator('svg').waitFor();
    expect(await s.getByTestId('screen-code').textContent()).toBe(evening.joinCode);
    expect(await s.getByTestId('screen-qr').getAttribute('aria-label')).toContain(`${running.publicUrl}/j/${evening.joinCode}`);
    expect(await s.locator('header.site-header').count()).toBe(0);
    expect(await s.evaluate(() => document.documentElement.scrollHeight <= window.innerHeight)).toBe(true);
    await shot(s, 'screen-01-join', false);
    await expectAccessible(s);
  });

  it('runs pitch 1: the host starts it and opens scoring, both phones score and get a receipt, the host closes', async () => {
    await hostStartsAndOpens(0);
    // The screen follows the first Start by itself: from the join QR to the pitch.
    await screen.page.locator('[data-view="pitch"]').waitFor();
    expect(await console_.page.getByRole('radio', { name: 'Huidige pitch' }).isChecked()).toBe(true);
    expect(await screen.page.getByTestId('screen-bidder').textContent()).toBe(names()[0]);

    const a = phoneA.page;
    // Phone A skips the last criterion and adds a remark.
    await scoringCard(a, 0).getByTestId('ballot-form').getByRole('group').first().getByRole('radio', { name: 'Uitstekend', exact: true }).check();
    // What the grades mean is shown on demand.
    await scoringCard(a, 0).getByRole('button', { name: 'Uitleg' }).click();
    await scoringCard(a, 0).getByText('Overtuigt volledig').waitFor();
    await shotAt(scoringCard(a, 0), 'phone-03-scoring');
    await shot(a, 'phone-03-scoring-full');
    await expectAccessible(a);
    expect(await smallTouchTargets(a)).toEqual([]);
    expect(await noHorizontalScroll(a)).toBeLessThanOrEqual(0);
    const cardA = await score(a, 0, 'Uitstekend', evening.criteria.length - 1, 'Goed verhaal, weinig over de kosten.');
    const cardB = await score(phoneB.page, 0, 'Voldoende');
    const receiptA = await receiptOf(cardA);
    const receiptB = await receiptOf(cardB);
    expect(receiptA).toMatch(RECEIPT);
    expect(receiptB).toMatch(RECEIPT);
    expect(receiptA).not.toBe(receiptB);
    await shotAt(cardA, 'phone-04-received');

    const first = evening.bidders[0]!.id;
    const lastCriterion = evening.criteria.at(-1)!.id;
    let tally = await tallyWhere((t) => t.pitches[0]!.ballots === 2);
    expect(tally.pitches[0]!.perCriterion[lastCriterion]).toBe(1);

    // Phone A changes its mind while scoring is open: a new ballot replaces the first.
    await cardA.getByRole('button', { name: 'Beoordeling wijzigen' }).click();
    await cardA.getByTestId('ballot-form').getByRole('group').nth(evening.criteria.length - 1).getByRole('radio', { name: 'Uitstekend', exact: true }).check();
    await cardA.getByRole('button', { name: 'Beoordeling versturen' }).click();
    await cardA.getByTestId('receipt').filter({ hasNotText: receiptA }).waitFor();
    tally = await tallyWhere((t) => t.pitches[0]!.perCriterion[lastCriterion] === 2);
    expect(tally.pitches[0]!.ballots).toBe(2);
    expect(tally.results?.find((r) => r.bidderId === first)).toMatchObject({ ballots: 2, weightedMean: 4 });

    await screen.page.getByTestId('screen-turnout').getByText('2 van 2').waitFor();
    await shot(screen.page, 'screen-02-pitch', false);
    await expectAccessible(screen.page);
    await console_.page.getByTestId('host-results').getByText('4,00').waitFor();
    await shot(console_.page, 'host-02-scoring');
    await expectAccessible(console_.page);

    await hostCloses(0, 2);
    await a.getByTestId('programme').getByRole('listitem').filter({ hasText: names()[0] }).getByTestId('scored').waitFor();
    await scoringCard(a, 0).waitFor({ state: 'detached' });
  });

  it('runs pitch 2 with a phone that is offline when it sends: saved on the phone, then received after reconnecting', async () => {
    await hostStartsAndOpens(1);
    const b = phoneB.page;
    await scoringCard(b, 1).waitFor();
    phoneB.network.pause();
    await phoneB.context.setOffline(true);
    await b.getByTestId('connection').getByText('Verbinding kwijt, opnieuw verbinden…').waitFor();

    const cardB = await score(b, 1, 'Uitstekend');
    await cardB.getByTestId('ballot-status').getByText('Opgeslagen op deze telefoon, nog niet ontvangen').waitFor();
    const outbox = await b.evaluate((code) => JSON.parse(localStorage.getItem(`buurtjury.outbox.${code}`) ?? '[]') as unknown[], evening.joinCode);
    expect(outbox).toHaveLength(1);
    await shotAt(cardB, 'phone-05-offline-pending');
    expect(stage.latestTally!.pitches[1]!.ballots).toBe(0);

    const cardA = await score(phoneA.page, 1, 'Goed');
    expect(await receiptOf(cardA)).toMatch(RECEIPT);

    await phoneB.context.setOffline(false);
    expect(await receiptOf(cardB)).toMatch(RECEIPT);
    phoneB.network.resume();
    await b.getByTestId('connection').getByText('Verbonden').waitFor();
    expect(await b.evaluate((code) => localStorage.getItem(`buurtjury.outbox.${code}`), evening.joinCode)).toBeNull();
    await shotAt(cardB, 'phone-06-back-online-received');

    const tally = await tallyWhere((t) => t.pitches[1]!.ballots === 2);
    expect(tally.results?.find((r) => r.bidderId === evening.bidders[1]!.id)).toMatchObject({ ballots: 2, weightedMean: 4.5 });
    await hostCloses(1, 2);
  });

  it('runs pitch 3: the tied phone sees why it cannot score; the screen shows turnout and, when switched on, the results', async () => {
    await hostStartsAndOpens(2);
    const tied = scoringCard(phoneB.page, 2);
    await tied.getByTestId('tied').waitFor();
    expect(await tied.getByTestId('tied').textContent()).toContain('band');
    expect(await tied.getByTestId('ballot-form').count()).toBe(0);
    await shotAt(tied, 'phone-07-tied');

    const cardA = await score(phoneA.page, 2, 'Matig');
    expect(await receiptOf(cardA)).toMatch(RECEIPT);
    await tallyWhere((t) => t.pitches[2]!.ballots === 1);

    const c = console_.page;
    const s = screen.page;
    await c.getByRole('radio', { name: 'Opkomst' }).check();
    await s.locator('[data-view="turnout"]').waitFor();
    await shot(s, 'screen-03-turnout', false);

    // One control: choosing the interim results view shows them to the room.
    await c.getByRole('radio', { name: 'Tussenstand' }).check();
    await s.getByTestId('screen-results').waitFor();
    expect(await s.getByTestId('screen-results').getByRole('listitem').first().textContent()).toContain(names()[1]);
    await shot(s, 'screen-04-results', false);
    await expectAccessible(s);
    await hostCloses(2, 1);
    await shot(c, 'host-03-all-closed');
  });

  it('ends the evening and reveals the places, last place first, on the screen and the phones', async () => {
    const c = console_.page;
    await c.getByRole('button', { name: 'Avond beëindigen' }).click();
    await c.getByRole('button', { name: 'Ja, beëindigen' }).click();
    await c.getByTestId('revealed-count').getByText('0 van 3 plaatsen onthuld.').waitFor();
    expect((await hostSnapshot()).state.phase).toBe('ended');

    // Expected ranking by majority judgment, as in the advice: bidder 2 (grades 4 and 5: majority
    // grade 4), bidder 1 (3 and 5: majority grade 3, although its mean is 4), bidder 3 (2);
    // revealed from the last place.
    const expected = [names()[2]!, names()[0]!, names()[1]!];
    for (const [i, name] of expected.entries()) {
      await c.getByRole('button', { name: 'Volgende plaats onthullen' }).click();
      await c.getByTestId('revealed-count').getByText(`${i + 1} van 3 plaatsen onthuld.`).waitFor();
      await screen.page.getByTestId('screen-newest').getByText(name, { exact: true }).waitFor();
      if (i === 1) await shot(screen.page, 'screen-05-reveal-second', false);
    }
    expect(await c.getByRole('button', { name: 'Volgende plaats onthullen' }).isDisabled()).toBe(true);
    const reveal = (await hostSnapshot()).reveal!;
    expect(reveal.places.map((p) => [p.place, p.bidderId])).toEqual([
      [3, evening.bidders[2]!.id],
      [2, evening.bidders[0]!.id],
      [1, evening.bidders[1]!.id],
    ]);
    await shot(screen.page, 'screen-06-reveal-winner', false);
    await expectAccessible(screen.page);
    await shot(c, 'host-04-revealed');
    await expectAccessible(c);

    for (const p of [phoneA.page, phoneB.page]) {
      const list = p.getByTestId('phone-reveal').getByRole('listitem');
      await list.nth(2).waitFor();
      const texts = (await list.allTextContents()).map((t) => t.replace(/\s+/g, ' ').trim());
      expect(texts).toEqual([
        `Plaats 3 ${expected[0]} meerderheidsoordeel 2,00 · minstens Matig (1 totaalcijfer)`,
        `Plaats 2 ${expected[1]} meerderheidsoordeel 3,00 · minstens Voldoende (2 totaalcijfers)`,
        `Plaats 1 ${expected[2]} meerderheidsoordeel 4,00 · minstens Goed (2 totaalcijfers)`,
      ]);
    }
    await shot(phoneA.page, 'phone-08-reveal', false);
    await expectAccessible(phoneA.page);

    // Stored: two ballots for pitch 1 plus the changed one, two for pitch 2, one for pitch 3.
    const stored = await running.app.get(DataSource).manager.findBy(BallotEntity, { eveningId: evening.id });
    expect(stored).toHaveLength(6);
  });
});
