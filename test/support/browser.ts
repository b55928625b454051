import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';

const ROOT = path.resolve(__dirname, '..', '..');
const QUIET_FLAGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/**
 * The host name browser tests use for the app instead of 127.0.0.1: a name that is not loopback,
 * as a phone at the venue sees the laptop. Browsers treat localhost and 127.0.0.1 as secure and
 * exempt them from upgrade-insecure-requests and HSTS; a LAN name gets neither exemption, so
 * only tests through such a name see what a phone sees. Chromium resolves it to 127.0.0.1.
 */
export const VENUE_HOST = 'buurt.test';
const HOST_RULES = `--host-resolver-rules=MAP ${VENUE_HOST} 127.0.0.1`;

/**
 * Launches headless Chromium: Debian's /usr/bin/chromium where installed, otherwise the binary
 * the @sparticuz/chromium npm package ships (unpacked under .cache/, not the system temp folder,
 * because the package caches it there without a version check).
 */
export async function launchBrowser(extraArgs: string[] = []): Promise<Browser> {
  if (existsSync('/usr/bin/chromium')) {
    return chromium.launch({ executablePath: '/usr/bin/chromium', args: [...QUIET_FLAGS, HOST_RULES, ...extraArgs], headless: true });
  }
  const tmp = path.join(ROOT, '.cache', 'chromium-tmp');
  mkdirSync(tmp, { recursive: true });
  process.env.TMPDIR = tmp;
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const sparticuz = require('@sparticuz/chromium') as { executablePath(): Promise<string>; args: string[] };
  const executablePath = await sparticuz.executablePath();
  // --single-process (meant for serverless) makes closing one browser context kill the whole browser.
  const args = sparticuz.args.filter((a) => a !== '--single-process');
  return chromium.launch({ executablePath, args: [...args, ...QUIET_FLAGS, HOST_RULES, ...extraArgs], headless: true });
}

/** Where browser tests put screenshots (git-ignored). */
export function artifactDir(suite: string): string {
  const dir = path.join(ROOT, 'test', 'artifacts', suite);
  mkdirSync(dir, { recursive: true });
  return dir;
}

let axeSource: string | null = null;

/**
 * Runs axe-core in the page and returns the serious and critical violations (id and offending
 * nodes). axe is evaluated through the DevTools protocol, not added as a <script> element, so the
 * pages keep their real Content-Security-Policy (tests must not bypass it: that hid the white page
 * phones got over plain http).
 */
export async function seriousA11yViolations(page: Page): Promise<{ id: string; nodes: string[] }[]> {
  axeSource ??= readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');
  if (!(await page.evaluate(() => 'axe' in window))) await page.evaluate(axeSource);
  return page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run(): Promise<{ violations: { id: string; impact: string | null; nodes: { target: unknown[] }[] }[] }> } }).axe;
    const result = await axe.run();
    return result.violations
      .filter((v) => v.impact === 'serious' || v.impact === 'critical')
      .map((v) => ({ id: v.id, nodes: v.nodes.map((n) => JSON.stringify(n.target)) }));
  });
}

/** What went wrong with a page's own requests: failures, requests sent with another scheme than the page's, CSP refusals, script errors. */
export interface NetworkWatch {
  /** Everything recorded so far, one line each; an empty list when the page loaded and ran cleanly. */
  problems(): string[];
  /** Stop recording failures while the test takes the device offline on purpose; `resume()` starts again. */
  pause(): void;
  resume(): void;
}

/**
 * Watches a page the way a person's phone would fail: a script or style that does not load (for
 * example because the browser upgraded it to https), a request to another scheme or host than
 * the page's own `origin`, a Content-Security-Policy refusal, or an uncaught script error.
 * socket.io's long-polling requests that it aborts itself when it upgrades to a websocket are
 * not failures.
 */
export function watchNetwork(page: Page, origin: string): NetworkWatch {
  const found: string[] = [];
  let paused = false;
  const own = new URL(origin);
  page.on('request', (request) => {
    const url = new URL(request.url());
    if (url.protocol === 'data:' || url.protocol === 'blob:') return;
    const scheme = url.protocol === 'wss:' ? 'https:' : url.protocol === 'ws:' ? 'http:' : url.protocol;
    if (scheme !== own.protocol || url.host !== own.host) found.push(`request to another origin: ${request.method()} ${request.url()}`);
  });
  page.on('requestfailed', (request) => {
    const failure = request.failure()?.errorText ?? 'failed';
    if (paused) return;
    if (request.url().includes('/socket.io/') && failure === 'net::ERR_ABORTED') return;
    found.push(`failed: ${request.method()} ${request.url()} (${failure})`);
  });
  page.on('response', (response) => {
    if (response.status() >= 400 && !response.url().includes('/api/')) found.push(`HTTP ${response.status()}: ${response.url()}`);
  });
  page.on('console', (message) => {
    const text = message.text();
    if (/Content Security Policy|Refused to|Mixed Content|Cross-Origin-Opener-Policy/i.test(text)) found.push(`console: ${text}`);
  });
  page.on('pageerror', (error) => found.push(`script error: ${error.message}`));
  return {
    problems: () => [...found],
    pause: () => {
      paused = true;
    },
    resume: () => {
      paused = false;
    },
  };
}
