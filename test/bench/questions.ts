/**
 * Questions from the room under load (a benchmark, not a test): the same ballot burst twice in one
 * sitting, on a fresh server each time, once alone and once while every phone also asks the bidder
 * on stage a question and votes for others' (test/bench/load.ts with its question round). Prints the
 * ballot acknowledgement p50/p99 of both runs side by side, the question and vote acknowledgements,
 * and the machine's load average before each run.
 *
 *   TS_NODE_PROJECT=test/tsconfig.json node -r ts-node/register/transpile-only test/bench/questions.ts -- --phones 2000 --window 30
 *
 * Options: --phones N (2000) --window T seconds (30) --votes per phone (3) --rounds (1: one pair)
 * --port (the server's, reused by each run; a free one by default) --workers (phone processes, 4;
 * 0: all phones in this process, as before, where one stall of its event loop times every phone's
 * acknowledgement late) --root DIR (another checkout's build as the server, for a "before" measured
 * with this harness). The harness's event-loop delay printed is the worst of its phone processes'.
 */
import { cpus, loadavg } from 'node:os';
import * as path from 'node:path';
import { loadRun, type LoadOptions } from './load';
import { numberOption, textOption } from './options';

const ROOT = path.resolve(__dirname, '..', '..');

async function main(): Promise<void> {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  require(path.join(ROOT, 'scripts', 'build-if-needed.js')).buildIfNeeded({ log: () => undefined });
  const base: LoadOptions = {
    phones: numberOption('phones', 2000),
    windowS: numberOption('window', 30),
    resend: 0.05,
    connectConcurrency: 200,
    port: numberOption('port', 0),
    // --root DIR: another checkout's build (with its node_modules and backend/dist), for a "before".
    serverRoot: path.resolve(textOption('root') ?? ROOT),
    measureMemory: false,
    workers: numberOption('workers', 4),
  };
  const votesPerPhone = numberOption('votes', 3);
  console.log(
    `${base.phones} phones in ${base.workers || 1} process(es), ${base.windowS} s window, ${votesPerPhone} votes per phone; server ${base.serverRoot}; ${cpus().length} cores (${cpus()[0]?.model ?? '?'})`,
  );
  const rows: string[] = [];
  for (let round = 1; round <= numberOption('rounds', 1); round++) {
    for (const withQuestions of [false, true]) {
      const load = loadavg()[0]!.toFixed(1);
      const report = await loadRun({ ...base, ...(withQuestions ? { questions: { votesPerPhone } } : {}) });
      const ack = report.ack as { p50: string; p99: string };
      const lost = report.lost as { ackedButNotStored: number; sentButNeverAcked: number };
      const q = report.questions as Record<string, unknown> | undefined;
      rows.push(
        [
          `round ${round}`,
          withQuestions ? 'ballots + questions' : 'ballots alone',
          `ballot ack p50 ${ack.p50}`,
          `p99 ${ack.p99}`,
          `${String(report.ballotsPerSecond)} ballots/s`,
          `lost ${lost.ackedButNotStored}/${lost.sentButNeverAcked}, refused ${String(report.refused)}, duplicates ${String(report.duplicatesInDatabase)}`,
          `load avg ${load}`,
          `harness event-loop delay (worst process) p99 ${(report.harnessEventLoopDelay as { p99: string }).p99}, max ${(report.harnessEventLoopDelay as { max: string }).max}`,
        ].join(' | '),
      );
      if (q) {
        rows.push(
          `           questions: ${String(q.asked)} asked (p50 ${String(q.askP50)}, p99 ${String(q.askP99)}, ${String(q.askRefused)} refused), ${String(q.votes)} votes (p50 ${String(q.voteP50)}, p99 ${String(q.voteP99)}, ${String(q.voteRefused)} refused), ${String(q.unanswered)} unanswered, ${String(q.boardsReceived)} board pushes received`,
        );
        if ((q.firstRefusals as string[]).length > 0) rows.push(`           first refusals: ${(q.firstRefusals as string[]).join('; ')}`);
      }
      console.log(rows.slice(-2).join('\n'));
    }
  }
  console.log(`\n${rows.join('\n')}`);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
