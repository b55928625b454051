import { createHash } from 'node:crypto';
import request from 'supertest';
import type { ApiErrorBody, EveningDetail, EveningSummary, FingerprintResponse, MeResponse } from '@buurtjury/shared';
import { completeEvening, organiser, type Organiser } from '../support/api';
import { startApp, type RunningApp } from '../support/app';

let running: RunningApp;
beforeAll(async () => {
  running = await startApp({ PUBLIC_URL: 'https://jury.example.nl' });
});
afterAll(() => running.close());

describe('accounts', () => {
  it('signs up, logs in, tells who is logged in, and logs out', async () => {
    const anna = await organiser(running.url, 'Anna');
    const me = (await anna.get('/api/auth/me').expect(200)).body as MeResponse;
    expect(me.organiser).toMatchObject({ displayName: 'Anna', role: 'owner' });
    expect(me.network.name).toBe('Netwerk Anna');

    const login = await request(running.url).post('/api/auth/login').send({ email: me.organiser.email.toUpperCase(), password: 'correct horse battery' }).expect(200);
    expect(login.body.token).toEqual(expect.any(String));

    await anna.post('/api/auth/logout').expect(204);
    const after = (await anna.get('/api/auth/me').expect(401)).body as ApiErrorBody;
    expect(after).toMatchObject({ code: 'UNAUTHENTICATED', message: expect.stringMatching(/log in/i) });
  });

  it('refuses a wrong password with 401 and a message', async () => {
    const bert = await organiser(running.url, 'Bert');
    const res = await request(running.url).post('/api/auth/login').send({ email: bert.session.organiser.email, password: 'wrong password!' }).expect(401);
    expect(res.body).toMatchObject({ code: 'INVALID_CREDENTIALS', message: expect.any(String) });
  });

  it('invites a co-organiser who then sees and edits the same evenings', async () => {
    const owner = await organiser(running.url, 'Owner');
    const evening = await completeEvening(owner);
    const invite = (await owner.post('/api/network/invitations', { email: 'co@example.nl' }).expect(201)).body as { inviteUrl: string };
    const token = invite.inviteUrl.split('/invite/')[1]!;
    expect((await request(running.url).get(`/api/invitations/${token}`).expect(200)).body).toMatchObject({ networkName: 'Netwerk Owner', email: 'co@example.nl' });
    const signup = await request(running.url)
      .post('/api/auth/signup')
      .send({ email: 'co@example.nl', password: 'correct horse battery', displayName: 'Co', inviteToken: token })
      .expect(201);
    const co = { Authorization: `Bearer ${signup.body.token as string}` };
    expect(signup.body.organiser.role).toBe('co-organiser');
    const list = (await request(running.url).get('/api/evenings').set(co).expect(200)).body as EveningSummary[];
    expect(list.map((e) => e.id)).toEqual([evening.id]);
    await request(running.url).patch(`/api/evenings/${evening.id}`).set(co).send({ venue: 'Grote zaal' }).expect(200);
    const members = (await owner.get('/api/network/members').expect(200)).body as { displayName: string }[];
    expect(members.map((m) => m.displayName)).toEqual(['Owner', 'Co']);
  });
});

