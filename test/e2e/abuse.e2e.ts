import { io } from 'socket.io-client';
import request from 'supertest';
import type { ApiErrorBody, CreatedInvitationResponse, EveningDetail, JoinResponse, SessionResponse, SocketAuth } from '@buurtjury/shared';
import { AccountsService } from '../../backend/src/accounts/accounts.service';
import { SnapshotService } from '../../backend/src/gateway/snapshot.service';
import { completeEvening, organiser } from '../support/api';
import { startApp, type RunningApp } from '../support/app';
import { call, connect, type Client } from '../support/sockets';

/** Abuse limits and secret hygiene: per-address limits, log-in lock-out, origins, headers, clean logs. */

const PASSWORD = 'correct horse battery';
const from = (address: string) => ({ 'X-Forwarded-For': address });

/** An evening whose setup is frozen, so phones can join it. */
async function openEvening(url: string): Promise<EveningDetail> {
  const host = await organiser(url, 'Host');
  const draft = await completeEvening(host);
  return (await host.post(`/api/evenings/${draft.id}/freeze`).expect(200)).body as EveningDetail;
}

/** Connects a client that sends the given Origin header (as a browser page would); rejects when refused. */
function connectFrom(url: string, origin: string, auth: SocketAuth): Promise<Client> {
  const socket: Client = io(url, { auth, transports: ['websocket'], reconnection: false, forceNew: true, extraHeaders: { origin } });
  return new Promise((resolve, reject) => {
    socket.once('connect', () => resolve(socket));
    socket.once('connect_error', (error) => {
      socket.close();
      reject(error);
    });
  });
}

describe('per-address limits', () => {
  let running: RunningApp;
  let evening: EveningDetail;
  beforeAll(async () => {
    running = await startApp({ LOGIN_RATE_LIMIT: '3', SIGNUP_RATE_LIMIT: '3', JOIN_RATE_LIMIT: '4' });
    evening = await openEvening(running.url);
  });
  afterAll(() => running.close());

  it('refuses the fourth log-in from one address within a minute with 429 and Retry-After, and keeps serving the rest', async () => {
    const login = (address: string) => request(running.url).post('/api/auth/login').set(from(address)).send({ email: 'nobody@example.nl', password: 'wrong password' });
    for (let i = 0; i < 3; i++) await login('203.0.113.10').expect(401);
    const refused = await login('203.0.113.10').expect(429);
    expect(refused.body).toMatchObject({ statusCode: 429, code: 'TOO_MANY_REQUESTS', message: expect.stringMatching(/too many log-in attempts.*try again in \d+ (seconds?|minute)/i) });
    const retryAfter = Number(refused.headers['retry-after']);
    expect(retryAfter).toBeGreaterThanOrEqual(1);
    expect(retryAfter).toBeLessThanOrEqual(60);

    await login('203.0.113.11').expect(401);
    await request(running.url).get('/api/meta').set(from('203.0.113.10')).expect(200);
    await request(running.url).post('/api/join').set(from('203.0.113.10')).send({ joinCode: evening.joinCode }).expect(200);
  });

  it('counts malformed log-ins too: the limit runs before validation', async () => {
    const bad = () => request(running.url).post('/api/auth/login').set(from('203.0.113.20')).send({ email: 42 });
    for (let i = 0; i < 3; i++) await bad().expect(400);
    expect((await bad().expect(429)).body.code).toBe('TOO_MANY_REQUESTS');
  });

  it('limits sign-ups per address', async () => {
    const signUp = (n: number) =>
      request(running.url)
        .post('/api/auth/signup')
        .set(from('198.51.100.7'))
        .send({ email: `burst.${n}@example.nl`, password: PASSWORD, displayName: 'Burst', networkName: 'Netwerk' });
    for (let n = 0; n < 3; n++) await signUp(n).expect(201);
    const refused = await signUp(3).expect(429);
    expect(refused.body).toMatchObject({ code: 'TOO_MANY_REQUESTS', message: expect.stringMatching(/try again in/i) });
    expect(Number(refused.headers['retry-after'])).toBeGreaterThan(60);
  });

  it('limits joins per address, and phones behind another address still join', async () => {
    const join = (address: string) => request(running.url).post('/api/join').set(from(address)).send({ joinCode: evening.joinCode });
    for (let i = 0; i < 4; i++) await join('192.0.2.50').expect(200);
    const refused = await join('192.0.2.50').expect(429);
    expect(refused.body).toMatchObject({ code: 'TOO_MANY_REQUESTS', message: expect.stringMatching(/too many phones joined.*try again/i) });
    expect(Number(refused.headers['retry-after'])).toBeGreaterThanOrEqual(1);
    expect(((await join('192.0.2.51').expect(200)).body as JoinResponse).attendeeToken).toEqual(expect.any(String));
  });
});

