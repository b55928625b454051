import { createServer, connect, type Server, type Socket } from 'node:net';

/**
 * A TCP proxy in front of a service (Redis here) that a test can cut and restore, so one app
 * loses the service while the machine's own server keeps running for everyone else. While cut,
 * every open connection is destroyed and new ones are closed at once (as a dead network would
 * refuse them).
 */
export interface TcpCut {
  /** Where the app connects: 127.0.0.1:port. */
  port: number;
  cut(): void;
  restore(): void;
  close(): Promise<void>;
}

export async function tcpCut(targetPort: number, targetHost = '127.0.0.1'): Promise<TcpCut> {
  const open = new Set<Socket>();
  let isCut = false;
  const server: Server = createServer((client) => {
    if (isCut) {
      client.destroy();
      return;
    }
    const upstream = connect(targetPort, targetHost);
    open.add(client).add(upstream);
    const end = () => {
      client.destroy();
      upstream.destroy();
      open.delete(client);
      open.delete(upstream);
    };
    client.on('error', end).on('close', end);
    upstream.on('error', end).on('close', end);
    client.pipe(upstream);
    upstream.pipe(client);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as { port: number }).port;
  return {
    port,
    cut() {
      isCut = true;
      for (const socket of open) socket.destroy();
      open.clear();
    },
    restore() {
      isCut = false;
    },
    close() {
      isCut = true;
      for (const socket of open) socket.destroy();
      return new Promise((resolve) => server.close(() => resolve()));
    },
  };
}
