import { io, type Socket } from 'socket.io-client';
import request from 'supertest';
import type { Ack, ClientToServerEvents, JoinResponse, ServerToClientEvents, SocketAuth } from '@buurtjury/shared';

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
