import { Logger } from '@nestjs/common';
import fc from 'fast-check';
import { randomUUID } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import * as http from 'node:http';
import { io } from 'socket.io-client';
import request from 'supertest';
import {
  CLIENT_EVENTS,
  ERROR_CODES,
  SOCKET_ERROR_CODES,
  type AdviceVersionView,
  type AdviceWorkspaceResponse,
  type CreatedCommitteeLinkResponse,
  type CreatedInvitationResponse,
  type CreatedSignupResponse,
  type CreatedBidderLinkResponse,
  type SignupOverview,
  type EveningDetail,
  type SessionResponse,
  type SessionsResponse,
} from '@buurtjury/shared';
import { completeEvening, organiser, type Organiser } from '../support/api';
import { startApp, type RunningApp } from '../support/app';
import { emitArb, pool, probeArb, send, socketAuthArb, type Emit, type FuzzPools, type Probe, type ProbeResult, type SocketPools } from '../support/fuzz';
import { listRoutes } from '../support/routes';
import { call, connect, ok, phone, type Client } from '../support/sockets';
import { ISSUER } from '../support/authorship';

/**
 * Property-based fuzzing of every REST route and every socket event: thousands of generated
 * malformed (and now and then valid) requests, payloads and connection attempts. Whatever comes
 * in, the server answers below 500 with an error code and a message, acknowledges every socket
 * message it can acknowledge, keeps its sockets connected, and keeps serving afterwards.
 *
 * Reproduce a failure with the seed from its message: `FUZZ_SEED=<seed> npx jest test/e2e/fuzz.e2e.ts --selectProjects e2e`.
 * With FUZZ_STATS_FILE set, the counts of the run are written there as JSON.
 */
const SEED = Number(process.env.FUZZ_SEED ?? 20261121);
const HTTP_REQUESTS = 6_200;
const SOCKET_EMITS = 4_200;
const SOCKET_CONNECTS = 240;
const HTTP_CONCURRENCY = 16;
const EMITS_IN_FLIGHT = 24;
const ACK_TIMEOUT_MS = 5_000;

const RATE_LIMITS_OFF = {
  SOCKET_RATE_LIMIT: '100000',
  LOGIN_RATE_LIMIT: '100000',
  SIGNUP_RATE_LIMIT: '100000',
  JOIN_RATE_LIMIT: '100000',
  ANONYMOUS_RATE_LIMIT: '100000',
  RECEIPT_RATE_LIMIT: '100000',
  VERIFY_RATE_LIMIT: '10000',
  JOIN_CEILING_MIN: '100000',
};

let running: RunningApp;
let o: Organiser;
let stranger: Organiser;
let live: EveningDetail;
let ended: EveningDetail;
let draft: EveningDetail;
let foreign: EveningDetail;
let pools: FuzzPools;
let logoutTokens: FuzzPools['tokens'];
let socketPools: SocketPools;
const sockets: Client[] = [];
/** The sockets under fuzz, by a label naming evening and role. */
const targets: { label: string; socket: Client }[] = [];
const loggedErrors: string[] = [];
const unhandled: string[] = [];
const stats = { httpRequests: 0, httpStatuses: {} as Record<number, number>, socketEmits: 0, acked: 0, ackCodes: {} as Record<string, number>, connects: 0, connectOutcomes: {} as Record<string, number> };

const onUnhandled = (reason: unknown) => unhandled.push(String(reason));
const count = (map: Record<string | number, number>, key: string | number) => (map[key] = (map[key] ?? 0) + 1);
const grades = (e: EveningDetail, g: number) => Object.fromEntries(e.criteria.map((c) => [c.id, g]));

async function login(email: string): Promise<string> {
  const res = await request(running.url).post('/api/auth/login').send({ email, password: 'correct horse battery' }).expect(200);
  return (res.body as SessionResponse).token;
}

async function frozen(by: Organiser, title: string): Promise<EveningDetail> {
  const e = await completeEvening(by, title);
  return (await by.post(`/api/evenings/${e.id}/freeze`).expect(200)).body as EveningDetail;
}

