import type { EveningDetail } from '@buurtjury/shared';
import { completeEvening, organiser } from '../support/api';
import { startApp, type RunningApp } from '../support/app';
import { call, connect, ok, phone, type Client } from '../support/sockets';

/** A client that floods gets throttled, oversized messages are refused, and the server keeps serving. */
let running: RunningApp;
let evening: EveningDetail;
const sockets: Client[] = [];

beforeAll(async () => {
  running = await startApp({ MAX_CONNECTIONS: '10', SOCKET_RATE_LIMIT: '20' });
  const host = await organiser(running.url, 'Host');
  const draft = await completeEvening(host);
  evening = (await host.post(`/api/evenings/${draft.id}/freeze`).expect(200)).body as EveningDetail;
});
afterAll(async () => {
  for (const s of sockets) s.close();
  await running.close();
});

it('throttles a flooding connection with RATE_LIMITED while others are still served', async () => {
  const flooder = await phone(running.url, evening.joinCode);
  const calm = await phone(running.url, evening.joinCode);
  sockets.push(flooder.socket, calm.socket);
  const answers = await Promise.all(Array.from({ length: 60 }, () => call(flooder.socket, 'session:snapshot')));
  const limited = answers.filter((a) => !a.ok && a.code === 'RATE_LIMITED');
  expect(answers.filter((a) => a.ok)).toHaveLength(20);
  expect(limited).toHaveLength(40);
  expect(limited[0]).toMatchObject({ message: expect.stringMatching(/too many/i) });
  expect(ok(await call(calm.socket, 'session:snapshot')).snapshot.role).toBe('attendee');
});

it('drops a connection that sends an oversized message, and keeps serving', async () => {
  const big = await phone(running.url, evening.joinCode);
  sockets.push(big.socket);
  const closed = new Promise<string>((resolve) => big.socket.on('disconnect', (reason) => resolve(reason)));
  big.socket.emit('attendee:name', { firstName: 'x'.repeat(100_000) }, () => undefined);
  expect(await closed).toBe('transport close');
  const other = await phone(running.url, evening.joinCode);
  sockets.push(other.socket);
  expect(ok(await call(other.socket, 'session:snapshot')).snapshot.role).toBe('attendee');
});

it('refuses connections beyond the configured limit with SERVER_BUSY', async () => {
  for (const s of sockets.splice(0)) s.close();
  const open: Client[] = [];
  for (let i = 0; i < 10; i++) open.push(await connect(running.url, { role: 'screen', joinCode: evening.joinCode }));
  sockets.push(...open);
  const refused = await connect(running.url, { role: 'screen', joinCode: evening.joinCode }).then(
    () => null,
    (e: Error & { data?: { code: string } }) => e.data?.code,
  );
  expect(refused).toBe('SERVER_BUSY');
  open.pop()!.close();
  // The server notices the close shortly after: retry (no fixed sleep) until a place is free again.
  let admitted: Client | null = null;
  for (let tries = 0; !admitted && tries < 50; tries++) {
    admitted = await connect(running.url, { role: 'screen', joinCode: evening.joinCode }).catch(() => null);
  }
  expect(admitted).not.toBeNull();
  sockets.push(admitted!);
});
