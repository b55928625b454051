/// <reference types="svelte" />
/**
 * The phone's session state and ballot outbox (frontend/src/lib/live.svelte.ts), compiled with
 * Svelte's runes as in the browser. Only the boundaries are fakes: socket.io's `io()` returns a
 * fake socket that answers like the server, `fetch` answers the join request, and
 * `localStorage` is an in-memory store that outlives a session (a reload is a new session on
 * the same storage).
 */
import type { AttendeeSelf, BallotSubmission, LiveState, Programme } from '@buurtjury/shared';

type Handler = (...args: unknown[]) => void;
type Ack = (result: unknown) => void;

/** A socket.io client socket as far as the phone uses it, with the server's side in the test's hands. */
class FakeSocket {
  connected = false;
  active = true;
  readonly emitted: { event: string; payload: unknown }[] = [];
  private handlers = new Map<string, Handler[]>();
  /** How the fake server answers `ballot:submit` (the default accepts). */
  answerBallot: (ballot: BallotSubmission, ack: Ack) => void = (ballot, ack) => ack(accept(ballot));
  /** The attendee's own view the fake server returns in snapshots. */
  me: AttendeeSelf = { firstName: '', joinedAt: null, ties: [], ballots: [], scoredElsewhere: [], missed: [] };

  on(event: string, handler: Handler): this {
    this.handlers.set(event, [...(this.handlers.get(event) ?? []), handler]);
    return this;
  }
  emit(event: string, ...args: unknown[]): this {
    const ack = args.pop() as Ack;
    const payload = args[0];
    this.emitted.push({ event, payload });
    if (event === 'session:snapshot') ack({ ok: true, snapshot: { role: 'attendee', programme: PROGRAMME, state: state(), reveal: null, me: this.me } });
    else if (event === 'ballot:submit') this.answerBallot(payload as BallotSubmission, ack);
    return this;
  }
  removeAllListeners(): this {
    this.handlers.clear();
    return this;
  }
  connect(): this {
    return this;
  }
  disconnect(): this {
    this.connected = false;
    return this;
  }
  /** The server accepts the connection. */
  serverConnects(): void {
    this.connected = true;
    this.fire('connect');
  }
  /** The network goes. */
  drops(): void {
    this.connected = false;
    this.fire('disconnect', 'transport close');
  }
  submitted(): BallotSubmission[] {
    return this.emitted.filter((e) => e.event === 'ballot:submit').map((e) => e.payload as BallotSubmission);
  }
  private fire(event: string, ...args: unknown[]): void {
    for (const handler of this.handlers.get(event) ?? []) handler(...args);
  }
}

const PROGRAMME = { title: 'Avond', bidders: [], criteria: [], rules: { presenceRule: false } } as unknown as Programme;
const state = () => ({ serverTime: new Date().toISOString(), phase: 'running', pitches: [] }) as unknown as LiveState;
let receipts = 0;
function accept(ballot: BallotSubmission) {
  receipts++;
  return { ok: true, ballotId: ballot.ballotId, bidderId: ballot.bidderId, receipt: `RCPT-000${receipts}`, acceptedAt: new Date().toISOString() };
}

const sockets: FakeSocket[] = [];
jest.mock('socket.io-client', () => ({
  io: jest.fn(() => {
    const socket = new FakeSocket();
    sockets.push(socket);
    return socket;
  }),
}));

/** localStorage that survives a "reload" (a new session object). */
class MemoryStorage {
  private items = new Map<string, string>();
  getItem(key: string): string | null {
    return this.items.get(key) ?? null;
  }
  setItem(key: string, value: string): void {
    this.items.set(key, String(value));
  }
  removeItem(key: string): void {
    this.items.delete(key);
  }
  clear(): void {
    this.items.clear();
  }
}
const storage = new MemoryStorage();
const joins: { joinCode: string; attendeeToken?: string }[] = [];

beforeAll(() => {
  Object.assign(globalThis, { localStorage: storage });
  globalThis.fetch = jest.fn(async (_url: unknown, init?: RequestInit) => {
    const body = JSON.parse(String(init?.body)) as { joinCode: string; attendeeToken?: string };
    joins.push(body);
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
});
afterEach(() => {
  for (const stop of stops.splice(0)) stop();
  jest.useRealTimers();
});

/** Opens the phone page: joins over REST and opens the socket (not yet connected). */
async function openPhone() {
  const session = new AttendeeSession(CODE);
  stops.push(session.start());
  await waitFor(() => sockets.length > 0 && session.joined);
  return { session, socket: sockets[sockets.length - 1]! };
}

/** Lets the promises the session started settle (acknowledgements are answered synchronously by the fake). */
async function waitFor(condition: () => boolean): Promise<void> {
  for (let i = 0; i < 50 && !condition(); i++) await Promise.resolve();
  expect(condition()).toBe(true);
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
