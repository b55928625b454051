/// <reference types="svelte" />
/**
 * What the phone tells the server about the ballot its owner is busy with
 * (frontend/src/lib/live.svelte.ts, `ballot:progress`): filling in the form, a ballot waiting in
 * the outbox, or neither, so the host sees who is still busy before closing. Compiled with
 * Svelte's runes as in the browser; only the boundaries are fakes (socket.io's `io()`, `fetch`,
 * `localStorage`), as in live.spec.ts.
 */
import type { LiveState } from '@buurtjury/shared';
import { fakeSocketIo, serveState, sockets, waitFor } from './fake-server';
import { MemoryStorage } from './memory-storage';

jest.mock('socket.io-client', () => fakeSocketIo);

/** The pitches the fake server reports: bidder-1 with scoring open, bidder-2 closed. */
const PITCHES = [
  { bidderId: 'bidder-1', status: 'presenting', scoring: 'open', startedAt: null, scoringOpenedAt: null, scoringClosesAt: null, scoringClosedAt: null },
  { bidderId: 'bidder-2', status: 'done', scoring: 'closed', startedAt: null, scoringOpenedAt: null, scoringClosesAt: null, scoringClosedAt: null },
];
serveState(() => ({ serverTime: new Date().toISOString(), phase: 'live', pitches: PITCHES }) as unknown as LiveState);

const storage = new MemoryStorage();
beforeAll(() => {
  Object.assign(globalThis, { localStorage: storage });
  globalThis.fetch = jest.fn(async (_url: unknown, init?: RequestInit) => {
    const body = JSON.parse(String(init?.body)) as { attendeeToken?: string };
    return new Response(JSON.stringify({ attendeeToken: body.attendeeToken ?? 'token-1' }), { status: 200, headers: { 'Content-Type': 'application/json' } });
  }) as typeof fetch;
});

// eslint-disable-next-line @typescript-eslint/no-require-imports
const { AttendeeSession, isTooLate } = require('../../frontend/src/lib/live.svelte') as typeof import('../../frontend/src/lib/live.svelte');

const stops: (() => void)[] = [];
beforeEach(() => {
  storage.clear();
  sockets.length = 0;
});
afterEach(() => {
  for (const stop of stops.splice(0)) stop();
});

/** A phone page that joined and is connected, with its first snapshot applied. */
async function connectedPhone() {
  const session = new AttendeeSession('ABC234');
  stops.push(session.start());
  await waitFor(() => sockets.length > 0 && session.joined);
  const socket = sockets[sockets.length - 1]!;
  socket.serverConnects();
  await waitFor(() => session.live.synced);
  return { session, socket };
}

describe('the phone reporting what its owner is busy with', () => {
  it('says once per page, for each open pitch, what it is doing with it (nothing yet), and nothing about closed pitches', async () => {
    const { socket } = await connectedPhone();
    await waitFor(() => socket.sent().length > 0);
    expect(socket.sent()).toEqual(['idle bidder-1']);
  });

  it('reports a form kept over a reload as still being filled in', async () => {
    storage.setItem('buurtjury.draft.ABC234', JSON.stringify({ 'bidder-1': { grades: { crit: 3 }, remark: '' } }));
    const { session, socket } = await connectedPhone();
    await waitFor(() => socket.sent().length > 0);
    expect(socket.sent()).toEqual(['filling bidder-1']);
    expect(session.progress('bidder-1')).toBe('filling');
  });

  it('reports filling in once, at the first grade, and stops being busy when the ballot is received', async () => {
    const { session, socket } = await connectedPhone();
    session.fill('bidder-1');
    session.fill('bidder-1');
    await waitFor(() => socket.sent().includes('filling bidder-1'));
    expect(session.progress('bidder-1')).toBe('filling');

    await session.submit('bidder-1', { crit: 4 }, '');
    expect(session.status('bidder-1')).toBe('received');
    expect(session.progress('bidder-1')).toBe('idle');
    // The stored ballot ends the busy state on the server: no extra message for it.
    expect(socket.sent()).toEqual(['idle bidder-1', 'filling bidder-1', 'submit bidder-1']);
  });

  it('reports a cancelled change as no longer busy', async () => {
    const { session, socket } = await connectedPhone();
    session.fill('bidder-1');
    session.stopFilling('bidder-1');
    await waitFor(() => socket.sent().length === 3);
    expect(socket.sent()).toEqual(['idle bidder-1', 'filling bidder-1', 'idle bidder-1']);
  });

  it('reports a ballot waiting in the outbox when sending gets no answer, and again on reconnect before sending it', async () => {
    const { session, socket } = await connectedPhone();
    session.fill('bidder-1');
    socket.drops();
    await session.submit('bidder-1', { crit: 4 }, '');
    expect(session.status('bidder-1')).toBe('pending');
    expect(session.progress('bidder-1')).toBe('waiting');
    // Without a connection nothing can be said; the server sees this phone's connection go while it was filling in.
    expect(socket.sent()).toEqual(['idle bidder-1', 'filling bidder-1']);

    // Back: the host is told the ballot is waiting before it is sent, so a failed send still shows.
    socket.serverConnects();
    await waitFor(() => session.status('bidder-1') === 'received');
    expect(socket.sent()).toEqual(['idle bidder-1', 'filling bidder-1', 'waiting bidder-1', 'submit bidder-1']);
    expect(session.progress('bidder-1')).toBe('idle');
  });

  it('does not repeat a report the server refused, and a ballot refused as too late leaves the outbox with its reason', async () => {
    const { session, socket } = await connectedPhone();
    socket.answerProgress = (_report, ack) => ack({ ok: false, code: 'TIED_TO_BIDDER', reason: 'tiedToBidder', message: 'tied' });
    session.fill('bidder-1');
    await waitFor(() => socket.sent().length === 2);
    // A reconnect reports what changed since: the refused report is not sent again.
    socket.drops();
    socket.serverConnects();
    await waitFor(() => session.live.synced);
    await Promise.resolve();
    expect(socket.sent()).toEqual(['idle bidder-1', 'filling bidder-1']);

    const late = { ok: false, code: 'SCORING_CLOSED', reason: 'ballotTooLate', params: { time: '21:04' }, message: 'late' };
    socket.answerBallot = (_ballot, ack) => ack(late);
    await session.submit('bidder-2', { crit: 3 }, '');
    expect(session.status('bidder-2')).toBe('refused');
    expect(isTooLate(session.refusals['bidder-2'])).toBe(true);
    expect(session.outbox).toEqual([]);
    expect(isTooLate({ reason: 'scoringClosed' })).toBe(false);
  });
});
