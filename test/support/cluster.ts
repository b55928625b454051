import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { connect as tcpConnect } from 'node:net';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { DataSource } from 'typeorm';
import { loadConfig } from '../../backend/src/platform/config/config';
import { freePort, startServerProcess, type ServerProcess, type StoredBallot } from './server-process';

/**
 * The `scale` topology of docker-compose.yml, as processes on this machine: two app nodes (with
 * ts-node, the current sources) on a fresh PostgreSQL database, a Redis of their own (a
 * redis-server process the test may stop and start again), and HAProxy in front running
 * deploy/haproxy.cfg itself, with the servers of this machine instead of Docker's DNS and a
 * certificate made here with openssl for its TLS port.
 */
const ROOT = path.resolve(__dirname, '..', '..');
const POSTGRES_ADMIN_URL = process.env.TEST_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

export interface ClusterNode {
  name: string;
  port: number;
  url: string;
  process: ServerProcess;
}

export interface Cluster {
  nodes: ClusterNode[];
  /** http://127.0.0.1:port of HAProxy. */
  balancer: string;
  /** https://127.0.0.1:port of HAProxy's TLS port, and the certificate to trust. */
  tls: { url: string; ca: string };
  /** Where the data lives. */
  database: 'postgres';
  /** The nodes' PostgreSQL database, for a test to read what was stored. */
  databaseUrl: string;
  redis: { url: string; stop(): Promise<void>; start(): Promise<void> };
  /** The stored ballots of an evening, read from the database directly. */
  ballots(eveningId: string): Promise<StoredBallot[]>;
  /** What HAProxy logged so far: servers going down and up, and every answer of 500 or more (`option log-separate-errors`). */
  balancerLog(): string;
  stop(): Promise<void>;
}

function waitForPort(port: number, child: ChildProcess, what: string, timeoutMs = 10_000): Promise<void> {
  const until = Date.now() + timeoutMs;
  return new Promise((resolve, reject) => {
    const attempt = () => {
      if (child.exitCode !== null) return reject(new Error(`${what} exited with ${child.exitCode}`));
      const socket = tcpConnect(port, '127.0.0.1');
      socket.once('connect', () => {
        socket.destroy();
        resolve();
      });
      socket.once('error', () => {
        socket.destroy();
        if (Date.now() > until) reject(new Error(`${what} did not listen on ${port}`));
        else setTimeout(attempt, 50);
      });
    };
    attempt();
  });
}

function which(command: string): void {
  if (!spawnSync('sh', ['-c', `command -v ${command}`], { encoding: 'utf8' }).stdout.trim()) {
    throw new Error(`${command} is not installed; .ci/run installs it.`);
  }
}

async function stopChild(child: ChildProcess, signal: NodeJS.Signals = 'SIGTERM'): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill(signal);
  await exited;
}

/** deploy/haproxy.cfg with these nodes as its servers, bound to loopback ports, plus `?node=appN` to pin a client to a node. */
export function haproxyConfigFor(nodes: { name: string; port: number }[], httpPort: number, tlsPort: number): string {
  const shipped = readFileSync(path.join(ROOT, 'deploy', 'haproxy.cfg'), 'utf8');
  const lines: string[] = [];
  let inResolvers = false;
  for (const line of shipped.split('\n')) {
    if (line.startsWith('resolvers ')) inResolvers = true;
    else if (inResolvers && line.trim() === '') inResolvers = false;
    if (inResolvers) continue;
    // Two connections per client: within this machine's 20,000 open files per process.
    if (line.trim().startsWith('maxconn ')) lines.push('  maxconn 8000');
    else if (line.trim() === 'bind :80') lines.push(`  bind 127.0.0.1:${httpPort}`);
    else if (line.trim().startsWith('bind :443 ')) lines.push(line.replace('bind :443 ', `bind 127.0.0.1:${tlsPort} `));
    // Both ports stay usable here: the test talks plain http to one and https to the other.
    else if (line.includes('http-request redirect scheme https')) continue;
    else if (line.trim().startsWith('server-template ')) {
      for (const n of nodes) lines.push(`  server ${n.name} 127.0.0.1:${n.port} check`);
    } else if (line.trim() === 'balance leastconn') {
      lines.push(line);
      for (const n of nodes) lines.push(`  use-server ${n.name} if { url_param(node) -m str ${n.name} }`);
    } else lines.push(line);
  }
  const config = lines.join('\n');
  if (!config.includes('127.0.0.1:' + String(httpPort)) || !config.includes(`server ${nodes[0]!.name} `)) throw new Error('deploy/haproxy.cfg changed shape: adapt test/support/cluster.ts');
  return config;
}

async function startRedis(port: number): Promise<{ stop(): Promise<void>; start(): Promise<void> }> {
  which('redis-server');
  let child: ChildProcess | null = null;
  const start = async () => {
    child = spawn('redis-server', ['--bind', '127.0.0.1', '--port', String(port), '--save', '', '--appendonly', 'no'], { stdio: 'ignore' });
    await waitForPort(port, child, 'redis-server');
  };
  await start();
  return {
    start,
    async stop() {
      if (child) await stopChild(child, 'SIGKILL');
      child = null;
    },
  };
}

