/// <reference types="svelte" />
/**
 * The phone's session state and ballot outbox (frontend/src/lib/live.svelte.ts), compiled with
 * Svelte's runes as in the browser. Only the boundaries are fakes: socket.io's `io()` returns a
 * fake socket that answers like the server, `fetch` answers the join request, and
 * `localStorage` is an in-memory store that outlives a session (a reload is a new session on
 * the same storage).
 */
import type { BallotSubmission, LiveState } from '@buurtjury/shared';
import { accept, fakeSocketIo, serveState, sockets, waitFor, type Ack, type FakeSocket } from './fake-server';
import { MemoryStorage } from './memory-storage';

jest.mock('socket.io-client', () => fakeSocketIo);

/** The pitches in the fake server's state: scoring open for both bidders unless a test says otherwise. */
let scoring: Record<string, 'not-opened' | 'open' | 'closed'> = {};
let phase = 'running';
const state = () =>
  ({
    serverTime: new Date().toISOString(),
    phase,
    pitches: Object.entries(scoring).map(([bidderId, s]) => ({ bidderId, status: 'presenting', startedAt: null, scoring: s, scoringOpenedAt: null, scoringClosesAt: null, scoringClosedAt: null })),
  }) as unknown as LiveState;
serveState(state);
const storage = new MemoryStorage();
const joins: { joinCode: string; attendeeToken?: string }[] = [];
/** Join codes the fake server does not know: joining answers 404 as the real one does. */
const unknownCodes = new Set<string>();

beforeAll(() => {
  Object.assign(globalThis, { localStorage: storage });
  globalThis.fetch = jest.fn(async (_url: unknown, init?: RequestInit) => {
    const body = JSON.parse(String(init?.body)) as { joinCode: string; attendeeToken?: string };
    joins.push(body);
    if (unknownCodes.has(body.joinCode)) {
      const refusal = { statusCode: 404, code: 'NOT_FOUND', reason: 'notFound.eveningCode', message: 'An evening with this code was not found.' };
      return new Response(JSON.stringify(refusal), { status: 404, headers: { 'Content-Type': 'application/json' } });
    }
    return new Response(JSON.stringify({ attendeeToken: body.attendeeToken ?? `token-${joins.length}` }), { status: 200, headers: { 'Content-Type': 'application/json' } });
  }) as typeof fetch;
});

// Imported after the boundaries are in place.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { AttendeeSession } = require('../../frontend/src/lib/live.svelte') as typeof import('../../frontend/src/lib/live.svelte');

const CODE = 'ABC234';
const stops: (() => void)[] = [];

beforeEach(() => {
  storage.clear();
  sockets.length = 0;
  joins.length = 0;
  unknownCodes.clear();
  scoring = { 'bidder-1': 'open', 'bidder-2': 'open' };
  phase = 'running';
});
afterEach(() => {
  for (const stop of stops.splice(0)) stop();
  jest.useRealTimers();
});

/** Opens the phone page: joins over REST and opens the socket (not yet connected). */
async function openPhone(code = CODE) {
  const session = new AttendeeSession(code);
  stops.push(session.start());
  await waitFor(() => sockets.length > 0 && session.joined);
  return { session, socket: sockets[sockets.length - 1]! };
}


function storedOutbox(): { ballot: BallotSubmission }[] {
  return JSON.parse(storage.getItem(`buurtjury.outbox.${CODE}`) ?? '[]') as { ballot: BallotSubmission }[];
}

