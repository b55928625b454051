/**
 * Benchmark of the results engine (a benchmark, not a test): 8 bidders x 8 criteria x 2,000 voters,
 * every voter scores every bidder (16,000 ballots), 10,000 bootstrap resamples. The ballots are
 * generated from a fixed seed, so every run counts the same evening.
 *
 *   TS_NODE_PROJECT=test/tsconfig.json node -r ts-node/register/transpile-only test/bench/results.ts
 *
 * Options: --voters N (2000) --bidders N (8) --criteria N (8) --resamples N (10000) --runs N (5)
 * --flagged N (10): that many of the voters give one bidder the top grade and all others the
 * bottom grade, so the report also has to compute the `withoutFlagged` section (the worst case:
 * two full sections). Use --flagged 0 for one section.
 *
 * Prints the time of the first (cold) run and of the following runs, the time of `resultsJson`
 * plus the fingerprint, the heap growth during one run and the process's peak RSS.
 */
import { performance } from 'node:perf_hooks';
import { computeResults, resultsFingerprint, resultsJson, type ResultsBallot, type ResultsInput } from '../../shared/src/results';
import { seededRandom } from '../../shared/src/results/prng';
import { option } from './options';

const VOTERS = option('voters', 2000, 0);
const BIDDERS = option('bidders', 8, 0);
const CRITERIA = option('criteria', 8, 0);
const RESAMPLES = option('resamples', 10_000, 0);
const RUNS = Math.max(1, option('runs', 5, 0));
const FLAGGED = option('flagged', 10, 0);

/** A made-up evening: bidders of different quality, lenient and harsh voters, ballots over two minutes per pitch. */
function generateInput(): ResultsInput {
  const random = seededRandom('bench-results-v1');
  const uniform = (): number => random.nextUint32() / 4294967296;
  const bidders = Array.from({ length: BIDDERS }, (_, i) => ({ id: `bidder-${i + 1}`, name: `Bidder ${i + 1}`, position: i + 1 }));
  const weights = Array.from({ length: CRITERIA }, (_, i) => Math.floor(100 / CRITERIA) + (i < 100 % CRITERIA ? 1 : 0));
  const criteria = weights.map((weight, i) => ({ id: `criterion-${i + 1}`, name: `Criterion ${i + 1}`, weight }));
  const levels = [5, 4, 3, 2, 1].map((value) => ({ value, label: String(value) }));
  const quality = bidders.map(() => 2 + uniform() * 2.5);
  const ballots: ResultsBallot[] = [];
  for (let v = 0; v < VOTERS; v++) {
    const voter = `voter-${String(v).padStart(5, '0')}`;
    const leniency = (uniform() - 0.5) * 1.5;
    const favourite = v < FLAGGED ? random.nextIndex(BIDDERS) : -1;
    bidders.forEach((bidder, b) => {
      const grades: Record<string, number> = {};
      for (const c of criteria) {
        const noise = uniform() + uniform() + uniform() - 1.5;
        const raw = favourite === -1 ? Math.round(quality[b]! + leniency + noise) : favourite === b ? 5 : 1;
        grades[c.id] = Math.min(5, Math.max(1, raw));
      }
      const submittedAt = b * 900_000 + Math.floor(uniform() * 120_000);
      ballots.push({ voter, bidderId: bidder.id, grades, submittedAt });
    });
  }
  return { bidders, criteria, scale: { kind: 'numeric', levels }, ballots, ties: [], options: { seed: 'bench', bootstrapResamples: RESAMPLES } };
}

function mb(bytes: number): string {
  return (bytes / 1024 / 1024).toFixed(1);
}

function main(): void {
  const input = generateInput();
  console.log(`results benchmark: ${BIDDERS} bidders x ${CRITERIA} criteria x ${VOTERS} voters = ${input.ballots.length} ballots, ${RESAMPLES} resamples, ${FLAGGED} flagged voters`);
  console.log(`node ${process.version}, ${process.platform}/${process.arch}`);

  const times: number[] = [];
  let fingerprint = '';
  let heapGrowth = 0;
  for (let run = 0; run < RUNS; run++) {
    const heapBefore = process.memoryUsage().heapUsed;
    const start = performance.now();
    const report = computeResults(input);
    const computed = performance.now();
    const print = resultsFingerprint(report);
    const end = performance.now();
    heapGrowth = Math.max(heapGrowth, process.memoryUsage().heapUsed - heapBefore);
    if (fingerprint !== '' && print !== fingerprint) throw new Error('two runs gave different results');
    fingerprint = print;
    times.push(end - start);
    console.log(
      `run ${run + 1}${run === 0 ? ' (cold)' : ''}: computeResults ${(computed - start).toFixed(0)} ms + resultsJson/fingerprint ${(end - computed).toFixed(0)} ms = ${(end - start).toFixed(0)} ms` +
        (run === 0 ? `; sections: ${report.withoutFlagged === report.all ? 1 : 2}, flagged ballots ${report.integrity.flaggedBallots.length}, JSON ${resultsJson(report).length} bytes` : ''),
    );
  }
  const warm = times.slice(1);
  const sorted = [...warm].sort((a, b) => a - b);
  if (sorted.length > 0) console.log(`warm runs: median ${sorted[Math.floor((sorted.length - 1) / 2)]!.toFixed(0)} ms, max ${sorted[sorted.length - 1]!.toFixed(0)} ms`);
  console.log(`heap growth during a run (max, before GC): ${mb(heapGrowth)} MB; peak RSS ${mb(process.resourceUsage().maxRSS * 1024)} MB`);
  console.log(`fingerprint ${fingerprint}`);
}

main();
