/**
 * A light phone for the load benchmarks: the socket.io protocol (engine.io 4, socket.io 5) spoken
 * directly over one `ws` WebSocket, with only what a phone in the benchmarks does: connect with
 * its `auth`, send events (with an acknowledgement), receive events it listens for, answer the
 * server's pings and close. No reconnection, no buffering, no binary packets.
 *
 * Why: socket.io-client in one process for 10,000 phones spent about 165 µs of CPU per ballot on
 * this 2-core machine (measured 2026-12-05), more than the floor server itself (about 110 µs).
 * So the harness, not the servers, was the largest consumer of the machine during a burst, and
 * both servers were measured starved. The issue that set the floor comparison asks for a light
 * harness for both; `BENCH_HARNESS=socket.io` still runs the old one (test/bench/phones.ts).
 *
 * What the server sees is the same as from socket.io-client over websocket: the same packets, in
 * the same order (open, CONNECT with auth, EVENT with an ack id, ACK), without an Origin header.
 */
import WebSocket from 'ws';

type Listener = (...args: never[]) => void;

/** The parts of a socket.io client socket the benchmarks' phones use. */
export interface Phone {
  emit(event: string, ...args: unknown[]): unknown;
  on(event: string, listener: Listener): unknown;
  once(event: string, listener: Listener): unknown;
  close(): unknown;
}

/** The socket.io URL of a server's default namespace, over websocket only. */
function socketUrl(base: string): string {
  const url = new URL('/socket.io/', base.replace(/^http/, 'ws'));
  url.searchParams.set('EIO', '4');
  url.searchParams.set('transport', 'websocket');
  return url.toString();
}

export class LightPhone implements Phone {
  private nextAck = 0;
  private readonly acks = new Map<number, (...args: unknown[]) => void>();
  private readonly listeners = new Map<string, Listener[]>();
  private ws: WebSocket | null = null;

  /** Connects and joins the default namespace with `auth`; rejects with the server's refusal, or after `timeoutMs`. */
  static connect(base: string, auth: Record<string, unknown>, timeoutMs = 60_000): Promise<LightPhone> {
    const phone = new LightPhone();
    return new Promise((resolve, reject) => {
      const ws = new WebSocket(socketUrl(base), {
        perMessageDeflate: false,
        // An all-zero masking key: ws then sends the text as it is instead of copying and masking
        // it (RFC 6455 requires a key, not a random one from a benchmark on the same machine).
        generateMask: (mask: Buffer) => mask.fill(0),
        // The server's frames are socket.io's own JSON; not validated again byte by byte.
        skipUTF8Validation: true,
      });
      phone.ws = ws;
      const timer = setTimeout(() => fail(new Error('connect timeout')), timeoutMs);
      let settled = false;
      const fail = (error: Error) => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        ws.terminate();
        reject(error);
      };
      ws.on('error', fail);
      ws.on('close', () => {
        fail(new Error('closed before connecting'));
        // Unanswered acknowledgements stay unanswered, as with socket.io-client without reconnection.
        phone.acks.clear();
      });
      ws.on('message', (data: WebSocket.RawData, isBinary: boolean) => {
        if (isBinary) return;
        const text = data.toString();
        switch (text.charCodeAt(0)) {
          case 0x30: // "0": engine.io open; the namespace's CONNECT with auth follows
            ws.send(`40${JSON.stringify(auth)}`);
            return;
          case 0x32: // "2": ping
            ws.send('3');
            return;
          case 0x34: // "4": a socket.io packet
            if (text.startsWith('40')) {
              if (!settled) {
                settled = true;
                clearTimeout(timer);
                resolve(phone);
              }
            } else if (text.startsWith('44')) {
              const refusal = JSON.parse(text.slice(2)) as { message?: string };
              fail(new Error(refusal.message ?? 'connect_error'));
            } else phone.packet(text);
            return;
          default: // "1" close, "3" pong, "6" noop: nothing to do
            return;
        }
      });
    });
  }

  /** A socket.io packet after the namespace connected: "42[...]" an event, "43<id>[...]" an acknowledgement. */
  private packet(text: string): void {
    const type = text.charCodeAt(1);
    if (type === 0x33) {
      const open = text.indexOf('[', 2);
      const id = Number(text.slice(2, open));
      const ack = this.acks.get(id);
      if (!ack) return;
      this.acks.delete(id);
      ack(...(JSON.parse(text.slice(open)) as unknown[]));
    } else if (type === 0x32) {
      // Parsed only when someone listens to the event (its name is the array's first string).
      const nameEnd = text.indexOf('"', 4);
      const listeners = this.listeners.get(text.slice(4, nameEnd));
      if (!listeners || listeners.length === 0) return;
      const [, ...args] = JSON.parse(text.slice(2)) as unknown[];
      for (const listener of [...listeners]) (listener as (...a: unknown[]) => void)(...args);
    }
  }

  emit(event: string, ...args: unknown[]): this {
    const last = args[args.length - 1];
    if (typeof last === 'function') {
      const id = this.nextAck++;
      this.acks.set(id, last as (...a: unknown[]) => void);
      this.ws!.send(`42${id}${JSON.stringify([event, ...args.slice(0, -1)])}`);
    } else this.ws!.send(`42${JSON.stringify([event, ...args])}`);
    return this;
  }

  on(event: string, listener: Listener): this {
    const list = this.listeners.get(event);
    if (list) list.push(listener);
    else this.listeners.set(event, [listener]);
    return this;
  }

  once(event: string, listener: Listener): this {
    const wrapped = ((...args: unknown[]) => {
      this.off(event, wrapped);
      (listener as (...a: unknown[]) => void)(...args);
    }) as Listener;
    return this.on(event, wrapped);
  }

  off(event: string, listener: Listener): this {
    const list = this.listeners.get(event);
    if (list) this.listeners.set(event, list.filter((l) => l !== listener));
    return this;
  }

  close(): this {
    const ws = this.ws;
    if (ws && ws.readyState === WebSocket.OPEN) {
      ws.send('41');
      ws.close();
    } else ws?.terminate();
    return this;
  }
}
