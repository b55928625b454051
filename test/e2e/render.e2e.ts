import { readFileSync } from 'node:fs';
import { LIMITS, type EveningDetail } from '@buurtjury/shared';
import { RenderService } from '../../backend/src/infrastructure/render/render.service';
import { openPitchWithCrowd, type CrowdPhone } from '../support/crowd';
import { startApp, type RunningApp } from '../support/app';
import { pdfContent } from '../support/documents';
import { heavyEvening, keepVoting, percentile, renderAll, type BallotLoad, type HeavyEvening, type PrintSetup, type RenderAnswer } from '../support/render-load';
import type { Client } from '../support/sockets';

/**
 * Heavy documents never hold up an evening (issue 12, findings 1 and 2). One evening takes ballots
 * from 30 phones, each sending a new ballot every 400 ms, while an organiser of another network
 * asks at once for the advice preview of a draft with five 20,000-character runs without a space,
 * issues that advice, and prints the largest score-card print allowed (the most criteria and
 * grades) and the most ticket cards. Before, the preview alone blocked the server for minutes,
 * lost most ballots and ended in "heap out of memory".
 */
const PHONES = 30;
const EVERY_MS = 400;
/** The render budget of the test server; the server's memory (with its render process) may grow by this plus the margin below. */
const RENDER_MEMORY_MB = 1024;
const RSS_MARGIN_MB = 400;

/** Resident memory in MB of a process (Linux). */
function rssOf(pid: number): number {
  try {
    return Number(/^VmRSS:\s+(\d+) kB/m.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? 0) / 1024;
  } catch {
    return 0; // ended meanwhile
  }
}

/** The largest print one evening may ask for: 20 pitches × 50 cards = LIMITS.paperCardsPrintMax, each with 12 criteria × 10 grades. */
const SETUP: PrintSetup = {
  bidders: 20,
  criteria: LIMITS.criteriaMax,
  levels: LIMITS.scaleLevelsMax,
  cardsPerPitch: LIMITS.paperCardsPrintMax / 20,
  tickets: LIMITS.ticketsMax,
  draftChars: 20_000,
};

let running: RunningApp;
let phones: CrowdPhone[] = [];
let hostSocket: Client | undefined;
let heavy: HeavyEvening;
/** The answer to asking for one score card per pitch more than the print cap allows (asked before the evening ended). */
let overCap: { status: number; body: unknown };
/** The evening whose phones keep voting. */
let liveEvening: EveningDetail;

beforeAll(async () => {
  running = await startApp({ RENDER_WORKERS: '1', RENDER_MEMORY_MB: String(RENDER_MEMORY_MB) });
  heavy = await heavyEvening(running.url, SETUP, async (printer, evening) => {
    const res = await printer.put(`/api/evenings/${evening.id}/paper/cards`, { cardsPerPitch: SETUP.cardsPerPitch + 1 });
    overCap = { status: res.status, body: res.body as unknown };
  });
  const live = await openPitchWithCrowd(running.url, PHONES);
  phones = live.phones;
  liveEvening = live.evening;
  hostSocket = live.hostSocket;
}, 120_000);

afterAll(async () => {
  for (const p of phones) p.socket.close();
  hostSocket?.close();
  await running?.close();
});

it('refuses a score-card print beyond the largest that can be rendered, with a clear code', async () => {
  expect(overCap.status).toBe(422);
  expect(overCap.body).toMatchObject({ code: 'RENDER_TOO_LARGE', message: expect.stringMatching(/at most 50 cards per pitch/) });
});

it('keeps acknowledging every ballot, never held up behind a document, with memory bounded, while the heaviest documents render', async () => {
  // This process (server and phones) and the server's render processes.
  const pool = running.app.get(RenderService).pool;
  const rss = () => process.memoryUsage.rss() / 2 ** 20 + pool.pids().reduce((a, pid) => a + rssOf(pid), 0);
  const rssBefore = rss();
  let rssPeak = rssBefore;
  const sampler = setInterval(() => (rssPeak = Math.max(rssPeak, rss())), 100);

  const renders = renderAll(running.url, heavy);
  let load: BallotLoad;
  let answers: RenderAnswer[];
  try {
    [load, answers] = await Promise.all([keepVoting(phones, liveEvening, EVERY_MS, renders), renders]);
  } finally {
    clearInterval(sampler);
  }

  const p99 = percentile(load.latencies, 99);
  const summary = {
    ballots: load.latencies.length,
    failures: load.failures.length,
    ackP50: Math.round(percentile(load.latencies, 50)),
    ackP99: Math.round(p99),
    ackMax: Math.round(Math.max(...load.latencies)),
    rssGrowthMb: Math.round(rssPeak - rssBefore),
    renders: answers.map((a) => `${a.what}: ${a.status}${a.code ? ` ${a.code}` : ''}, ${a.bytes} bytes, ${a.ms} ms`),
  };
  console.log(JSON.stringify(summary, null, 2));

  // Every document was made (the server's default budgets hold the largest allowed ones).
  for (const a of answers) expect({ what: a.what, status: a.status }).toEqual({ what: a.what, status: a.what.startsWith('issue') || a.what.startsWith('ticket') ? 201 : 200 });
  // The ballots went on all along: many of them, none lost, and never held up behind a document.
  // Rendering on the server's own thread held every ballot for 36–241 s (0 acknowledged in the
  // benchmark); the bound below catches that with room for a busy machine (a CI run with every
  // suite beside it measured p99 3.0 s, max 3.4 s, with issue 15's longer documents). The speed target
  // itself (p99 under 200 ms) is measured by `npm run bench:render`, see docs/performance.md.
  expect(load.failures).toEqual([]);
  expect(load.latencies.length).toBeGreaterThan(500);
  expect(Math.max(...load.latencies)).toBeLessThan(10_000);
  expect(p99).toBeLessThan(5_000);
  // The server grew by at most the render process's budget and a margin.
  expect(rssPeak - rssBefore).toBeLessThan(RENDER_MEMORY_MB + RSS_MARGIN_MB);

  // The 20,000-character runs are in the preview whole: every x, on lines that fit the page.
  const preview = await pdfContent(answers[0]!.body);
  const text = preview.pages.join('');
  expect(text.replace(/[^x]/g, '').length).toBeGreaterThanOrEqual(5 * SETUP.draftChars);
  const cards = await pdfContent(answers[2]!.body);
  expect(cards.pages.length).toBeGreaterThanOrEqual(LIMITS.paperCardsPrintMax / 2);
  const tickets = await pdfContent(answers[3]!.body);
  expect(tickets.pages.length).toBe(LIMITS.ticketsMax / 8);
}, 300_000);
