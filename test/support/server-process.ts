import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { createServer } from 'node:net';
import * as path from 'node:path';
import { Database, OPEN_READONLY } from 'sqlite3';

const ROOT = path.resolve(__dirname, '..', '..');
const READY_LINE = 'Buurtjury is running.';

export interface Exit {
  code: number | null;
  signal: NodeJS.Signals | null;
}

/** The backend in a process of its own, so a test can kill it (SIGKILL) or stop it (SIGTERM). */
export interface ServerProcess {
  child: ChildProcess;
  /** Base URL, e.g. http://127.0.0.1:41234 */
  url: string;
  /** Resolves once the process has exited, with its exit code or the signal that ended it. */
  exited: Promise<Exit>;
  /** Everything the process wrote, for failure messages. */
  output(): string;
}

/** A TCP port nobody listens on right now (the server cannot take port 0: PORT must be 1–65535). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as { port: number };
      probe.close(() => resolve(port));
    });
  });
}

/**
 * Starts `backend/src/main.ts` with ts-node (transpile only: about 2 s here, and always the
 * current sources, so no backend build is needed; `@buurtjury/shared` is used from its build, as
 * at run time) on the given database file and port. Resolves once the server prints that it is
 * running; rejects if it exits first or is not ready within the bound.
 */
export function startServerProcess(databasePath: string, port: number, readyWithinMs = 30_000, env: Record<string, string> = {}): Promise<ServerProcess> {
  if (!existsSync(path.join(ROOT, 'shared', 'dist', 'index.js'))) {
    return Promise.reject(new Error('The server process uses the built shared package: run `npm run build -w shared` first.'));
  }
  const child = spawn(process.execPath, ['-r', 'ts-node/register/transpile-only', path.join(ROOT, 'backend', 'src', 'main.ts')], {
    cwd: ROOT,
    env: { ...process.env, TS_NODE_PROJECT: path.join(ROOT, 'backend', 'tsconfig.json'), PORT: String(port), HOST: '127.0.0.1', DATABASE_PATH: databasePath, LOG_LEVEL: 'warn', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const exited = new Promise<Exit>((resolve) => child.once('exit', (code, signal) => resolve({ code, signal })));
  const server: ServerProcess = { child, url: `http://127.0.0.1:${port}`, exited, output: () => output };
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`The server was not ready within ${readyWithinMs} ms:\n${output}`));
    }, readyWithinMs);
    const collect = (chunk: Buffer) => {
      output += chunk.toString();
      if (output.includes(READY_LINE)) {
        clearTimeout(timer);
        resolve(server);
      }
    };
    child.stdout!.on('data', collect);
    child.stderr!.on('data', collect);
    void exited.then(({ code, signal }) => {
      clearTimeout(timer);
      reject(new Error(`The server exited (code ${code}, signal ${signal}) before it was ready:\n${output}`));
    });
  });
}

/** Resolves with how the process ended, or rejects if it is still running after the bound. */
export function exitWithin(server: ServerProcess, ms: number): Promise<Exit> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`The server did not exit within ${ms} ms:\n${server.output()}`)), ms);
  });
  return Promise.race([server.exited, late]).finally(() => clearTimeout(timer));
}

export interface StoredBallot {
  id: string;
  attendeeId: string;
  bidderId: string;
  receipt: string;
}

/** The ballot rows of an evening, read straight from the sqlite file (read-only; the server may be gone). */
export async function readBallots(databasePath: string, eveningId: string): Promise<StoredBallot[]> {
  const db = await new Promise<Database>((resolve, reject) => {
    const opened = new Database(databasePath, OPEN_READONLY, (error) => (error ? reject(error) : resolve(opened)));
  });
  try {
    return await new Promise<StoredBallot[]>((resolve, reject) =>
      db.all('SELECT id, attendeeId, bidderId, receipt FROM ballot WHERE eveningId = ?', [eveningId], (error, rows: StoredBallot[]) =>
        error ? reject(error) : resolve(rows),
      ),
    );
  } finally {
    await new Promise<void>((resolve) => db.close(() => resolve()));
  }
}

/** A server process for one test file: on a fresh temporary sqlite file, started before its tests and killed after them. */
export interface ServerSuite {
  /** The running process (replaced by `restart`). */
  server: ServerProcess;
  databasePath: string;
  /** Sockets the tests opened; closed after the tests. */
  sockets: { close(): void }[];
  /** Starts the server again on the same file and port (after a kill or a stop). */
  restart(): Promise<ServerProcess>;
}

export function serverProcessSuite(name: string): ServerSuite {
  let dir = '';
  let port = 0;
  const suite: ServerSuite = {
    server: undefined as unknown as ServerProcess,
    databasePath: '',
    sockets: [],
    restart: async () => (suite.server = await startServerProcess(suite.databasePath, port)),
  };
  beforeAll(async () => {
    dir = mkdtempSync(path.join(tmpdir(), `buurtjury-${name}-`));
    suite.databasePath = path.join(dir, `${name}.sqlite`);
    port = await freePort();
    await suite.restart();
  }, 60_000);
  afterAll(async () => {
    for (const s of suite.sockets) s.close();
    const server = suite.server as ServerProcess | undefined;
    if (server && server.child.exitCode === null && server.child.signalCode === null) {
      server.child.kill('SIGKILL');
      await server.exited;
    }
    rmSync(dir, { recursive: true, force: true });
  });
  return suite;
}
