import request from 'supertest';
import { startApp, type RunningApp } from '../support/app';

/**
 * Security headers depend on how the app is reached. Over plain http at a venue (a laptop on the
 * Wi-Fi, reached as http://192.168.1.20:3000) the browser must not be told to upgrade the page's
 * own requests to https or to insist on https later: that gave phones a white page. Over https
 * (a TLS proxy trusted by TRUST_PROXY says so with X-Forwarded-Proto) HSTS is sent.
 */

function directives(res: request.Response): Map<string, string> {
  const csp = String(res.headers['content-security-policy'] ?? '');
  return new Map(csp.split(';').map((d) => d.trim()).filter(Boolean).map((d) => [d.split(/\s+/)[0]!, d] as [string, string]));
}

/** The policy both ways share: as strict over http as over https. */
function expectStrictPolicy(res: request.Response): void {
  const d = directives(res);
  expect(d.get('default-src')).toBe("default-src 'self'");
  expect(d.get('script-src')).toBe("script-src 'self'");
  expect(d.get('frame-ancestors')).toBe("frame-ancestors 'self'");
  expect(d.get('object-src')).toBe("object-src 'self' blob:");
  expect(d.get('base-uri')).toBe("base-uri 'self'");
  expect(d.get('form-action')).toBe("form-action 'self'");
  expect(d.get('connect-src')).toBe("connect-src 'self' ws: wss:");
  expect(res.headers['x-content-type-options']).toBe('nosniff');
  expect(res.headers['x-frame-options']).toBe('SAMEORIGIN');
}

describe('security headers by how the app is reached', () => {
  let running: RunningApp;
  beforeAll(async () => {
    running = await startApp();
  });
  afterAll(() => running.close());

  it.each(['/', '/j/ABCDEF', '/api/meta'])('over plain http on a LAN address: no upgrade-insecure-requests and no HSTS on %s', async (path) => {
    const res = await request(running.url).get(path).set('Host', '192.168.1.20:3000');
    expect(res.status).toBe(200);
    expect(directives(res).has('upgrade-insecure-requests')).toBe(false);
    expect(res.headers['strict-transport-security']).toBeUndefined();
    // Browsers ignore COOP on an untrustworthy origin and log an error for it.
    expect(res.headers['cross-origin-opener-policy']).toBeUndefined();
    expectStrictPolicy(res);
  });

  it('over https through a proxy on this machine (trusted by default): HSTS and the full policy', async () => {
    const res = await request(running.url).get('/').set('Host', 'jury.example.nl').set('X-Forwarded-Proto', 'https');
    expect(res.status).toBe(200);
    expect(res.headers['strict-transport-security']).toBe('max-age=15552000');
    expect(directives(res).has('upgrade-insecure-requests')).toBe(true);
    expect(res.headers['cross-origin-opener-policy']).toBe('same-origin');
    expectStrictPolicy(res);
  });

  it('serves the page scripts and styles the index links to over plain http, with the same headers', async () => {
    const index = await request(running.url).get('/').set('Host', '192.168.1.20:3000');
    const assets = [...index.text.matchAll(/(?:src|href)="(\/assets\/[^"]+)"/g)].map((m) => m[1]!);
    expect(assets.length).toBeGreaterThanOrEqual(2);
    for (const asset of assets) {
      const res = await request(running.url).get(asset).set('Host', '192.168.1.20:3000');
      expect(res.status).toBe(200);
      expect(res.headers['strict-transport-security']).toBeUndefined();
    }
  });
});

describe('compression of the static frontend', () => {
  let running: RunningApp;
  beforeAll(async () => {
    running = await startApp();
  });
  afterAll(() => running.close());

  /** The page's own script, as the index links to it. */
  async function scriptPath(): Promise<string> {
    const index = await request(running.url).get('/');
    const script = /<script[^>]+src="(\/assets\/[^"]+\.js)"/.exec(index.text)?.[1];
    expect(script).toBeDefined();
    return script!;
  }

  it('sends the script gzip-compressed to a browser that asks for it, and plain to one that does not', async () => {
    const script = await scriptPath();
    const gzip = await request(running.url).get(script).set('Accept-Encoding', 'gzip');
    expect(gzip.status).toBe(200);
    expect(gzip.headers['content-encoding']).toBe('gzip');
    expect(gzip.headers['content-type']).toMatch(/javascript/);
    const plain = await request(running.url).get(script).set('Accept-Encoding', 'identity');
    expect(plain.status).toBe(200);
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(gzip.text).toBe(plain.text);
  });

  it('leaves API answers uncompressed, even a large one', async () => {
    const res = await request(running.url).get('/api/docs-json').set('Accept-Encoding', 'gzip');
    expect(res.status).toBe(200);
    expect(res.text.length).toBeGreaterThan(10_000); // well over compression's threshold
    expect(res.headers['content-encoding']).toBeUndefined();
  });
});

describe('a proxy that is not trusted', () => {
  let running: RunningApp;
  beforeAll(async () => {
    running = await startApp({ TRUST_PROXY: 'false' });
  });
  afterAll(() => running.close());

  it('cannot switch on HSTS by claiming https', async () => {
    const res = await request(running.url).get('/').set('X-Forwarded-Proto', 'https');
    expect(res.headers['strict-transport-security']).toBeUndefined();
    expect(directives(res).has('upgrade-insecure-requests')).toBe(false);
  });
});
