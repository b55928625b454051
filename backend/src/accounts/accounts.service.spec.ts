import { createHarness, expectRefusal } from '../../../test/support/harness';
import { AccountsService } from './accounts.service';
import { NetworkService } from './network.service';
import { SessionEvents } from './session-events';
import type { Actor } from './actor';

describe('AccountsService and NetworkService (real sqlite, in memory)', () => {
  let h: Awaited<ReturnType<typeof createHarness>>;
  let accounts: AccountsService;
  let network: NetworkService;

  beforeAll(async () => {
    h = await createHarness();
    accounts = h.module.get(AccountsService);
    network = h.module.get(NetworkService);
  });
  afterAll(() => h.close());

  it('signs up an owner with a new network, and logs in with the same password', async () => {
    const s = await accounts.signUp({ email: 'anna@wijk.nl', password: 'lang genoeg wachtwoord', displayName: 'Anna', networkName: 'Wijk Noord' });
    expect(s.organiser).toMatchObject({ email: 'anna@wijk.nl', role: 'owner' });
    expect(s.network.name).toBe('Wijk Noord');
    expect(s.token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    const again = await accounts.logIn({ email: 'anna@wijk.nl', password: 'lang genoeg wachtwoord' }, '192.0.2.1');
    expect(again.network.id).toBe(s.network.id);
    expect(again.token).not.toBe(s.token);
    expect(await accounts.authenticate(again.token)).toMatchObject({ organiserId: s.organiser.id, networkId: s.network.id });
  });

  it('refuses a wrong password and an unknown address alike', async () => {
    await accounts.signUp({ email: 'bert@wijk.nl', password: 'lang genoeg wachtwoord', displayName: 'Bert', networkName: 'Wijk Zuid' });
    await expectRefusal(accounts.logIn({ email: 'bert@wijk.nl', password: 'verkeerd wachtwoord' }, '192.0.2.1'), 401, 'INVALID_CREDENTIALS');
    await expectRefusal(accounts.logIn({ email: 'nobody@wijk.nl', password: 'verkeerd wachtwoord' }, '192.0.2.1'), 401, 'INVALID_CREDENTIALS');
  });

  it('refuses a second account with the same address', async () => {
    await accounts.signUp({ email: 'cor@wijk.nl', password: 'lang genoeg wachtwoord', displayName: 'Cor', networkName: 'A' });
    await expectRefusal(
      accounts.signUp({ email: 'cor@wijk.nl', password: 'ander wachtwoord 123', displayName: 'Cor 2', networkName: 'B' }),
      409,
      'EMAIL_TAKEN',
    );
  });

  it('ends a session on log-out', async () => {
    const s = await accounts.signUp({ email: 'dirk@wijk.nl', password: 'lang genoeg wachtwoord', displayName: 'Dirk', networkName: 'C' });
    await accounts.logOut(s.token);
    expect(await accounts.authenticate(s.token)).toBeNull();
    expect(await accounts.authenticate('not-a-token-at-all-but-long-enough')).toBeNull();
  });

  it('lets an invited co-organiser join the inviting network, once, with the invited address only', async () => {
    const owner = await h.signUp('Eva');
    const invite = await network.invite(owner, 'fatima@wijk.nl');
    expect(invite.inviteUrl).toMatch(/^https:\/\/jury\.test\/invite\/[A-Za-z0-9_-]{43}$/);
    const token = invite.inviteUrl.split('/').pop()!;
    expect(await network.preview(token)).toMatchObject({ networkName: 'Network of Eva', email: 'fatima@wijk.nl' });
    expect((await network.invitationsOf(owner)).map((i) => i.email)).toEqual(['fatima@wijk.nl']);

    await expectRefusal(
      accounts.signUp({ email: 'someone.else@wijk.nl', password: 'lang genoeg wachtwoord', displayName: 'X', inviteToken: token }),
      400,
      'INVITATION_INVALID',
    );
    const joined = await accounts.signUp({ email: 'fatima@wijk.nl', password: 'lang genoeg wachtwoord', displayName: 'Fatima', inviteToken: token });
    expect(joined.organiser.role).toBe('co-organiser');
    expect(joined.network.id).toBe(owner.networkId);
    expect((await network.members(owner)).map((m) => m.displayName)).toEqual(['Eva', 'Fatima']);
    expect(await network.invitationsOf(owner)).toEqual([]);
    await expectRefusal(network.preview(token), 400, 'INVITATION_INVALID');
  });

  it('revokes an invitation, and refuses to revoke another network’s', async () => {
    const owner = await h.signUp('Gert');
    const stranger = await h.signUp('Hans');
    const invite = await network.invite(owner, 'ines@wijk.nl');
    await expectRefusal(network.revoke(stranger, invite.id), 404, 'NOT_FOUND');
    await network.revoke(owner, invite.id);
    await expectRefusal(network.preview(invite.inviteUrl.split('/').pop()!), 400, 'INVITATION_INVALID');
    expect(await network.members(stranger)).toHaveLength(1);
  });

  /** An organiser invited into `owner`'s network with the given role, logged in. */
  let members = 0;
  async function member(owner: Actor, name: string, role: 'co-organiser' | 'moderator'): Promise<Actor & { token: string; email: string }> {
    const email = `${name.toLowerCase()}.${++members}@wijk.nl`;
    const invite = await network.invite(owner, email, role);
    const s = await accounts.signUp({ email, password: 'lang genoeg wachtwoord', displayName: name, inviteToken: invite.inviteUrl.split('/').pop()! });
    return { ...(await accounts.authenticate(s.token))!, token: s.token, email };
  }

  it('changes the password after checking the current one, and ends every other session', async () => {
    const s = await accounts.signUp({ email: 'gijs@wijk.nl', password: 'lang genoeg wachtwoord', displayName: 'Gijs', networkName: 'G' });
    const other = await accounts.logIn({ email: 'gijs@wijk.nl', password: 'lang genoeg wachtwoord' }, '192.0.2.9');
    const actor = (await accounts.authenticate(s.token))!;
    const otherId = (await accounts.authenticate(other.token))!.sessionId;
    const ended: string[][] = [];
    h.module.get(SessionEvents).on('ended', (ids) => ended.push(ids));
    await expectRefusal(accounts.changePassword(actor, { currentPassword: 'niet het wachtwoord', newPassword: 'nieuw wachtwoord 42' }, '192.0.2.1'), 422, 'PASSWORD_INCORRECT');
    expect(await accounts.changePassword(actor, { currentPassword: 'lang genoeg wachtwoord', newPassword: 'nieuw wachtwoord 42' }, '192.0.2.1')).toEqual({ ended: 1 });
    expect(await accounts.authenticate(other.token)).toBeNull();
    expect(await accounts.authenticate(s.token)).not.toBeNull();
    expect(ended.at(-1)).toEqual([otherId]);
    await expectRefusal(accounts.logIn({ email: 'gijs@wijk.nl', password: 'lang genoeg wachtwoord' }, '192.0.2.1'), 401, 'INVALID_CREDENTIALS');
    await accounts.logIn({ email: 'gijs@wijk.nl', password: 'nieuw wachtwoord 42' }, '192.0.2.1');
    expect((await network.events(actor)).map((e) => [e.type, e.subject, e.detail])).toEqual([['password-changed', 'Gijs', { sessionsEnded: 1 }]]);
  });

  it('lists the own sessions, ends one, and ends all others', async () => {
    const first = await accounts.signUp({ email: 'hanna@wijk.nl', password: 'lang genoeg wachtwoord', displayName: 'Hanna', networkName: 'H' });
    const second = await accounts.logIn({ email: 'hanna@wijk.nl', password: 'lang genoeg wachtwoord' }, '192.0.2.1');
    const third = await accounts.logIn({ email: 'hanna@wijk.nl', password: 'lang genoeg wachtwoord' }, '192.0.2.1');
    const actor = (await accounts.authenticate(first.token))!;
    const listed = (await accounts.listSessions(actor)).sessions;
    expect(listed).toHaveLength(3);
    expect(listed.filter((x) => x.current).map((x) => x.id)).toEqual([actor.sessionId]);
    const secondId = (await accounts.authenticate(second.token))!.sessionId;
    await accounts.endSession(actor, secondId);
    expect(await accounts.authenticate(second.token)).toBeNull();
    await expectRefusal(accounts.endSession(actor, secondId), 404, 'NOT_FOUND');
    // Someone else's session cannot be ended.
    const stranger = await h.signUp('Ida');
    await expectRefusal(accounts.endSession(stranger, actor.sessionId), 404, 'NOT_FOUND');
    expect(await accounts.endOtherSessions(actor)).toEqual({ ended: 1 });
    expect(await accounts.authenticate(third.token)).toBeNull();
    expect(await accounts.authenticate(first.token)).not.toBeNull();
    expect(await accounts.endOtherSessions(actor)).toEqual({ ended: 0 });
  });

  it('changes roles and removes members, but never leaves a network without an owner', async () => {
    const owner = await h.signUp('Jan');
    const co = await member(owner, 'Kees', 'co-organiser');
    const mod = await member(owner, 'Lot', 'moderator');
    // A moderator may not touch members; a co-organiser may, but not owners.
    await expectRefusal(network.changeRole(mod, co.organiserId, 'moderator'), 403, 'FORBIDDEN');
    await expectRefusal(network.removeMember(mod, co.organiserId), 403, 'FORBIDDEN');
    await expectRefusal(network.changeRole(co, owner.organiserId, 'moderator'), 403, 'FORBIDDEN');
    await expectRefusal(network.changeRole(co, mod.organiserId, 'owner'), 403, 'FORBIDDEN');
    await expectRefusal(network.removeMember(co, owner.organiserId), 403, 'FORBIDDEN');
    expect((await network.changeRole(co, mod.organiserId, 'co-organiser')).role).toBe('co-organiser');
    // The only owner cannot step down; after making another owner, they can.
    await expectRefusal(network.changeRole(owner, owner.organiserId, 'co-organiser'), 409, 'LAST_OWNER');
    await network.changeRole(owner, co.organiserId, 'owner');
    expect((await network.changeRole(owner, owner.organiserId, 'co-organiser')).role).toBe('co-organiser');
    // Nobody removes themselves; another network's member is not found.
    await expectRefusal(network.removeMember(co, co.organiserId), 409, 'INVALID_STATE');
    const stranger = await h.signUp('Mees');
    await expectRefusal(network.removeMember(stranger, mod.organiserId), 404, 'NOT_FOUND');
    await expectRefusal(network.changeRole(stranger, mod.organiserId, 'moderator'), 404, 'NOT_FOUND');

    const ended: string[][] = [];
    h.module.get(SessionEvents).on('ended', (ids) => ended.push(ids));
    await network.removeMember(co, mod.organiserId);
    expect(ended.at(-1)).toEqual([mod.sessionId]);
    expect(await accounts.authenticate(mod.token)).toBeNull();
    expect((await network.members(co)).map((m) => m.displayName)).toEqual(['Jan', 'Kees']);
    await expectRefusal(accounts.logIn({ email: mod.email, password: 'lang genoeg wachtwoord' }, '192.0.2.1'), 401, 'INVALID_CREDENTIALS');
    // The address is free again: the removed person can be invited anew.
    await network.invite(co, mod.email, 'moderator');
    expect((await network.events(co)).map((e) => [e.type, e.actor, e.subject, e.detail]).reverse()).toEqual([
      ['role-changed', 'Kees', 'Lot', { from: 'moderator', to: 'co-organiser' }],
      ['role-changed', 'Jan', 'Kees', { from: 'co-organiser', to: 'owner' }],
      ['role-changed', 'Jan', 'Jan', { from: 'owner', to: 'co-organiser' }],
      ['member-removed', 'Kees', 'Lot', { role: 'co-organiser' }],
    ]);
    await expectRefusal(network.events(await member(co, 'Nel', 'moderator')), 403, 'FORBIDDEN');
  });

  it('locks an e-mail address only for the network address that guessed wrong', async () => {
    await accounts.signUp({ email: 'olga@wijk.nl', password: 'lang genoeg wachtwoord', displayName: 'Olga', networkName: 'O' });
    for (let i = 0; i < 5; i++) await expectRefusal(accounts.logIn({ email: 'olga@wijk.nl', password: 'fout fout fout' }, '203.0.113.66'), 401, 'INVALID_CREDENTIALS');
    await expectRefusal(accounts.logIn({ email: 'olga@wijk.nl', password: 'lang genoeg wachtwoord' }, '203.0.113.66'), 429, 'ACCOUNT_LOCKED');
    await accounts.logIn({ email: 'olga@wijk.nl', password: 'lang genoeg wachtwoord' }, '198.51.100.4');
  });
});
