/**
 * Load harness for several nodes (a benchmark, not a test; issue 16): Buurtjury nodes as separate
 * processes (the built backend/dist), on a fresh PostgreSQL database and sharing a Redis, behind
 * HAProxy (deploy/haproxy.cfg, as test/support/cluster.ts runs it), with the phones spread over
 * child processes: one process may hold at most 20,000 open files here (`ulimit -n`), so neither
 * one harness process nor one HAProxy can carry 20,000 phones (HAProxy holds two descriptors per
 * phone: it runs as several processes, each balancing over every node, as several balancers behind
 * one DNS name would). The same harness runs one node without a balancer, on sqlite or
 * PostgreSQL, for the single-node figures of the same sitting.
 *
 *   npm run bench:nodes                                    # the sitting: 2 nodes (20,000 phones), then 1 node on sqlite and 1 on PostgreSQL (10,000)
 *   npm run bench:nodes -- --nodes 2 --phones 20000        # one topology only
 *   npm run bench:nodes -- --nodes 1 --database sqlite --phones 10000
 *
 * Per topology the phones join (REST) and connect once, then two pitches are scored: the first
 * with every phone's ballot at a random moment in a 10 s window, the second in a 1 s burst (both
 * with 5 % of the phones resending the same ballot). Printed per run: ack p50/p99, ballots/s,
 * tally staleness on a big screen on every node, lost and duplicated ballots (from the database),
 * each node's memory per phone connected to it, the phone counts each screen shows, and `uptime`'s
 * load averages. Options: --phones, --nodes (1|2), --database (postgres|sqlite), --workers (phone
 * processes, 4), --windows (10,1), --resend (0.05), --connect-concurrency (per phone process, 100),
 * --checks off (HAProxy without health checks: the nodes are never taken out).
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import * as path from 'node:path';
import { Client as PgClient } from 'pg';
import type { EveningDetail, SessionResponse, Tally } from '@buurtjury/shared';
import { haproxyConfigFor } from '../support/cluster';
import { liveMemoryKb } from './load';
import { now, PhoneProcess, post, shares, type Burst, type Joined } from './phone-processes';
import { connect, freePort, ms, percentile, serverNodeFlags, storedBallotIds, type Client } from './phones';
import { numberOption, textOption } from './options';

const ROOT = path.resolve(__dirname, '..', '..');
const POSTGRES_ADMIN_URL = process.env.BENCH_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
/** Redis database 5 on the machine's Redis, every key under a prefix of this run (removed at the end). */
const REDIS_URL = process.env.BENCH_REDIS_URL ?? 'redis://127.0.0.1:6379/5';
/** Phones per HAProxy process: two descriptors each, within the 20,000 open files of one process. */
const PHONES_PER_BALANCER = 7_000;

// ---------------------------------------------------------------- the servers

interface Node {
  name: string;
  port: number;
  url: string;
  inspector: number;
  child: ChildProcess;
}

function waitUntil(check: () => Promise<boolean>, what: string, timeoutMs: number): Promise<void> {
  const until = Date.now() + timeoutMs;
  const attempt = async (): Promise<void> => {
    if (await check().catch(() => false)) return;
    if (Date.now() > until) throw new Error(`${what} did not come up`);
    await new Promise((r) => setTimeout(r, 100));
    return attempt();
  };
  return attempt();
}

async function startNode(name: string, env: Record<string, string>): Promise<Node> {
  const port = await freePort();
  const inspector = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const child = spawn(process.execPath, [...serverNodeFlags(ROOT), `--inspect=127.0.0.1:${inspector}`, path.join(ROOT, 'backend', 'dist', 'main.js')], {
    cwd: ROOT,
    env: {
      ...process.env,
      ...env,
      PORT: String(port),
      HOST: '127.0.0.1',
      LOG_LEVEL: 'warn',
      SOCKET_RATE_LIMIT: '1000',
      // Every phone joins and connects from 127.0.0.1, at once.
      JOIN_RATE_LIMIT: '1000000',
      JOIN_CEILING_MIN: '100000',
      HALF_OPEN_PER_ADDRESS: '100000',
      ANONYMOUS_RATE_LIMIT: '1000000',
      MAX_CONNECTIONS: '19500',
    },
    stdio: ['ignore', 'inherit', 'pipe'],
  });
  // The inspector's banner goes to stderr; the rest is passed on.
  child.stderr!.on('data', (chunk: Buffer) => {
    const text = chunk.toString().split('\n').filter((l) => l && !/Debugger listening|For help, see|Debugger attached|Waiting for the debugger/.test(l)).join('\n');
    if (text) process.stderr.write(`[${name}] ${text}\n`);
  });
  await waitUntil(async () => (await fetch(`${url}/api/meta`)).ok, name, 120_000);
  return { name, port, url, inspector, child };
}