export async function startCluster(name: string, env: Record<string, string> = {}, count = 2): Promise<Cluster> {
  which('haproxy');
  which('openssl');
  const dir = mkdtempSync(path.join(tmpdir(), `buurtjury-${name}-`));
  const cleanups: (() => Promise<void>)[] = [async () => rmSync(dir, { recursive: true, force: true })];
  const stop = async () => {
    for (const cleanup of cleanups.reverse()) await cleanup().catch(() => undefined);
  };
  try {
    // A fresh PostgreSQL database for this run.
    const dbName = `bj_${name.replace(/\W/g, '_')}_${randomUUID().slice(0, 8)}`;
    const admin = await new DataSource({ type: 'postgres', url: POSTGRES_ADMIN_URL }).initialize();
    await admin.query(`CREATE DATABASE ${dbName}`);
    cleanups.push(async () => {
      await admin.query(`DROP DATABASE IF EXISTS ${dbName} WITH (FORCE)`).catch(() => undefined);
      await admin.destroy();
    });
    const databaseUrl = POSTGRES_ADMIN_URL.replace(/\/[^/]*$/, `/${dbName}`);
    // Several nodes share PostgreSQL; two processes on one sqlite file are not a supported set-up.
    if (!(loadConfig({ DATABASE_URL: databaseUrl }) as { databaseUrl?: string | null }).databaseUrl) {
      throw new Error('The app does not read DATABASE_URL (the PostgreSQL runtime): several nodes need it.');
    }
    const database = 'postgres' as const;
    // Unused while DATABASE_URL is set; each node would otherwise make its own file.
    const sqlitePath = path.join(dir, 'unused.sqlite');

    const redisPort = await freePort();
    const redis = await startRedis(redisPort);
    cleanups.push(() => redis.stop());
    const redisUrl = `redis://127.0.0.1:${redisPort}`;

    const nodeEnv = {
      DATABASE_URL: databaseUrl,
      REDIS_URL: redisUrl,
      REDIS_PREFIX: `bj-${name}`,
      SIGNUP_RATE_LIMIT: '1000',
      LOGIN_RATE_LIMIT: '1000',
      JOIN_RATE_LIMIT: '100000',
      ...env,
    };
    const nodes: ClusterNode[] = [];
    // One after the other: the first runs the migrations.
    for (let i = 1; i <= count; i++) {
      const port = await freePort();
      const proc = await startServerProcess(sqlitePath, port, 60_000, nodeEnv);
      const node = { name: `app${i}`, port, url: proc.url, process: proc };
      cleanups.push(() => stopChild(node.process.child, 'SIGKILL'));
      nodes.push(node);
    }

    // HAProxy with deploy/haproxy.cfg, and a certificate for its TLS port.
    const key = path.join(dir, 'key.pem');
    const cert = path.join(dir, 'cert.pem');
    const made = spawnSync('openssl', ['req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes', '-keyout', key, '-out', cert, '-days', '2', '-subj', '/CN=localhost', '-addext', 'subjectAltName=IP:127.0.0.1,DNS:localhost'], { encoding: 'utf8' });
    if (made.status !== 0) throw new Error(`openssl failed: ${made.stderr}`);
    const pem = path.join(dir, 'haproxy.pem');
    writeFileSync(pem, readFileSync(cert, 'utf8') + readFileSync(key, 'utf8'));
    const [httpPort, tlsPort] = [await freePort(), await freePort()];
    const configPath = path.join(dir, 'haproxy.cfg');
    writeFileSync(configPath, haproxyConfigFor(nodes, httpPort, tlsPort));
    const haproxy = spawn('haproxy', ['-f', configPath, '-db'], { stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, HAPROXY_TLS_CERT: pem } });
    let haproxyErrors = '';
    haproxy.stderr?.on('data', (chunk: Buffer) => (haproxyErrors += chunk.toString()));
    haproxy.stdout?.on('data', (chunk: Buffer) => (haproxyErrors += chunk.toString()));
    cleanups.push(() => stopChild(haproxy));
    await waitForPort(httpPort, haproxy, 'haproxy').catch((error: Error) => {
      throw new Error(`${error.message}\n${haproxyErrors}`);
    });

    return {
      nodes,
      balancer: `http://127.0.0.1:${httpPort}`,
      tls: { url: `https://127.0.0.1:${tlsPort}`, ca: readFileSync(cert, 'utf8') },
      database,
      databaseUrl,
      redis: { url: redisUrl, ...redis },
      balancerLog: () => haproxyErrors,
      async ballots(eveningId) {
        const client = await new DataSource({ type: 'postgres', url: databaseUrl }).initialize();
        try {
          return (await client.query('SELECT id, "attendeeId", "bidderId", receipt FROM ballot WHERE "eveningId" = $1', [eveningId])) as StoredBallot[];
        } finally {
          await client.destroy();
        }
      },
      stop,
    };
  } catch (error) {
    await stop();
    throw error;
  }
}
