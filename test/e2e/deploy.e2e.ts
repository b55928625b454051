import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';

/**
 * The deployment files are valid for the tools that read them (there is no Docker engine here):
 * docker-compose.yml in both profiles (`docker-compose config -q`, Debian's docker-compose 1.29),
 * deploy/haproxy.cfg with and without its TLS certificate (`haproxy -c`), and deploy/Caddyfile
 * (`caddy adapt`). test/e2e/cluster.e2e.ts runs the same HAProxy configuration in front of real nodes.
 */
const ROOT = path.resolve(__dirname, '..', '..');
const run = (command: string, args: string[], env: Record<string, string> = {}) => {
  const result = spawnSync(command, args, { cwd: ROOT, encoding: 'utf8', env: { ...process.env, ...env } });
  // A tool that is not installed says so, rather than failing as an invalid file.
  if (result.error) throw new Error(`${command} could not run (${result.error.message}): install it, on Debian with apt-get install ${command} (see the README's requirements)`);
  return result;
};

/** The block of one service in `docker-compose config` output (two-space indented YAML). */
const serviceBlock = (config: string, name: string) => {
  const start = config.indexOf(`\n  ${name}:\n`);
  if (start < 0) return null;
  const rest = config.slice(start + 1);
  const end = rest.slice(1).search(/\n {2}[a-z-]+:\n|\n[a-z]+:/);
  return end < 0 ? rest : rest.slice(0, end + 1);
};

describe('docker-compose.yml', () => {
  it('is valid in the default profile and in the scale profile', () => {
    for (const args of [['config', '-q'], ['--profile', 'scale', 'config', '-q']]) {
      const result = run('docker-compose', args);
      expect({ args, status: result.status, stderr: result.stderr }).toEqual({ args, status: 0, stderr: '' });
    }
  });

  it('starts only the single sqlite container by default, and PostgreSQL, Redis, 2 app replicas, HAProxy and Caddy in the scale profile', () => {
    const config = run('docker-compose', ['--profile', 'scale', 'config'], { BUURTJURY_DOMAIN: 'jury.example.nl' }).stdout;
    const single = serviceBlock(config, 'buurtjury')!;
    expect(single).not.toMatch(/profiles:/);
    expect(single).toMatch(/DATABASE_PATH: \/data\/buurtjury.sqlite/);
    for (const name of ['postgres', 'redis', 'app', 'haproxy', 'caddy']) expect(serviceBlock(config, name)).toMatch(/profiles:\n\s+- scale/);
    const app = serviceBlock(config, 'app')!;
    expect(app).toMatch(/replicas: 2/);
    expect(app).toMatch(/DATABASE_URL: postgres:\/\/buurtjury:[^@]+@postgres:5432\/buurtjury/);
    expect(app).toMatch(/REDIS_URL: redis:\/\/redis:6379/);
    expect(app).toMatch(/PUBLIC_URL: https:\/\/jury.example.nl/);
    expect(app).toMatch(/\/api\/health\/ready/);
    expect(serviceBlock(config, 'caddy')).toMatch(/published: 443\n\s+target: 443/);
    expect(serviceBlock(config, 'haproxy')).toMatch(/deploy\/haproxy.cfg/);
  });
});

describe('deploy/haproxy.cfg', () => {
  let dir: string;
  beforeAll(() => (dir = mkdtempSync(path.join(tmpdir(), 'buurtjury-deploy-'))));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('is valid, checks the nodes on /api/health/ready and keeps websockets open for an hour', () => {
    const result = run('haproxy', ['-c', '-f', 'deploy/haproxy.cfg']);
    expect({ status: result.status, out: result.stdout }).toEqual({ status: 0, out: expect.stringContaining('Configuration file is valid') });
    const text = readFileSync(path.join(ROOT, 'deploy', 'haproxy.cfg'), 'utf8');
    expect(text).toMatch(/http-check send meth GET uri \/api\/health\/ready/);
    expect(text).toMatch(/timeout tunnel 1h/);
  });

  it('serves https with a mounted certificate when HAPROXY_TLS_CERT names it, and refuses to start with a missing one', () => {
    const key = path.join(dir, 'key.pem');
    const cert = path.join(dir, 'cert.pem');
    const made = run('openssl', ['req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes', '-keyout', key, '-out', cert, '-days', '1', '-subj', '/CN=jury.example.nl']);
    expect(made.status).toBe(0);
    const pem = path.join(dir, 'haproxy.pem');
    writeFileSync(pem, readFileSync(cert, 'utf8') + readFileSync(key, 'utf8'));
    expect(run('haproxy', ['-c', '-f', 'deploy/haproxy.cfg'], { HAPROXY_TLS_CERT: pem }).status).toBe(0);
    expect(run('haproxy', ['-c', '-f', 'deploy/haproxy.cfg'], { HAPROXY_TLS_CERT: path.join(dir, 'missing.pem') }).status).not.toBe(0);
  });
});

describe('deploy/Caddyfile', () => {
  it('serves the public domain with automatic HTTPS, proxying to the balancer', () => {
    const result = run('caddy', ['adapt', '--config', 'deploy/Caddyfile'], { BUURTJURY_DOMAIN: 'jury.example.nl', BUURTJURY_UPSTREAM: 'haproxy:80' });
    expect(result.status).toBe(0);
    const json = JSON.parse(result.stdout) as { apps: { http: { servers: Record<string, { listen: string[]; routes: unknown[] }> } } };
    const server = Object.values(json.apps.http.servers)[0]!;
    expect(server.listen).toEqual([':443']);
    expect(JSON.stringify(server.routes)).toContain('"host":["jury.example.nl"]');
    expect(JSON.stringify(server.routes)).toContain('"dial":"haproxy:80"');
  });
});

describe('the server’s Node.js flags (scripts/server-node-flags.js)', () => {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { SERVER_NODE_FLAGS } = require(path.join(ROOT, 'scripts', 'server-node-flags.js')) as { SERVER_NODE_FLAGS: string[] };

  it('are the flags the Docker image and the backend workspace start it with', () => {
    const cmd = /^CMD (\[.*\])$/m.exec(readFileSync(path.join(ROOT, 'Dockerfile'), 'utf8'));
    expect(JSON.parse(cmd![1]!)).toEqual(['node', ...SERVER_NODE_FLAGS, 'backend/dist/main.js']);
    const backend = JSON.parse(readFileSync(path.join(ROOT, 'backend', 'package.json'), 'utf8')) as { scripts: Record<string, string> };
    expect(backend.scripts.start).toBe(['node', ...SERVER_NODE_FLAGS, 'dist/main.js'].join(' '));
  });

  it('are accepted by this Node.js', () => {
    const result = spawnSync(process.execPath, [...SERVER_NODE_FLAGS, '-e', 'process.stdout.write("ok")'], { encoding: 'utf8' });
    expect(result.stderr).toBe('');
    expect(result.stdout).toBe('ok');
  });
});