async function stopProcess(child: ChildProcess, signal: NodeJS.Signals = 'SIGTERM'): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((r) => child.once('exit', r));
  child.kill(signal);
  const timer = setTimeout(() => child.kill('SIGKILL'), 30_000);
  await exited;
  clearTimeout(timer);
}

/** HAProxy processes running deploy/haproxy.cfg over the nodes, each on its own port; `bases` are their URLs. */
async function startBalancers(nodes: Node[], count: number, dir: string, checks: boolean): Promise<{ bases: string[]; stop(): Promise<void> }> {
  const children: ChildProcess[] = [];
  const bases: string[] = [];
  for (let i = 0; i < count; i++) {
    const [httpPort, tlsPort] = [await freePort(), await freePort()];
    let config = haproxyConfigFor(nodes, httpPort, tlsPort).replace(/^\s*maxconn \d+$/m, `  maxconn ${PHONES_PER_BALANCER + 1_000}`);
    if (!checks) config = config.replace(/^(\s*server app\d+ 127\.0\.0\.1:\d+) check$/gm, '$1');
    const file = path.join(dir, `haproxy-${i}.cfg`);
    writeFileSync(file, config);
    const child = spawn('haproxy', ['-f', file, '-db'], { stdio: ['ignore', 'ignore', 'inherit'], env: { ...process.env, HAPROXY_TLS_CERT: '' } });
    children.push(child);
    const base = `http://127.0.0.1:${httpPort}`;
    await waitUntil(async () => (await fetch(`${base}/api/health/ready`)).ok, `haproxy ${i}`, 20_000);
    bases.push(base);
  }
  return { bases, stop: async () => void (await Promise.all(children.map((c) => stopProcess(c)))) };
}

const openFiles = (pid: number) => readdirSync(`/proc/${pid}/fd`).length;
const load = () => loadavg().map((l) => l.toFixed(1)).join(' / ');

// ---------------------------------------------------------------- one topology

export interface NodesOptions {
  phones: number;
  nodes: 1 | 2;
  database: 'postgres' | 'sqlite';
  workers: number;
  windows: number[];
  resend: number;
  connectConcurrency: number;
  /** HAProxy's health checks as shipped (true), or none (the nodes are never taken out: what the nodes do when the checks are not the limit). */
  checks: boolean;
}

interface Topology {
  nodes: Node[];
  bases: string[];
  storedIds(eveningId: string): Promise<string[]>;
  stop(): Promise<void>;
}

async function startTopology(o: NodesOptions, dir: string): Promise<Topology> {
  const cleanups: (() => Promise<unknown>)[] = [];
  const stop = async () => {
    for (const c of cleanups.reverse()) await c().catch((e: unknown) => console.error(e));
  };
  try {
    const id = randomBytes(4).toString('hex');
    const env: Record<string, string> = {};
    let storedIds: (eveningId: string) => Promise<string[]>;
    if (o.database === 'postgres') {
      const name = `i16_bench_${id}`;
      const admin = new PgClient({ connectionString: POSTGRES_ADMIN_URL });
      await admin.connect();
      await admin.query(`CREATE DATABASE ${name}`);
      cleanups.push(async () => {
        await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
        await admin.end();
      });
      const url = new URL(POSTGRES_ADMIN_URL);
      url.pathname = `/${name}`;
      env.DATABASE_URL = url.toString();
      storedIds = async (eveningId) => {
        const client = new PgClient({ connectionString: env.DATABASE_URL });
        await client.connect();
        try {
          return (await client.query<{ id: string }>('SELECT id FROM ballot WHERE "eveningId" = $1', [eveningId])).rows.map((r) => r.id);
        } finally {
          await client.end();
        }
      };
    } else {
      env.DATABASE_PATH = path.join(dir, 'bench.sqlite');
      storedIds = (eveningId) => storedBallotIds(env.DATABASE_PATH!, 'WHERE eveningId = ?', [eveningId]);
    }
    if (o.nodes > 1) {
      if (o.database !== 'postgres') throw new Error('Several nodes need PostgreSQL (--database postgres).');
      env.REDIS_URL = REDIS_URL;
      env.REDIS_PREFIX = `i16-bench-${id}`;
      cleanups.push(async () => {
        const { Redis } = await import('ioredis');
        const redis = new Redis(REDIS_URL);
        const keys = await redis.keys(`${env.REDIS_PREFIX}:*`);
        if (keys.length > 0) await redis.del(...keys);
        await redis.quit();
      });
    }
    const nodes: Node[] = [];
    // One after the other: the first runs the migrations.
    for (let i = 1; i <= o.nodes; i++) {
      const node = await startNode(`app${i}`, env);
      nodes.push(node);
      cleanups.push(() => stopProcess(node.child));
    }
    let bases = [nodes[0]!.url];
    if (o.nodes > 1) {
      const balancers = await startBalancers(nodes, Math.ceil(o.phones / PHONES_PER_BALANCER), dir, o.checks);
      cleanups.push(() => balancers.stop());
      bases = balancers.bases;
    }
    // After the database is dropped last, the stored ids are read before `stop`.
    return {
      nodes,
      bases,
      storedIds: async (eveningId) => {
        // sqlite is read once the node has stopped (its WAL checkpointed); PostgreSQL at once.
        if (o.database === 'sqlite') await stopProcess(nodes[0]!.child);
        return storedIds(eveningId);
      },
      stop,
    };
  } catch (error) {
    await stop();
    throw error;
  }
}