/** Connects, or returns null when the server refuses this role for this evening (for example after its end). */
async function tryConnect(auth: Parameters<typeof connect>[1]): Promise<Client | null> {
  try {
    const socket = await connect(running.url, auth);
    sockets.push(socket);
    return socket;
  } catch {
    return null;
  }
}

/** An evening that has been scored, ended, and has an issued advice with two committee links. */
async function endedWithAdvice(): Promise<{ evening: EveningDetail; attendeeTokens: string[]; version: AdviceVersionView; committeeToken: string; linkId: string }> {
  const evening = await frozen(o, 'Afgelopen avond');
  const hostSocket = await connect(running.url, { role: 'host', eveningId: evening.id, token: o.session.token });
  sockets.push(hostSocket);
  const phones = [await phone(running.url, evening.joinCode), await phone(running.url, evening.joinCode)];
  sockets.push(...phones.map((p) => p.socket));
  for (const bidder of evening.bidders) {
    ok(await call(hostSocket, 'host:command', { type: 'start-pitch', bidderId: bidder.id, closeOpenScoring: true }));
    ok(await call(hostSocket, 'host:command', { type: 'open-scoring', bidderId: bidder.id }));
    for (const [i, p] of phones.entries()) ok(await call(p.socket, 'ballot:submit', { ballotId: randomUUID(), bidderId: bidder.id, grades: grades(evening, 2 + i) }));
  }
  ok(await call(hostSocket, 'host:command', { type: 'end-evening' }));
  const advice = `/api/evenings/${evening.id}/advice`;
  const workspace = (await o.get(advice).expect(200)).body as AdviceWorkspaceResponse;
  const content = { ...workspace.draft.content, summary: 'De bewoners kiezen duidelijk.', recommendation: 'Gun de opdracht aan de nummer één.' };
  await o.put(`${advice}/draft`, { content, revision: workspace.draft.revision }).expect(200);
  const version = (await o.post(`${advice}/versions`, { authorship: ISSUER, revision: workspace.draft.revision + 1, acceptEmpty: true }).expect(201)).body as AdviceVersionView;
  const committee = (await o.post(`${advice}/links`, { label: 'Commissie' }).expect(201)).body as CreatedCommitteeLinkResponse;
  // A second link whose id the fuzzer may revoke; the first one's token stays usable.
  const revocable = (await o.post(`${advice}/links`, { label: 'Tweede link' }).expect(201)).body as CreatedCommitteeLinkResponse;
  return { evening, attendeeTokens: phones.map((p) => p.token), version, committeeToken: committee.url.split('/c/')[1]!, linkId: revocable.id };
}

