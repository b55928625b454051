import type { INestApplication, INestApplicationContext } from '@nestjs/common';
import { IoAdapter } from '@nestjs/platform-socket.io';
import { createAdapter } from '@socket.io/redis-streams-adapter';
import type { Server, ServerOptions } from 'socket.io';
import type { TrustProxy } from '../platform/common/client-address';
import type { OriginPolicy } from '../platform/common/origins';
import { RedisConnections } from '../platform/redis/redis.service';
import { HALF_OPEN_MS, SocketSessions, type EngineConnection } from './socket-sessions';

/** Largest socket message accepted; a ballot with a 1,000-character remark is about 2 KB. */
export const MAX_SOCKET_MESSAGE_BYTES = 16 * 1024;

/**
 * socket.io server options for the live evening: small messages, no served client, and browsers
 * only from this server's own pages or an allowed origin (a page elsewhere cannot open a socket).
 */
export class LiveIoAdapter extends IoAdapter {
  constructor(
    private readonly app: INestApplicationContext,
    private readonly origins: OriginPolicy,
  ) {
    super(app);
  }

  override createIOServer(port: number, options?: ServerOptions): Server {
    const live: Partial<ServerOptions> = {
      ...options,
      serveClient: false,
      maxHttpBufferSize: MAX_SOCKET_MESSAGE_BYTES,
      pingInterval: 20_000,
      pingTimeout: 20_000,
      // A session that has not logged in by then is closed (see SocketSessions).
      connectTimeout: HALF_OPEN_MS,
      allowRequest: (req, admit) => admit(null, this.origins.admitsHandshake(req.headers.origin, req.headers.host)),
      ...(this.origins.allowedOrigins.length > 0 ? { cors: { origin: this.origins.allowedOrigins } } : {}),
    };
    const server = super.createIOServer(port, live) as Server;
    // Several nodes: rooms and broadcasts reach every node's sockets through a Redis stream, which
    // (unlike Redis pub/sub) resumes where it was after Redis was away for a while.
    const redis = this.app.get(RedisConnections, { strict: false });
    if (redis.shared) server.adapter(createAdapter(redis.shared, { streamName: redis.key('socket.io'), channelPrefix: redis.key('socket.io'), onlyPlaintext: true, blockTimeInMs: 1_000 }));
    const sessions = this.app.get(SocketSessions, { strict: false });
    // The same idea of the client's address as req.ip: Express's compiled TRUST_PROXY.
    const express = (this.app as INestApplication).getHttpAdapter?.().getInstance?.() as { get?: (name: string) => unknown } | undefined;
    const trust = express?.get?.('trust proxy fn');
    if (typeof trust === 'function') sessions.trust = trust as TrustProxy;
    // Each connection would otherwise keep its HTTP upgrade request (headers, socket references)
    // for its whole life: several KB per phone. Authentication uses the handshake's `auth`, not
    // headers; the client's address is taken first, for the per-address limits.
    server.engine.on('connection', (raw: EngineConnection) => {
      sessions.opened(raw);
      raw.request = null;
    });
    return server;
  }
}