async function command(host: Client, cmd: Record<string, unknown>): Promise<void> {
  await new Promise<void>((resolve, reject) =>
    host.emit('host:command', cmd as never, (r: { ok: boolean; message?: string }) => (r.ok ? resolve() : reject(new Error(r.message)))),
  );
}

export async function nodesRun(o: NodesOptions): Promise<Record<string, unknown>[]> {
  const dir = mkdtempSync(path.join(tmpdir(), 'buurtjury-bench-nodes-'));
  const started = now();
  const topology = await startTopology(o, dir);
  const workers: PhoneProcess[] = [];
  const sockets: Client[] = [];
  const reports: Record<string, unknown>[] = [];
  try {
    const { nodes, bases } = topology;
    const first = nodes[0]!.url;
    const session = await post<SessionResponse>(first, '/api/auth/signup', { email: 'bench@example.nl', password: 'benchmark password', displayName: 'Bench', networkName: 'Bench' });
    const t = session.token;
    let evening = await post<EveningDetail>(first, '/api/evenings', { title: 'Bench', tender: { municipality: 'Eemhoven', name: 'Tender' } }, t);
    for (const name of ['Alfa', 'Beta', 'Gamma']) evening = await post(first, `/api/evenings/${evening.id}/bidders`, { name, pitchMinutes: 10 }, t);
    for (const [name, weight] of [['A', 40], ['B', 30], ['C', 20], ['D', 10]] as const) evening = await post(first, `/api/evenings/${evening.id}/criteria`, { name, weight }, t);
    evening = await post(first, `/api/evenings/${evening.id}/freeze`, undefined, t);

    // The host on the first node, a big screen on every node (straight to the node, not through the balancer).
    const host = await connect(first, { role: 'host', eveningId: evening.id, token: t });
    sockets.push(host);
    const screens = await Promise.all(nodes.map((n) => connect(n.url, { role: 'screen', joinCode: evening.joinCode })));
    sockets.push(...screens);
    const tallies: { at: number; tally: Tally }[][] = screens.map(() => []);
    screens.forEach((s, i) => s.on('live:tally', (tally: Tally) => tallies[i]!.push({ at: now(), tally })));
    let hostTally: Tally | null = null;
    host.on('live:tally', (tally: Tally) => (hostTally = tally));

    // The phones: split over the phone processes, which spread them over the balancers.
    const perWorker = shares(o.phones, o.workers);
    for (let i = 0; i < o.workers; i++) workers.push(new PhoneProcess());
    const memoryBefore = await Promise.all(nodes.map((n) => liveMemoryKb(n.inspector)));
    const filesBefore = nodes.map((n) => openFiles(n.child.pid!));
    const joinStart = now();
    const joined = await Promise.all(workers.map((w, i) => w.ask<Joined>({ type: 'join', bases, joinCode: evening.joinCode, count: perWorker[i]!, concurrency: o.connectConcurrency })));
    const joinConnectS = (now() - joinStart) / 1000;
    const memoryAfter = await Promise.all(nodes.map((n) => liveMemoryKb(n.inspector)));
    const filesAfter = nodes.map((n) => openFiles(n.child.pid!));
    const connectTimes = joined.flatMap((j) => j.connectTimes).sort((a, b) => a - b);
    // Phones per node: the descriptors each node opened meanwhile (one websocket each).
    const phonesOnNode = nodes.map((_, i) => filesAfter[i]! - filesBefore[i]!);
    const memory = nodes.map((n, i) => ({
      node: n.name,
      phones: phonesOnNode[i],
      liveKbPerPhone: +((memoryAfter[i]! - memoryBefore[i]!) / Math.max(1, phonesOnNode[i]!)).toFixed(1),
      liveMb: +(memoryAfter[i]! / 1024).toFixed(0),
    }));

    // What every screen and the host say about the phones once all are connected (the same on every node?).
    await command(host, { type: 'next-pitch' });
    const settle = Date.now() + 10_000;
    const lastOf = (i: number) => tallies[i]!.at(-1)?.tally;
    while (Date.now() < settle && !tallies.every((_, i) => lastOf(i)?.attendeesConnected === o.phones)) await new Promise((r) => setTimeout(r, 100));
    const counts = {
      screens: nodes.map((n, i) => ({ node: n.name, joined: lastOf(i)?.attendeesJoined, connected: lastOf(i)?.attendeesConnected })),
      host: { joined: (hostTally as Tally | null)?.attendeesJoined, connected: (hostTally as Tally | null)?.attendeesConnected, joins: (hostTally as Tally | null)?.joins },
    };

    const criteria = evening.criteria.map((c) => c.id);
    for (const [round, windowS] of o.windows.entries()) {
      const bidderId = evening.bidders[round]!.id;
      if (round > 0) await command(host, { type: 'next-pitch' });
      await command(host, { type: 'open-scoring', bidderId });
      const loadAtStart = load();
      const startAt = now() + 1_000;
      const outcomes = await Promise.all(workers.map((w) => w.ask<Burst>({ type: 'burst', bidderId, criteria, windowS, resend: o.resend, startAt })));
      const acked = outcomes.flatMap((r) => r.acked);
      const latencies = acked.map(([, sent, ack]) => ack - sent).sort((a, b) => a - b);
      const windowStart = Math.min(...outcomes.map((r) => r.windowStart));
      const windowEnd = Math.max(...outcomes.map((r) => r.windowEnd));
      // Every screen shows every acknowledged ballot (bounded).
      const pitchBallots = (tally: Tally | undefined) => tally?.pitches.find((p) => p.bidderId === bidderId)?.ballots ?? 0;
      const deadline = Date.now() + 15_000;
      while (Date.now() < deadline && !tallies.every((_, i) => pitchBallots(lastOf(i)) >= acked.length)) await new Promise((r) => setTimeout(r, 50));
      const ackTimes = acked.map(([, , at]) => at).sort((a, b) => a - b);
      const staleness = tallies.map((list) => {
        const out: number[] = [];
        let ti = 0;
        for (const [rank, at] of ackTimes.entries()) {
          while (ti < list.length && (list[ti]!.at < at || pitchBallots(list[ti]!.tally) < rank + 1)) ti++;
          if (ti < list.length) out.push(list[ti]!.at - at);
        }
        return out.sort((a, b) => a - b);
      });
      await command(host, { type: 'close-scoring', bidderId });
      reports.push({
        topology: `${o.nodes} node${o.nodes > 1 ? 's' : ''} on ${o.database}${o.nodes > 1 ? `, Redis, ${bases.length} HAProxy process${bases.length > 1 ? 'es' : ''}${o.checks ? '' : ' without health checks'}` : ''}`,
        phones: o.phones,
        phoneProcesses: o.workers,
        windowSeconds: windowS,
        loadAverageAtStart: loadAtStart,
        loadAverageAtEnd: load(),
        ack: { p50: ms(percentile(latencies, 50)), p95: ms(percentile(latencies, 95)), p99: ms(percentile(latencies, 99)), max: ms(latencies.at(-1) ?? NaN) },
        ballotsPerSecond: +(acked.length / ((windowEnd - windowStart) / 1000)).toFixed(0),
        accepted: acked.length,
        refused: outcomes.reduce((n, r) => n + r.refused.length, 0),
        firstRefusals: outcomes.flatMap((r) => r.refused).slice(0, 3),
        unanswered: outcomes.reduce((n, r) => n + r.unanswered, 0),
        tallyStaleness: staleness.map((s, i) => ({ screenOn: nodes[i]!.name, p50: ms(percentile(s, 50)), p99: ms(percentile(s, 99)), max: ms(s.at(-1) ?? NaN), measured: s.length, lastTallyBallots: pitchBallots(lastOf(i)) })),
        _ids: acked.map(([id]) => id),
        _bidderId: bidderId,
      });
    }
    const common = {
      joinAndConnectSeconds: +joinConnectS.toFixed(1),
      joinSeconds: joined.map((j) => +(j.joinMs / 1000).toFixed(1)),
      retriedByPhones: joined.reduce((n, j) => ({ join: n.join + j.retries.join, connect: n.connect + j.retries.connect }), { join: 0, connect: 0 }),
      connect: { p50: ms(percentile(connectTimes, 50)), p99: ms(percentile(connectTimes, 99)) },
      memoryPerPhone: memory,
      phoneCountsShown: counts,
    };
    for (const w of workers) w.stop();
    for (const s of sockets) s.close();
    // Lost and duplicated: what the database holds against what was acknowledged.
    const stored = await topology.storedIds(evening.id);
    const ids = new Set(stored);
    for (const r of reports) {
      const mine = r._ids as string[];
      r.lost = { ackedButNotStored: mine.filter((id) => !ids.has(id)).length, sentButNeverAcked: r.unanswered };
      delete r._ids;
      delete r._bidderId;
      Object.assign(r, common);
    }
    const duplicatesInDatabase = stored.length - ids.size;
    for (const r of reports) r.duplicatesInDatabase = duplicatesInDatabase;
    for (const r of reports) r.totalSeconds = +((now() - started) / 1000).toFixed(0);
    return reports;
  } finally {
    for (const w of workers) w.stop();
    for (const s of sockets) s.close();
    await topology.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}

// ---------------------------------------------------------------- the command


function row(r: Record<string, unknown>): string {
  const ack = r.ack as Record<string, string>;
  const lost = r.lost as { ackedButNotStored: number; sentButNeverAcked: number };
  const stale = (r.tallyStaleness as { screenOn: string; p99: string }[]).map((s) => `${s.screenOn} ${s.p99}`).join(', ');
  const mem = (r.memoryPerPhone as { node: string; phones: number; liveKbPerPhone: number }[]).map((m) => `${m.node} ${m.liveKbPerPhone} KB (${m.phones} phones)`).join(', ');
  return `| ${String(r.topology)} | ${String(r.phones)} | ${String(r.windowSeconds)} s | ${ack.p50} | ${ack.p99} | ${String(r.ballotsPerSecond)} | ${lost.ackedButNotStored} / ${lost.sentButNeverAcked} / ${String(r.duplicatesInDatabase)} | ${stale} | ${mem} | ${String(r.loadAverageAtStart)} |`;
}

async function main(): Promise<void> {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  require(path.join(ROOT, 'scripts', 'build-if-needed.js')).buildIfNeeded({ log: () => undefined });
  if (spawnSync('sh', ['-c', 'command -v haproxy']).status !== 0) throw new Error('haproxy is not installed (apt-get install -y haproxy).');
  const base = {
    workers: numberOption('workers', 4),
    windows: (textOption('windows') ?? '10,1').split(',').map(Number),
    resend: numberOption('resend', 0.05),
    connectConcurrency: numberOption('connect-concurrency', 100),
    checks: textOption('checks') !== 'off',
  };
  const nodesArg = textOption('nodes');
  const plan: NodesOptions[] = nodesArg
    ? [{ ...base, nodes: nodesArg === '1' ? 1 : 2, database: textOption('database') === 'sqlite' ? 'sqlite' : 'postgres', phones: numberOption('phones', nodesArg === '1' ? 10_000 : 20_000) }]
    : [
        { ...base, nodes: 2, database: 'postgres', phones: numberOption('phones', 20_000) },
        { ...base, nodes: 1, database: 'sqlite', phones: numberOption('single-phones', 10_000) },
        { ...base, nodes: 1, database: 'postgres', phones: numberOption('single-phones', 10_000) },
      ];
  const rows: string[] = [];
  for (const o of plan) {
    console.log(`\n== ${o.nodes} node(s) on ${o.database}, ${o.phones} phones, windows ${o.windows.join(' s, ')} s; uptime load average ${load()} (${new Date().toISOString()})`);
    // A topology that fails (e.g. every node taken out by the balancer) is reported, and the sitting goes on.
    const reports = await nodesRun(o).catch((error: unknown) => {
      const message = error instanceof Error ? error.message.split('\n')[0]! : String(error);
      console.log(`FAILED: ${message} (load average ${load()})`);
      rows.push(`| ${o.nodes} node(s) on ${o.database} | ${o.phones} | failed: ${message.replace(/\|/g, '/')} | | | | | | | ${load()} |`);
      return [];
    });
    for (const r of reports) {
      console.log(JSON.stringify(r, null, 2));
      rows.push(row(r));
    }
  }
  console.log('\n| topology | phones | window | ack p50 | ack p99 | ballots/s | lost / unanswered / duplicates | staleness p99 per screen | live memory per phone per node | load avg at start |');
  console.log('| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |');
  for (const r of rows) console.log(r);
}

if (require.main === module) {
  main().catch((error: unknown) => {
    console.error(error);
    process.exit(1);
  });
}
