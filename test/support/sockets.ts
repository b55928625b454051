import { randomUUID } from 'node:crypto';
import { io, type Socket } from 'socket.io-client';
import request from 'supertest';
import type { Ack, ClientToServerEvents, EveningDetail, JoinResponse, ServerToClientEvents, SocketAuth } from '@buurtjury/shared';

export type Client = Socket<ServerToClientEvents, ClientToServerEvents>;

/** Connects a typed socket.io client and resolves once connected (rejects with the server's refusal). */
export function connect(url: string, auth: SocketAuth): Promise<Client> {
  const socket: Client = io(url, { auth, transports: ['websocket'], reconnection: false, forceNew: true });
  return new Promise((resolve, reject) => {
    socket.once('connect', () => resolve(socket));
    socket.once('connect_error', (error) => {
      socket.close();
      reject(error);
    });
  });
}

type Handler<E extends keyof ClientToServerEvents> = Parameters<ClientToServerEvents[E]>;
/** The payload arguments of an event (everything before the acknowledgement callback). */
type PayloadOf<E extends keyof ClientToServerEvents> = Handler<E> extends [...infer P, (result: never) => void] ? P : never;
/** What the server acknowledges an event with. */
type AckOf<E extends keyof ClientToServerEvents> = Handler<E> extends [...unknown[], (result: infer R) => void] ? R : never;

/** Emits and waits for the acknowledgement. */
export function call<E extends keyof ClientToServerEvents>(socket: Client, event: E, ...payload: PayloadOf<E>): Promise<AckOf<E>> {
  return new Promise((resolve) => {
    (socket.emit as (e: string, ...a: unknown[]) => void)(event, ...payload, resolve);
  });
}

/** Resolves with the next message of that event that satisfies the predicate. */
export function next<E extends keyof ServerToClientEvents>(
  socket: Client,
  event: E,
  predicate: (...args: Parameters<ServerToClientEvents[E]>) => boolean = () => true,
): Promise<Parameters<ServerToClientEvents[E]>[0]> {
  return new Promise((resolve) => {
    const handler = (...args: Parameters<ServerToClientEvents[E]>) => {
      if (!predicate(...args)) return;
      (socket.off as (e: string, h: unknown) => void)(event, handler);
      resolve(args[0]);
    };
    (socket.on as (e: string, h: unknown) => void)(event, handler);
  });
}

/** A phone: joins with the code over REST and connects as an attendee. */
export async function phone(url: string, joinCode: string): Promise<{ socket: Client; token: string }> {
  const joined = (await request(url).post('/api/join').send({ joinCode }).expect(200)).body as JoinResponse;
  const socket = await connect(url, { role: 'attendee', joinCode, attendeeToken: joined.attendeeToken });
  return { socket, token: joined.attendeeToken };
}

/** Narrows an acknowledgement to its success branch, failing the test with the server's message otherwise. */
export function ok<T extends object>(ack: Ack<T>): T {
  if (!ack.ok) throw new Error(`refused: ${ack.code}: ${ack.message}`);
  return ack;
}

export interface PlayOptions {
  phones: number;
  /** The grade phone `phone` gives bidder number `bidder` (0-based) on every criterion. */
  grade: (phone: number, bidder: number) => number;
  /** A remark with the ballot, or '' for none. */
  remark?: (phone: number, bidder: number) => string;
}

/**
 * Plays a frozen evening over the socket as its host would: the phones join, every pitch is
 * started (closing the previous one's scoring), scored by each phone and the evening ended.
 * Returns the sockets; the caller closes them.
 */
export async function playEvening(url: string, evening: EveningDetail, hostToken: string, o: PlayOptions): Promise<{ host: Client; phones: Client[] }> {
  const host = await connect(url, { role: 'host', eveningId: evening.id, token: hostToken });
  const phones: Client[] = [];
  for (let i = 0; i < o.phones; i++) phones.push((await phone(url, evening.joinCode)).socket);
  for (const [b, bidder] of evening.bidders.entries()) {
    ok(await call(host, 'host:command', { type: 'start-pitch', bidderId: bidder.id, closeOpenScoring: true }));
    ok(await call(host, 'host:command', { type: 'open-scoring', bidderId: bidder.id }));
    for (const [i, p] of phones.entries()) {
      const grades = Object.fromEntries(evening.criteria.map((c) => [c.id, o.grade(i, b)]));
      const remark = o.remark?.(i, b) ?? '';
      ok(await call(p, 'ballot:submit', { ballotId: randomUUID(), bidderId: bidder.id, grades, ...(remark ? { remark } : {}) }));
    }
  }
  ok(await call(host, 'host:command', { type: 'end-evening' }));
  return { host, phones };
}