beforeAll(async () => {
  running = await startApp(RATE_LIMITS_OFF);
  process.on('unhandledRejection', onUnhandled);
  jest.spyOn(Logger.prototype, 'error').mockImplementation((message: unknown) => {
    loggedErrors.push(String(message));
  });
  o = await organiser(running.url, 'Fuzzer', { email: 'fuzzer@example.nl' });
  stranger = await organiser(running.url, 'Vreemde', { email: 'vreemde@example.nl' });
  logoutTokens = { own: await login('fuzzer@example.nl'), other: await login('vreemde@example.nl') };
  // Sessions the fuzzer may end by id: spare ones, never the sessions the rest of the run uses.
  const spareSessions = await Promise.all(
    ['fuzzer@example.nl', 'vreemde@example.nl'].map(async (email) => {
      const token = await login(email);
      const listed = (await request(running.url).get('/api/auth/sessions').set('Authorization', `Bearer ${token}`).expect(200)).body as SessionsResponse;
      return listed.sessions.find((x) => x.current)!.id;
    }),
  );
  const invitation = (await o.post('/api/network/invitations', { email: 'mede@example.nl' }).expect(201)).body as CreatedInvitationResponse;

  // The live evening: everyone joins before the host starts the first pitch and opens scoring.
  live = await frozen(o, 'Live avond');
  const liveHost = await connect(running.url, { role: 'host', eveningId: live.id, token: o.session.token });
  const liveScreen = await connect(running.url, { role: 'screen', joinCode: live.joinCode });
  const livePhone = await phone(running.url, live.joinCode);
  sockets.push(liveHost, liveScreen, livePhone.socket);
  ok(await call(liveHost, 'host:command', { type: 'start-pitch', bidderId: live.bidders[0]!.id }));
  ok(await call(liveHost, 'host:command', { type: 'open-scoring', bidderId: live.bidders[0]!.id }));
  targets.push({ label: 'live attendee', socket: livePhone.socket }, { label: 'live host', socket: liveHost }, { label: 'live screen', socket: liveScreen });

  const afterwards = await endedWithAdvice();
  ended = afterwards.evening;
  for (const [label, auth] of [
    ['ended host', { role: 'host', eveningId: ended.id, token: o.session.token }],
    ['ended screen', { role: 'screen', joinCode: ended.joinCode }],
    ['ended attendee', { role: 'attendee', joinCode: ended.joinCode, attendeeToken: afterwards.attendeeTokens[0]! }],
  ] as const) {
    const socket = await tryConnect(auth);
    if (socket) targets.push({ label, socket });
  }
  draft = await completeEvening(o, 'Concept');
  foreign = await frozen(stranger, 'Andermans avond');

  const evenings = [live, ended, draft, foreign];
  const bidderIds = evenings.flatMap((e) => e.bidders.map((b) => b.id));
  const criterionIds = evenings.flatMap((e) => e.criteria.map((c) => c.id));
  const invitationToken = invitation.inviteUrl.split('/').at(-1)!;
  // An announcement with a sign-up, so the sign-up routes are probed past their look-ups.
  const signupSettings = { open: true, capacity: 3, nameOnly: true, address: 'Kruiskamp 12', accessibility: '', about: '' };
  const announcementCode = ((await o.put(`/api/evenings/${live.id}/signups/settings`, signupSettings).expect(200)).body as SignupOverview).settings!.code;
  const signedUp = (await request(running.url).post(`/api/announcements/${announcementCode}/signups`).send({ name: 'Rens', guests: 1 }).expect(201)).body as CreatedSignupResponse;
  const signupIds = ((await o.get(`/api/evenings/${live.id}/signups`).expect(200)).body as SignupOverview).signups.map((s) => s.id);
  // A bidder's link on the draft (answers and details pass) and on the ended evening (its feedback sheet).
  const bidderTokens = await Promise.all(
    [draft, ended].map(async (e) => ((await o.post(`/api/evenings/${e.id}/bidders/${e.bidders[0]!.id}/link`, {}).expect(201)).body as CreatedBidderLinkResponse).url.split('/b/')[1]!),
  );
  pools = {
    params: {
      eveningId: evenings.map((e) => e.id),
      bidderId: bidderIds,
      criterionId: criterionIds,
      invitationId: [invitation.id],
      // Real members: the fuzzer itself (removing yourself or demoting the only owner is refused) and a stranger.
      memberId: [o.session.organiser.id, stranger.session.organiser.id],
      sessionId: spareSessions,
      linkId: [afterwards.linkId],
      signupId: signupIds,
      announcementCode: [announcementCode, announcementCode.toLowerCase()],
      signupToken: [signedUp.token],
      bidderToken: bidderTokens,
      token: [afterwards.committeeToken, invitationToken],
      number: ['1', '2', '0'],
      name: [...afterwards.version.files.map((f) => f.name), 'record.json', 'record.csv', 'results.json'],
    },
    ids: [...evenings.map((e) => e.id), ...bidderIds, ...criterionIds, invitation.id, afterwards.linkId, ...signupIds],
    tokens: { own: o.session.token, other: stranger.session.token },
  };
  socketPools = {
    evenings: evenings.map((e) => ({ bidderIds: e.bidders.map((b) => b.id), criterionIds: e.criteria.map((c) => c.id) })),
    bidderIds,
    joinCodes: [live.joinCode, ended.joinCode, foreign.joinCode],
    attendeeTokens: [livePhone.token, ...afterwards.attendeeTokens],
    organiserTokens: [o.session.token, stranger.session.token],
    eveningIds: evenings.map((e) => e.id),
  };
  // Issuing the advice renders its documents: on a busy shared machine that alone can take most of a minute.
}, 180_000);

