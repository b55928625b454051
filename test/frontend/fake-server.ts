/**
 * The server the phone's session (frontend/src/lib/live.svelte.ts) talks to, faked for the
 * frontend unit specs: a socket.io client socket whose server side is in the test's hands. A spec
 * mocks socket.io-client with `fakeSocketIo` and says with `serveState` what the snapshots hold;
 * ./memory-storage is the storage that outlives a "reload".
 */
import type { AttendeeSelf, BallotProgress, BallotSubmission, LiveState, Programme } from '@buurtjury/shared';

export type Handler = (...args: unknown[]) => void;
export type Ack = (result: unknown) => void;

export const PROGRAMME = { title: 'Avond', bidders: [], criteria: [], rules: { presenceRule: false } } as unknown as Programme;

let receipts = 0;
/** The server's acknowledgement of an accepted ballot, with a new receipt code each time. */
export function accept(ballot: BallotSubmission) {
  receipts++;
  return { ok: true, ballotId: ballot.ballotId, bidderId: ballot.bidderId, receipt: `RCPT-000${receipts}`, acceptedAt: new Date().toISOString() };
}

let currentState: () => LiveState = () => ({ serverTime: new Date().toISOString(), phase: 'before', pitches: [] }) as unknown as LiveState;
/** The live state every fake socket's snapshot returns from now on. */
export function serveState(state: () => LiveState): void {
  currentState = state;
}

/** A socket.io client socket as far as the phone uses it, with the server's side in the test's hands. */
export class FakeSocket {
  connected = false;
  active = true;
  readonly emitted: { event: string; payload: unknown }[] = [];
  private handlers = new Map<string, Handler[]>();
  /** How the fake server answers `ballot:submit` (the default accepts). */
  answerBallot: (ballot: BallotSubmission, ack: Ack) => void = (ballot, ack) => ack(accept(ballot));
  /** How the fake server answers `ballot:progress` (the default takes note). */
  answerProgress: (report: BallotProgress, ack: Ack) => void = (_report, ack) => ack({ ok: true });
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
    if (event === 'session:snapshot') ack({ ok: true, snapshot: { role: 'attendee', programme: PROGRAMME, state: currentState(), reveal: null, me: this.me } });
    else if (event === 'ballot:submit') this.answerBallot(payload as BallotSubmission, ack);
    else if (event === 'ballot:progress') this.answerProgress(payload as BallotProgress, ack);
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
  /** The progress reports and ballots in the order the phone sent them: `filling bidder-1`, `submit bidder-1`, … */
  sent(): string[] {
    return this.emitted
      .filter((e) => e.event === 'ballot:progress' || e.event === 'ballot:submit')
      .map((e) => (e.event === 'ballot:submit' ? `submit ${(e.payload as BallotSubmission).bidderId}` : `${(e.payload as BallotProgress).state} ${(e.payload as BallotProgress).bidderId}`));
  }
  /** The server pushes an event (a new state, the end of the session). */
  push(event: string, payload: unknown): void {
    this.fire(event, payload);
  }
  private fire(event: string, ...args: unknown[]): void {
    for (const handler of this.handlers.get(event) ?? []) handler(...args);
  }
}

/** Every socket the phone opened, newest last. */
export const sockets: FakeSocket[] = [];
/** socket.io-client's module as the phone imports it: `io()` opens a fake socket. */
export const fakeSocketIo = {
  io: () => {
    const socket = new FakeSocket();
    sockets.push(socket);
    return socket;
  },
};

/** Lets the promises the session started settle (acknowledgements are answered synchronously by the fake). */
export async function waitFor(condition: () => boolean): Promise<void> {
  for (let i = 0; i < 50 && !condition(); i++) await Promise.resolve();
  expect(condition()).toBe(true);
}