describe('the phone outbox', () => {
  it('queues a ballot made without a connection, on the phone, and sends nothing yet', async () => {
    const { session, socket } = await openPhone();
    await session.submit('bidder-1', { crit: 4 }, '  Goed verhaal  ');

    expect(session.status('bidder-1')).toBe('pending');
    expect(socket.submitted()).toEqual([]);
    expect(storedOutbox()).toEqual([{ ballot: { ballotId: expect.any(String), bidderId: 'bidder-1', grades: { crit: 4 }, remark: 'Goed verhaal' }, savedAt: expect.any(String) }]);
  });

  it('resends the queued ballot after connecting, once, and shows the receipt the server gave', async () => {
    const { session, socket } = await openPhone();
    await session.submit('bidder-1', { crit: 4 }, '');
    const queued = storedOutbox()[0]!.ballot;

    socket.serverConnects();
    await waitFor(() => session.status('bidder-1') === 'received');

    expect(socket.submitted()).toEqual([queued]);
    expect(session.receipt('bidder-1')).toMatchObject({ ballotId: queued.ballotId, bidderId: 'bidder-1', receipt: expect.stringMatching(/^RCPT-/), grades: { crit: 4 }, remark: '' });
    expect(session.outbox).toEqual([]);
    expect(storage.getItem(`buurtjury.outbox.${CODE}`)).toBeNull();
  });

  it('sends at once while connected; a newer ballot for the same pitch replaces an unsent older one', async () => {
    const { session, socket } = await openPhone();
    socket.serverConnects();
    await waitFor(() => session.live.synced);

    socket.drops();
    await session.submit('bidder-1', { crit: 2 }, '');
    await session.submit('bidder-1', { crit: 5 }, 'beter');
    expect(storedOutbox().map((e) => e.ballot.grades)).toEqual([{ crit: 5 }]);

    socket.serverConnects();
    await waitFor(() => session.status('bidder-1') === 'received');
    expect(socket.submitted().map((b) => b.grades)).toEqual([{ crit: 5 }]);
    expect(session.receipt('bidder-1')?.remark).toBe('beter');
  });

  it('drops a queued ballot the server already has (its receipt came with the snapshot) without sending it again', async () => {
    const { session, socket } = await openPhone();
    await session.submit('bidder-1', { crit: 3 }, '');
    const queued = storedOutbox()[0]!.ballot;
    socket.me = { ...socket.me, ballots: [{ ballotId: queued.ballotId, bidderId: 'bidder-1', receipt: 'RCPT-EARLIER', acceptedAt: new Date().toISOString(), grades: { crit: 3 }, remark: '' }] };

    socket.serverConnects();
    await waitFor(() => session.outbox.length === 0);

    expect(socket.submitted()).toEqual([]);
    expect(session.status('bidder-1')).toBe('received');
    expect(session.receipt('bidder-1')?.receipt).toBe('RCPT-EARLIER');
  });

  it('keeps a ballot the server is too busy for and sends it again a little later; a refusal is shown and leaves the outbox', async () => {
    const { session, socket } = await openPhone();
    socket.serverConnects();
    await waitFor(() => session.live.synced);
    jest.useFakeTimers();

    let busy = true;
    socket.answerBallot = (ballot, ack) => ack(busy ? { ok: false, code: 'SERVER_BUSY', message: 'busy' } : accept(ballot));
    await session.submit('bidder-1', { crit: 4 }, '');
    expect(session.status('bidder-1')).toBe('pending');
    expect(storedOutbox()).toHaveLength(1);

    busy = false;
    await jest.advanceTimersByTimeAsync(4_000);
    await waitFor(() => session.status('bidder-1') === 'received');
    expect(socket.submitted()).toHaveLength(2);

    socket.answerBallot = (_ballot, ack) => ack({ ok: false, code: 'SCORING_CLOSED', message: 'Scoring is closed.' });
    await session.submit('bidder-2', { crit: 1 }, '');
    expect(session.status('bidder-2')).toBe('refused');
    expect(session.refusals['bidder-2']).toEqual({ ok: false, code: 'SCORING_CLOSED', message: 'Scoring is closed.' });
    expect(storedOutbox()).toEqual([]);
  });
});

describe('the phone after a reload', () => {
  it('joins again with its stored token and sends the ballot it saved before the reload', async () => {
    const before = await openPhone();
    await before.session.submit('bidder-1', { crit: 4 }, 'bewaard');
    const queued = storedOutbox()[0]!.ballot;
    for (const stop of stops.splice(0)) stop(); // the page goes

    const after = await openPhone();
    expect(after.session.outbox.map((e) => e.ballot)).toEqual([queued]);
    expect(after.session.status('bidder-1')).toBe('pending');
    expect(joins.map((j) => j.attendeeToken)).toEqual([undefined, 'token-1']);

    after.socket.serverConnects();
    await waitFor(() => after.session.status('bidder-1') === 'received');
    expect(after.socket.submitted()).toEqual([queued]);
  });

  it('remembers that the ties question was answered', async () => {
    const before = await openPhone();
    before.socket.serverConnects();
    await waitFor(() => before.session.live.synced);
    expect(before.session.tiesAnswered).toBe(false);
    before.socket.emit = ((_event: string, ...args: unknown[]) => {
      (args.pop() as Ack)({ ok: true, me: { ...before.socket.me, ties: [] } });
      return before.socket;
    }) as FakeSocket['emit'];
    expect(await before.session.setTies([])).toBeNull();
    for (const stop of stops.splice(0)) stop();

    const after = await openPhone();
    expect(after.session.tiesAnswered).toBe(true);
  });
});

function storedDrafts(code = CODE): Record<string, unknown> {
  return JSON.parse(storage.getItem(`buurtjury.draft.${code}`) ?? '{}') as Record<string, unknown>;
}

