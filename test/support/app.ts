import type { INestApplication } from '@nestjs/common';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { createApp } from '../../backend/src/app';
import { loadConfig } from '../../backend/src/config/config';

export interface RunningApp {
  app: INestApplication;
  /** Base URL, e.g. http://127.0.0.1:41234 */
  url: string;
  databasePath: string;
  close(): Promise<void>;
}

/** Boots the real application (NestFactory, migrations, static frontend) on a fresh temporary sqlite file. */
export async function startApp(env: Record<string, string> = {}): Promise<RunningApp> {
  const dir = mkdtempSync(path.join(tmpdir(), 'buurtjury-test-'));
  const databasePath = path.join(dir, 'test.sqlite');
  const config = loadConfig({ DATABASE_PATH: databasePath, LOG_LEVEL: 'warn', ...env }, path.resolve(__dirname, '..', '..'));
  const app = await createApp({ ...config, port: 0, host: '127.0.0.1', frontendDist: path.resolve(__dirname, '..', '..', 'frontend', 'dist') });
  await app.listen(0, '127.0.0.1');
  const url = (await app.getUrl()).replace('[::1]', '127.0.0.1');
  return {
    app,
    url,
    databasePath,
    async close() {
      await app.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
