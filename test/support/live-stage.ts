import type { Browser, BrowserContext, Page } from 'playwright-core';
import type { EveningDetail, HostSnapshot, Tally } from '@buurtjury/shared';
import { completeEvening, organiser, type Organiser } from './api';
import { startApp, type RunningApp } from './app';
import { launchBrowser, seriousA11yViolations, VENUE_HOST, watchNetwork, type NetworkWatch } from './browser';
import { call, connect, next, ok, type Client } from './sockets';

/**
 * What the live browser suites share: the app reached at the venue's host name, Chromium, a host
 * with a frozen evening, the test's own host socket (to check the server's numbers rather than
 * only the pages) with the latest tally, and devices (a browser context and page each) whose
 * requests are watched: after every test, none may have failed or been upgraded to https.
 * `liveStage` registers its hooks where it is called; read its fields inside tests and hooks.
 */
export interface Device {
  context: BrowserContext;
  page: Page;
  network: NetworkWatch;
}

export interface LiveStage {
  running: RunningApp;
  browser: Browser;
  host: Organiser;
  evening: EveningDetail;
  serverHost: Client;
  /** The host tally the test's own socket received last. */
  readonly latestTally: Tally | null;
  /** A new browser context and page; `token` logs it in as the host. */
  device(options: Parameters<Browser['newContext']>[0], token?: string): Promise<Device>;
  /** Closes a device's browser context; its requests are no longer checked. */
  retire(d: Device): Promise<void>;
  /** The host tally once it satisfies the predicate (the latest one, or a later push). */
  tallyWhere(predicate: (t: Tally) => boolean): Promise<Tally>;
  hostSnapshot(): Promise<HostSnapshot>;
  expectAccessible(page: Page): Promise<void>;
}

/** A phone at 360×740. */
export const PHONE = { viewport: { width: 360, height: 740 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true };

export interface StageOptions {
  title: string;
  /** Changes to the complete draft before it is frozen. */
  prepare?: (host: Organiser, draft: EveningDetail) => Promise<void>;
  /** Browser context settings every device starts from (Dutch by default). */
  context?: Parameters<Browser['newContext']>[0];
  /** Playwright's default timeout on every page. */
  pageTimeout?: number;
}

export function liveStage(o: StageOptions): LiveStage {
  const devices: Device[] = [];
  let latestTally: Tally | null = null;
  const stage = {
    async device(options: Parameters<Browser['newContext']>[0], token?: string): Promise<Device> {
      const context = await stage.browser.newContext({ locale: 'nl-NL', ...o.context, ...options });
      if (token) await context.addInitScript((t) => localStorage.setItem('buurtjury.token', t), token);
      const page = await context.newPage();
      page.setDefaultTimeout(o.pageTimeout ?? 12_000);
      const d = { context, page, network: watchNetwork(page, stage.running.publicUrl) };
      devices.push(d);
      return d;
    },
    async retire(d: Device): Promise<void> {
      await d.context.close();
      devices.splice(devices.indexOf(d), 1);
    },
    tallyWhere(predicate: (t: Tally) => boolean): Promise<Tally> {
      if (latestTally && predicate(latestTally)) return Promise.resolve(latestTally);
      return next(stage.serverHost, 'live:tally', predicate);
    },
    async hostSnapshot(): Promise<HostSnapshot> {
      return ok(await call(stage.serverHost, 'session:snapshot')).snapshot as HostSnapshot;
    },
    async expectAccessible(page: Page): Promise<void> {
      expect(await seriousA11yViolations(page)).toEqual([]);
    },
    get latestTally() {
      return latestTally;
    },
  } as LiveStage;

  beforeAll(async () => {
    stage.running = await startApp({}, { venueHost: VENUE_HOST });
    stage.browser = await launchBrowser();
    stage.host = await organiser(stage.running.url, 'Host');
    const draft = await completeEvening(stage.host, o.title);
    await o.prepare?.(stage.host, draft);
    stage.evening = (await stage.host.post(`/api/evenings/${draft.id}/freeze`).expect(200)).body as EveningDetail;
    stage.serverHost = await connect(stage.running.url, { role: 'host', eveningId: stage.evening.id, token: stage.host.session.token });
    stage.serverHost.on('live:tally', (t) => (latestTally = t));
    latestTally = (await stage.hostSnapshot()).tally;
  });

  afterEach(() => {
    for (const d of devices) expect({ page: d.page.url(), problems: d.network.problems() }).toEqual({ page: d.page.url(), problems: [] });
  });

  afterAll(async () => {
    stage.serverHost?.close();
    await stage.browser?.close();
    await stage.running?.close();
  });

  return stage;
}
