import type { Bidder, Criterion } from '../domain/setup';
import { isJoinCode, joinCodeFromBytes, normaliseJoinCode, JOIN_CODE_ALPHABET } from './join-code';
import { defaultVerbalScale } from './scale';
import { setupProblems, type SetupDraft } from './setup-problems';

const tender = { municipality: 'Eemhoven', name: 'Tender', reference: '', subject: '', committee: '', adviceDeadline: '' };
const bidder = (name: string, pitchMinutes = 10): Bidder => ({
  id: name,
  position: 1,
  name,
  contactPerson: '',
  pitchTitle: '',
  pitchSummary: '',
  pitchMinutes,
  qaMinutes: 0,
});
const criterion = (weight: number): Criterion => ({
  id: String(weight),
  position: 1,
  name: 'C',
  explanation: '',
  weight,
  awardCriterion: '',
  levelDescriptors: {},
});
const complete = (): SetupDraft => ({ tender, scale: defaultVerbalScale('nl'), bidders: [bidder('A'), bidder('B')], criteria: [criterion(70), criterion(30)] });

describe('setupProblems', () => {
  it('finds nothing in a complete setup', () => {
    expect(setupProblems(complete())).toEqual([]);
  });

  it('refuses a bidder that declined on its own page, by name; a confirmed one or an unknown id is no problem', () => {
    const declined = setupProblems({ ...complete(), bidderResponses: [{ bidderId: 'B', response: 'declined' }, { bidderId: 'A', response: 'confirmed' }, { bidderId: 'gone', response: 'declined' }] });
    expect(declined).toEqual([{ code: 'bidder-declined', reason: 'bidderDeclined', params: { bidder: 'B' }, message: 'B declined to take part on its page. Remove the bidder, or ask them to confirm, before freezing.' }]);
    expect(setupProblems({ ...complete(), bidderResponses: [{ bidderId: 'B', response: 'confirmed' }] })).toEqual([]);
  });

  it('lists every missing piece with a code', () => {
    const codes = setupProblems({ tender: { ...tender, name: ' ', municipality: '' }, scale: { kind: 'verbal', levels: [] }, bidders: [bidder('A', 0)], criteria: [] }).map(
      (p) => p.code,
    );
    expect(codes).toEqual(['tender-name-missing', 'municipality-missing', 'too-few-bidders', 'pitch-length-missing', 'no-criteria', 'scale']);
  });

  it('checks the award frame: published weights, mappings to recorded award criteria, where the evening was announced', () => {
    const award = { criteria: [{ name: 'A', weight: 60, description: '' }, { name: 'B', weight: 40, description: '' }], publishedIn: '', eveningAnnounced: 'no' as const, announcedWhere: '' };
    const mapped = { ...complete(), award, criteria: [{ ...criterion(70), awardCriterion: 'A' }, { ...criterion(30), awardCriterion: '' }] };
    expect(setupProblems(mapped)).toEqual([]);
    const unknown = { ...mapped, criteria: [{ ...criterion(70), name: 'Wijk', awardCriterion: 'Gunningscriterium A' }, criterion(30)] };
    expect(setupProblems(unknown).map((p) => [p.code, p.reason, p.params])).toEqual([['award', 'awardCriterionUnknown', { criterion: 'Wijk', award: 'Gunningscriterium A' }]]);
    const weights = { ...mapped, award: { ...award, criteria: [{ name: 'A', weight: 33.33, description: '' }, { name: 'B', weight: 33.33, description: '' }] } };
    expect(setupProblems(weights).map((p) => [p.reason, p.params])).toEqual([['awardWeightsTotal', { total: 66.66 }]]);
    const announced = { ...mapped, award: { ...award, eveningAnnounced: 'yes' as const } };
    expect(setupProblems(announced).map((p) => p.reason)).toEqual(['awardAnnouncedWhereMissing']);
    // Without recorded award criteria, a mapping is free text (as before the award frame existed).
    expect(setupProblems({ ...unknown, award: { ...award, criteria: [] } })).toEqual([]);
  });

  it('reports weights that do not add up to 100', () => {
    const draft = { ...complete(), criteria: [criterion(70), criterion(20)] };
    expect(setupProblems(draft)).toEqual([{ code: 'weights', reason: 'weightsTotal', params: { total: 90 }, message: 'The weights add up to 90 %; they must add up to exactly 100 %.' }]);
  });
});

describe('join codes', () => {
  it('are six characters from an alphabet without look-alikes', () => {
    const code = joinCodeFromBytes(new Uint8Array([0, 1, 2, 3, 4, 255]));
    expect(isJoinCode(code)).toBe(true);
    for (const ch of '01ILO') expect(JOIN_CODE_ALPHABET).not.toContain(ch);
  });

  it('are normalised the way people type them', () => {
    expect(normaliseJoinCode(' abc-def ')).toBe('ABCDEF');
    expect(isJoinCode('ABC')).toBe(false);
    expect(isJoinCode('ABCDE0')).toBe(false);
  });
});
