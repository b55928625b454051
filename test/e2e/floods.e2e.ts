import { randomUUID } from 'node:crypto';
import { io } from 'socket.io-client';
import request from 'supertest';
import { DataSource } from 'typeorm';
import type {
  AdviceWorkspaceResponse,
  ApiErrorBody,
  CreatedCommitteeLinkResponse,
  CreatedBidderLinkResponse,
  CreatedInvitationResponse,
  EveningDetail,
  HostSnapshot,
  JoinResponse,
  SocketAuth,
  Tally,
} from '@buurtjury/shared';
import { AttendeeEntity } from '../../backend/src/infrastructure/database/schema/attendees';
import { SocketSessions } from '../../backend/src/gateway/socket-sessions';
import { completeEvening, organiser, type Organiser } from '../support/api';
import { startApp, type RunningApp } from '../support/app';
import { listRoutes } from '../support/routes';
import { call, connect, next, ok, type Client } from '../support/sockets';
import { ISSUER } from '../support/authorship';

/**
 * Floods: nobody can stop an evening anonymously, and a venue sharing one address is not locked
 * out. Half-open socket sessions do not count against MAX_CONNECTIONS and are closed quickly;
 * joins, screens, snapshots and every anonymous route are bounded per address and per evening;
 * bodies are refused early; floods are logged once per window, with counts and no addresses.
 */

const from = (address: string) => ({ 'X-Forwarded-For': address });

/** Connects a socket as a client behind `address` (the app trusts X-Forwarded-For from loopback); rejects with the refusal's data. */
function connectFrom(url: string, address: string, auth: SocketAuth): Promise<Client> {
  const socket: Client = io(url, { auth, transports: ['websocket'], reconnection: false, forceNew: true, extraHeaders: from(address) });
  return new Promise((resolve, reject) => {
    socket.once('connect', () => resolve(socket));
    socket.once('connect_error', (error) => {
      socket.close();
      reject(error);
    });
  });
}

/** The refusal code of a connection attempt, or 'connected' (closing the socket). */
async function outcome(attempt: Promise<Client>): Promise<string> {
  return attempt.then(
    (s) => {
      s.close();
      return 'connected';
    },
    (e: Error & { data?: { code: string } }) => e.data?.code ?? e.message,
  );
}

/** A bare engine.io polling handshake, as the flood sent them; returns the session id. */
async function bareHandshake(url: string, address: string): Promise<string> {
  const res = await request(url).get('/socket.io/?EIO=4&transport=polling').set(from(address)).expect(200);
  return (JSON.parse(res.text.slice(1)) as { sid: string }).sid;
}

/** Whether the engine still knows a session: a POST of a no-op packet is answered at once, 400 for an unknown session. */
async function sessionAlive(url: string, sid: string): Promise<boolean> {
  const res = await request(url).post(`/socket.io/?EIO=4&transport=polling&sid=${sid}`).set('Content-Type', 'text/plain;charset=UTF-8').send('6');
  return res.status === 200;
}

async function frozenEvening(o: Organiser, title = 'Idols-avond'): Promise<EveningDetail> {
  const draft = await completeEvening(o, title);
  return (await o.post(`/api/evenings/${draft.id}/freeze`).expect(200)).body as EveningDetail;
}

/** Records what the process writes (the Nest logger writes to stdout and stderr) and lets a test wait for a line. */
function captureLog(): { lines: string[]; waitFor: (pattern: RegExp) => Promise<string>; restore: () => void } {
  const lines: string[] = [];
  const waiters: { pattern: RegExp; resolve: (line: string) => void }[] = [];
  const originals = [process.stdout.write, process.stderr.write] as const;
  for (const stream of [process.stdout, process.stderr]) {
    const original = stream.write.bind(stream);
    stream.write = ((chunk: unknown, ...rest: unknown[]) => {
      const line = String(chunk);
      lines.push(line);
      for (const w of waiters.splice(0)) {
        if (w.pattern.test(line)) w.resolve(line);
        else waiters.push(w);
      }
      return (original as (c: unknown, ...r: unknown[]) => boolean)(chunk, ...rest);
    }) as typeof stream.write;
  }
  return {
    lines,
    waitFor: (pattern) => {
      const seen = lines.find((l) => pattern.test(l));
      return seen ? Promise.resolve(seen) : new Promise((resolve) => waiters.push({ pattern, resolve }));
    },
    restore: () => {
      process.stdout.write = originals[0];
      process.stderr.write = originals[1];
    },
  };
}

