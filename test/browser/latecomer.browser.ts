import { copyFileSync, mkdirSync } from 'node:fs';
import * as path from 'node:path';
import type { Page } from 'playwright-core';
import type { EveningDetail, HostSnapshot } from '@buurtjury/shared';
import { completeEvening, type Organiser } from '../support/api';
import type { RunningApp } from '../support/app';
import { artifactDir } from '../support/browser';
import { liveStage, PHONE, type Device } from '../support/live-stage';
import { call, ok, type Client } from '../support/sockets';
import { LiveRegistry } from '../../backend/src/live/live-registry.service';

/**
 * Latecomers in real browsers: a phone that joined early, the host who starts while phones are
 * still coming in (and is asked to confirm), the big screen that keeps a small join QR with an
 * honest line during the pitch, and a phone that joins after the presence rule's grace and is told
 * from which pitch on it can score. The console's "x of y" counts only the phones that may score.
 * Phones at 360×740, the console at 1280×800, the screen at 1920×1080. Screenshots go to
 * test/artifacts/latecomer.
 */

const shots = artifactDir('latecomer');
const shot = async (page: Page, name: string, fullPage = false) => {
  const file = path.join(shots, `${name}.png`);
  await page.screenshot({ path: file, fullPage, animations: 'disabled' });
  if (process.env.SHOTS_DIR) {
    mkdirSync(process.env.SHOTS_DIR, { recursive: true });
    copyFileSync(file, path.join(process.env.SHOTS_DIR, `${name}.png`));
  }
};

let early: Device;
let late: Device;
let console_: Device;
let screen: Device;

const names = () => evening.bidders.map((b) => b.name);
const phoneOptions = PHONE;

/**
 * Time passes for the evening: everything that already happened in the evening the server holds
 * (phones joining, pitches starting) moves `ms` into the past, which is the same to the presence
 * rule. The server's clock itself cannot be moved inside this process.
 */
async function timePasses(ms: number): Promise<void> {
  const live = await running.app.get(LiveRegistry).get(evening.id);
  const back = (d: Date | null) => (d ? new Date(d.getTime() - ms) : null);
  for (const a of live.attendees.values()) a.joinedAt = back(a.joinedAt)!;
  for (const p of live.pitches.values()) Object.assign(p, { startedAt: back(p.startedAt), scoringOpenedAt: back(p.scoringOpenedAt) });
}

async function joinPhone(d: Device): Promise<void> {
  await d.page.goto(`${running.publicUrl}/j/${evening.joinCode}`);
  await d.page.getByTestId('connection').getByText('Verbonden').waitFor();
  await d.page.getByRole('button', { name: 'Ik heb geen band' }).click();
  await d.page.getByTestId('ties').waitFor({ state: 'detached' });
}

const stage = liveStage({
  title: 'Avond met laatkomers',
  // A long pitch title, so the pitch view is as full as it gets above the join corner.
  prepare: async (host, draft) => {
    await host
      .patch(`/api/evenings/${draft.id}/bidders/${draft.bidders[0]!.id}`, { pitchTitle: 'Samen sterker in de wijk: bewoners aan het roer van elk buurtplan' })
      .expect(200);
  },
});
const { device, retire, tallyWhere, expectAccessible } = stage;
let running: RunningApp;
let host: Organiser;
let evening: EveningDetail;
let serverHost: Client;
beforeAll(() => {
  ({ running, host, evening, serverHost } = stage);
  expect(evening.rules.presenceGraceMinutes).toBe(5);
});