describe('isolation between resident networks', () => {
  let a: Organiser;
  let b: Organiser;
  let evening: EveningDetail;

  beforeAll(async () => {
    a = await organiser(running.url, 'Alfa');
    b = await organiser(running.url, 'Beta');
    evening = await completeEvening(a);
  });

  it("does not list another network's evenings", async () => {
    const list = (await b.get('/api/evenings').expect(200)).body as EveningSummary[];
    expect(list.map((e) => e.id)).not.toContain(evening.id);
  });

  it("answers 404 to every read or change of another network's evening, and changes nothing", async () => {
    const id = evening.id;
    const bidder = evening.bidders[0]!.id;
    const criterion = evening.criteria[0]!.id;
    const attempts = [
      b.get(`/api/evenings/${id}`),
      b.patch(`/api/evenings/${id}`, { title: 'Gekaapt' }),
      b.del(`/api/evenings/${id}`),
      b.post(`/api/evenings/${id}/bidders`, { name: 'Indringer', pitchMinutes: 5 }),
      b.patch(`/api/evenings/${id}/bidders/${bidder}`, { name: 'Hernoemd' }),
      b.del(`/api/evenings/${id}/bidders/${bidder}`),
      b.put(`/api/evenings/${id}/running-order`, { bidderIds: evening.bidders.map((x) => x.id).reverse() }),
      b.post(`/api/evenings/${id}/running-order/draw`, {}),
      b.post(`/api/evenings/${id}/criteria`, { name: 'X', weight: 5 }),
      b.patch(`/api/evenings/${id}/criteria/${criterion}`, { weight: 1 }),
      b.put(`/api/evenings/${id}/weights`, { weights: evening.criteria.map((c) => ({ criterionId: c.id, weight: 25 })) }),
      b.put(`/api/evenings/${id}/scale`, { kind: 'numeric', levels: [{ value: 2, label: '2', description: '' }, { value: 1, label: '1', description: '' }] }),
      b.post(`/api/evenings/${id}/freeze`),
      b.get(`/api/evenings/${id}/fingerprint`),
      b.get(`/api/evenings/${id}/poster.pdf`),
    ];
    for (const attempt of attempts) {
      const res = await attempt;
      expect({ status: res.status, code: (res.body as ApiErrorBody).code }).toEqual({ status: 404, code: 'NOT_FOUND' });
    }
    expect((await a.get(`/api/evenings/${id}`).expect(200)).body).toEqual(evening);
  });
});

