import { createHarness, expectRefusal } from '../testing/harness';
import { AccountsService } from './accounts.service';
import { NetworkService } from './network.service';

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
    const again = await accounts.logIn({ email: 'anna@wijk.nl', password: 'lang genoeg wachtwoord' });
    expect(again.network.id).toBe(s.network.id);
    expect(again.token).not.toBe(s.token);
    expect(await accounts.authenticate(again.token)).toMatchObject({ organiserId: s.organiser.id, networkId: s.network.id });
  });

  it('refuses a wrong password and an unknown address alike', async () => {
    await accounts.signUp({ email: 'bert@wijk.nl', password: 'lang genoeg wachtwoord', displayName: 'Bert', networkName: 'Wijk Zuid' });
    await expectRefusal(accounts.logIn({ email: 'bert@wijk.nl', password: 'verkeerd wachtwoord' }), 401, 'INVALID_CREDENTIALS');
    await expectRefusal(accounts.logIn({ email: 'nobody@wijk.nl', password: 'verkeerd wachtwoord' }), 401, 'INVALID_CREDENTIALS');
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
});
