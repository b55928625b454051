import * as path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { seedCommitment, type AdviceWorkspaceResponse, type CreatedBidderLinkResponse, type EveningDetail } from '@buurtjury/shared';
import { completeEvening, organiser, type Organiser } from '../support/api';
import { startApp, type RunningApp } from '../support/app';
import { artifactDir, launchBrowser, seriousA11yViolations } from '../support/browser';
import { ISSUER } from '../support/authorship';
import { playEvening, type Client } from '../support/sockets';

/**
 * A bidder's own page on a laptop (1280x800) and a phone (360x740): the frame every bidder sees
 * with its time slot, confirming, correcting its details (a wrong e-mail refused in Dutch), its
 * own lot-draw contribution with the commitment hash; read-only with a message once the setup is
 * frozen; a revoked link says so. The host's Inschrijvers section shows each bidder's status and
 * makes the link to copy. axe finds nothing serious or critical; nothing is wider than the window.
 * Screenshots go to test/artifacts/bidder-page.
 */
let running: RunningApp;
let browser: Browser;
let host: Organiser;
let evening: EveningDetail;
let token: string;
const sockets: Client[] = [];
const shots = artifactDir('bidder-page');

beforeAll(async () => {
  running = await startApp({}, { venueHost: '127.0.0.1' });
  host = await organiser(running.url, 'Anna');
  evening = await completeEvening(host, 'Pitchavond Kruiskamp');
  const c = evening.criteria[0]!;
  await host.patch(`/api/evenings/${evening.id}/criteria/${c.id}`, {
    explanation: 'Hoe goed kent de organisatie de buurt en haar bewoners?',
    levelDescriptors: { '5': 'Kent de wijk door en door', '1': 'Kent de wijk niet' },
  }).expect(200);
  await host.post(`/api/evenings/${evening.id}/running-order/commitment`, { hash: seedCommitment('dobbelstenen 3 5 1') }).expect(200);
  const created = (await host.post(`/api/evenings/${evening.id}/bidders/${evening.bidders[0]!.id}/link`, { email: 'info@wijkkracht.nl' }).expect(201)).body as CreatedBidderLinkResponse;
  token = created.url.split('/b/')[1]!;
  browser = await launchBrowser();
}, 60_000);
afterAll(async () => {
  for (const s of sockets) s.close();
  await browser?.close();
  await running?.close();
});

/** The elements that stick out to the right of the window (empty when the page fits its width). */
const tooWide = (page: Page) =>
  page.evaluate(() =>
    [...document.querySelectorAll('body *')]
      .filter((el) => el.getBoundingClientRect().right > window.innerWidth + 1 && !el.closest('.scroll-region, [role="region"]'))
      .map((el) => `${el.tagName.toLowerCase()}.${[...el.classList].join('.')} ${Math.round(el.getBoundingClientRect().right)}`)
      .slice(0, 8),
  );
const fitsWidth = async (page: Page) => {
  const wide = await tooWide(page);
  const fits = await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth);
  if (!fits) console.log(wide);
  return fits;
};

async function open(width: number, height: number): Promise<Page> {
  const context = await browser.newContext({ viewport: { width, height }, locale: 'nl-NL' });
  const page = await context.newPage();
  page.setDefaultTimeout(15_000);
  await page.goto(`${running.url}/b/${token}`);
  await page.getByRole('heading', { level: 1, name: 'Jouw pagina als inschrijver' }).waitFor();
  return page;
}

