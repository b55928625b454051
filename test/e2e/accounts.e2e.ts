import request from 'supertest';
import { DataSource } from 'typeorm';
import type {
  ConnectionEnded,
  CreatedInvitationResponse,
  EndedSessionsResponse,
  EveningDetail,
  MemberView,
  NetworkEventView,
  SessionResponse,
  SessionsResponse,
} from '@buurtjury/shared';
import { tokenHash } from '../../backend/src/accounts/tokens';
import { SessionEntity } from '../../backend/src/infrastructure/database/schema/accounts';
import { completeEvening, organiser, type Organiser } from '../support/api';
import { startApp, type RunningApp } from '../support/app';
import { call, connect, next, ok, type Client } from '../support/sockets';

/**
 * The organiser's own account and the network's members, end to end: changing the password,
 * seeing and ending sessions, removing members and changing roles, and above all that every open
 * connection of a session that ends (log-out, ended elsewhere, password changed, member removed,
 * expired) is closed at once and told why.
 */
const PASSWORD = 'correct horse battery';
let running: RunningApp;
let owner: Organiser;
let evening: EveningDetail;
const sockets: Client[] = [];

beforeAll(async () => {
  running = await startApp({ LOGIN_RATE_LIMIT: '1000', SIGNUP_RATE_LIMIT: '1000' });
  owner = await organiser(running.url, 'Eigenaar');
  evening = (await owner.post(`/api/evenings/${(await completeEvening(owner)).id}/freeze`).expect(200)).body as EveningDetail;
});
afterAll(async () => {
  for (const s of sockets) s.close();
  await running.close();
});

const as = (token: string) => ({
  get: (p: string) => request(running.url).get(p).set('Authorization', `Bearer ${token}`),
  post: (p: string, body: object = {}) => request(running.url).post(p).set('Authorization', `Bearer ${token}`).send(body),
  patch: (p: string, body: object) => request(running.url).patch(p).set('Authorization', `Bearer ${token}`).send(body),
  del: (p: string) => request(running.url).delete(p).set('Authorization', `Bearer ${token}`),
});

async function logIn(email: string, password = PASSWORD): Promise<string> {
  return ((await request(running.url).post('/api/auth/login').send({ email, password }).expect(200)).body as SessionResponse).token;
}

async function console_(token: string): Promise<Client> {
  const s = await connect(running.url, { role: 'host', eveningId: evening.id, token });
  sockets.push(s);
  return s;
}

/** Resolves with the notice and the disconnect reason once the server has closed the connection. */
function ending(socket: Client): Promise<{ notice: ConnectionEnded; reason: string }> {
  const notice = next(socket, 'session:ended');
  const closed = new Promise<string>((resolve) => socket.once('disconnect', (reason) => resolve(reason)));
  return Promise.all([notice, closed]).then(([n, reason]) => ({ notice: n, reason }));
}

async function refusedWith(token: string): Promise<string | undefined> {
  return connect(running.url, { role: 'host', eveningId: evening.id, token }).then(
    (s) => {
      s.close();
      return 'connected';
    },
    (e: Error & { data?: { code: string } }) => e.data?.code,
  );
}

async function invited(role: 'co-organiser' | 'moderator', name: string): Promise<Organiser> {
  const email = `${name.toLowerCase()}@example.nl`;
  const invite = (await owner.post('/api/network/invitations', { email, role }).expect(201)).body as CreatedInvitationResponse;
  return organiser(running.url, name, { email, inviteToken: invite.inviteUrl.split('/').pop()!, networkName: undefined as unknown as string });
}

