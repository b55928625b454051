import * as path from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import type { EveningDetail, HostCommand } from '@buurtjury/shared';
import { completeEvening, organiser, type Organiser } from '../support/api';
import { freePort, startApp, type RunningApp } from '../support/app';
import { artifactDir, launchBrowser, seriousA11yViolations, VENUE_HOST, watchNetwork, type NetworkWatch } from '../support/browser';
import { pdfContent } from '../support/documents';
import { call, connect, ok, type Client } from '../support/sockets';
import { startTlsProxy, type TlsProxy } from '../support/tls-proxy';

/**
 * How phones reach the server at a real venue, both ways a network can run it:
 * - plain http on the laptop's address on the venue's Wi-Fi (here the name buurt.test, which
 *   Chromium maps to 127.0.0.1: not loopback to the browser, so no secure context, no
 *   `crypto.subtle`, `crypto.randomUUID`, clipboard or service worker);
 * - https through a TLS proxy (HAProxy with a certificate made in the test), as on a small
 *   internet server with a domain.
 * Each way: the poster's address opens the phone page, the phone declares its ties, scores,
 * gets a receipt, keeps a ballot while offline and sends it when back; the big screen follows;
 * "check the room" passes; the receipt look-up answers; the host's copy button copies or says
 * how to copy by hand. No request of any page is upgraded, sent elsewhere or fails.
 */

const shots = artifactDir('venue');
const RECEIPT = /^[A-Z2-9]{4}-[A-Z2-9]{4}$/;
/**
 * The phone's story (poster, phone, screen, two pitches, offline and back, a look-up) is one test:
 * on a busy machine it takes longer than Jest's 30 s default (it timed out on main and on this branch alike).
 */
const STORY_TIMEOUT_MS = 150_000;

interface Way {
  name: string;
  secure: boolean;
  running: RunningApp;
  proxy: TlsProxy | null;
  browser: Browser;
  /** The address phones use: PUBLIC_URL, printed on the poster. */
  base: string;
}

interface Device {
  context: BrowserContext;
  page: Page;
  network: NetworkWatch;
}