describe('socket connections', () => {
  let running: RunningApp;
  let host: Organiser;
  let evening: EveningDetail;
  const sockets: Client[] = [];

  beforeAll(async () => {
    running = await startApp({ MAX_CONNECTIONS: '10', HALF_OPEN_PER_ADDRESS: '10', SCREENS_PER_EVENING: '3', ANONYMOUS_RATE_LIMIT: '10' });
    host = await organiser(running.url, 'Host');
    evening = await frozenEvening(host);
  });
  afterAll(async () => {
    for (const s of sockets) s.close();
    await running.close();
  });
  afterEach(() => {
    for (const s of sockets.splice(0)) s.close();
  });

  const joinFrom = async (address: string) =>
    ((await request(running.url).post('/api/join').set(from(address)).send({ joinCode: evening.joinCode }).expect(200)).body as JoinResponse).attendeeToken;

  it('does not count bare polling handshakes against MAX_CONNECTIONS: a phone still connects after 60 of them', async () => {
    for (let i = 0; i < 60; i++) await bareHandshake(running.url, `198.51.100.${i}`);
    const token = await joinFrom('203.0.113.1');
    const phone = await connectFrom(running.url, '203.0.113.1', { role: 'attendee', joinCode: evening.joinCode, attendeeToken: token });
    sockets.push(phone);
    expect(phone.connected).toBe(true);
  });

  it('closes the oldest half-open session of an address beyond HALF_OPEN_PER_ADDRESS, so a phone behind that address still connects', async () => {
    const sids: string[] = [];
    for (let i = 0; i < 30; i++) sids.push(await bareHandshake(running.url, '192.0.2.66'));
    expect(await sessionAlive(running.url, sids[0]!)).toBe(false);
    expect(await sessionAlive(running.url, sids.at(-1)!)).toBe(true);
    expect(running.app.get(SocketSessions).halfOpenCount).toBeLessThanOrEqual(10 + 60);
    const token = await joinFrom('192.0.2.66');
    sockets.push(await connectFrom(running.url, '192.0.2.66', { role: 'attendee', joinCode: evening.joinCode, attendeeToken: token }));
  });

  it('drops a half-open session within 5 seconds', async () => {
    const sid = await bareHandshake(running.url, '192.0.2.67');
    const started = Date.now();
    // The long poll is answered when the server closes the session (a ping would come only after 20 s).
    const poll = await request(running.url).get(`/socket.io/?EIO=4&transport=polling&sid=${sid}`);
    const elapsed = Date.now() - started;
    expect(poll.text).toMatch(/^1|^$/);
    expect(elapsed).toBeLessThan(8_000);
    expect(await sessionAlive(running.url, sid)).toBe(false);
  });

  it('counts logged-in connections against MAX_CONNECTIONS and refuses the next with SERVER_BUSY', async () => {
    const hostSocket = await connectFrom(running.url, '203.0.113.2', { role: 'host', eveningId: evening.id, token: host.session.token });
    sockets.push(hostSocket);
    for (let i = 0; i < 9; i++) sockets.push(await connectFrom(running.url, `203.0.113.${10 + i}`, { role: 'attendee', joinCode: evening.joinCode, attendeeToken: await joinFrom(`203.0.113.${10 + i}`) }));
    expect(await outcome(connectFrom(running.url, '203.0.113.30', { role: 'attendee', joinCode: evening.joinCode, attendeeToken: await joinFrom('203.0.113.30') }))).toBe('SERVER_BUSY');
  });

  it('allows one phone a few connections, not a flood of them', async () => {
    const token = await joinFrom('203.0.113.40');
    const auth: SocketAuth = { role: 'attendee', joinCode: evening.joinCode, attendeeToken: token };
    for (let i = 0; i < 5; i++) sockets.push(await connectFrom(running.url, '203.0.113.40', auth));
    expect(await outcome(connectFrom(running.url, '203.0.113.40', auth))).toBe('TOO_MANY_CONNECTIONS');
  });

  it('bounds the anonymous big screens of an evening and their snapshots, but not an organiser\'s screen or the host', async () => {
    const screen: SocketAuth = { role: 'screen', joinCode: evening.joinCode };
    const screens: Client[] = [];
    for (let i = 0; i < 3; i++) screens.push(await connectFrom(running.url, `198.18.0.${i}`, screen));
    sockets.push(...screens);
    expect(await outcome(connectFrom(running.url, '198.18.0.9', screen))).toBe('TOO_MANY_CONNECTIONS');
    const organisersScreen = await connectFrom(running.url, '198.18.0.9', { ...screen, token: host.session.token });
    const hostSocket = await connectFrom(running.url, '198.18.0.10', { role: 'host', eveningId: evening.id, token: host.session.token });
    sockets.push(organisersScreen, hostSocket);

    const answers = await Promise.all(screens.flatMap((s) => Array.from({ length: 12 }, () => call(s, 'session:snapshot'))));
    const refused = answers.filter((a) => !a.ok);
    expect(refused.length).toBeGreaterThanOrEqual(36 - 30);
    expect(refused[0]).toMatchObject({ ok: false, code: 'RATE_LIMITED' });
    ok(await call(organisersScreen, 'session:snapshot'));
    ok(await call(hostSocket, 'session:snapshot'));
  });

  it('makes an address that keeps failing to log in wait (no join-code oracle over sockets), other addresses not', async () => {
    for (let i = 0; i < 10; i++) expect(await outcome(connectFrom(running.url, '192.0.2.99', { role: 'screen', joinCode: `ZZZZ${String(i).padStart(2, '2')}` }))).toBe('NOT_FOUND');
    const valid: SocketAuth = { role: 'attendee', joinCode: evening.joinCode, attendeeToken: await joinFrom('192.0.2.98') };
    expect(await outcome(connectFrom(running.url, '192.0.2.99', valid))).toBe('RATE_LIMITED');
    expect(await outcome(connectFrom(running.url, '192.0.2.98', valid))).toBe('connected');
  });
});