describe('every open connection of a session that ends is closed at once', () => {
  it('on log-out: the host console stops, is told why, and cannot come back with the token', async () => {
    const token = await logIn(owner.session.organiser.email);
    const host = await console_(token);
    ok(await call(host, 'host:command', { type: 'set-screen', view: 'join' }));
    const ended = ending(host);
    await as(token).post('/api/auth/logout').expect(204);
    expect(await ended).toEqual({ notice: { code: 'SESSION_ENDED', reason: 'sessionEnded', message: expect.stringMatching(/session has ended/) }, reason: 'io server disconnect' });
    expect(await refusedWith(token)).toBe('UNAUTHENTICATED');
    // The owner's other session and its console are untouched.
    const still = await console_(owner.session.token);
    ok(await call(still, 'host:command', { type: 'set-screen', view: 'join' }));
  });

  it('when the session expires while the console is open', async () => {
    const token = await logIn(owner.session.organiser.email);
    // The session ends a moment from now: the open console is closed then, without doing anything.
    await expireSession(token, Date.now() + 1_500);
    const host = await console_(token);
    const ended = await ending(host);
    expect(ended.notice.code).toBe('SESSION_ENDED');
    expect(await refusedWith(token)).toBe('UNAUTHENTICATED');
  });

  it('when the session is found to have ended at the next command (expired or deleted behind its back)', async () => {
    const token = await logIn(owner.session.organiser.email);
    const host = await console_(token);
    await expireSession(token, Date.now() - 1_000);
    const ended = ending(host);
    expect(await call(host, 'host:command', { type: 'set-screen', view: 'join' })).toMatchObject({ ok: false, code: 'SESSION_ENDED' });
    expect((await ended).notice.code).toBe('SESSION_ENDED');
  });

  it('when the organiser ends their other sessions, or one of them, from another device', async () => {
    const laptop = await logIn(owner.session.organiser.email);
    const tablet = await logIn(owner.session.organiser.email);
    const phoneToken = await logIn(owner.session.organiser.email);
    const onLaptop = await console_(laptop);
    const onTablet = await console_(tablet);
    const listed = ((await as(phoneToken).get('/api/auth/sessions').expect(200)).body as SessionsResponse).sessions;
    const current = listed.find((x) => x.current)!;
    expect(listed.filter((x) => x.current)).toHaveLength(1);
    const tabletId = ((await as(tablet).get('/api/auth/sessions').expect(200)).body as SessionsResponse).sessions.find((x) => x.current)!.id;
    expect(listed.map((x) => x.id)).toEqual(expect.arrayContaining([current.id, tabletId]));

    // One session by id: only the tablet's console closes.
    const tabletEnded = ending(onTablet);
    await as(phoneToken).del(`/api/auth/sessions/${tabletId}`).expect(204);
    expect((await tabletEnded).notice.code).toBe('SESSION_ENDED');
    expect(onLaptop.connected).toBe(true);

    // All the others: the laptop's console closes too, this session stays.
    const laptopEnded = ending(onLaptop);
    const others = (await as(phoneToken).post('/api/auth/sessions/end-others').expect(200)).body as EndedSessionsResponse;
    expect(others.ended).toBeGreaterThanOrEqual(2);
    expect((await laptopEnded).notice.code).toBe('SESSION_ENDED');
    expect(await refusedWith(laptop)).toBe('UNAUTHENTICATED');
    expect(((await as(phoneToken).get('/api/auth/sessions').expect(200)).body as SessionsResponse).sessions.map((x) => x.id)).toEqual([current.id]);
    owner = { ...owner, session: { ...owner.session, token: phoneToken }, ...bearer(phoneToken) };
  });

  it('when the password changes: every other session ends, and only the new password logs in', async () => {
    const other = await logIn(owner.session.organiser.email);
    const elsewhere = await console_(other);
    expect((await owner.post('/api/auth/password', { currentPassword: 'wrong password', newPassword: 'nieuw wachtwoord 1234' }).expect(422)).body).toMatchObject({
      code: 'PASSWORD_INCORRECT',
      reason: 'accounts.passwordIncorrect',
    });
    expect((await owner.post('/api/auth/password', { currentPassword: PASSWORD, newPassword: 'kort' }).expect(400)).body).toMatchObject({
      code: 'VALIDATION_FAILED',
      reason: 'validation.request',
    });
    expect(elsewhere.connected).toBe(true);
    const ended = ending(elsewhere);
    const changed = (await owner.post('/api/auth/password', { currentPassword: PASSWORD, newPassword: 'nieuw wachtwoord 1234' }).expect(200)).body as EndedSessionsResponse;
    expect(changed.ended).toBe(1);
    expect((await ended).notice.code).toBe('SESSION_ENDED');
    await owner.get('/api/auth/me').expect(200);
    await request(running.url).post('/api/auth/login').send({ email: owner.session.organiser.email, password: PASSWORD }).expect(401);
    await logIn(owner.session.organiser.email, 'nieuw wachtwoord 1234');
  });

  it('when a member is removed: their console closes, they cannot log in, and their name stays in the trail', async () => {
    const mod = await invited('moderator', 'Mira');
    const host = await console_(mod.session.token);
    ok(await call(host, 'host:command', { type: 'set-screen', view: 'join' }));
    const ended = ending(host);
    await owner.del(`/api/network/members/${mod.session.organiser.id}`).expect(204);
    expect((await ended).notice.code).toBe('SESSION_ENDED');
    await mod.get('/api/auth/me').expect(401);
    await request(running.url).post('/api/auth/login').send({ email: 'mira@example.nl', password: PASSWORD }).expect(401);
    expect(((await owner.get('/api/network/members').expect(200)).body as MemberView[]).map((m) => m.displayName)).not.toContain('Mira');
    const trail = (await owner.get(`/api/evenings/${evening.id}/audit`).expect(200)).body as { entries: { type: string; actor: string; actorRole?: string }[] };
    expect(trail.entries.filter((e) => e.type === 'screen-changed').map((e) => e.actor)).toContain('Mira');
    // The trail says who she is now: no longer a member; the owner is named with their role.
    expect(trail.entries.find((e) => e.actor === 'Mira')!.actorRole).toBe('removed');
    expect(trail.entries.find((e) => e.type === 'setup-frozen')!.actorRole).toBe('owner');
    // The address can be invited again.
    await owner.post('/api/network/invitations', { email: 'mira@example.nl', role: 'moderator' }).expect(201);
  });
});

