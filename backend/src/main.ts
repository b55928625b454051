import 'reflect-metadata';
import type { Server } from 'node:http';
import { createApp } from './app';
import { ConfigError, loadConfig, type AppConfig } from './platform/config/config';
import { seedDemo } from './demo/demo-seed';
import { MetaService } from './meta/meta.service';
import { describeTarget, postgresProblem } from './infrastructure/database/data-source';

function readConfig(): AppConfig {
  try {
    const config = loadConfig();
    return process.argv.includes('--demo') ? { ...config, demo: true } : config;
  } catch (error) {
    if (error instanceof ConfigError) {
      console.error(`Buurtjury cannot start.\n${error.message}`);
      process.exit(1);
    }
    throw error;
  }
}

/**
 * Behind a balancer (deploy/haproxy.cfg) a request may go out over a connection the balancer kept
 * idle. Node closes idle connections after 5 s by default; if that close crosses a request the
 * balancer just sent, the request fails with 502 Bad Gateway. The node keeps them longer than the
 * balancer waits for a server (`timeout server 60s`), so the balancer is the side that closes.
 */
const IDLE_CONNECTION_MS = 65_000;

function keepIdleConnectionsLongerThanABalancer(server: Server): void {
  server.keepAliveTimeout = IDLE_CONNECTION_MS;
  // Must be above keepAliveTimeout, or a kept connection's next request could be cut off while its headers arrive.
  server.headersTimeout = IDLE_CONNECTION_MS + 1_000;
}

async function main(): Promise<void> {
  const config = readConfig();
  if (config.databaseUrl) {
    // A wrong address, password or database name is a sentence for whoever starts the server, not a stack trace.
    const problem = await postgresProblem(config.databaseUrl);
    if (problem) {
      console.error(`Buurtjury cannot start.\n  ${problem}`);
      process.exit(1);
    }
  }
  const app = await createApp(config);
  const demo = config.demo ? await seedDemo(app) : null;
  keepIdleConnectionsLongerThanABalancer(app.getHttpServer() as Server);
  await app.listen(config.port, config.host);
  const publicUrl = app.get(MetaService).publicUrl();
  const lines = [
    '',
    'Buurtjury is running.',
    `  Organisers (this computer): http://localhost:${config.port}/`,
    `  Phones and other devices:   ${publicUrl}/`,
    `  Check the room from a phone: ${publicUrl}/check  (before printing posters and cards)`,
    `  API documentation:          http://localhost:${config.port}/api/docs`,
    `  Database:                   ${config.databaseUrl ? `PostgreSQL at ${describeTarget(config.databaseUrl)}` : config.databasePath}`,
  ];
  if (!config.publicUrl) lines.push('  Set PUBLIC_URL if phones reach this server under another address (QR codes use it).');
  if (demo) lines.push('', `  Demo evening loaded. Log in as ${demo.email} with password ${demo.password}`);
  // Plain output, not the logger: this is for the person who started the server, at any log level.
  process.stdout.write(`${lines.join('\n')}\n\n`);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
