import * as path from 'node:path';
import type { Locator, Page } from 'playwright-core';
import { venueClock, type EveningDetail, type HostSnapshot } from '@buurtjury/shared';
import type { Organiser } from '../support/api';
import type { RunningApp } from '../support/app';
import { artifactDir } from '../support/browser';
import { liveStage, PHONE, type Device } from '../support/live-stage';
import { call, ok, type Client } from '../support/sockets';

/**
 * Closing scoring as residents live it, in real browsers: one phone (360×740) fills in and loses
 * its connection, another fills in online; the host (1280×800) sees both, closes with a
 * countdown that the online phone and the big screen show; the online phone sends in time, the
 * offline one comes back after the close and is told plainly, in Dutch, that its ballot did not
 * count and when scoring closed; the console shows one ballot too late. Screenshots go to
 * test/artifacts/close.
 */

const shots = artifactDir('close');
const shot = (page: Page, name: string, fullPage = false) => page.screenshot({ path: path.join(shots, `${name}.png`), fullPage, animations: 'disabled' });

let offline: Device;
let online: Device;
let console_: Device;
let screen: Device;

const phoneOptions = PHONE;

const bidder = () => evening.bidders[0]!;
const scoringCard = (page: Page): Locator => page.getByRole('region', { name: `Beoordeel: ${bidder().name}` });
const hostRow = (): Locator => console_.page.getByTestId('host-pitch').filter({ hasText: bidder().name });

/** Chooses `level` for the first `count` criteria of the open pitch's form. */
async function grade(page: Page, level: string, count: number): Promise<void> {
  const form = scoringCard(page).getByTestId('ballot-form');
  for (let i = 0; i < count; i++) await form.getByRole('group').nth(i).getByRole('radio', { name: level, exact: true }).check();
}

const stage = liveStage({
  title: 'Idols-avond sluiten',
  context: { timezoneId: 'Europe/Amsterdam' }, pageTimeout: 15_000,
});
const { device, tallyWhere, expectAccessible } = stage;
let running: RunningApp;
let host: Organiser;
let evening: EveningDetail;
let serverHost: Client;
beforeAll(() => {
  ({ running, host, evening, serverHost } = stage);
});