afterAll(async () => {
  process.off('unhandledRejection', onUnhandled);
  jest.restoreAllMocks();
  for (const s of sockets) s.close();
  await running.close();
  if (process.env.FUZZ_STATS_FILE) writeFileSync(process.env.FUZZ_STATS_FILE, JSON.stringify({ seed: SEED, ...stats }, null, 2));
});

/** Why a response breaks the contract, or null: below 500, and every refusal a JSON ApiErrorBody with a known code and a message. */
function httpProblem(res: ProbeResult): string | null {
  if (res.error) return `no response: ${res.error}`;
  if (res.status >= 500) return `status ${res.status}: ${res.text.slice(0, 200)}`;
  if (res.status < 400) return null;
  let body: { code?: unknown; message?: unknown };
  try {
    body = JSON.parse(res.text) as typeof body;
  } catch {
    return `status ${res.status} without a JSON body (${res.contentType}): ${res.text.slice(0, 120)}`;
  }
  if (!(ERROR_CODES as readonly unknown[]).includes(body.code)) return `status ${res.status} with unknown code ${String(body.code)}`;
  if (typeof body.message !== 'string' || body.message.trim() === '') return `status ${res.status} (${String(body.code)}) without a message`;
  return null;
}

/** Why an acknowledgement breaks the contract, or null: `{ok: true}` or `{ok: false}` with a known code (never INTERNAL) and a message. */
function ackProblem(ack: unknown): string | null {
  if (typeof ack !== 'object' || ack === null) return `acknowledged with ${JSON.stringify(ack)}`;
  const a = ack as { ok?: unknown; code?: unknown; message?: unknown };
  if (a.ok === true) return null;
  if (a.ok !== false) return `acknowledged without ok: ${JSON.stringify(ack).slice(0, 120)}`;
  if (!(SOCKET_ERROR_CODES as readonly unknown[]).includes(a.code) || a.code === 'INTERNAL') return `refused with code ${String(a.code)}`;
  if (typeof a.message !== 'string' || a.message.trim() === '') return `refused (${String(a.code)}) without a message`;
  return null;
}

const describeProbe = (p: Probe) => `${p.method} ${p.path.slice(0, 160)} [${p.label}] ${p.body ? p.body.subarray(0, 120).toString() : ''}`;
const describeEmit = (e: Emit) => `${e.event} [${e.label}] ${(JSON.stringify(e.args) ?? '').slice(0, 160)}`;

it('lists every REST route to fuzz', () => {
  const routes = listRoutes(running.app).map((r) => `${r.method} ${r.path}`);
  expect(routes).toEqual(expect.arrayContaining(['POST /api/auth/login', 'GET /api/committee/:token', 'PUT /api/evenings/:eveningId/advice/draft', 'POST /api/join']));
  // Announcement and sign-up (organisers' and public side), and copying an evening.
  expect(routes).toEqual(
    expect.arrayContaining([
      'GET /api/evenings/:eveningId/signups',
      'PUT /api/evenings/:eveningId/signups/settings',
      'GET /api/evenings/:eveningId/signups/export.csv',
      'POST /api/evenings/:eveningId/signups/:signupId/arrival',
      'GET /api/announcements/:announcementCode',
      'POST /api/announcements/:announcementCode/signups',
      'GET /api/signups/:signupToken',
      'GET /api/signups/:signupToken/calendar.ics',
      'POST /api/signups/:signupToken/cancel',
      'POST /api/evenings/:eveningId/copy',
    ]),
  );
  expect(routes.length).toBeGreaterThanOrEqual(40);
  // Neither the Swagger docs nor the static frontend's catch-all count as API routes.
  expect(routes.filter((r) => r.includes('/api/docs') || !r.includes(' /api/'))).toEqual([]);
});