describe('latecomers know where they stand', () => {
  it('sets the grace in the setup, next to the presence rule, at 360 and 1280 px', async () => {
    const draft = await completeEvening(host, 'Opzet met uitloop');
    for (const viewport of [
      { width: 360, height: 740 },
      { width: 1280, height: 800 },
    ]) {
      const d = await device({ viewport }, host.session.token);
      const page = d.page;
      await page.goto(`${running.publicUrl}/evenings/${draft.id}#rules`);
      const rules = page.locator('#rules');
      const grace = rules.getByLabel('Laatkomers: minuten na de start waarin ze de pitch nog mogen beoordelen');
      expect(await grace.inputValue()).toBe(viewport.width === 360 ? '5' : '3');
      if (viewport.width === 360) {
        await grace.fill('3');
        await rules.getByRole('button', { name: 'Opslaan' }).click();
        await rules.getByText(/^✓ Opgeslagen$/).waitFor();
        expect(((await host.get(`/api/evenings/${draft.id}`).expect(200)).body as EveningDetail).rules.presenceGraceMinutes).toBe(3);
        // Without the presence rule the grace means nothing, so it cannot be changed.
        await rules.getByTestId('presence-rule').uncheck();
        expect(await grace.isDisabled()).toBe(true);
        await rules.getByTestId('presence-rule').check();
      }
      await rules.evaluate((el) => el.scrollIntoView({ block: 'start' }));
      await shot(page, `setup-rules-${viewport.width}`);
      await expectAccessible(page);
      expect(await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth)).toBeLessThanOrEqual(0);
      await retire(d);
    }
  });

  it('asks the host to confirm Start while phones are still coming in', async () => {
    early = await device(phoneOptions);
    await joinPhone(early);
    await tallyWhere((t) => t.attendeesJoined === 1);

    console_ = await device({ viewport: { width: 1280, height: 800 } }, host.session.token);
    const c = console_.page;
    await c.goto(`${running.publicUrl}/evenings/${evening.id}/live`);
    await c.getByTestId('last-minute').getByText('Er komen nog telefoons binnen: 1 telefoon in de laatste minuut.').waitFor();
    await c.getByTestId('next-pitch').click();
    const dialog = c.getByRole('dialog', { name: 'Er komen nog mensen binnen' });
    await dialog.waitFor();
    expect(await dialog.getByTestId('last-minute-warning').textContent()).toBe('1 telefoon kwam in de laatste minuut binnen; er komen misschien nog mensen binnen.');
    await dialog.getByText('Wie binnen 5 minuten na de start meedoet, kan deze pitch nog beoordelen; wie later komt, pas de volgende.').waitFor();
    await shot(c, 'host-01-start-warning');
    await expectAccessible(c);
    // Nothing started while the host reads it; waiting closes the dialog and changes nothing.
    expect((ok(await call(serverHost, 'session:snapshot')).snapshot as HostSnapshot).state.phase).toBe('before');
    await dialog.getByRole('button', { name: 'Nog even wachten' }).click();
    await dialog.waitFor({ state: 'hidden' });
    expect((ok(await call(serverHost, 'session:snapshot')).snapshot as HostSnapshot).state.phase).toBe('before');

    await c.getByTestId('next-pitch').click();
    await dialog.getByRole('button', { name: 'Toch starten' }).click();
    await c.getByTestId('host-feedback').getByText(`Pitch van ${names()[0]} gestart.`).waitFor();
    await c.getByTestId('now-turnout').getByText('0 van 1 telefoon heeft beoordeeld').waitFor();
  });

  it('keeps a small join QR on the screen during the pitch, with until when joining still counts for it', async () => {
    screen = await device({ viewport: { width: 1920, height: 1080 } });
    const s = screen.page;
    await s.goto(`${running.publicUrl}/screen/${evening.joinCode}`);
    await console_.page.getByRole('radio', { name: 'Huidige pitch' }).check();
    await s.locator('[data-view="pitch"]').waitFor();
    const corner = s.getByTestId('screen-join-corner');
    await corner.getByTestId('screen-qr-small').locator('svg').waitFor();
    expect(await corner.getByTestId('screen-qr-small').getAttribute('aria-label')).toContain(`${running.publicUrl}/j/${evening.joinCode}`);
    const started = Date.parse((ok(await call(serverHost, 'session:snapshot')).snapshot as HostSnapshot).state.pitches[0]!.startedAt!);
    const until = await s.evaluate((ms) => new Intl.DateTimeFormat('nl-NL', { hour: '2-digit', minute: '2-digit' }).format(ms), started + 5 * 60_000);
    await corner.getByTestId('screen-late-line').getByText(`Meedoen kan nog; deze pitch beoordelen kan tot ${until}.`).waitFor();
    // Everything fits the projector: nothing below the fold, the QR code fully in view.
    expect(await s.evaluate(() => document.documentElement.scrollHeight <= window.innerHeight)).toBe(true);
    const box = (await corner.getByTestId('screen-qr-small').boundingBox())!;
    expect(box.y + box.height).toBeLessThanOrEqual(1080);
    expect(box.height).toBeGreaterThanOrEqual(120);
    await shot(s, 'screen-01-pitch-within-grace');
    await expectAccessible(s);
  });

  it('tells a phone that joins after the grace from which pitch on it can score, and offers no form for this one', async () => {
    await timePasses(6 * 60_000);
    late = await device(phoneOptions);
    await joinPhone(late);
    const p = late.page;
    const from = `Je kunt beoordelen vanaf pitch 2: ${names()[1]}.`;
    await p.getByTestId('presence-now').getByText(from).waitFor();
    await shot(p, 'phone-late-00-now');

    // Opening scoring sends the evening's state again, with the start as it now is.
    await console_.page.getByTestId('host-pitch').filter({ hasText: names()[0] }).getByRole('button', { name: /^Beoordeling openen/ }).click();
    await screen.page.getByTestId('screen-late-line').getByText('Meedoen kan nog; beoordelen vanaf de volgende pitch.').waitFor();
    // With scoring open the pitch view is at its fullest: its last line still ends above the join corner.
    await screen.page.getByText('Beoordeel nu op je telefoon!').waitFor();
    const turnout = (await screen.page.getByTestId('screen-turnout').boundingBox())!;
    const corner = (await screen.page.getByTestId('screen-join-corner').boundingBox())!;
    expect(turnout.y + turnout.height).toBeLessThanOrEqual(corner.y);
    await shot(screen.page, 'screen-02-pitch-after-grace');
    await expectAccessible(screen.page);

    const card = p.getByRole('region', { name: `Beoordeel: ${names()[0]}` });
    await card.getByTestId('not-present').getByText('Je kwam meer dan 5 minuten na de start van deze pitch binnen; deze pitch kun je niet beoordelen.').waitFor();
    expect(await card.getByTestId('not-present').getByTestId('presence-from').textContent()).toContain(from);
    // Said once: the card says it while scoring is open, the "now" part no longer repeats it.
    await p.getByTestId('presence-now').waitFor({ state: 'detached' });
    expect(await card.getByTestId('ballot-form').count()).toBe(0);
    await p.getByTestId('programme').getByRole('listitem').filter({ hasText: names()[0] }).getByTestId('missed-tag').waitFor();
    await card.evaluate((el) => el.scrollIntoView({ block: 'start' }));
    await shot(p, 'phone-late-01-from-pitch-2');
    await shot(p, 'phone-late-02-full', true);
    await expectAccessible(p);
    expect(await p.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth)).toBeLessThanOrEqual(0);

    // The phone that was there scores; the console and the screen count 1 of 1, not 1 of 2.
    const e = early.page;
    const form = e.getByRole('region', { name: `Beoordeel: ${names()[0]}` }).getByTestId('ballot-form');
    const groups = form.getByRole('group');
    for (let i = 0; i < evening.criteria.length; i++) await groups.nth(i).getByRole('radio', { name: 'Goed', exact: true }).check();
    await form.getByRole('button', { name: 'Beoordeling versturen' }).click();
    await e.getByTestId('receipt').waitFor();
    const tally = await tallyWhere((t) => t.pitches[0]!.ballots === 1 && t.attendeesJoined === 2);
    expect(tally.pitches.map((t) => [t.ballots, t.eligible])).toEqual([
      [1, 1],
      [0, 2],
      [0, 2],
    ]);
    const c = console_.page;
    await c.getByTestId('now-turnout').getByText('1 van 1 telefoon heeft beoordeeld').waitFor();
    await c.getByText('Telt alleen telefoons die deze pitch mogen beoordelen: zonder band met de inschrijver en op tijd binnen (uiterlijk 5 minuten na de start).').waitFor();
    expect(await c.getByTestId('eligible').allTextContents()).toEqual(['1', '2', '2']);
    await screen.page.getByTestId('screen-turnout').getByText('1 van 1 telefoon heeft beoordeeld').waitFor();
    await shot(c, 'host-02-x-of-y', true);
    await expectAccessible(c);
    await shot(screen.page, 'screen-03-x-of-y');
  });

  it('lets the latecomer score the next pitch', async () => {
    const c = console_.page;
    // The late phone joined less than a minute ago: the host is asked again, and starts.
    await c.getByTestId('next-pitch').click();
    const dialog = c.getByRole('dialog', { name: 'Er komen nog mensen binnen' });
    expect(await dialog.getByTestId('last-minute-warning').textContent()).toBe('1 telefoon kwam in de laatste minuut binnen; er komen misschien nog mensen binnen.');
    await dialog.getByRole('button', { name: 'Toch starten' }).click();
    await c.getByTestId('host-feedback').getByText(`Pitch van ${names()[1]} gestart.`).waitFor();
    await c.getByTestId('host-pitch').filter({ hasText: names()[1] }).getByRole('button', { name: /^Beoordeling openen/ }).click();
    const p = late.page;
    await p.getByTestId('presence-now').waitFor({ state: 'detached' });
    const form = p.getByRole('region', { name: `Beoordeel: ${names()[1]}` }).getByTestId('ballot-form');
    const groups = form.getByRole('group');
    for (let i = 0; i < evening.criteria.length; i++) await groups.nth(i).getByRole('radio', { name: 'Voldoende', exact: true }).check();
    await form.getByRole('button', { name: 'Beoordeling versturen' }).click();
    await p.getByTestId('receipt').waitFor();
    await tallyWhere((t) => t.pitches[1]!.ballots === 1);
    await c.getByTestId('now-turnout').getByText('1 van 2 telefoons hebben beoordeeld').waitFor();
  });
});
