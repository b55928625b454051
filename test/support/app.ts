import type { INestApplication } from '@nestjs/common';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { createApp } from '../../backend/src/app';
import { loadConfig } from '../../backend/src/platform/config/config';

export interface RunningApp {
  app: INestApplication;
  /** Base URL, e.g. http://127.0.0.1:41234 */
  url: string;
  /** Where phones reach it (PUBLIC_URL), or `url` when that is not set. */
  publicUrl: string;
  databasePath: string;
  close(): Promise<void>;
}

/** A TCP port that was free a moment ago on 127.0.0.1. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

/**
 * Boots the real application (NestFactory, migrations, static frontend) on a fresh temporary
 * sqlite file. With `venueHost`, the app is also told (PUBLIC_URL) that phones reach it as
 * `http://<venueHost>:<port>`, as a laptop at the venue is reached over the Wi-Fi; browser tests
 * map that name to 127.0.0.1 (see test/support/browser.ts).
 */
export async function startApp(env: Record<string, string> = {}, options: { venueHost?: string } = {}): Promise<RunningApp> {
  const dir = mkdtempSync(path.join(tmpdir(), 'buurtjury-test-'));
  const databasePath = path.join(dir, 'test.sqlite');
  const port = options.venueHost ? await freePort() : 0;
  const venue = options.venueHost ? { PUBLIC_URL: `http://${options.venueHost}:${port}` } : {};
  const config = loadConfig({ DATABASE_PATH: databasePath, LOG_LEVEL: 'warn', ...venue, ...env }, path.resolve(__dirname, '..', '..'));
  const app = await createApp({ ...config, port, host: '127.0.0.1', frontendDist: path.resolve(__dirname, '..', '..', 'frontend', 'dist') });
  await app.listen(port, '127.0.0.1');
  const url = (await app.getUrl()).replace('[::1]', '127.0.0.1');
  return {
    app,
    url,
    publicUrl: config.publicUrl ?? url,
    databasePath,
    async close() {
      await app.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
