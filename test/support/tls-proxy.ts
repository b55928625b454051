import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { createHash, X509Certificate } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import * as path from 'node:path';

/**
 * A real TLS terminator in front of the app for tests: HAProxy (Debian package `haproxy`) with a
 * self-signed certificate made here with openssl for `host`. It forwards to the app over plain
 * http with X-Forwarded-Proto: https and X-Forwarded-For, as a proxy at a real deployment does,
 * and passes websockets through.
 */
export interface TlsProxy {
  /** https://host:port */
  url: string;
  /** The certificate's SPKI SHA-256 in base64, for Chromium's --ignore-certificate-errors-spki-list. */
  spki: string;
  stop(): Promise<void>;
}

function which(command: string): string {
  const found = spawnSync('sh', ['-c', `command -v ${command}`], { encoding: 'utf8' }).stdout.trim();
  if (!found) throw new Error(`${command} is not installed (apt-get install -y ${command}); .ci/run installs it.`);
  return found;
}

function waitForPort(port: number, child: ChildProcess, timeoutMs = 10_000): Promise<void> {
  const until = Date.now() + timeoutMs;
  return new Promise((resolve, reject) => {
    const attempt = () => {
      if (child.exitCode !== null) return reject(new Error(`haproxy exited with ${child.exitCode}`));
      const socket = connect(port, '127.0.0.1');
      socket.once('connect', () => {
        socket.destroy();
        resolve();
      });
      socket.once('error', () => {
        socket.destroy();
        if (Date.now() > until) reject(new Error(`haproxy did not listen on ${port}`));
        else setTimeout(attempt, 50);
      });
    };
    attempt();
  });
}

export async function startTlsProxy(options: { host: string; port: number; backendPorts: number[] }): Promise<TlsProxy> {
  const haproxy = which('haproxy');
  which('openssl');
  const dir = mkdtempSync(path.join(tmpdir(), 'buurtjury-tls-'));
  const key = path.join(dir, 'key.pem');
  const cert = path.join(dir, 'cert.pem');
  const made = spawnSync(
    'openssl',
    ['req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes', '-keyout', key, '-out', cert, '-days', '2', '-subj', `/CN=${options.host}`, '-addext', `subjectAltName=DNS:${options.host}`],
    { encoding: 'utf8' },
  );
  if (made.status !== 0) throw new Error(`openssl failed: ${made.stderr}`);
  const pem = path.join(dir, 'haproxy.pem');
  writeFileSync(pem, readFileSync(cert, 'utf8') + readFileSync(key, 'utf8'));
  const spkiDer = new X509Certificate(readFileSync(cert)).publicKey.export({ type: 'spki', format: 'der' });
  const spki = createHash('sha256').update(spkiDer).digest('base64');

  const config = path.join(dir, 'haproxy.cfg');
  writeFileSync(
    config,
    [
      'global',
      '  maxconn 4000',
      'defaults',
      '  mode http',
      '  timeout connect 5s',
      '  timeout client 60s',
      '  timeout server 60s',
      '  timeout tunnel 1h',
      'frontend https',
      `  bind 127.0.0.1:${options.port} ssl crt ${pem} alpn http/1.1`,
      '  option forwardfor',
      '  http-request set-header X-Forwarded-Proto https',
      '  default_backend app',
      'backend app',
      '  balance roundrobin',
      ...options.backendPorts.map((p, i) => `  server app${i + 1} 127.0.0.1:${p}`),
      '',
    ].join('\n'),
  );
  const child = spawn(haproxy, ['-f', config, '-db'], { stdio: ['ignore', 'ignore', 'pipe'] });
  let errors = '';
  child.stderr?.on('data', (chunk: Buffer) => (errors += chunk.toString()));
  try {
    await waitForPort(options.port, child);
  } catch (error) {
    child.kill('SIGKILL');
    throw new Error(`${(error as Error).message}\n${errors}`, { cause: error });
  }
  return {
    url: `https://${options.host}:${options.port}`,
    spki,
    async stop() {
      if (child.exitCode === null) {
        const exited = new Promise((resolve) => child.once('exit', resolve));
        child.kill('SIGTERM');
        await exited;
      }
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