describe('log-in lock-out', () => {
  let running: RunningApp;
  const login = (email: string, password: string) => request(running.url).post('/api/auth/login').send({ email, password });
  beforeAll(async () => {
    running = await startApp({ LOGIN_RATE_LIMIT: '1000' });
  });
  afterAll(() => running.close());

  it('locks an account for the address that failed 5 times, refusing even the right password from there, while other accounts log in', async () => {
    const anna = (await organiser(running.url, 'Anna')).session.organiser.email;
    const bert = (await organiser(running.url, 'Bert')).session.organiser.email;
    for (let i = 0; i < 5; i++) expect((await login(anna, 'wrong password').expect(401)).body.code).toBe('INVALID_CREDENTIALS');
    const locked = await login(anna, PASSWORD).expect(429);
    expect(locked.body).toMatchObject({ code: 'ACCOUNT_LOCKED', message: expect.stringMatching(/locked.*try again in 15 minutes/i) });
    expect(Number(locked.headers['retry-after'])).toBeGreaterThan(890);
    expect(Number(locked.headers['retry-after'])).toBeLessThanOrEqual(900);
    await login(anna.toUpperCase(), PASSWORD).expect(429);
    await login(bert, PASSWORD).expect(200);
  });

  it('locks an address without an account the same way, so the refusal reveals nothing', async () => {
    const known = (await organiser(running.url, 'Cees')).session.organiser.email;
    for (let i = 0; i < 5; i++) {
      await login('Niemand@Example.nl', 'wrong password').expect(401);
      await login(known, 'wrong password').expect(401);
    }
    const unknown = (await login('niemand@example.nl', PASSWORD).expect(429)).body as ApiErrorBody;
    const existing = (await login(known, PASSWORD).expect(429)).body as ApiErrorBody;
    expect(unknown.code).toBe('ACCOUNT_LOCKED');
    expect(unknown).toEqual(existing);
  });

  it('starts counting again after a successful log-in', async () => {
    const dirk = (await organiser(running.url, 'Dirk')).session.organiser.email;
    for (let round = 0; round < 2; round++) {
      for (let i = 0; i < 4; i++) await login(dirk, 'wrong password').expect(401);
      await login(dirk, PASSWORD).expect(200);
    }
  });

  it('cannot be aimed at an organiser: a stranger elsewhere who guesses wrong locks out only their own address', async () => {
    const organiserEmail = (await organiser(running.url, 'Els')).session.organiser.email;
    const stranger = (password: string) => request(running.url).post('/api/auth/login').set(from('203.0.113.66')).send({ email: organiserEmail, password });
    for (let i = 0; i < 5; i++) await stranger('wrong password').expect(401);
    expect((await stranger(PASSWORD).expect(429)).body).toMatchObject({ code: 'ACCOUNT_LOCKED', message: expect.stringMatching(/from your network address/) });
    // The organiser, at home or at the venue, logs in as usual; so does the stranger's address for another account.
    await request(running.url).post('/api/auth/login').set(from('198.51.100.23')).send({ email: organiserEmail, password: PASSWORD }).expect(200);
    await login(organiserEmail, PASSWORD).expect(200);
    const other = (await organiser(running.url, 'Fleur')).session.organiser.email;
    await request(running.url).post('/api/auth/login').set(from('203.0.113.66')).send({ email: other, password: PASSWORD }).expect(200);
  });

  it('counts wrong current passwords when changing the password towards the same lock', async () => {
    const gert = await organiser(running.url, 'Gert');
    for (let i = 0; i < 5; i++) {
      expect((await gert.post('/api/auth/password', { currentPassword: 'wrong password', newPassword: 'nieuw wachtwoord 1234' }).expect(422)).body.code).toBe('PASSWORD_INCORRECT');
    }
    expect((await gert.post('/api/auth/password', { currentPassword: PASSWORD, newPassword: 'nieuw wachtwoord 1234' }).expect(429)).body.code).toBe('ACCOUNT_LOCKED');
  });

  it('counts simultaneous guesses before they are checked, so a burst gets no more than 5 tries', async () => {
    const statuses = await Promise.all(Array.from({ length: 12 }, () => login('burst@example.nl', 'wrong password').then((r) => r.status)));
    expect(statuses.filter((s) => s === 401)).toHaveLength(5);
    expect(statuses.filter((s) => s === 429)).toHaveLength(7);
  });
});