describe('closing scoring in the browser', () => {
  it('lets two phones join and the host open scoring for pitch 1', async () => {
    offline = await device(phoneOptions);
    online = await device(phoneOptions);
    for (const p of [offline.page, online.page]) {
      await p.goto(`${running.publicUrl}/j/${evening.joinCode}`);
      await p.getByTestId('connection').getByText('Verbonden').waitFor();
      await p.getByRole('button', { name: 'Ik heb geen band' }).click();
    }
    console_ = await device({ viewport: { width: 1280, height: 800 } }, host.session.token);
    screen = await device({ viewport: { width: 1280, height: 720 } });
    await console_.page.goto(`${running.publicUrl}/evenings/${evening.id}/live`);
    await console_.page.getByTestId('connection').getByText('Verbonden').waitFor();
    await screen.page.goto(`${running.publicUrl}/screen/${evening.joinCode}`);
    await screen.page.getByTestId('screen-qr').waitFor();

    await console_.page.getByTestId('next-pitch').click();
    // The phones joined in the last minute, so the console asks first (test/browser/latecomer.browser.ts).
    const warning = console_.page.getByRole('dialog', { name: 'Er komen nog mensen binnen' });
    const started = hostRow().getByText('Nu bezig');
    await warning.or(started).first().waitFor();
    if (await warning.isVisible()) await warning.getByRole('button', { name: 'Toch starten' }).click();
    await started.waitFor();
    await hostRow().getByRole('button', { name: /^Beoordeling openen/ }).click();
    await hostRow().getByText('Beoordelen kan nu').waitFor();
    await console_.page.getByRole('radio', { name: 'Huidige pitch' }).check();
    for (const p of [offline.page, online.page]) await scoringCard(p).waitFor();
  });

  it('shows the host who is still filling in, and who lost their connection while filling in', async () => {
    const status = console_.page.getByTestId('scoring-status');
    await status.getByText('Geen telefoon is nog aan het invullen').waitFor();
    await grade(offline.page, 'Goed', 1);
    await grade(online.page, 'Voldoende', 1);
    await status.getByText('2 telefoons zijn nog aan het invullen').waitFor();

    // The first phone loses its connection, its owner finishes and sends: saved on the phone.
    offline.network.pause();
    await offline.context.setOffline(true);
    await offline.page.getByTestId('connection').getByText('Verbinding kwijt, opnieuw verbinden…').waitFor();
    await grade(offline.page, 'Goed', evening.criteria.length);
    await scoringCard(offline.page).getByRole('button', { name: 'Beoordeling versturen' }).click();
    await scoringCard(offline.page).getByTestId('ballot-status').getByText('Opgeslagen op deze telefoon, nog niet ontvangen').waitFor();
    await shot(offline.page, 'phone-01-offline-pending');

    // The server notices the lost connection when the phone stops answering (socket.io's ping).
    await status.getByText('1 telefoon is nog aan het invullen, 1 verbinding verloren tijdens het invullen').waitFor({ timeout: 60_000 });
    const tally = await tallyWhere((t) => t.pitches[0]!.disconnected === 1);
    expect(tally.pitches[0]).toMatchObject({ filling: 1, waiting: 0, disconnected: 1, ballots: 0 });
    await shot(console_.page, 'host-01-filling', true);
    await expectAccessible(console_.page);
  }, 90_000);

  it('closes with a countdown that the online phone and the screen show; the online phone sends in time', async () => {
    const c = console_.page;
    // The console's choice is 30 s; the host picks 15 s.
    expect(await c.getByRole('radio', { name: '30 seconden' }).isChecked()).toBe(true);
    await c.getByRole('radio', { name: '15 seconden' }).check();
    expect(await c.getByTestId('next-effect').textContent()).toContain(`Het beoordelen van ${bidder().name} sluit over 15 seconden`);
    await hostRow().getByRole('button', { name: /^Sluiten over 15 seconden/ }).click();
    await c.getByTestId('host-feedback').getByText(`Het beoordelen van ${bidder().name} sluit over 15 seconden`).waitFor();
    await hostRow().getByRole('button', { name: /^Nu sluiten/ }).waitFor();

    const bar = online.page.getByTestId('closing-countdown');
    await bar.waitFor();
    expect(await bar.textContent()).toContain(`Beoordelen van ${bidder().name} sluit over`);
    await screen.page.getByTestId('screen-closing').waitFor();
    await shot(online.page, 'phone-02-countdown');
    await shot(screen.page, 'screen-01-countdown');
    await shot(c, 'host-02-countdown', true);
    await expectAccessible(online.page);
    await expectAccessible(screen.page);

    // The bar stays in view while the owner scrolls the form, and sends from there.
    await online.page.evaluate(() => window.scrollTo(0, document.body.scrollHeight));
    const box = await bar.boundingBox();
    expect(box && box.y >= 0 && box.y < 740).toBe(true);
    await grade(online.page, 'Voldoende', evening.criteria.length);
    await bar.getByRole('button', { name: 'Nu versturen' }).click();
    await scoringCard(online.page).getByTestId('receipt').waitFor();
    await tallyWhere((t) => t.pitches[0]!.ballots === 1);

    // The server's timer closes scoring at the announced time.
    await hostRow().getByText('Beoordelen gesloten').waitFor({ timeout: 20_000 });
    await screen.page.getByTestId('screen-closing').waitFor({ state: 'detached' });
    // The console's line no longer says the scoring closes soon: it says it closed, with the count.
    await c.getByTestId('host-feedback').getByText(`Beoordelen voor ${bidder().name} is gesloten: 1 stem geteld.`).waitFor();
    expect(await c.getByTestId('host-feedback').textContent()).not.toContain('sluit over');
  }, 60_000);

  it('tells the phone that returns after the close that its ballot did not count, and when scoring closed; the console shows 1 too late', async () => {
    const closedAt = (ok(await call(serverHost, 'session:snapshot')).snapshot as HostSnapshot).state.pitches[0]!.scoringClosedAt!;
    await offline.context.setOffline(false);
    offline.network.resume();
    const notice = offline.page.getByTestId('late-ballot');
    await notice.waitFor({ timeout: 30_000 });
    const text = (await notice.textContent())!;
    expect(text).toContain(`Niet meegeteld: ${bidder().name}`);
    expect(text).toContain(`om ${venueClock(closedAt)} was gesloten`);
    expect(text).toContain('niet meegeteld');
    expect(await notice.getAttribute('role')).toBe('alert');
    await offline.page.getByTestId('connection').getByText('Verbonden').waitFor();
    expect(await offline.page.evaluate((code) => localStorage.getItem(`buurtjury.outbox.${code}`), evening.joinCode)).toBeNull();
    await offline.page.evaluate(() => window.scrollTo(0, 0));
    await shot(offline.page, 'phone-03-not-counted');
    await shot(offline.page, 'phone-03-not-counted-full', true);
    await expectAccessible(offline.page);

    const tally = await tallyWhere((t) => t.pitches[0]!.late === 1);
    expect(tally.pitches[0]).toMatchObject({ ballots: 1, late: 1 });
    expect(tally.results?.find((r) => r.bidderId === bidder().id)?.ballots).toBe(1);
    await hostRow().getByTestId('late-tag').getByText('1 te laat, niet geteld').waitFor();
    await shot(console_.page, 'host-03-late', true);
    await expectAccessible(console_.page);

    await notice.getByRole('button', { name: 'Begrepen' }).click();
    await notice.waitFor({ state: 'detached' });
  }, 60_000);
});
