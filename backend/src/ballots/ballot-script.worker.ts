import { parentPort } from 'node:worker_threads';
import { nodeSha256Hex } from '../infrastructure/audit-log/chain-rows';
import { buildBallotScript, type BallotScriptJob } from './ballot-script';

/** The worker thread of BallotScriptThread: builds a batch's script (hashes and SQL text) off the main thread. */
parentPort?.postMessage({ ready: true });
parentPort?.on('message', (message: { id: number; job: BallotScriptJob }) => {
  try {
    parentPort!.postMessage({ id: message.id, ok: true, script: buildBallotScript(message.job, nodeSha256Hex) });
  } catch (error) {
    parentPort!.postMessage({ id: message.id, ok: false, message: error instanceof Error ? error.message : String(error) });
  }
});