describe('origins and headers', () => {
  let running: RunningApp;
  let evening: EveningDetail;
  const sockets: Client[] = [];
  const ALLOWED = 'https://admin.example.nl';
  const EVIL = 'https://evil.example';
  beforeAll(async () => {
    running = await startApp({ ALLOWED_ORIGINS: ALLOWED, PUBLIC_URL: 'https://jury.example.nl' });
    evening = await openEvening(running.url);
  });
  afterAll(async () => {
    for (const s of sockets) s.close();
    await running.close();
  });

  it('answers CORS requests from allowed origins (ALLOWED_ORIGINS and PUBLIC_URL) only', async () => {
    for (const origin of [ALLOWED, 'https://jury.example.nl']) {
      const simple = await request(running.url).get('/api/meta').set('Origin', origin).expect(200);
      expect(simple.headers['access-control-allow-origin']).toBe(origin);
      expect(simple.headers['vary']).toMatch(/origin/i);
    }
    const preflight = await request(running.url)
      .options('/api/auth/login')
      .set({ Origin: ALLOWED, 'Access-Control-Request-Method': 'POST', 'Access-Control-Request-Headers': 'content-type,authorization' })
      .expect(204);
    expect(preflight.headers['access-control-allow-origin']).toBe(ALLOWED);
    expect(preflight.headers['access-control-allow-methods']).toMatch(/POST/);
    expect(preflight.headers['access-control-allow-headers']).toMatch(/authorization/i);

    const evilSimple = await request(running.url).get('/api/meta').set('Origin', EVIL).expect(200);
    expect(evilSimple.headers['access-control-allow-origin']).toBeUndefined();
    const evilPreflight = await request(running.url)
      .options('/api/auth/login')
      .set({ Origin: EVIL, 'Access-Control-Request-Method': 'POST', 'Access-Control-Request-Headers': 'content-type' });
    expect(evilPreflight.status).toBeLessThan(500);
    expect(evilPreflight.headers['access-control-allow-origin']).toBeUndefined();
    expect(evilPreflight.headers['access-control-allow-methods']).toBeUndefined();
  });

  it('refuses a socket from a page on another origin, and admits allowed, same-origin and non-browser clients', async () => {
    const auth: SocketAuth = { role: 'screen', joinCode: evening.joinCode };
    await expect(connectFrom(running.url, EVIL, auth)).rejects.toThrow();
    await expect(connectFrom(running.url, 'null', auth)).rejects.toThrow();
    const polling = await request(running.url).get('/socket.io/?EIO=4&transport=polling').set('Origin', EVIL);
    expect(polling.status).toBe(403);

    sockets.push(await connectFrom(running.url, ALLOWED, auth));
    sockets.push(await connectFrom(running.url, running.url, auth));
    sockets.push(await connect(running.url, auth));
    await request(running.url).get('/socket.io/?EIO=4&transport=polling').expect(200);
    for (const s of sockets) expect(s.connected).toBe(true);
  });

  it.each(['/', '/api/meta'])('sends security headers on %s', async (path) => {
    const res = await request(running.url).get(path);
    expect(res.status).toBeLessThan(500);
    const csp = String(res.headers['content-security-policy']);
    expect(csp).toMatch(/default-src 'self'/);
    expect(csp).toMatch(/frame-ancestors 'self'/);
    expect(csp).toMatch(/object-src 'self' blob:/);
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['referrer-policy']).toBe('no-referrer');
    expect(res.headers['x-frame-options']).toBe('SAMEORIGIN');
    expect(res.headers['x-powered-by']).toBeUndefined();
  });
});

