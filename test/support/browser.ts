import { existsSync, mkdirSync } from 'node:fs';
import * as path from 'node:path';
import { chromium, type Browser } from 'playwright-core';

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
 * Launches headless Chromium: Debian's /usr/bin/chromium where installed, otherwise the binary
 * the @sparticuz/chromium npm package ships (unpacked under .cache/, not the system temp folder,
 * because the package caches it there without a version check).
 */
export async function launchBrowser(): Promise<Browser> {
  if (existsSync('/usr/bin/chromium')) {
    return chromium.launch({ executablePath: '/usr/bin/chromium', args: QUIET_FLAGS, headless: true });
  }
  const tmp = path.join(ROOT, '.cache', 'chromium-tmp');
  mkdirSync(tmp, { recursive: true });
  process.env.TMPDIR = tmp;
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const sparticuz = require('@sparticuz/chromium') as { executablePath(): Promise<string>; args: string[] };
  const executablePath = await sparticuz.executablePath();
  // --single-process (meant for serverless) makes closing one browser context kill the whole browser.
  const args = sparticuz.args.filter((a) => a !== '--single-process');
  return chromium.launch({ executablePath, args: [...args, ...QUIET_FLAGS], headless: true });
}

/** Where browser tests put screenshots (git-ignored). */
export function artifactDir(suite: string): string {
  const dir = path.join(ROOT, 'test', 'artifacts', suite);
  mkdirSync(dir, { recursive: true });
  return dir;
}

/** Runs axe-core in the page and returns the serious and critical violations (id and offending nodes). */
export async function seriousA11yViolations(page: import('playwright-core').Page): Promise<{ id: string; nodes: string[] }[]> {
  await page.addScriptTag({ path: require.resolve('axe-core/axe.min.js') });
  return page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run(): Promise<{ violations: { id: string; impact: string | null; nodes: { target: unknown[] }[] }[] }> } }).axe;
    const result = await axe.run();
    return result.violations
      .filter((v) => v.impact === 'serious' || v.impact === 'critical')
      .map((v) => ({ id: v.id, nodes: v.nodes.map((n) => JSON.stringify(n.target)) }));
  });
}