it('answers thousands of generated requests on every route below 500, each refusal with an error code and a message', async () => {
  const routes = listRoutes(running.app);
  const perRoute = Math.ceil(HTTP_REQUESTS / routes.length);
  // Logging out with the fuzzer's own session would lock the rest of the run out, so that route gets spare sessions.
  const probes = routes.flatMap((route, i) =>
    fc.sample(probeArb(route, route.path === '/api/auth/logout' ? { ...pools, tokens: logoutTokens } : pools), { seed: SEED + i, numRuns: perRoute }),
  );
  const agent = new http.Agent({ keepAlive: true, maxSockets: HTTP_CONCURRENCY });
  const base = new URL(running.url);
  const violations: string[] = [];
  await pool(probes, HTTP_CONCURRENCY, async (probe) => {
    const res = await send(base, agent, probe);
    stats.httpRequests++;
    count(stats.httpStatuses, res.status);
    const problem = httpProblem(res);
    if (problem) violations.push(`${problem} <- ${describeProbe(probe)}`);
  });
  agent.destroy();
  expect({ seed: SEED, violations: violations.slice(0, 10), total: violations.length }).toEqual({ seed: SEED, violations: [], total: 0 });
  expect(stats.httpRequests).toBeGreaterThanOrEqual(6_000);
  // The generators reach past validation: some requests succeed, and every kind of refusal occurs.
  expect(Object.keys(stats.httpStatuses).map(Number)).toEqual(expect.arrayContaining([200, 400, 401, 404]));
}, 180_000);

/** Emits one generated message; resolves with a problem, or null when the contract held (or no answer was asked for). */
function emit(socket: Client, e: Emit): Promise<string | null> {
  const raw = socket as unknown as {
    emit(event: string, ...args: unknown[]): void;
    timeout(ms: number): { emit(event: string, ...args: unknown[]): void };
  };
  stats.socketEmits++;
  if (e.ack !== 'ack') {
    raw.emit(e.event, ...e.args);
    return Promise.resolve(null);
  }
  return new Promise((resolve) => {
    raw.timeout(ACK_TIMEOUT_MS).emit(e.event, ...e.args, (error: Error | null, ack: unknown) => {
      if (error) return resolve(`no acknowledgement within ${ACK_TIMEOUT_MS} ms`);
      stats.acked++;
      count(stats.ackCodes, (ack as { ok?: boolean; code?: string }).ok ? 'ok' : String((ack as { code?: string }).code));
      resolve(ackProblem(ack));
    });
  });
}

it('acknowledges thousands of generated socket messages to every event from every role, and disconnects no one', async () => {
  const disconnects: string[] = [];
  for (const { label, socket } of targets) socket.on('disconnect', (reason) => disconnects.push(`${label}: ${reason}`));
  const perPair = Math.ceil(SOCKET_EMITS / (targets.length * CLIENT_EVENTS.length));
  const violations: string[] = [];
  await Promise.all(
    targets.map(async ({ label, socket }, t) => {
      const emits = CLIENT_EVENTS.flatMap((event, i) => fc.sample(emitArb(event, socketPools), { seed: SEED + 1000 * (t + 1) + i, numRuns: perPair }));
      await pool(emits, EMITS_IN_FLIGHT, async (e) => {
        const problem = await emit(socket, e);
        if (problem) violations.push(`${label}: ${problem} <- ${describeEmit(e)}`);
      });
    }),
  );
  // Every socket still answers, so the messages without an acknowledgement broke nothing either.
  for (const { label, socket } of targets) {
    const snapshot = await call(socket, 'session:snapshot');
    if (!snapshot.ok && ackProblem(snapshot)) violations.push(`${label}: snapshot afterwards: ${ackProblem(snapshot)}`);
  }
  expect({ seed: SEED, violations: violations.slice(0, 10), total: violations.length, disconnects }).toEqual({ seed: SEED, violations: [], total: 0, disconnects: [] });
  expect(targets.every((t) => t.socket.connected)).toBe(true);
  expect(targets.length).toBeGreaterThanOrEqual(4);
  expect(stats.socketEmits).toBeGreaterThanOrEqual(4_000);
  expect(stats.acked).toBeGreaterThanOrEqual(2_500);
  // Nothing leaked into the prototypes of this process (the server runs in it).
  expect(({} as Record<string, unknown>).polluted ?? ({} as Record<string, unknown>).isAdmin).toBeUndefined();
}, 180_000);