describe('logs', () => {
  let running: RunningApp;
  const written: string[] = [];
  const restores: (() => void)[] = [];

  /** Records (instead of printing) everything the process writes: the Nest logger writes to stdout and stderr; and all console calls. */
  function capture(): void {
    for (const stream of [process.stdout, process.stderr]) {
      const original = stream.write;
      stream.write = ((chunk: unknown, ...rest: unknown[]) => {
        written.push(String(chunk));
        const done = rest.find((r) => typeof r === 'function') as (() => void) | undefined;
        done?.();
        return true;
      }) as typeof stream.write;
      restores.push(() => (stream.write = original));
    }
    for (const method of ['log', 'info', 'warn', 'error', 'debug'] as const) {
      const spy = jest.spyOn(console, method).mockImplementation((...args: unknown[]) => void written.push(args.map(String).join(' ')));
      restores.push(() => spy.mockRestore());
    }
  }

  beforeAll(async () => {
    capture();
    running = await startApp({ LOG_LEVEL: 'verbose' });
  });
  afterAll(async () => {
    await running.close();
    for (const restore of restores.splice(0)) restore();
  });

  it('never contain passwords or tokens, also when requests fail or the server errs', async () => {
    const url = running.url;
    const password = 'Geheim-wachtwoord-7391';
    const wrongPassword = 'Fout-wachtwoord-5502';
    const madeUpToken = 'Zz9-made-up-token-that-is-long-enough-0123456789';
    const secrets: string[] = [password, wrongPassword, madeUpToken];

    const owner = await organiser(url, 'Logger', { password });
    secrets.push(owner.session.token);
    const email = owner.session.organiser.email;
    await request(url).post('/api/auth/login').send({ email, password: wrongPassword }).expect(401);
    const session = (await request(url).post('/api/auth/login').send({ email, password }).expect(200)).body as SessionResponse;
    secrets.push(session.token);
    await request(url).get('/api/auth/me').set('Authorization', `Bearer ${session.token}`).expect(200);
    await request(url).get('/api/auth/me').set('Authorization', `Bearer ${madeUpToken}`).expect(401);

    const invitation = (await owner.post('/api/network/invitations', { email: 'co@example.nl' }).expect(201)).body as CreatedInvitationResponse;
    const inviteToken = invitation.inviteUrl.split('/invite/')[1]!;
    secrets.push(inviteToken);
    await request(url).get(`/api/invitations/${inviteToken}`).expect(200);
    await request(url).post('/api/auth/signup').send({ email: 'co@example.nl', password, displayName: 'Co', inviteToken }).expect(201);

    const evening = (await owner.post(`/api/evenings/${(await completeEvening(owner)).id}/freeze`).expect(200)).body as EveningDetail;
    const joined = (await request(url).post('/api/join').send({ joinCode: evening.joinCode }).expect(200)).body as JoinResponse;
    secrets.push(joined.attendeeToken);
    const attendee = await connect(url, { role: 'attendee', joinCode: evening.joinCode, attendeeToken: joined.attendeeToken });
    const host = await connect(url, { role: 'host', eveningId: evening.id, token: session.token });
    await expect(connect(url, { role: 'attendee', joinCode: evening.joinCode, attendeeToken: madeUpToken })).rejects.toThrow();
    await expect(connect(url, { role: 'host', eveningId: evening.id, token: madeUpToken })).rejects.toThrow();

    // Unexpected errors, one of them with a token in its message: logged (stack), but masked.
    jest.spyOn(running.app.get(AccountsService), 'logIn').mockRejectedValueOnce(new Error(`boom-http while checking ${session.token}`));
    const failed = await request(url).post('/api/auth/login').set('Authorization', `Bearer ${session.token}`).send({ email, password }).expect(500);
    expect(failed.body).toMatchObject({ code: 'INTERNAL' });
    jest.spyOn(running.app.get(SnapshotService), 'snapshot').mockRejectedValueOnce(new Error(`boom-socket for ${joined.attendeeToken}`));
    expect(await call(attendee, 'session:snapshot')).toMatchObject({ ok: false, code: 'INTERNAL' });
    attendee.close();
    host.close();

    const log = written.join('\n');
    // The capture works: the start-up at verbose level and both errors are in it.
    expect(log).toMatch(/Mapped \{\/api\/auth\/login, POST\}/);
    expect(log).toMatch(/boom-http while checking \[redacted\]/);
    expect(log).toMatch(/boom-socket for \[redacted\]/);
    for (const secret of secrets) expect(log).not.toContain(secret);
  });
});
