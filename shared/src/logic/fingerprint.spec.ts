import { createHash } from 'node:crypto';
import { EMPTY_AWARD_FRAME, type AwardFrame, type Bidder, type Criterion } from '../domain/setup';
import { canonicalSetup, formatFingerprint, setupFingerprint, sha256Hex, type FrozenSetup } from './fingerprint';
import { numericScale } from './scale';

const bidder = (id: string, position: number, name: string): Bidder => ({
  id,
  position,
  name,
  contactPerson: '',
  pitchTitle: '',
  pitchSummary: '',
  pitchMinutes: 10,
  qaMinutes: 5,
});
const criterion = (id: string, position: number, weight: number): Criterion => ({
  id,
  position,
  name: `C${position}`,
  explanation: '',
  weight,
  awardCriterion: '',
  levelDescriptors: {},
});

function setup(): FrozenSetup {
  return {
    eveningId: 'e1',
    tender: { municipality: 'Eemhoven', name: 'Tender', reference: 'R1', subject: 'S', committee: 'C', adviceDeadline: '' },
    scale: numericScale(1, 3),
    bidders: [bidder('b1', 1, 'Alfa'), bidder('b2', 2, 'Beta')],
    criteria: [criterion('c1', 1, 60), criterion('c2', 2, 40)],
    orderMethod: 'manual',
    draw: null,
  };
}

describe('canonical setup and fingerprint', () => {
  it('serialises as RFC 8785 canonical JSON: sorted keys, no whitespace', () => {
    const text = canonicalSetup(setup());
    expect(text.startsWith('{"bidders":[{"contactPerson":"","id":"b1","name":"Alfa",')).toBe(true);
    expect(text).not.toMatch(/\s"|":\s/);
    expect(JSON.parse(text)).toMatchObject({ format: 'buurtjury-setup', version: 1, eveningId: 'e1', runningOrder: { method: 'manual', draw: null } });
  });

  it('is SHA-256 of that text, the same as any other SHA-256 implementation gives', () => {
    const text = canonicalSetup(setup());
    expect(setupFingerprint(setup())).toBe(createHash('sha256').update(text, 'utf8').digest('hex'));
    expect(sha256Hex('abc')).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
  });

  it('does not depend on the order of the input arrays or object keys, only on positions', () => {
    const shuffled = setup();
    shuffled.bidders.reverse();
    shuffled.criteria.reverse();
    shuffled.scale.levels.reverse();
    shuffled.tender = Object.fromEntries(Object.entries(shuffled.tender).reverse()) as FrozenSetup['tender'];
    expect(setupFingerprint(shuffled)).toBe(setupFingerprint(setup()));
  });

  it('changes when anything that was frozen changes', () => {
    const base = setupFingerprint(setup());
    const variants: ((s: FrozenSetup) => void)[] = [
      (s) => (s.criteria[0]!.weight = 61),
      (s) => (s.bidders[0]!.position = 3),
      (s) => (s.bidders[1]!.name = 'Beta BV'),
      (s) => (s.tender.reference = 'R2'),
      (s) => (s.scale.levels[0]!.description = 'top'),
      (s) => (s.criteria[1]!.levelDescriptors = { '3': 'best' }),
      (s) => (s.draw = { seed: 'x', algorithm: 'sha256-sort-v1', result: ['Beta', 'Alfa'] }),
    ];
    for (const change of variants) {
      const s = setup();
      change(s);
      expect(setupFingerprint(s)).not.toBe(base);
    }
  });

  it('states the award frame when one was recorded, and leaves it out when it is empty (older fingerprints unchanged)', () => {
    const before = canonicalSetup(setup());
    expect(canonicalSetup({ ...setup(), award: { ...EMPTY_AWARD_FRAME } })).toBe(before);
    const award = {
      criteria: [{ name: 'A. Kwaliteit', weight: 70, description: 'Plan' }, { name: 'B. Prijs', weight: 30, description: '' }],
      publishedIn: 'Leidraad § 4',
      eveningAnnounced: 'yes' as const,
      announcedWhere: 'Leidraad § 3',
    };
    const text = canonicalSetup({ ...setup(), award });
    expect(JSON.parse(text).award).toEqual(award);
    const variants: AwardFrame[] = [
      { ...award, criteria: [award.criteria[1]!, award.criteria[0]!] },
      { ...award, criteria: [{ ...award.criteria[0]!, weight: 60 }, award.criteria[1]!] },
      { ...award, publishedIn: 'Leidraad § 5' },
      { ...award, eveningAnnounced: 'no', announcedWhere: '' },
      { ...EMPTY_AWARD_FRAME, eveningAnnounced: 'no' },
    ];
    const fingerprints = new Set([setupFingerprint(setup()), setupFingerprint({ ...setup(), award }), ...variants.map((a) => setupFingerprint({ ...setup(), award: a }))]);
    expect(fingerprints.size).toBe(variants.length + 2);
  });

  it('formats a fingerprint in groups of four for reading aloud', () => {
    expect(formatFingerprint('0123456789abcdef01')).toBe('0123 4567 89ab cdef 01');
  });
});
