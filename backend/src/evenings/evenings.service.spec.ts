import { canonicalSetup, setupFingerprint, sha256Hex, type EveningDetail } from '@buurtjury/shared';
import type { Actor } from '../accounts/actor';
import { createHarness, expectRefusal } from '../../../test/support/harness';
import { toFrozenSetup } from './evening.mapper';
import { EveningsService } from './evenings.service';
import { SetupService } from './setup.service';

describe('EveningsService and SetupService (real sqlite, in memory)', () => {
  let h: Awaited<ReturnType<typeof createHarness>>;
  let evenings: EveningsService;
  let setup: SetupService;
  let anna: Actor;
  let otherNetwork: Actor;

  beforeAll(async () => {
    h = await createHarness();
    evenings = h.module.get(EveningsService);
    setup = h.module.get(SetupService);
    anna = await h.signUp('Anna');
    otherNetwork = await h.signUp('Mallory');
  });
  afterAll(() => h.close());

  async function completeEvening(actor: Actor = anna): Promise<EveningDetail> {
    let e = await evenings.create(actor, { title: 'Pitch night', tender: { municipality: 'Eemhoven', name: 'Coordination tender' } });
    for (const name of ['Alfa', 'Beta', 'Gamma']) e = await setup.addBidder(actor, e.id, { name, pitchMinutes: 10 });
    e = await setup.addCriterion(actor, e.id, { name: 'Vision', weight: 60 });
    e = await setup.addCriterion(actor, e.id, { name: 'Plan', weight: 40 });
    return e;
  }

  it('creates an evening with a join code and the default verbal scale in its language', async () => {
    const nl = await evenings.create(anna, { title: 'Avond' });
    expect(nl.joinCode).toMatch(/^[A-Z2-9]{6}$/);
    expect(nl.scale.levels.map((l) => l.label)).toEqual(['Uitstekend', 'Goed', 'Voldoende', 'Matig', 'Onvoldoende']);
    const en = await evenings.create(anna, { title: 'Evening', language: 'en' });
    expect(en.scale.levels[0]!.label).toBe('Excellent');
    expect(en.joinCode).not.toBe(nl.joinCode);
  });

  it("lists only the actor's own network's evenings", async () => {
    const mine = await evenings.create(anna, { title: 'Mine' });
    const theirs = await evenings.create(otherNetwork, { title: 'Theirs' });
    const ids = (await evenings.list(anna)).map((e) => e.id);
    expect(ids).toContain(mine.id);
    expect(ids).not.toContain(theirs.id);
  });

  it("denies every read and change of another network's evening as not found", async () => {
    const e = await completeEvening();
    const bidderId = e.bidders[0]!.id;
    const criterionId = e.criteria[0]!.id;
    const attempts: Promise<unknown>[] = [
      evenings.get(otherNetwork, e.id),
      evenings.update(otherNetwork, e.id, { title: 'Hijacked' }),
      evenings.remove(otherNetwork, e.id),
      evenings.freeze(otherNetwork, e.id),
      evenings.fingerprint(otherNetwork, e.id),
      setup.addBidder(otherNetwork, e.id, { name: 'Intruder', pitchMinutes: 5 }),
      setup.updateBidder(otherNetwork, e.id, bidderId, { name: 'Renamed' }),
      setup.removeBidder(otherNetwork, e.id, bidderId),
      setup.setRunningOrder(otherNetwork, e.id, { bidderIds: e.bidders.map((b) => b.id).reverse() }),
      setup.drawRunningOrder(otherNetwork, e.id, {}),
      setup.addCriterion(otherNetwork, e.id, { name: 'X', weight: 10 }),
      setup.updateCriterion(otherNetwork, e.id, criterionId, { weight: 1 }),
      setup.removeCriterion(otherNetwork, e.id, criterionId),
      setup.setCriteriaOrder(otherNetwork, e.id, { criterionIds: e.criteria.map((c) => c.id) }),
      setup.setWeights(otherNetwork, e.id, { weights: e.criteria.map((c) => ({ criterionId: c.id, weight: 50 })) }),
      setup.setScale(otherNetwork, e.id, { kind: 'numeric', levels: [{ value: 2, label: '2', description: '' }, { value: 1, label: '1', description: '' }] }),
    ];
    for (const attempt of attempts) await expectRefusal(attempt, 404, 'NOT_FOUND');
    expect(await evenings.get(anna, e.id)).toEqual(e);
  });

  it('refuses to freeze an incomplete setup and lists what is missing', async () => {
    const e = await evenings.create(anna, { title: 'Incomplete' });
    await expectRefusal(evenings.freeze(anna, e.id), 422, 'SETUP_INCOMPLETE');
    expect((await evenings.get(anna, e.id)).status).toBe('draft');
  });

  it('freezes a complete setup with a fingerprint anyone can recompute from the stored text', async () => {
    const draft = await completeEvening();
    const frozen = await evenings.freeze(anna, draft.id);
    expect(frozen.status).toBe('frozen');
    expect(frozen.frozenBy).toBe('Anna');
    const { fingerprint, canonical } = await evenings.fingerprint(anna, draft.id);
    expect(fingerprint).toBe(frozen.fingerprint);
    expect(sha256Hex(canonical)).toBe(fingerprint);
    expect(canonicalSetup(toFrozenSetup(frozen))).toBe(canonical);
    expect(setupFingerprint(toFrozenSetup(frozen))).toBe(fingerprint);
  });

  it('refuses every change to a frozen setup with 409 but still allows the practical details', async () => {
    const e = await completeEvening();
    await evenings.freeze(anna, e.id);
    const b = e.bidders[0]!.id;
    const c = e.criteria[0]!.id;
    const changes: Promise<unknown>[] = [
      evenings.freeze(anna, e.id),
      evenings.update(anna, e.id, { tender: { name: 'Other tender' } }),
      evenings.remove(anna, e.id),
      setup.addBidder(anna, e.id, { name: 'Late', pitchMinutes: 5 }),
      setup.updateBidder(anna, e.id, b, { pitchMinutes: 20 }),
      setup.removeBidder(anna, e.id, b),
      setup.setRunningOrder(anna, e.id, { bidderIds: e.bidders.map((x) => x.id).reverse() }),
      setup.drawRunningOrder(anna, e.id, { seed: '1' }),
      setup.addCriterion(anna, e.id, { name: 'Extra', weight: 5 }),
      setup.updateCriterion(anna, e.id, c, { weight: 55 }),
      setup.removeCriterion(anna, e.id, c),
      setup.setCriteriaOrder(anna, e.id, { criterionIds: e.criteria.map((x) => x.id).reverse() }),
      setup.setWeights(anna, e.id, { weights: [{ criterionId: c, weight: 50 }, { criterionId: e.criteria[1]!.id, weight: 50 }] }),
      setup.setScale(anna, e.id, { kind: 'numeric', levels: [{ value: 2, label: '2', description: '' }, { value: 1, label: '1', description: '' }] }),
    ];
    for (const change of changes) await expectRefusal(change, 409, 'SETUP_FROZEN');
    const after = await evenings.update(anna, e.id, { title: 'Renamed evening', venue: 'Other room', tender: { name: 'Coordination tender' } });
    expect(after.title).toBe('Renamed evening');
    expect(after.fingerprint).toBe((await evenings.fingerprint(anna, e.id)).fingerprint);
  });

  it('draws the running order by lot reproducibly and logs the seed', async () => {
    const e = await completeEvening();
    const drawn = await setup.drawRunningOrder(anna, e.id, { seed: 'dice 3-5-1' });
    expect(drawn.orderMethod).toBe('lot');
    expect(drawn.draws[0]).toMatchObject({ seed: 'dice 3-5-1', algorithm: 'sha256-sort-v1', input: ['Alfa', 'Beta', 'Gamma'], drawnBy: 'Anna' });
    expect(drawn.draws[0]!.result).toEqual(drawn.bidders.map((b) => b.name));
    const again = await setup.drawRunningOrder(anna, e.id, { seed: 'dice 3-5-1' });
    expect(again.bidders.map((b) => b.name)).toEqual(drawn.bidders.map((b) => b.name));
    expect(again.draws).toHaveLength(2);
    const random = await setup.drawRunningOrder(anna, e.id, {});
    expect(random.draws[0]!.seed).toMatch(/^[0-9a-f]{16}$/);
    const changed = await setup.addBidder(anna, e.id, { name: 'Delta', pitchMinutes: 8 });
    expect(changed.orderMethod).toBe('manual');
  });

  it('sets the running order by hand and refuses an order that leaves out or invents a bidder', async () => {
    const e = await completeEvening();
    const reversed = e.bidders.map((b) => b.id).reverse();
    const after = await setup.setRunningOrder(anna, e.id, { bidderIds: reversed });
    expect(after.bidders.map((b) => b.id)).toEqual(reversed);
    expect(after.bidders.map((b) => b.position)).toEqual([1, 2, 3]);
    await expectRefusal(setup.setRunningOrder(anna, e.id, { bidderIds: reversed.slice(1) }), 400, 'ORDER_INVALID');
    await expectRefusal(
      setup.setRunningOrder(anna, e.id, { bidderIds: [...reversed.slice(1), '00000000-0000-4000-8000-000000000000'] }),
      400,
      'ORDER_INVALID',
    );
  });

  it('renumbers the running order when a bidder is removed and refuses duplicate names', async () => {
    const e = await completeEvening();
    const after = await setup.removeBidder(anna, e.id, e.bidders[0]!.id);
    expect(after.bidders.map((b) => [b.name, b.position])).toEqual([
      ['Beta', 1],
      ['Gamma', 2],
    ]);
    await expectRefusal(setup.addBidder(anna, e.id, { name: 'beta', pitchMinutes: 5 }), 409, 'DUPLICATE_NAME');
  });

  it('sets all weights at once only when they add up to 100', async () => {
    const e = await completeEvening();
    const [a, b] = e.criteria.map((c) => c.id) as [string, string];
    await expectRefusal(setup.setWeights(anna, e.id, { weights: [{ criterionId: a, weight: 50 }, { criterionId: b, weight: 45 }] }), 400, 'WEIGHTS_INVALID');
    const after = await setup.setWeights(anna, e.id, { weights: [{ criterionId: b, weight: 75 }, { criterionId: a, weight: 25 }] });
    expect(after.criteria.map((c) => c.weight)).toEqual([25, 75]);
  });

  it('keeps level descriptors only for grades that are on the scale', async () => {
    const e = await completeEvening();
    const c = e.criteria[0]!.id;
    await expectRefusal(setup.updateCriterion(anna, e.id, c, { levelDescriptors: { '9': 'not on this scale' } }), 400, 'VALIDATION_FAILED');
    const refined = await setup.updateCriterion(anna, e.id, c, { levelDescriptors: { '5': 'Knows every street', '1': 'Never heard of us', '3': '  ' } });
    expect(refined.criteria[0]!.levelDescriptors).toEqual({ '5': 'Knows every street', '1': 'Never heard of us' });
    const threePoint = await setup.setScale(anna, e.id, {
      kind: 'numeric',
      levels: [1, 2, 3].map((v) => ({ value: v, label: String(v), description: '' })),
    });
    expect(threePoint.scale.levels.map((l) => l.value)).toEqual([3, 2, 1]);
    expect(threePoint.criteria[0]!.levelDescriptors).toEqual({ '1': 'Never heard of us' });
    await expectRefusal(
      setup.setScale(anna, e.id, { kind: 'numeric', levels: [{ value: 5, label: '5', description: '' }, { value: 3, label: '3', description: '' }] }),
      400,
      'SCALE_INVALID',
    );
  });

  it('deletes a draft with everything in it', async () => {
    const e = await completeEvening();
    await evenings.remove(anna, e.id);
    await expectRefusal(evenings.get(anna, e.id), 404, 'NOT_FOUND');
  });
});