describe('the grades being filled in (drafts)', () => {
  it('keeps tapped grades and a remark over a reload, per evening and per bidder', async () => {
    const before = await openPhone();
    before.session.saveDraft('bidder-1', { crit: 4 }, '');
    before.session.saveDraft('bidder-1', { crit: 4, other: 2 }, 'Half af');
    before.session.saveDraft('bidder-2', { crit: 5 }, '');
    for (const stop of stops.splice(0)) stop(); // the page goes

    const after = await openPhone();
    expect(after.session.draft('bidder-1')).toEqual({ grades: { crit: 4, other: 2 }, remark: 'Half af' });
    expect(after.session.draft('bidder-2')).toEqual({ grades: { crit: 5 }, remark: '' });
    // Another evening on the same phone has drafts of its own.
    const other = await openPhone('XYZ789');
    expect(other.session.draft('bidder-1')).toBeUndefined();
  });

  it('forgets a draft once its ballot is saved to be sent, and keeps the other pitch\'s draft', async () => {
    const { session, socket } = await openPhone();
    socket.serverConnects();
    await waitFor(() => session.live.synced);
    session.saveDraft('bidder-1', { crit: 3 }, 'eerst');
    session.saveDraft('bidder-2', { crit: 1 }, '');

    await session.submit('bidder-1', { crit: 3 }, 'eerst');
    expect(session.status('bidder-1')).toBe('received');
    expect(session.draft('bidder-1')).toBeUndefined();
    expect(Object.keys(storedDrafts())).toEqual(['bidder-2']);
    // Clearing every grade and the remark leaves nothing to keep.
    session.saveDraft('bidder-2', {}, '  ');
    expect(storage.getItem(`buurtjury.draft.${CODE}`)).toBeNull();
  });

  it('drops the draft of a pitch whose scoring closed, and all of them when the evening ends', async () => {
    const { session, socket } = await openPhone();
    session.saveDraft('bidder-1', { crit: 3 }, '');
    session.saveDraft('bidder-2', { crit: 2 }, '');
    socket.serverConnects();
    await waitFor(() => session.live.synced);
    expect(Object.keys(session.drafts).sort()).toEqual(['bidder-1', 'bidder-2']);

    scoring = { 'bidder-1': 'closed', 'bidder-2': 'open' };
    socket.push('live:state', state());
    expect(Object.keys(session.drafts)).toEqual(['bidder-2']);
    expect(Object.keys(storedDrafts())).toEqual(['bidder-2']);

    phase = 'ended';
    socket.push('live:state', state());
    expect(session.drafts).toEqual({});
    expect(storage.getItem(`buurtjury.draft.${CODE}`)).toBeNull();
  });

  it('drops on the next snapshot a draft kept for a pitch that closed while the phone was away', async () => {
    const before = await openPhone();
    before.session.saveDraft('bidder-1', { crit: 3 }, '');
    for (const stop of stops.splice(0)) stop();

    scoring = { 'bidder-1': 'closed', 'bidder-2': 'open' };
    const after = await openPhone();
    expect(after.session.draft('bidder-1')).toEqual({ grades: { crit: 3 }, remark: '' });
    after.socket.serverConnects();
    await waitFor(() => after.session.live.synced);
    expect(after.session.draft('bidder-1')).toBeUndefined();
  });

  it('gives a refused ballot back as a draft while its pitch is open, so scoring again starts from it', async () => {
    const { session, socket } = await openPhone();
    socket.serverConnects();
    await waitFor(() => session.live.synced);
    socket.answerBallot = (_ballot, ack) => ack({ ok: false, code: 'INVALID_PAYLOAD', message: 'bad' });
    await session.submit('bidder-1', { crit: 2 }, 'opnieuw');
    expect(session.status('bidder-1')).toBe('refused');
    expect(session.draft('bidder-1')).toEqual({ grades: { crit: 2 }, remark: 'opnieuw' });
  });
});

describe('joining that cannot go on', () => {
  it('an unknown code: says so, shows no connection badge and does not keep trying', async () => {
    unknownCodes.add('QQQ777');
    jest.useFakeTimers();
    const session = new AttendeeSession('QQQ777');
    stops.push(session.start());
    await jest.advanceTimersByTimeAsync(0);
    expect(session.joinError).toMatchObject({ statusCode: 404, code: 'NOT_FOUND', reason: 'notFound.eveningCode' });
    expect(session.unknownCode).toBe(true);
    expect(session.connection).toBeNull();
    expect(session.live.status).toBe('connecting'); // the socket's own state: never opened
    await jest.advanceTimersByTimeAsync(60_000);
    expect(joins).toHaveLength(1);
    expect(sockets).toHaveLength(0);
  });

  it('a released ticket: the phone is told, stops showing a connection, and forgets the grades being filled in', async () => {
    const { session, socket } = await openPhone();
    socket.serverConnects();
    await waitFor(() => session.live.synced);
    expect(session.connection).toBe('connected');
    session.saveDraft('bidder-1', { crit: 4 }, 'van de vorige houder');

    socket.push('session:ended', { code: 'TICKET_RELEASED', reason: 'ticketReleased', message: 'released' });
    expect(session.joinError).toMatchObject({ code: 'TICKET_RELEASED', reason: 'ticketReleased' });
    expect(session.needsTicket).toBe(true);
    expect(session.connection).toBeNull();
    expect(session.drafts).toEqual({});
    expect(storage.getItem(`buurtjury.draft.${CODE}`)).toBeNull();
  });
});
