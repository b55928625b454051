import type { INestApplicationContext } from '@nestjs/common';
import { IoAdapter } from '@nestjs/platform-socket.io';
import type { Server, ServerOptions } from 'socket.io';

/** Largest socket message accepted; a ballot with a 1,000-character remark is about 2 KB. */
export const MAX_SOCKET_MESSAGE_BYTES = 16 * 1024;

/** socket.io server options for the live evening: small messages, no served client, same-origin only. */
export class LiveIoAdapter extends IoAdapter {
  constructor(app: INestApplicationContext) {
    super(app);
  }

  override createIOServer(port: number, options?: ServerOptions): Server {
    const server = super.createIOServer(port, {
      ...options,
      serveClient: false,
      maxHttpBufferSize: MAX_SOCKET_MESSAGE_BYTES,
      pingInterval: 20_000,
      pingTimeout: 20_000,
      connectTimeout: 15_000,
    }) as Server;
    // Each connection would otherwise keep its HTTP upgrade request (headers, socket references)
    // for its whole life: several KB per phone. Authentication uses the handshake's `auth`, not headers.
    server.engine.on('connection', (raw: { request: unknown }) => {
      raw.request = null;
    });
    return server;
  }
}