describe('preparing and freezing an evening', () => {
  let o: Organiser;
  let evening: EveningDetail;

  beforeAll(async () => {
    o = await organiser(running.url, 'Host');
    evening = await completeEvening(o);
  });

  it('builds a complete setup: tender, bidders, criteria, scale, order', async () => {
    const id = evening.id;
    expect(evening.tender).toMatchObject({ municipality: 'Gemeente Eemhoven', name: 'Coördinatie wijkprogramma' });
    expect(evening.bidders.map((b) => b.position)).toEqual([1, 2, 3]);
    expect(evening.criteria.reduce((s, c) => s + c.weight, 0)).toBe(100);

    const order = evening.bidders.map((b) => b.id).reverse();
    const reordered = (await o.put(`/api/evenings/${id}/running-order`, { bidderIds: order }).expect(200)).body as EveningDetail;
    expect(reordered.bidders.map((b) => b.id)).toEqual(order);

    const drawn = (await o.post(`/api/evenings/${id}/running-order/draw`, { seed: '4-2-6' }).expect(200)).body as EveningDetail;
    const key = (name: string) => createHash('sha256').update(`4-2-6\n${name}`).digest('hex');
    expect(drawn.bidders.map((b) => b.name)).toEqual(evening.bidders.map((b) => b.name).sort((x, y) => (key(x) < key(y) ? -1 : 1)));
    expect(drawn.draws[0]).toMatchObject({ seed: '4-2-6', sequence: 1, drawnBy: 'Host' });

    const weights = evening.criteria.map((c, i) => ({ criterionId: c.id, weight: [40, 30, 20, 10][i]! }));
    const weighted = (await o.put(`/api/evenings/${id}/weights`, { weights }).expect(200)).body as EveningDetail;
    expect(weighted.criteria.map((c) => c.weight)).toEqual([40, 30, 20, 10]);

    const refined = (await o
      .patch(`/api/evenings/${id}/criteria/${evening.criteria[0]!.id}`, { levelDescriptors: { '5': 'Kent elke straat' }, awardCriterion: 'Gunningscriterium A' })
      .expect(200)).body as EveningDetail;
    expect(refined.criteria[0]).toMatchObject({ levelDescriptors: { '5': 'Kent elke straat' }, awardCriterion: 'Gunningscriterium A' });
  });

  it('freezes with a SHA-256 fingerprint of the canonical setup and refuses later edits with 409', async () => {
    const id = evening.id;
    const frozen = (await o.post(`/api/evenings/${id}/freeze`).expect(200)).body as EveningDetail;
    expect(frozen.status).toBe('frozen');
    expect(frozen.fingerprint).toMatch(/^[0-9a-f]{64}$/);
    const fp = (await o.get(`/api/evenings/${id}/fingerprint`).expect(200)).body as FingerprintResponse;
    expect(createHash('sha256').update(fp.canonical, 'utf8').digest('hex')).toBe(frozen.fingerprint);
    expect(JSON.parse(fp.canonical).bidders.map((b: { name: string }) => b.name)).toEqual(frozen.bidders.map((b) => b.name));

    const edits = [
      o.post(`/api/evenings/${id}/bidders`, { name: 'Te laat', pitchMinutes: 5 }),
      o.patch(`/api/evenings/${id}/bidders/${frozen.bidders[0]!.id}`, { pitchMinutes: 15 }),
      o.del(`/api/evenings/${id}/bidders/${frozen.bidders[0]!.id}`),
      o.put(`/api/evenings/${id}/running-order`, { bidderIds: frozen.bidders.map((b) => b.id).reverse() }),
      o.post(`/api/evenings/${id}/running-order/draw`, {}),
      o.post(`/api/evenings/${id}/criteria`, { name: 'Extra', weight: 5 }),
      o.patch(`/api/evenings/${id}/criteria/${frozen.criteria[0]!.id}`, { weight: 35 }),
      o.del(`/api/evenings/${id}/criteria/${frozen.criteria[0]!.id}`),
      o.put(`/api/evenings/${id}/weights`, { weights: frozen.criteria.map((c) => ({ criterionId: c.id, weight: 25 })) }),
      o.put(`/api/evenings/${id}/scale`, { kind: 'numeric', levels: [{ value: 2, label: '2', description: '' }, { value: 1, label: '1', description: '' }] }),
      o.patch(`/api/evenings/${id}`, { tender: { reference: 'EH-2' } }),
      o.post(`/api/evenings/${id}/freeze`),
      o.del(`/api/evenings/${id}`),
    ];
    for (const edit of edits) {
      const res = await edit;
      expect(res.status).toBe(409);
      expect(res.body).toMatchObject({ code: 'SETUP_FROZEN', message: expect.stringMatching(/frozen/) });
    }
    const after = (await o.get(`/api/evenings/${id}`).expect(200)).body as EveningDetail;
    expect(after.fingerprint).toBe(frozen.fingerprint);
    expect(after.bidders).toEqual(frozen.bidders);
    await o.patch(`/api/evenings/${id}`, { venue: 'Andere zaal', startTime: '19:30' }).expect(200);
  });

  it('records the tender\'s award criteria, checks the mappings, freezes them into the canonical setup, and refuses bad input', async () => {
    const draft = await completeEvening(o, 'Gunning');
    const id = draft.id;
    for (const body of [
      { criteria: [{ name: 'A', weight: 101 }], eveningAnnounced: 'no' },
      { criteria: [{ name: 'A', weight: 12.345 }], eveningAnnounced: 'no' },
      { criteria: [{ name: '', weight: 10 }], eveningAnnounced: 'no' },
      { criteria: [], eveningAnnounced: 'maybe' },
      { criteria: 'A', eveningAnnounced: 'no' },
    ]) {
      const res = await o.put(`/api/evenings/${id}/award`, body).expect(400);
      expect(res.body).toMatchObject({ code: 'VALIDATION_FAILED', message: expect.any(String) });
    }
    const dup = await o.put(`/api/evenings/${id}/award`, { criteria: [{ name: 'A', weight: 50 }, { name: 'a', weight: 50 }], eveningAnnounced: 'no' }).expect(409);
    expect(dup.body).toMatchObject({ code: 'DUPLICATE_NAME', reason: 'awardDuplicate', params: { name: 'a' } });

    const award = {
      criteria: [{ name: 'A. Kwaliteit van het plan', weight: 60, description: 'Plan van aanpak' }, { name: 'B. Prijs', weight: 40 }],
      publishedIn: 'Leidraad EH-1 § 4.2',
      eveningAnnounced: 'yes',
      announcedWhere: 'Leidraad EH-1 § 3.5',
    };
    const saved = (await o.put(`/api/evenings/${id}/award`, award).expect(200)).body as EveningDetail;
    expect(saved.award).toEqual({ ...award, criteria: [award.criteria[0], { ...award.criteria[1], description: '' }] });

    await o.patch(`/api/evenings/${id}/criteria/${draft.criteria[0]!.id}`, { awardCriterion: 'Gunningscriterium A' }).expect(200);
    const refused = await o.post(`/api/evenings/${id}/freeze`).expect(422);
    expect(refused.body.problems).toEqual([expect.objectContaining({ reason: 'awardCriterionUnknown', params: { criterion: 'Kennis van de wijk', award: 'Gunningscriterium A' } })]);
    await o.patch(`/api/evenings/${id}/criteria/${draft.criteria[0]!.id}`, { awardCriterion: 'A. Kwaliteit van het plan' }).expect(200);

    const frozen = (await o.post(`/api/evenings/${id}/freeze`).expect(200)).body as EveningDetail;
    const fp = (await o.get(`/api/evenings/${id}/fingerprint`).expect(200)).body as FingerprintResponse;
    expect(JSON.parse(fp.canonical).award).toEqual(saved.award);
    expect(createHash('sha256').update(fp.canonical, 'utf8').digest('hex')).toBe(frozen.fingerprint);
    const late = await o.put(`/api/evenings/${id}/award`, { ...award, publishedIn: 'elders' }).expect(409);
    expect(late.body.code).toBe('SETUP_FROZEN');
    expect(((await o.get(`/api/evenings/${id}`).expect(200)).body as EveningDetail).award).toEqual(saved.award);
  });

  it('draws by commit-reveal: commitment, contributions, a wrong seed refused, the draw checkable by hand and frozen into the fingerprint', async () => {
    const draft = await completeEvening(o, 'Loting');
    const id = draft.id;
    const sha = (text: string) => createHash('sha256').update(text, 'utf8').digest('hex');
    const seed = 'dobbelstenen 6-2-5-1 in de zaal';
    for (const body of [{ hash: 'abc' }, { hash: sha(seed).toUpperCase() }, {}]) {
      expect((await o.post(`/api/evenings/${id}/running-order/commitment`, body).expect(400)).body.code).toBe('VALIDATION_FAILED');
    }
    const early = await o.post(`/api/evenings/${id}/running-order/commitment/contributions`, { text: '1', by: 'Stichting Wijkkracht' }).expect(409);
    expect(early.body).toMatchObject({ code: 'INVALID_STATE', reason: 'drawNotCommitted' });

    const committed = (await o.post(`/api/evenings/${id}/running-order/commitment`, { hash: sha(seed) }).expect(200)).body as EveningDetail;
    expect(committed.drawCommitment).toMatchObject({ scheme: 'sha256-commit-reveal-v1', hash: sha(seed), committedBy: 'Host', contributions: [] });
    expect((await o.post(`/api/evenings/${id}/running-order/commitment`, { hash: sha('ander') }).expect(409)).body.reason).toBe('drawAlreadyCommitted');
    await o.post(`/api/evenings/${id}/running-order/commitment/contributions`, { text: '7319', by: 'Stichting Wijkkracht' }).expect(200);
    const withTwo = (await o.post(`/api/evenings/${id}/running-order/commitment/contributions`, { text: 'kies mij', by: 'Welzijn Eemland' }).expect(200)).body as EveningDetail;
    expect(withTwo.drawCommitment!.contributions.map((c) => [c.text, c.by, c.enteredBy])).toEqual([['7319', 'Stichting Wijkkracht', 'Host'], ['kies mij', 'Welzijn Eemland', 'Host']]);

    for (const wrong of [{ seed: 'dobbelstenen 6-2-5-2 in de zaal' }, {}]) {
      const refused = await o.post(`/api/evenings/${id}/running-order/draw`, wrong).expect(422);
      expect(refused.body).toMatchObject({ code: 'ORDER_INVALID', reason: 'drawSeedMismatch', params: { hash: sha(seed) } });
    }
    expect(((await o.get(`/api/evenings/${id}`).expect(200)).body as EveningDetail).draws).toEqual([]);

    const drawn = (await o.post(`/api/evenings/${id}/running-order/draw`, { seed }).expect(200)).body as EveningDetail;
    // The steps the document prints, done with another SHA-256 implementation.
    const drawSeed = sha(`${seed}\n7319\nkies mij`);
    const key = (name: string) => sha(`${drawSeed}\n${name}`);
    expect(drawn.draws[0]).toMatchObject({ seed: drawSeed, commitReveal: { hash: sha(seed), revealedSeed: seed } });
    expect(drawn.bidders.map((b) => b.name)).toEqual(draft.bidders.map((b) => b.name).sort((x, y) => (key(x) < key(y) ? -1 : 1)));
    expect(drawn.drawCommitment).toBeNull();

    const audit = (await o.get(`/api/evenings/${id}/audit`).expect(200)).body as { entries: { type: string; detail: Record<string, unknown> }[] };
    expect(audit.entries.map((e) => e.type)).toEqual(['draw-committed', 'draw-contribution-added', 'draw-contribution-added', 'draw-revealed']);
    expect(audit.entries[0]!.detail).toMatchObject({ commitment: sha(seed) });

    await o.post(`/api/evenings/${id}/freeze`).expect(200);
    const fp = (await o.get(`/api/evenings/${id}/fingerprint`).expect(200)).body as FingerprintResponse;
    expect(JSON.parse(fp.canonical).runningOrder.draw.commitReveal).toMatchObject({
      commitment: sha(seed),
      revealedSeed: seed,
      contributions: [{ text: '7319', by: 'Stichting Wijkkracht' }, { text: 'kies mij', by: 'Welzijn Eemland' }],
    });
  });

  it('refuses to freeze an incomplete evening with 422 and the list of what is missing', async () => {
    const bare = (await o.post('/api/evenings', { title: 'Leeg' }).expect(201)).body as EveningDetail;
    const res = await o.post(`/api/evenings/${bare.id}/freeze`).expect(422);
    expect(res.body.code).toBe('SETUP_INCOMPLETE');
    expect(res.body.details).toEqual(expect.arrayContaining(['Fill in the name of the tender.', 'Add at least two bidders; there are 0.']));
  });

  it('serves a printable A4 poster PDF with the join QR code', async () => {
    const res = await o.get(`/api/evenings/${evening.id}/poster.pdf`).buffer(true).parse((r, cb) => {
      const chunks: Buffer[] = [];
      r.on('data', (c: Buffer) => chunks.push(c));
      r.on('end', () => cb(null, Buffer.concat(chunks)));
    });
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe('application/pdf');
    const pdf = res.body as Buffer;
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    expect(pdf.toString('latin1')).toMatch(/\/MediaBox \[0 0 595\.28 841\.89\]/);
  });

  it('tells the public URL phones use', async () => {
    expect((await request(running.url).get('/api/meta').expect(200)).body).toMatchObject({ publicUrl: 'https://jury.example.nl' });
  });
});
