import { readFileSync } from 'node:fs';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import type { EveningDetail } from '@buurtjury/shared';
import { AppError } from '../../platform/common/app-error';
import { sampleAdviceDocument } from '@buurtjury/shared/testing';
import { runRenderJob } from '../../render/render-jobs';
import type { RenderJob } from './render-job';
import { RenderPool, type RenderLimits } from './render-pool';

/** A frozen-looking evening with the maximum criteria and grades: the heaviest score card there is. */
function evening(bidders: number): EveningDetail {
  return {
    title: 'Idols-avond Eemhoven',
    language: 'nl',
    joinCode: 'K7P3Q9',
    scale: { levels: Array.from({ length: 10 }, (_, i) => ({ value: i + 1, label: `Niveau ${i + 1}` })) },
    criteria: Array.from({ length: 12 }, (_, i) => ({ id: `c${i}`, name: `Criterium ${i + 1}` })),
    bidders: Array.from({ length: bidders }, (_, i) => ({ id: `b${i}`, name: `Inschrijver ${i + 1}`, position: i + 1, pitchTitle: 'Plan' })),
  } as unknown as EveningDetail;
}

const small: RenderJob = { kind: 'score-cards', evening: evening(1), perPitch: 1 };
/** 400 of the heaviest cards: about 4 s and 300 MB of heap when rendered in one thread here. */
const heavy: RenderJob = { kind: 'score-cards', evening: evening(20), perPitch: 20 };
/** 1,500 of them: about 25 s in one thread here, far beyond the budgets below. */
const heavier: RenderJob = { kind: 'score-cards', evening: evening(30), perPitch: 50 };

const limits = (overrides: Partial<RenderLimits>): RenderLimits => ({ workers: 1, queue: 4, timeoutMs: 60_000, memoryMb: 1024, ...overrides });

/** The refusal a promise rejects with, as the client sees it. */
async function refusal(promise: Promise<unknown>): Promise<{ status: number; code: string; details?: string[] }> {
  try {
    await promise;
  } catch (error) {
    if (!(error instanceof AppError)) throw error;
    const body = error.getResponse() as { code: string; details?: string[] };
    return { status: error.getStatus(), code: body.code, details: body.details };
  }
  throw new Error('expected a refusal');
}

/** The niceness of a process (Linux). */
function niceOf(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  return Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[16]);
}

const pools: RenderPool[] = [];
const pool = (l: Partial<RenderLimits>): RenderPool => {
  const p = new RenderPool(limits(l));
  pools.push(p);
  return p;
};
afterEach(async () => {
  await Promise.all(pools.splice(0).map((p) => p.close()));
});

jest.setTimeout(120_000);

it('renders in a render process exactly what the renderer makes in this one', async () => {
  const job: RenderJob = { kind: 'advice', document: sampleAdviceDocument('en'), issuedAt: new Date('2026-11-21T09:42:00Z'), formats: ['pdf', 'docx'] };
  const [inWorker, here] = await Promise.all([pool({}).run(job), runRenderJob(job)]);
  expect(Buffer.from(inWorker.pdf!).equals(Buffer.from(here.pdf!))).toBe(true);
  expect(Buffer.from(inWorker.docx!).equals(Buffer.from(here.docx!))).toBe(true);
});

it('keeps the event loop free while a large print renders', async () => {
  const p = pool({});
  await p.run(small); // the render process is up
  const [pid] = p.pids();
  if (process.platform === 'linux') expect(niceOf(pid!)).toBe(10);
  const delay = monitorEventLoopDelay({ resolution: 10 });
  delay.enable();
  const started = Date.now();
  const result = await p.run(heavy);
  delay.disable();
  expect(Buffer.from(result.pdf!).subarray(0, 5).toString()).toBe('%PDF-');
  // In this process the same print blocks the loop for its whole duration (seconds); with a render
  // process the loop only waits for the CPU when other processes keep both cores busy.
  expect(Date.now() - started).toBeGreaterThan(2000);
  expect(delay.max / 1e6).toBeLessThan(500);
});

it('stops a render that exceeds its time budget with RENDER_TOO_LARGE, and renders the next one in a fresh render process', async () => {
  const p = pool({ timeoutMs: 1500 });
  const started = Date.now();
  expect(await refusal(p.run(heavier))).toEqual({ status: 422, code: 'RENDER_TOO_LARGE', details: ['time budget exceeded: 2 seconds'] });
  // Refused when the budget ran out, not when the render would have ended.
  expect(Date.now() - started).toBeLessThan(10_000);
  expect(p.load()).toEqual({ running: 0, waiting: 0 });
  const again = pool({});
  expect((await again.run(small)).pdf!.length).toBeGreaterThan(1000);
});

it('stops a render that exceeds its memory budget with RENDER_TOO_LARGE, and the server process lives on', async () => {
  const p = pool({ memoryMb: 200 });
  expect(await refusal(p.run(heavier))).toEqual({ status: 422, code: 'RENDER_TOO_LARGE', details: ['memory budget exceeded: 200 MB of memory'] });
  // The same pool renders a small document afterwards, in a new render process.
  expect((await p.run(small)).pdf!.length).toBeGreaterThan(1000);
});

it('lets `queue` renders wait for a render process and refuses more with 429 RENDER_BUSY and a wait', async () => {
  const p = pool({ workers: 1, queue: 1 });
  const first = p.run(small);
  const second = p.run(small);
  expect(p.load()).toEqual({ running: 1, waiting: 1 });
  const third = refusal(p.run(small));
  expect(await third).toMatchObject({ status: 429, code: 'RENDER_BUSY' });
  const [a, b] = await Promise.all([first, second]);
  expect(a.pdf!.length).toBeGreaterThan(1000);
  expect(b.pdf!.length).toBeGreaterThan(1000);
  expect(p.load()).toEqual({ running: 0, waiting: 0 });
});
