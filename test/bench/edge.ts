/**
 * What a hostile body costs the server (a benchmark, not a test): the body of the CPU
 * amplification in issue 12, 15,000 unknown fields (about 150 KiB), sent to the anonymous join
 * route and, with an organiser's token, to an organiser route. The app runs in this process on a
 * fresh sqlite file; the bodies are serialised once up front, so the CPU measured per request is
 * the server's parsing, validation and answer (plus the small cost of sending the bytes).
 *
 *   TS_NODE_PROJECT=test/tsconfig.json node -r ts-node/register/transpile-only test/bench/edge.ts
 */
import { request as httpRequest } from 'node:http';
import { completeEvening, organiser } from '../support/api';
import { startApp } from '../support/app';

const REQUESTS = 40;
const FIELDS = 15_000;

function send(url: string, method: string, path: string, body: string, token?: string): Promise<{ status: number; bytes: number }> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(
      `${url}${path}`,
      { method, headers: { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(body), ...(token ? { Authorization: `Bearer ${token}` } : {}) } },
      (res) => {
        let bytes = 0;
        res.on('data', (c: Buffer) => (bytes += c.length));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, bytes }));
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

async function measure(label: string, run: () => Promise<{ status: number; bytes: number }>) {
  const cpu: number[] = [];
  const wall: number[] = [];
  let last = { status: 0, bytes: 0 };
  for (let i = 0; i < REQUESTS; i++) {
    const c0 = process.cpuUsage();
    const t0 = performance.now();
    last = await run();
    wall.push(performance.now() - t0);
    const c = process.cpuUsage(c0);
    cpu.push((c.user + c.system) / 1000);
  }
  return { label, status: last.status, responseBytes: last.bytes, medianCpuMs: Number(median(cpu).toFixed(1)), medianWallMs: Number(median(wall).toFixed(1)) };
}

async function main(): Promise<void> {
  const running = await startApp({ JOIN_RATE_LIMIT: '1000000', ANONYMOUS_RATE_LIMIT: '1000000', LOG_LEVEL: 'error' });
  try {
    const o = await organiser(running.url, 'Bench');
    const evening = await completeEvening(o);
    const fields = Array.from({ length: FIELDS }, (_, i) => `"f${i}":1`).join(',');
    const joinBody = `{"joinCode":"ABCDEF",${fields}}`;
    const weightsBody = `{${fields}}`;
    const results = [
      await measure(`POST /api/join, ${FIELDS} unknown fields (${Math.round(joinBody.length / 1024)} KiB), anonymous`, () => send(running.url, 'POST', '/api/join', joinBody)),
      await measure(`PUT /api/evenings/:id/weights, ${FIELDS} unknown fields, organiser`, () =>
        send(running.url, 'PUT', `/api/evenings/${evening.id}/weights`, weightsBody, o.session.token),
      ),
    ];
    console.log(JSON.stringify({ node: process.version, requests: REQUESTS, results }, null, 2));
  } finally {
    await running.close();
  }
}

void main();