describe('members and roles', () => {
  it('keeps a network with an owner, lets only owners touch owners, and records every change', async () => {
    const co = await invited('co-organiser', 'Cas');
    const mod = await invited('moderator', 'Mo');
    const me = owner.session.organiser.id;
    expect((await mod.patch(`/api/network/members/${co.session.organiser.id}`, { role: 'moderator' }).expect(403)).body).toMatchObject({ code: 'FORBIDDEN' });
    expect((await co.patch(`/api/network/members/${me}`, { role: 'moderator' }).expect(403)).body).toMatchObject({ code: 'FORBIDDEN', message: expect.stringMatching(/owner/) });
    expect((await co.del(`/api/network/members/${me}`).expect(403)).body).toMatchObject({ code: 'FORBIDDEN' });
    expect((await owner.patch(`/api/network/members/${me}`, { role: 'co-organiser' }).expect(409)).body).toMatchObject({ code: 'LAST_OWNER', reason: 'accounts.lastOwnerRole' });
    expect((await owner.del(`/api/network/members/${me}`).expect(409)).body).toMatchObject({ code: 'INVALID_STATE', reason: 'network.removeSelf' });
    expect((await owner.patch(`/api/network/members/${mod.session.organiser.id}`, { role: 'admin' }).expect(400)).body).toMatchObject({ code: 'VALIDATION_FAILED' });

    // A moderator made co-organiser may now change the setup on their next request, with the same session.
    await co.patch(`/api/network/members/${mod.session.organiser.id}`, { role: 'co-organiser' }).expect(200);
    await mod.post('/api/evenings', { title: 'Nu mag het' }).expect(201);
    // Handing over ownership: make Cas owner, then step down.
    await owner.patch(`/api/network/members/${co.session.organiser.id}`, { role: 'owner' }).expect(200);
    await owner.patch(`/api/network/members/${me}`, { role: 'co-organiser' }).expect(200);
    expect((await owner.patch(`/api/network/members/${co.session.organiser.id}`, { role: 'moderator' }).expect(403)).body).toMatchObject({ code: 'FORBIDDEN' });
    const events = (await co.get('/api/network/events').expect(200)).body as NetworkEventView[];
    expect(events.slice(0, 3).map((e) => [e.type, e.actor, e.subject, e.detail])).toEqual([
      ['role-changed', 'Eigenaar', 'Eigenaar', { from: 'owner', to: 'co-organiser' }],
      ['role-changed', 'Eigenaar', 'Cas', { from: 'co-organiser', to: 'owner' }],
      ['role-changed', 'Cas', 'Mo', { from: 'moderator', to: 'co-organiser' }],
    ]);
    expect(events.map((e) => e.type)).toEqual(expect.arrayContaining(['member-removed', 'password-changed', 'sessions-ended']));
  });
});

function bearer(token: string): Pick<Organiser, 'auth' | 'get' | 'post' | 'patch' | 'put' | 'del'> {
  const auth = { Authorization: `Bearer ${token}` };
  return {
    auth,
    get: (p: string) => request(running.url).get(p).set(auth),
    post: (p: string, body?: object) => request(running.url).post(p).set(auth).send(body ?? {}),
    patch: (p: string, body: object) => request(running.url).patch(p).set(auth).send(body),
    put: (p: string, body: object) => request(running.url).put(p).set(auth).send(body),
    del: (p: string) => request(running.url).delete(p).set(auth),
  };
}

/** Moves a session's expiry in the database, behind the app's back, with the date as the app's driver stores it (sqlite or PostgreSQL). */
async function expireSession(token: string, at: number): Promise<void> {
  const dataSource = running.app.get(DataSource);
  const expiresAt = dataSource.driver.preparePersistentValue(new Date(at), dataSource.getMetadata(SessionEntity).findColumnWithPropertyName('expiresAt')!) as unknown;
  await running.sql(`UPDATE "session" SET "expiresAt" = $1 WHERE "tokenHash" = $2`, [expiresAt, tokenHash(token)]);
}