it('lets the bidder confirm, correct its details and contribute to the draw on a laptop', async () => {
  const page = await open(1280, 800);
  await page.getByText('Voor Stichting Wijkkracht').waitFor();
  await page.getByTestId('equal-treatment').getByText(/precies hetzelfde kader/).waitFor();
  await page.getByTestId('own-slot').getByText('Jouw tijdvak: 19:00–19:15 (pitch 10 min, vragen 5 min).').waitFor();
  await page.getByText('Kent de wijk door en door').waitFor();
  await page.getByTestId('commitment-hash').getByText(seedCommitment('dobbelstenen 3 5 1')).waitFor();

  await page.getByRole('button', { name: 'Ik doe mee' }).click();
  await page.getByTestId('bidder-answer').getByText('Je hebt bevestigd dat je meedoet.').waitFor();

  await page.getByLabel('Contactpersoon').fill('Karin de Vries');
  await page.getByLabel('E-mailadres').fill('geen adres');
  await page.getByRole('button', { name: 'Gegevens opslaan' }).click();
  await page.getByText('Vul een geldig e-mailadres in, of laat het veld leeg.').waitFor();
  await page.getByLabel('E-mailadres').fill('karin@wijkkracht.nl');
  await page.getByLabel('Titel van je pitch').fill('Samen sterk in de wijk');
  await page.getByLabel('Korte samenvatting').fill('Wij bouwen op wat er al is: de buurtkamer, de vrijwilligers en de scholen.');
  await page.getByRole('button', { name: 'Gegevens opslaan' }).click();
  await page.getByText('Je gegevens zijn opgeslagen.').waitFor();

  await page.getByLabel('Jouw bijdrage (een getal of kort woord)').fill('7319');
  await page.getByRole('button', { name: 'Bijdrage toevoegen' }).click();
  await page.getByTestId('own-contribution').getByText(/Je bijdrage "7319" is toegevoegd/).waitFor();

  expect(await fitsWidth(page)).toBe(true);
  expect(await seriousA11yViolations(page)).toEqual([]);
  await page.screenshot({ path: path.join(shots, 'bidder-page-1280.png'), fullPage: true });
  const detail = (await host.get(`/api/evenings/${evening.id}`).expect(200)).body as EveningDetail;
  expect(detail.bidders[0]).toMatchObject({ contactPerson: 'Karin de Vries', pitchTitle: 'Samen sterk in de wijk' });
  await page.context().close();
}, 60_000);

it('fits a phone, and the host sees the status and makes the link to copy', async () => {
  const page = await open(360, 740);
  await page.getByTestId('own-contribution').waitFor();
  expect(await fitsWidth(page)).toBe(true);
  expect(await seriousA11yViolations(page)).toEqual([]);
  await page.screenshot({ path: path.join(shots, 'bidder-page-360.png'), fullPage: true });
  await page.context().close();

  const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, locale: 'nl-NL' });
  await context.addInitScript((t) => localStorage.setItem('buurtjury.token', t), host.session.token);
  const editor = await context.newPage();
  editor.setDefaultTimeout(15_000);
  await editor.goto(`${running.url}/evenings/${evening.id}#bidders`);
  const rows = editor.getByTestId('bidder-row');
  await rows.first().getByTestId('bidder-status').getByText('Bevestigd').waitFor();
  await rows.first().getByTestId('bidder-change').getByText(/contactpersoon, pitchtitel, samenvatting, e-mail/).waitFor();
  await rows.nth(1).getByTestId('bidder-status').getByText('Niet uitgenodigd').waitFor();
  await rows.nth(1).getByRole('button', { name: 'Uitnodigen: Welzijn Eemland' }).click();
  await rows.nth(1).getByRole('button', { name: 'Link maken' }).click();
  const link = rows.nth(1).getByLabel('Persoonlijke link voor Welzijn Eemland');
  await link.waitFor();
  expect(await link.inputValue()).toMatch(/\/b\/[A-Za-z0-9_-]{43}$/);
  await rows.nth(1).getByTestId('bidder-status').getByText('Uitgenodigd').waitFor();
  expect(await seriousA11yViolations(editor)).toEqual([]);
  await rows.nth(1).screenshot({ path: path.join(shots, 'editor-invite-1280.png') });
  await context.close();
}, 60_000);

