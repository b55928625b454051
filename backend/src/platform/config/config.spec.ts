import { availableParallelism } from 'node:os';
import { ConfigError, loadConfig } from './config';

describe('loadConfig', () => {
  it('has working defaults', () => {
    const c = loadConfig({}, '/srv/buurtjury');
    expect(c).toMatchObject({ port: 3000, host: '0.0.0.0', databasePath: '/srv/buurtjury/data/buurtjury.sqlite', publicUrl: null, demo: false });
  });

  it('reads valid values', () => {
    const c = loadConfig({ PORT: '8080', DATABASE_PATH: '/var/lib/bj.sqlite', PUBLIC_URL: 'https://jury.example.nl/', DEMO: 'true' }, '/');
    expect(c).toMatchObject({ port: 8080, databasePath: '/var/lib/bj.sqlite', publicUrl: 'https://jury.example.nl', demo: true });
  });

  it('runs on one node without Redis unless REDIS_URL is set, with keys under buurtjury unless REDIS_PREFIX says otherwise', () => {
    expect(loadConfig({}, '/').redis).toBeNull();
    expect(loadConfig({ REDIS_PREFIX: 'x' }, '/').redis).toBeNull();
    expect(loadConfig({ REDIS_URL: 'redis://redis:6379' }, '/').redis).toEqual({ url: 'redis://redis:6379', prefix: 'buurtjury' });
    expect(loadConfig({ REDIS_URL: 'rediss://:secret@cache.example.nl:6380/2', REDIS_PREFIX: 'bj-test:1' }, '/').redis).toEqual({
      url: 'rediss://:secret@cache.example.nl:6380/2',
      prefix: 'bj-test:1',
    });
  });

  it('uses the sqlite file unless DATABASE_URL names a PostgreSQL database', () => {
    expect(loadConfig({}, '/').databaseUrl).toBeNull();
    expect(loadConfig({ DATABASE_URL: 'postgres://bj:s%40cret@db:5432/buurtjury' }, '/').databaseUrl).toBe('postgres://bj:s%40cret@db:5432/buurtjury');
    expect(loadConfig({ DATABASE_URL: 'postgresql://localhost/bj' }, '/').databaseUrl).toBe('postgresql://localhost/bj');
    expect(loadConfig({ DATABASE_URL: 'postgres:///bj?host=/var/run/postgresql' }, '/').databaseUrl).toBe('postgres:///bj?host=/var/run/postgresql');
  });

  it.each([
    ['mysql://root:pw@db/bj', /DATABASE_URL="mysql:\/\/root:\*\*\*@db\/bj": DATABASE_URL must start with postgres:\/\//],
    ['postgres://bj:topsecret@db:5432', /names no database/],
    ['postgres://bj:topsecret@db:99999/bj', /not a URL|outside/],
    ['db.example.nl/bj', /is not a URL/],
    ['postgres:///bj', /names no host/],
  ])('refuses DATABASE_URL=%s with a message that names it and hides the password', (value, message) => {
    expect(() => loadConfig({ DATABASE_URL: value }, '/')).toThrow(ConfigError);
    expect(() => loadConfig({ DATABASE_URL: value }, '/')).toThrow(message);
    expect(() => loadConfig({ DATABASE_URL: value }, '/')).not.toThrow(/topsecret/);
  });

  it('treats blank variables as unset', () => {
    expect(loadConfig({ PUBLIC_URL: '', PORT: ' ' }, '/')).toMatchObject({ publicUrl: null, port: 3000 });
  });

  it('trusts a proxy on this machine by default, and reads TRUST_PROXY as Express takes it', () => {
    expect(loadConfig({}, '/').trustProxy).toEqual(['loopback']);
    expect(loadConfig({ TRUST_PROXY: 'false' }, '/').trustProxy).toBe(false);
    expect(loadConfig({ TRUST_PROXY: 'true' }, '/').trustProxy).toBe(true);
    expect(loadConfig({ TRUST_PROXY: '2' }, '/').trustProxy).toBe(2);
    expect(loadConfig({ TRUST_PROXY: 'loopback, 10.0.0.0/8, fd00::1' }, '/').trustProxy).toEqual(['loopback', '10.0.0.0/8', 'fd00::1']);
  });

  it('has per-address limits that let a whole venue join from one address, and no other origins', () => {
    expect(loadConfig({}, '/')).toMatchObject({ loginRateLimit: 10, signupRateLimit: 20, joinRateLimit: 120, allowedOrigins: [] });
  });

  it('has flood limits that a full hall stays below', () => {
    expect(loadConfig({}, '/')).toMatchObject({
      anonymousRateLimit: 300,
      receiptRateLimit: 30,
      verifyRateLimit: 6,
      joinCeilingMin: 100,
      screensPerEvening: 20,
      halfOpenPerAddress: 500,
      floodLogSeconds: 60,
    });
  });

  it('reads the flood limits', () => {
    const c = loadConfig(
      {
        ANONYMOUS_RATE_LIMIT: '50',
        RECEIPT_RATE_LIMIT: '5',
        VERIFY_RATE_LIMIT: '2',
        JOIN_CEILING_MIN: '40',
        SCREENS_PER_EVENING: '3',
        HALF_OPEN_PER_ADDRESS: '20',
        FLOOD_LOG_SECONDS: '1',
      },
      '/',
    );
    expect(c).toMatchObject({ anonymousRateLimit: 50, receiptRateLimit: 5, verifyRateLimit: 2, joinCeilingMin: 40, screensPerEvening: 3, halfOpenPerAddress: 20, floodLogSeconds: 1 });
  });

  it('reads the rate limits', () => {
    const c = loadConfig({ LOGIN_RATE_LIMIT: '3', SIGNUP_RATE_LIMIT: '5', JOIN_RATE_LIMIT: '100000' }, '/');
    expect(c).toMatchObject({ loginRateLimit: 3, signupRateLimit: 5, joinRateLimit: 100_000 });
  });

  it('reads allowed origins in the form browsers send them, with PUBLIC_URL\'s origin added once', () => {
    const c = loadConfig({ ALLOWED_ORIGINS: ' https://Admin.Example.nl/ ,http://localhost:5173,https://jury.example.nl:443', PUBLIC_URL: 'https://jury.example.nl/buurt' }, '/');
    expect(c.allowedOrigins).toEqual(['https://admin.example.nl', 'http://localhost:5173', 'https://jury.example.nl']);
  });

  it('allows PUBLIC_URL\'s origin when ALLOWED_ORIGINS is unset', () => {
    expect(loadConfig({ PUBLIC_URL: 'http://192.168.1.20:3000' }, '/').allowedOrigins).toEqual(['http://192.168.1.20:3000']);
  });

  it('renders in one worker per core beyond the first (at least one), with a bounded queue and budgets', () => {
    const c = loadConfig({}, '/');
    expect(c.render).toEqual({ workers: Math.max(1, Math.min(4, availableParallelism() - 1)), queue: 8, timeoutMs: 120_000, memoryMb: 1024 });
  });

  it('reads the render settings', () => {
    const c = loadConfig({ RENDER_WORKERS: '2', RENDER_QUEUE: '0', RENDER_TIMEOUT_SECONDS: '30', RENDER_MEMORY_MB: '512' }, '/');
    expect(c.render).toEqual({ workers: 2, queue: 0, timeoutMs: 30_000, memoryMb: 512 });
  });

  it.each([
    ['RENDER_WORKERS', '0'],
    ['RENDER_WORKERS', 'two'],
    ['RENDER_QUEUE', '-1'],
    ['RENDER_TIMEOUT_SECONDS', '1'],
    ['RENDER_TIMEOUT_SECONDS', '1.5'],
    ['RENDER_MEMORY_MB', '64'],
    ['PORT', 'abc'],
    ['PORT', '70000'],
    ['PUBLIC_URL', 'jury.example.nl'],
    ['DEMO', 'maybe'],
    ['SESSION_DAYS', '0'],
    ['LOG_LEVEL', 'loud'],
    ['LOGIN_RATE_LIMIT', '0'],
    ['LOGIN_RATE_LIMIT', 'ten'],
    ['SIGNUP_RATE_LIMIT', '-1'],
    ['JOIN_RATE_LIMIT', '2.5'],
    ['JOIN_RATE_LIMIT', '2000000'],
    ['ANONYMOUS_RATE_LIMIT', '5'],
    ['RECEIPT_RATE_LIMIT', '0'],
    ['VERIFY_RATE_LIMIT', 'often'],
    ['JOIN_CEILING_MIN', '9'],
    ['SCREENS_PER_EVENING', '0'],
    ['HALF_OPEN_PER_ADDRESS', '1.5'],
    ['FLOOD_LOG_SECONDS', '0'],
    ['FLOOD_LOG_SECONDS', '100000'],
    ['ALLOWED_ORIGINS', 'jury.example.nl'],
    ['ALLOWED_ORIGINS', 'https://ok.example.nl,ftp://files.example.nl'],
    ['ALLOWED_ORIGINS', 'https://jury.example.nl/path'],
    ['ALLOWED_ORIGINS', 'https://user@jury.example.nl'],
    ['ALLOWED_ORIGINS', '*'],
    ['ALLOWED_ORIGINS', 'https://jury.example.nl:99999'],
    ['TRUST_PROXY', 'maybe'],
    ['TRUST_PROXY', '10.0.0.0/33'],
    ['TRUST_PROXY', '10.0.0.1,proxy.example.nl'],
    ['TRUST_PROXY', '11'],
    ['REDIS_URL', 'localhost:6379'],
    ['REDIS_URL', 'http://redis:6379'],
    ['REDIS_PREFIX', 'has space'],
    ['REDIS_PREFIX', '*'],
    ['SMTP_URL', 'mail.example.nl'],
    ['SMTP_URL', 'http://mail.example.nl'],
    ['SMTP_URL', 'smtp://'],
    ['SMTP_URL', 'smtp://mail.example.nl:70000'],
    ['SMTP_URL', 'smtp://mail.example.nl:0'],
    ['SMTP_URL', 'smtp://mail.example.nl/path?secure=false'],
  ])('stops with a message naming %s when it is %j', (name, value) => {
    expect(() => loadConfig({ [name]: value })).toThrow(ConfigError);
    expect(() => loadConfig({ [name]: value })).toThrow(new RegExp(`${name}=`));
  });
});

describe('SMTP_URL and MAIL_FROM', () => {
  it('sends no mail when SMTP_URL is unset or blank', () => {
    expect(loadConfig({}).mail).toBeNull();
    expect(loadConfig({ SMTP_URL: '  ' }).mail).toBeNull();
  });

  it('takes smtp:// and smtps:// with user, password, host and port', () => {
    expect(loadConfig({ SMTP_URL: 'smtp://jury%40example.nl:geheim@mail.example.nl:587' }).mail).toEqual({
      url: 'smtp://jury%40example.nl:geheim@mail.example.nl:587',
      from: 'Buurtjury <jury@example.nl>',
    });
    expect(loadConfig({ SMTP_URL: 'smtps://mail.example.nl', MAIL_FROM: 'avond@buurt.nl' }).mail).toEqual({ url: 'smtps://mail.example.nl', from: 'Buurtjury <avond@buurt.nl>' });
    expect(loadConfig({ SMTP_URL: 'smtp://127.0.0.1:2525/' }).mail?.from).toBe('Buurtjury <no-reply@127.0.0.1>');
  });

  it('names SMTP_URL in the message but never its password', () => {
    let message = '';
    try {
      loadConfig({ SMTP_URL: 'smtp://user:s3cret-pass@mail.example.nl:99999' });
    } catch (e) {
      message = (e as Error).message;
    }
    expect(message).toMatch(/SMTP_URL=/);
    expect(message).not.toContain('s3cret-pass');
    expect(() => loadConfig({ SMTP_URL: 'ftp://user:s3cret-pass@mail.example.nl' })).toThrow(/ftp:\/\/user:\*\*\*@mail/);
  });

  it('refuses MAIL_FROM without SMTP_URL, or that is not an address', () => {
    expect(() => loadConfig({ MAIL_FROM: 'a@b.nl' })).toThrow(/MAIL_FROM/);
    expect(() => loadConfig({ SMTP_URL: 'smtp://mail.example.nl', MAIL_FROM: 'buurtjury' })).toThrow(/MAIL_FROM="buurtjury"/);
  });
});
