import type { HttpException } from '@nestjs/common';
import { Test, type TestingModule } from '@nestjs/testing';
import type { ErrorCode } from '@buurtjury/shared';
import type { Actor } from '../../backend/src/accounts/actor';
import { AccountsService } from '../../backend/src/accounts/accounts.service';
import { AppModule } from '../../backend/src/app.module';
import { loadConfig } from '../../backend/src/platform/config/config';
import type { SocketContext } from '../../backend/src/live/socket-context';

/** The real module graph on an in-memory sqlite database, migrated like production. For service tests. */
export async function createHarness(): Promise<{ module: TestingModule; signUp(name: string): Promise<Actor>; close(): Promise<void> }> {
  const config = { ...loadConfig({ DATABASE_PATH: ':memory:', PUBLIC_URL: 'https://jury.test' }), frontendDist: '/nonexistent' };
  const module = await Test.createTestingModule({ imports: [AppModule.forRoot(config)] }).compile();
  await module.init();
  let n = 0;
  return {
    module,
    async signUp(name: string): Promise<Actor> {
      n++;
      const s = await module.get(AccountsService).signUp({
        email: `${name.toLowerCase()}${n}@example.nl`,
        password: 'correct horse battery',
        displayName: name,
        networkName: `Network of ${name}`,
      });
      const actor = await module.get(AccountsService).authenticate(s.token);
      return actor!;
    },
    close: () => module.close(),
  };
}

/** A host connection's context for service tests: the actor's session lasts a day. */
export function hostContext(actor: Actor, eveningId: string): Extract<SocketContext, { role: 'host' }> {
  return { role: 'host', eveningId, actor, sessionId: actor.sessionId ?? 'test-session', sessionExpiresAt: Date.now() + 86_400_000 };
}

/** Asserts that a promise is refused with the given HTTP status and error code. */
export async function expectRefusal(promise: Promise<unknown>, status: number, code: ErrorCode): Promise<void> {
  let caught: unknown;
  try {
    await promise;
  } catch (error) {
    caught = error;
  }
  expect(caught).toBeDefined();
  const e = caught as HttpException;
  expect({ status: e.getStatus(), code: (e.getResponse() as { code: string }).code }).toEqual({ status, code });
}