it('is read-only with a message after the freeze, and a revoked link says so', async () => {
  await host.post(`/api/evenings/${evening.id}/running-order/draw`, { seed: 'dobbelstenen 3 5 1' }).expect(200);
  await host.post(`/api/evenings/${evening.id}/freeze`).expect(200);
  const page = await open(360, 740);
  await page.getByTestId('frozen-note').getByText(/De opzet is vastgezet op/).waitFor();
  expect(await page.getByRole('button', { name: 'Gegevens opslaan' }).count()).toBe(0);
  await page.getByText('Karin de Vries').waitFor();
  expect(await fitsWidth(page)).toBe(true);
  expect(await seriousA11yViolations(page)).toEqual([]);
  await page.screenshot({ path: path.join(shots, 'bidder-page-frozen-360.png'), fullPage: true });

  await host.post(`/api/evenings/${evening.id}/bidders/${evening.bidders[0]!.id}/link/revoke`).expect(200);
  await page.reload();
  await page.getByText('De organisatoren hebben deze link naar je pagina ingetrokken. Vraag hen om een nieuwe.').waitFor();
  expect(await seriousA11yViolations(page)).toEqual([]);
  await page.screenshot({ path: path.join(shots, 'bidder-page-revoked-360.png'), fullPage: true });
  await page.context().close();
}, 60_000);

it('shows the bidder its own feedback sheet after the advice is issued, on a laptop and a phone', async () => {
  const frozen = (await host.get(`/api/evenings/${evening.id}`).expect(200)).body as EveningDetail;
  const own = frozen.bidders.findIndex((b) => b.name === 'Stichting Wijkkracht');
  const played = await playEvening(running.url, frozen, host.session.token, {
    phones: 3,
    grade: (p, b) => 1 + ((p + b * 2) % 5),
    remark: (p, b) => (p === 0 ? (b === own ? 'Sterk plan voor de hele wijk' : 'Een opmerking over een ander') : ''),
  });
  sockets.push(played.host, ...played.phones);
  const advice = `/api/evenings/${evening.id}/advice`;
  const ws = (await host.get(advice).expect(200)).body as AdviceWorkspaceResponse;
  const content = {
    ...ws.draft.content,
    summary: 'Samenvatting.',
    recommendation: 'Advies.',
    bidders: ws.draft.content.bidders.map((b) => ({ ...b, strengths: 'Sterk.', quoteIds: ws.remarks.filter((q) => q.bidderId === b.bidderId).map((q) => q.id) })),
    quoteReviews: Object.fromEntries(ws.remarks.map((q) => [q.id, { check: q.check, masked: [] }])),
  };
  const saved = (await host.put(`${advice}/draft`, { content, revision: ws.draft.revision }).expect(200)).body as { revision: number };
  await host.post(`${advice}/versions`, { authorship: ISSUER, revision: saved.revision, acceptEmpty: true }).expect(201);
  token = ((await host.post(`/api/evenings/${evening.id}/bidders/${frozen.bidders[own]!.id}/link`, {}).expect(201)).body as CreatedBidderLinkResponse).url.split('/b/')[1]!;

  for (const [width, height] of [
    [1280, 800],
    [360, 740],
  ] as const) {
    const page = await open(width, height);
    const sheet = page.getByTestId('feedback');
    await sheet.getByText(/Uit versie 1 van het advies/).waitFor();
    await sheet.getByText('Sterk plan voor de hele wijk').waitFor();
    await sheet.getByTestId('feedback-place').getByText(/Plaats \d van 3/).waitFor();
    expect(await sheet.getByText('Een opmerking over een ander').count()).toBe(0);
    expect(await fitsWidth(page)).toBe(true);
    expect(await seriousA11yViolations(page)).toEqual([]);
    await sheet.screenshot({ path: path.join(shots, `bidder-feedback-${width}.png`) });
    await page.context().close();
  }
}, 300_000);