async function device(way: Way, options: Parameters<Browser['newContext']>[0], token?: string): Promise<Device> {
  const context = await way.browser.newContext({ locale: 'nl-NL', ...options });
  if (token) await context.addInitScript((t) => localStorage.setItem('buurtjury.token', t), token);
  const page = await context.newPage();
  page.setDefaultTimeout(12_000);
  return { context, page, network: watchNetwork(page, way.base) };
}
const phoneOptions = { viewport: { width: 360, height: 740 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true };

/** The address printed on the poster PDF ("Of ga naar <address> en typ de code"), as a person reads it off the paper. */
async function posterAddress(host: Organiser, evening: EveningDetail): Promise<string> {
  const res = await host.get(`/api/evenings/${evening.id}/poster.pdf`).buffer(true).parse((r, done) => {
    const chunks: Buffer[] = [];
    r.on('data', (c: Buffer) => chunks.push(c));
    r.on('end', () => done(null, Buffer.concat(chunks)));
  });
  expect(res.status).toBe(200);
  const text = (await pdfContent(res.body as Buffer)).pages.join('\n');
  const match = /(https?:\/\/[a-z0-9.-]+(:\d+)?)/.exec(text);
  expect(match).not.toBeNull();
  expect(text.replace(/ /g, '')).toContain(evening.joinCode);
  return `${match![1]!}/j/${evening.joinCode}`;
}

function storyFor(way: () => Way, label: string): void {
  let host: Organiser;
  let evening: EveningDetail;
  let hostSocket: Client;
  const opened: Device[] = [];
  const open = async (options: Parameters<Browser['newContext']>[0], token?: string) => {
    const d = await device(way(), options, token);
    opened.push(d);
    return d;
  };

  beforeAll(async () => {
    const { running } = way();
    host = await organiser(running.url, 'Host');
    const draft = await completeEvening(host, `Avond ${label}`);
    evening = (await host.post(`/api/evenings/${draft.id}/freeze`).expect(200)).body as EveningDetail;
    hostSocket = await connect(running.url, { role: 'host', eveningId: evening.id, token: host.session.token });
  });

  afterEach(() => {
    for (const d of opened) expect({ page: d.page.url(), problems: d.network.problems() }).toEqual({ page: d.page.url(), problems: [] });
  });

  afterAll(async () => {
    hostSocket?.close();
    for (const d of opened) await d.context.close();
  });

  const command = async (c: HostCommand) => ok(await call(hostSocket, 'host:command', c));

  it('checks the room from a phone: server, live connection, QR address and evening all fine', async () => {
    const { page } = await open(phoneOptions);
    const response = await page.goto(`${way().base}/check/${evening.joinCode}`);
    const hsts = response!.headers()['strict-transport-security'];
    if (way().secure) expect(hsts).toMatch(/^max-age=\d+/);
    else expect(hsts).toBeUndefined();
    await page.getByTestId('check-verdict').getByText('Alles in orde: telefoons in deze zaal kunnen meedoen.').waitFor();
    for (const key of ['server', 'live', 'address', 'evening']) expect(await page.getByTestId(`check-${key}`).getAttribute('data-state')).toBe('ok');
    expect(await page.getByTestId('check-address').textContent()).toContain(way().base);
    expect(await page.evaluate(() => window.isSecureContext)).toBe(way().secure);
    await page.screenshot({ path: path.join(shots, `${label}-check.png`), fullPage: true });
    expect(await seriousA11yViolations(page)).toEqual([]);
  });

  it('opens the poster address on a phone, declares no ties, scores and gets a receipt; offline, it keeps the next ballot and sends it when back', async () => {
    const address = await posterAddress(host, evening);
    expect(address).toBe(`${way().base}/j/${evening.joinCode}`);
    const phone = await open(phoneOptions);
    const page = phone.page;
    await page.goto(address);
    await page.getByTestId('connection').getByText('Verbonden').waitFor();
    // What a plain-http page lacks; the phone must not need it.
    const context = await page.evaluate(() => ({ secure: window.isSecureContext, subtle: !!globalThis.crypto?.subtle, uuid: typeof crypto.randomUUID === 'function', clipboard: !!navigator.clipboard, sw: 'serviceWorker' in navigator }));
    if (!way().secure) expect(context).toEqual({ secure: false, subtle: false, uuid: false, clipboard: false, sw: false });
    else expect(context.secure).toBe(true);

    await page.getByRole('button', { name: 'Ik heb geen band' }).click();
    await page.getByTestId('ties').waitFor({ state: 'detached' });

    const screen = await open({ viewport: { width: 1280, height: 800 } });
    await screen.page.goto(`${way().base}/screen/${evening.joinCode}`);
    expect(await screen.page.getByTestId('screen-qr').getAttribute('aria-label')).toContain(address);

    const scoreAll = async (bidderIndex: number, level: string) => {
      const card = page.getByRole('region', { name: `Beoordeel: ${evening.bidders[bidderIndex]!.name}` });
      const form = card.getByTestId('ballot-form');
      for (let i = 0; i < evening.criteria.length; i++) await form.getByRole('group').nth(i).getByRole('radio', { name: level, exact: true }).check();
      await form.getByRole('button', { name: 'Beoordeling versturen' }).click();
      return card;
    };

    await command({ type: 'start-pitch', bidderId: evening.bidders[0]!.id });
    await command({ type: 'open-scoring', bidderId: evening.bidders[0]!.id });
    await command({ type: 'set-screen', view: 'pitch' });
    await screen.page.locator('[data-view="pitch"]').waitFor();
    const first = await scoreAll(0, 'Goed');
    await first.getByTestId('ballot-status').filter({ hasText: 'Ontvangen' }).waitFor();
    const receipt = (await first.getByTestId('receipt').textContent())!.trim();
    expect(receipt).toMatch(RECEIPT);
    await first.screenshot({ path: path.join(shots, `${label}-phone-receipt.png`) });
    await screen.page.getByTestId('screen-turnout').getByText('1 van 1').waitFor();
    await command({ type: 'close-scoring', bidderId: evening.bidders[0]!.id });

    await command({ type: 'start-pitch', bidderId: evening.bidders[1]!.id });
    await command({ type: 'open-scoring', bidderId: evening.bidders[1]!.id });
    await page.getByRole('region', { name: `Beoordeel: ${evening.bidders[1]!.name}` }).waitFor();
    phone.network.pause();
    await phone.context.setOffline(true);
    await page.getByTestId('connection').getByText('Verbinding kwijt, opnieuw verbinden…').waitFor();
    const second = await scoreAll(1, 'Uitstekend');
    await second.getByTestId('ballot-status').getByText('Opgeslagen op deze telefoon, nog niet ontvangen').waitFor();
    await phone.context.setOffline(false);
    await second.getByTestId('ballot-status').filter({ hasText: 'Ontvangen' }).waitFor();
    expect((await second.getByTestId('receipt').textContent())!.trim()).toMatch(RECEIPT);
    await page.getByTestId('connection').getByText('Verbonden').waitFor();
    phone.network.resume();
    const closed = await command({ type: 'close-scoring', bidderId: evening.bidders[1]!.id });
    expect(closed.ballotsCounted).toBe(1);

    // The receipt look-up answers on this address too (nothing is published yet; the answer is the
    // same as for an unknown code or receipt, so the look-up does not tell which codes exist).
    const lookup = await open(phoneOptions);
    await lookup.page.goto(`${way().base}/r/${evening.joinCode}`);
    await lookup.page.getByLabel('Bewijscode').fill(receipt);
    await lookup.page.getByRole('button', { name: 'Zoeken' }).click();
    await lookup.page.getByTestId('receipt-result').getByText(`Bewijscode ${receipt} niet gevonden`).waitFor();
    await lookup.page.getByTestId('receipt-result').getByText(/verschijnt pas als de organisatie het advies heeft vastgesteld/).waitFor();
  }, STORY_TIMEOUT_MS);

  it("copies the join address from the host's page, or says how to copy it by hand", async () => {
    const { page } = await open({ viewport: { width: 1280, height: 800 } }, host.session.token);
    await page.goto(`${way().base}/evenings/${evening.id}#join`);
    const button = page.getByRole('button', { name: 'Adres kopiëren' });
    await button.click();
    const status = page.locator('#join').getByRole('status').filter({ hasText: /Gekopieerd naar het klembord|Kopiëren lukte niet/ });
    await status.waitFor();
    if ((await status.textContent())!.includes('Kopiëren lukte niet')) {
      expect(await page.locator('#join input.by-hand').inputValue()).toBe(`${way().base}/j/${evening.joinCode}`);
    }
    await page.locator('#join').screenshot({ path: path.join(shots, `${label}-host-copy.png`) });
  });
}

describe('at the venue over plain http (the laptop on the Wi-Fi)', () => {
  let way: Way;
  beforeAll(async () => {
    const running = await startApp({}, { venueHost: VENUE_HOST });
    way = { name: 'http', secure: false, running, proxy: null, browser: await launchBrowser(), base: running.publicUrl };
  });
  afterAll(async () => {
    await way?.browser.close();
    await way?.running.close();
  });
  storyFor(() => way, 'http');
});

describe('over https behind a TLS proxy (a server with a domain)', () => {
  let way: Way;
  beforeAll(async () => {
    const proxyPort = await freePort();
    const running = await startApp({ PUBLIC_URL: `https://${VENUE_HOST}:${proxyPort}` });
    const appPort = Number(new URL(running.url).port);
    const proxy = await startTlsProxy({ host: VENUE_HOST, port: proxyPort, backendPorts: [appPort] });
    // Chromium accepts exactly this test certificate, nothing else.
    const browser = await launchBrowser([`--ignore-certificate-errors-spki-list=${proxy.spki}`]);
    way = { name: 'https', secure: true, running, proxy, browser, base: proxy.url };
  });
  afterAll(async () => {
    await way?.browser.close();
    await way?.proxy?.stop();
    await way?.running.close();
  });
  storyFor(() => way, 'https');
});