describe('joins', () => {
  let running: RunningApp;
  let host: Organiser;
  let evening: EveningDetail;
  let log: ReturnType<typeof captureLog>;
  const sockets: Client[] = [];

  beforeAll(async () => {
    log = captureLog();
    running = await startApp({ JOIN_RATE_LIMIT: '20', JOIN_CEILING_MIN: '30', FLOOD_LOG_SECONDS: '1', SOCKET_RATE_LIMIT: '1000' });
    host = await organiser(running.url, 'Host');
    evening = await frozenEvening(host);
  });
  afterAll(async () => {
    for (const s of sockets) s.close();
    await running.close();
    log.restore();
  });

  const join = (joinCode: string, address: string, attendeeToken?: string) =>
    request(running.url).post('/api/join').set(from(address)).send({ joinCode, ...(attendeeToken ? { attendeeToken } : {}) });
  const connectPhone = async (e: EveningDetail, address: string, token: string) => {
    const s = await connectFrom(running.url, address, { role: 'attendee', joinCode: e.joinCode, attendeeToken: token });
    sockets.push(s);
    return s;
  };

  it('lets a full hall behind one address join, refuses a flood of joins that never connect, and never refuses a reload', async () => {
    const venue = '203.0.113.77';
    // A phone that joined before the flood.
    const early = ((await join(evening.joinCode, venue).expect(200)).body as JoinResponse).attendeeToken;
    await connectPhone(evening, venue, early);

    // A scripted flood from the venue's address: joins that never connect run out after JOIN_RATE_LIMIT.
    const statuses: number[] = [];
    let refusal: request.Response | undefined;
    for (let i = 0; i < 40; i++) {
      const res = await join(evening.joinCode, venue);
      statuses.push(res.status);
      if (res.status === 429) refusal = res;
    }
    expect(statuses.filter((s) => s === 200)).toHaveLength(20);
    expect(refusal!.body).toMatchObject({ statusCode: 429, code: 'TOO_MANY_REQUESTS' });
    expect(Number(refusal!.headers['retry-after'])).toBeGreaterThanOrEqual(1);

    // The phone that joined before reloads: never refused, same token.
    const reload = (await join(evening.joinCode, venue, early).expect(200)).body as JoinResponse;
    expect(reload.attendeeToken).toBe(early);

    // A full hall behind another shared address: 60 phones, each connecting right after joining, all get in.
    for (let i = 0; i < 60; i++) {
      const token = ((await join(evening.joinCode, '198.51.100.200').expect(200)).body as JoinResponse).attendeeToken;
      await connectPhone(evening, '198.51.100.200', token);
    }

    // The flood is logged once per window, with counts, and without the addresses.
    const line = await log.waitFor(/Flood in the last \d+ s: .*joins refused \(too many new phones from one address/);
    expect(line).toMatch(/20 joins refused \(too many new phones from one address that did not connect\) from 1 address \(#[0-9a-f]{8}: 20\)/);
    const floodLines = log.lines.filter((l) => /Flood in the last/.test(l));
    expect(floodLines.length).toBeLessThan(5);
    for (const address of [venue, '203.0.113', '198.51.100']) expect(floodLines.join('\n')).not.toContain(address);
  });

  it('keeps an evening from filling with phones that never connect: JOIN_BUSY, shown to the host, and dropped after a minute', async () => {
    const e = await frozenEvening(host, 'Tweede avond');
    const hostSocket = await connectFrom(running.url, '203.0.113.5', { role: 'host', eveningId: e.id, token: host.session.token });
    sockets.push(hostSocket);
    const tokens: string[] = [];
    for (let i = 0; i < 30; i++) tokens.push(((await join(e.joinCode, `10.0.${i}.1`).expect(200)).body as JoinResponse).attendeeToken);
    // Listening before the refusal: the tally that shows it may go out before the answer is read.
    const seen = next(hostSocket, 'live:tally', (t) => (t.joins?.refused ?? 0) >= 1);
    const busy = await join(e.joinCode, '10.0.99.1').expect(429);
    expect(busy.body).toMatchObject({ code: 'JOIN_BUSY', message: expect.stringMatching(/tries again by itself/) });
    const wait = Number(busy.headers['retry-after']);
    expect(wait).toBeGreaterThanOrEqual(1);
    expect(wait).toBeLessThanOrEqual(60);

    // The host sees it.
    const tally: Tally = await seen;
    expect(tally.joins).toMatchObject({ waiting: 30, ceiling: 30, refused: 1, dropped: 0 });
    const snapshot = ok(await call(hostSocket, 'session:snapshot')).snapshot as HostSnapshot;
    expect(snapshot.tally.joins).toMatchObject({ waiting: 30, ceiling: 30 });

    // One of them connects: it no longer waits, and the next phone gets in.
    await connectPhone(e, '10.0.0.1', tokens[0]!);
    await join(e.joinCode, '10.0.99.2').expect(200);

    // A minute later the phones that never connected are dropped to make room.
    const realNow = Date.now.bind(Date);
    const later = jest.spyOn(Date, 'now').mockImplementation(() => realNow() + 61_000);
    try {
      await join(e.joinCode, '10.0.99.3').expect(200);
    } finally {
      later.mockRestore();
    }
    const after = ok(await call(hostSocket, 'session:snapshot')).snapshot as HostSnapshot;
    expect(after.tally.joins).toMatchObject({ waiting: 1, dropped: 30 });
    const rows = await running.app.get(DataSource).manager.findBy(AttendeeEntity, { eveningId: e.id });
    expect(rows).toHaveLength(2); // the phone that connected and the newest one
    // A dropped phone that does come back is told to join again (the phone does so by itself).
    expect(await outcome(connectFrom(running.url, '10.0.1.1', { role: 'attendee', joinCode: e.joinCode, attendeeToken: tokens[1]! }))).toBe('UNAUTHENTICATED');
  });
});

describe('anonymous routes', () => {
  let running: RunningApp;
  let owner: Organiser;
  let issued: EveningDetail;
  let unissued: EveningDetail;
  let committee: string;
  let receipt: string;
  let inviteToken: string;
  let bidderToken: string;
  const sockets: Client[] = [];

  beforeAll(async () => {
    running = await startApp({ ANONYMOUS_RATE_LIMIT: '10', RECEIPT_RATE_LIMIT: '3', VERIFY_RATE_LIMIT: '2' });
    owner = await organiser(running.url, 'Owner');
    unissued = await frozenEvening(owner, 'Nog niet vastgesteld');
    issued = await frozenEvening(owner, 'Vastgesteld');
    const hostSocket = await connect(running.url, { role: 'host', eveningId: issued.id, token: owner.session.token });
    const joined = (await request(running.url).post('/api/join').send({ joinCode: issued.joinCode }).expect(200)).body as JoinResponse;
    const phoneSocket = await connect(running.url, { role: 'attendee', joinCode: issued.joinCode, attendeeToken: joined.attendeeToken });
    sockets.push(hostSocket, phoneSocket);
    const bidderId = issued.bidders[0]!.id;
    ok(await call(hostSocket, 'host:command', { type: 'start-pitch', bidderId }));
    ok(await call(hostSocket, 'host:command', { type: 'open-scoring', bidderId }));
    receipt = ok(await call(phoneSocket, 'ballot:submit', { ballotId: randomUUID(), bidderId, grades: Object.fromEntries(issued.criteria.map((c) => [c.id, 4])) })).receipt;
    ok(await call(hostSocket, 'host:command', { type: 'end-evening' }));
    const ev = `/api/evenings/${issued.id}`;
    const ws = (await owner.get(`${ev}/advice`).expect(200)).body as AdviceWorkspaceResponse;
    await owner.put(`${ev}/advice/draft`, { content: { ...ws.draft.content, summary: 'S.', recommendation: 'A.' }, revision: ws.draft.revision }).expect(200);
    await owner.post(`${ev}/advice/versions`, { authorship: ISSUER, revision: ws.draft.revision + 1, acceptEmpty: true }).expect(201);
    committee = ((await owner.post(`${ev}/advice/links`, { label: 'Commissie' }).expect(201)).body as CreatedCommitteeLinkResponse).url.split('/c/')[1]!;
    inviteToken = ((await owner.post('/api/network/invitations', { email: 'later@example.nl' }).expect(201)).body as CreatedInvitationResponse).inviteUrl.split('/').pop()!;
    bidderToken = ((await owner.post(`${ev}/bidders/${bidderId}/link`, {}).expect(201)).body as CreatedBidderLinkResponse).url.split('/b/')[1]!;
  }, 60_000);
  afterAll(async () => {
    for (const s of sockets) s.close();
    await running.close();
  });

  /** Every route anyone may call without an organiser's log-in, with the limit that applies to it. */
  const ANONYMOUS: Record<string, { limit: number | 'own'; path: () => string }> = {
    'GET /api/meta': { limit: 10, path: () => '/api/meta' },
    // The balancer's checks: 600 per address per minute, far above a check every 2 s.
    'GET /api/health/live': { limit: 'own', path: () => '/api/health/live' },
    'GET /api/health/ready': { limit: 'own', path: () => '/api/health/ready' },
    'POST /api/auth/signup': { limit: 'own', path: () => '/api/auth/signup' },
    'POST /api/auth/login': { limit: 'own', path: () => '/api/auth/login' },
    'POST /api/join': { limit: 'own', path: () => '/api/join' },
    'GET /api/invitations/:token': { limit: 10, path: () => `/api/invitations/${inviteToken}` },
    'GET /api/receipts/:joinCode/:receipt': { limit: 3, path: () => `/api/receipts/${issued.joinCode}/${receipt}` },
    // The sign-up pages (issue 17): their own limits, checked in test/e2e/signup.e2e.ts.
    'GET /api/announcements/:announcementCode': { limit: 'own', path: () => '/api/announcements/x' },
    'POST /api/announcements/:announcementCode/signups': { limit: 'own', path: () => '/api/announcements/x/signups' },
    'GET /api/signups/:signupToken': { limit: 'own', path: () => '/api/signups/x' },
    'GET /api/signups/:signupToken/calendar.ics': { limit: 'own', path: () => '/api/signups/x/calendar.ics' },
    'POST /api/signups/:signupToken/cancel': { limit: 'own', path: () => '/api/signups/x/cancel' },
    // The bidders' own pages (issue 17): the anonymous limit per address, as for GET /api/meta.
    'GET /api/bidder-pages/:bidderToken': { limit: 10, path: () => `/api/bidder-pages/${bidderToken}` },
    'GET /api/bidder-pages/:bidderToken/feedback': { limit: 10, path: () => `/api/bidder-pages/${bidderToken}/feedback` },
    // Its changes share that bucket (the same RateLimit('anonymous') on the controller's routes); a
    // GET loop cannot send them, so they are listed, not counted here.
    'POST /api/bidder-pages/:bidderToken/response': { limit: 'own', path: () => `/api/bidder-pages/${bidderToken}/response` },
    'POST /api/bidder-pages/:bidderToken/contribution': { limit: 'own', path: () => `/api/bidder-pages/${bidderToken}/contribution` },
    'PUT /api/bidder-pages/:bidderToken/details': { limit: 'own', path: () => `/api/bidder-pages/${bidderToken}/details` },
    'GET /api/committee/:token': { limit: 10, path: () => `/api/committee/${committee}` },
    'GET /api/committee/:token/verify': { limit: 2, path: () => `/api/committee/${committee}/verify` },
    'GET /api/committee/:token/frame.json': { limit: 10, path: () => `/api/committee/${committee}/frame.json` },
    'GET /api/committee/:token/setup.json': { limit: 10, path: () => `/api/committee/${committee}/setup.json` },
    'GET /api/committee/:token/versions/:number/document': { limit: 10, path: () => `/api/committee/${committee}/versions/1/document` },
    'GET /api/committee/:token/versions/:number/files/:name': { limit: 10, path: () => `/api/committee/${committee}/versions/1/files/record.json` },
  };

  it('knows every anonymous route: all others want an organiser\'s log-in', async () => {
    const anonymous: string[] = [];
    for (const route of listRoutes(running.app)) {
      const key = `${route.method} ${route.path}`;
      const path = route.path.replace(/:([A-Za-z]+)/g, (_, name: string) => (name === 'eveningId' ? issued.id : randomUUID()));
      const res = await request(running.url)[route.method.toLowerCase() as 'get'](path).set(from('192.0.2.200'));
      if (res.status !== 401) anonymous.push(key);
    }
    expect(anonymous.sort()).toEqual(Object.keys(ANONYMOUS).sort());
  });

  it.each(Object.entries(ANONYMOUS).filter(([, r]) => r.limit !== 'own'))('limits %s per address', async (key, route) => {
    const address = `198.18.${Object.keys(ANONYMOUS).indexOf(key)}.1`;
    const limit = route.limit as number;
    for (let i = 0; i < limit; i++) expect((await request(running.url).get(route.path()).set(from(address))).status).toBeLessThan(400);
    const refused = await request(running.url).get(route.path()).set(from(address)).expect(429);
    expect(refused.body).toMatchObject({ code: 'TOO_MANY_REQUESTS', message: expect.stringMatching(/try again in/i) });
    expect(Number(refused.headers['retry-after'])).toBeGreaterThanOrEqual(1);
    await request(running.url).get(route.path()).set(from(`${address.slice(0, -1)}2`)).expect(200);
  });

  it('answers the receipt look-up the same for an unknown code, an unpublished evening and an unknown receipt', async () => {
    const lookups = [`ZZZZZZ/${receipt}`, `${unissued.joinCode}/${receipt}`, `${issued.joinCode}/ZZZZ-ZZZZ`];
    const answers = [];
    for (const [i, p] of lookups.entries()) {
      const res = await request(running.url).get(`/api/receipts/${p}`).set(from(`192.0.2.${210 + i}`));
      answers.push({ status: res.status, body: res.body as ApiErrorBody });
    }
    expect(answers[0]).toMatchObject({ status: 404, body: { code: 'RECEIPT_NOT_FOUND' } });
    expect(answers[1]).toEqual(answers[0]);
    expect(answers[2]).toEqual(answers[0]);
    expect((await request(running.url).get(`/api/receipts/${issued.joinCode}/${receipt}`).set(from('192.0.2.213')).expect(200)).body).toMatchObject({ found: true });
  });

  it('stops validating early: a body of 15,000 unknown fields gets a short refusal, anonymous or not', async () => {
    const fields = Object.fromEntries(Array.from({ length: 15_000 }, (_, i) => [`f${i}`, 1]));
    const anonymous = await request(running.url).post('/api/join').set(from('192.0.2.220')).send({ joinCode: issued.joinCode, ...fields });
    expect(anonymous.status).toBe(413);
    expect(anonymous.text.length).toBeLessThan(500);
    const small = await request(running.url).post('/api/join').set(from('192.0.2.221')).send({ joinCode: issued.joinCode, ...Object.fromEntries(Object.entries(fields).slice(0, 500)) });
    expect(small.status).toBe(400);
    expect(small.text.length).toBeLessThan(500);
    const asOrganiser = await owner.put(`/api/evenings/${unissued.id}/weights`, fields);
    expect(asOrganiser.status).toBe(400);
    expect(asOrganiser.text.length).toBeLessThan(500);
    // Among the known number of fields, every problem is not listed either.
    const many = await owner.patch(`/api/evenings/${unissued.id}`, Object.fromEntries(Array.from({ length: 60 }, (_, i) => [`x${i}`, 1])));
    expect(many.status).toBe(400);
    expect((many.body as ApiErrorBody).details!.length).toBeLessThanOrEqual(11);
  });
});
