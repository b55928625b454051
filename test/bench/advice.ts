/**
 * Benchmark of compiling the advice (a benchmark, not a test): for 8 bidders x 8 criteria x 2,000
 * voters (16,000 ballots) with 10,000 bootstrap resamples, the time from the sealed ballots to a
 * finished PDF: building the anonymised record, computing the results from it, writing the
 * document and rendering it with pdfmake. Also the DOCX, separately. The evening is generated from
 * a fixed seed (`sampleEvening`), so every run counts the same ballots.
 *
 *   TS_NODE_PROJECT=test/tsconfig.json node -r ts-node/register/transpile-only test/bench/advice.ts
 *
 * Options: --voters N (2000) --bidders N (8) --criteria N (8) --resamples N (10000) --runs N (5)
 * Prints every run's split times and the median (wall time, and the process's CPU time, which other
 * work on a shared machine disturbs less); writes the last PDF to test/artifacts/bench/.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadavg } from 'node:os';
import { performance } from 'node:perf_hooks';
import {
  buildAdviceDocument,
  buildBallotRecord,
  computeResults,
  recordFingerprint,
  recordToResultsInput,
  resultsFingerprint,
  sealBurstCheck,
} from '../../shared/src';
import { sampleEvening } from '../../shared/src/testing';
import { renderAdviceDocx, renderAdvicePdf } from '../../backend/src/advice/render';
import { option } from './options';

const VOTERS = option('voters', 2000);
const BIDDERS = option('bidders', 8);
const CRITERIA = option('criteria', 8);
const RESAMPLES = option('resamples', 10_000);
const RUNS = option('runs', 5);

const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor((xs.length - 1) / 2)]!;

async function main(): Promise<void> {
  const sample = sampleEvening({ bidders: BIDDERS, criteria: CRITERIA, voters: VOTERS, resamples: RESAMPLES, seed: 'bench-advice-v1' });
  const ballots = sample.resultsInput.ballots.length;
  console.log(`advice benchmark: ${BIDDERS} bidders x ${CRITERIA} criteria x ${VOTERS} voters = ${ballots} ballots, ${RESAMPLES} resamples, ${RUNS} runs`);
  const totals: number[] = [];
  const cpus: number[] = [];
  let pdf: Buffer = Buffer.alloc(0);
  for (let run = 1; run <= RUNS; run++) {
    const t0 = performance.now();
    const cpu0 = process.cpuUsage();
    const record = buildBallotRecord(sealBurstCheck(sample.resultsInput), {
      municipality: sample.input.evening.tender.municipality,
      tender: sample.input.evening.tender.name,
      setupFingerprint: sample.input.evening.fingerprint!,
    });
    const recordSha256 = recordFingerprint(record);
    const t1 = performance.now();
    const report = computeResults(recordToResultsInput(record));
    const resultsSha256 = resultsFingerprint(report);
    const t2 = performance.now();
    const doc = buildAdviceDocument({ ...sample.input, results: report, recordSha256, resultsSha256 }, 'nl');
    const t3 = performance.now();
    pdf = await renderAdvicePdf(doc, { issuedAt: new Date(sample.input.version!.issuedAt) });
    const t4 = performance.now();
    const cpu = process.cpuUsage(cpu0);
    cpus.push((cpu.user + cpu.system) / 1000);
    const docx = await renderAdviceDocx(doc, { issuedAt: new Date(sample.input.version!.issuedAt) });
    const t5 = performance.now();
    totals.push(t4 - t0);
    console.log(
      `run ${run}${run === 1 ? ' (cold)' : ''}: record ${(t1 - t0).toFixed(0)} ms, results ${(t2 - t1).toFixed(0)} ms, document ${(t3 - t2).toFixed(0)} ms, ` +
        `PDF ${(t4 - t3).toFixed(0)} ms (${(pdf.length / 1024).toFixed(0)} KB) => ballots to PDF ${(t4 - t0).toFixed(0)} ms (CPU ${cpus.at(-1)!.toFixed(0)} ms); DOCX ${(t5 - t4).toFixed(0)} ms (${(docx.length / 1024).toFixed(0)} KB)`,
    );
  }
  console.log(`ballots to PDF: cold ${totals[0]!.toFixed(0)} ms, median ${median(totals).toFixed(0)} ms, max ${Math.max(...totals).toFixed(0)} ms (target < 3000 ms)`);
  // CPU time of the process (all threads) for the same steps: much less sensitive than wall time to
  // other work on a shared machine.
  console.log(`ballots to PDF, CPU time: median ${median(cpus).toFixed(0)} ms; load average ${loadavg().map((x) => x.toFixed(2)).join(' ')}`);
  const dir = join(__dirname, '..', 'artifacts', 'bench');
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'advice.pdf'), pdf);
  console.log(`peak RSS ${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MB; last PDF in test/artifacts/bench/advice.pdf`);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