/** Connects with a generated `auth`; resolves with a problem, or null when it connected or was refused with a code and message. */
function tryAuth(auth: Record<string, unknown>): Promise<string | null> {
  const socket = io(running.url, { auth, transports: ['websocket'], reconnection: false, forceNew: true, timeout: ACK_TIMEOUT_MS });
  return new Promise((resolve) => {
    socket.once('connect', () => {
      count(stats.connectOutcomes, 'connected');
      socket.close();
      resolve(null);
    });
    socket.once('connect_error', (error: Error & { data?: { code?: unknown; message?: unknown } }) => {
      socket.close();
      const code = error.data?.code;
      count(stats.connectOutcomes, String(code));
      if (!(SOCKET_ERROR_CODES as readonly unknown[]).includes(code) || code === 'INTERNAL') return resolve(`refused with code ${String(code)}: ${error.message}`);
      resolve(typeof error.data?.message === 'string' && error.data.message !== '' ? null : `refused (${String(code)}) without a message`);
    });
  });
}

it('refuses generated socket credentials with a code and a message', async () => {
  const auths = fc.sample(socketAuthArb(socketPools), { seed: SEED + 99, numRuns: SOCKET_CONNECTS });
  const violations: string[] = [];
  await pool(auths, 8, async (auth) => {
    stats.connects++;
    const problem = await tryAuth(auth);
    if (problem) violations.push(`${problem} <- ${(JSON.stringify(auth) ?? '').slice(0, 200)}`);
  });
  expect({ seed: SEED, violations: violations.slice(0, 10), total: violations.length }).toEqual({ seed: SEED, violations: [], total: 0 });
  expect(stats.connects).toBe(SOCKET_CONNECTS);
  expect(Object.keys(stats.connectOutcomes)).toEqual(expect.arrayContaining(['connected', 'NOT_FOUND', 'UNAUTHENTICATED', 'INVALID_PAYLOAD']));
}, 120_000);

it('keeps serving afterwards: a fresh evening runs, a new phone scores, and nothing failed inside', async () => {
  await request(running.url).get('/api/meta').expect(200);
  const after = await organiser(running.url, 'Nacontrole');
  const evening = await frozen(after, 'Na de storm');
  const hostSocket = await connect(running.url, { role: 'host', eveningId: evening.id, token: after.session.token });
  sockets.push(hostSocket);
  const newPhone = await phone(running.url, evening.joinCode);
  sockets.push(newPhone.socket);
  ok(await call(hostSocket, 'host:command', { type: 'start-pitch', bidderId: evening.bidders[0]!.id }));
  ok(await call(hostSocket, 'host:command', { type: 'open-scoring', bidderId: evening.bidders[0]!.id }));
  const receipt = ok(await call(newPhone.socket, 'ballot:submit', { ballotId: randomUUID(), bidderId: evening.bidders[0]!.id, grades: grades(evening, 4) }));
  expect(receipt.receipt).toMatch(/^[A-Z2-9]{4}-[A-Z2-9]{4}$/);
  expect({ loggedErrors: loggedErrors.slice(0, 5), unhandled }).toEqual({ loggedErrors: [], unhandled: [] });
});
