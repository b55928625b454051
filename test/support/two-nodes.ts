import { organiser, type Organiser } from './api';
import { startApp, type RunningApp } from './app';
import { freshPostgresDatabase, type TestDatabase } from './databases';
import type { Client } from './sockets';

/**
 * Two app instances on one fresh PostgreSQL database, without Redis (so neither hears of the
 * other's changes except through the database), an organiser on node A, and the sockets a test
 * opened, closed at the end. `twoNodes` registers its hooks where it is called; read its fields in
 * tests.
 */
export interface TwoNodes {
  nodeA: RunningApp;
  nodeB: RunningApp;
  host: Organiser;
  /** Closes this socket after the suite. */
  track<S extends Client>(socket: S): S;
}

export function twoNodes(env: Record<string, string> = {}): TwoNodes {
  let db: TestDatabase | undefined;
  const sockets: Client[] = [];
  const nodes = {
    track<S extends Client>(socket: S): S {
      sockets.push(socket);
      return socket;
    },
  } as TwoNodes;

  beforeAll(async () => {
    db = await freshPostgresDatabase();
    nodes.nodeA = await startApp({ DATABASE_URL: db.url, ...env });
    nodes.nodeB = await startApp({ DATABASE_URL: db.url, ...env });
    nodes.host = await organiser(nodes.nodeA.url, 'Host');
  }, 120_000);

  afterAll(async () => {
    for (const s of sockets) s.close();
    await nodes.nodeA?.close();
    await nodes.nodeB?.close();
    await db?.drop();
  });

  return nodes;
}
