import fc from 'fast-check';
import { buildAdviceDocument } from './build';
import { documentText, type AdviceDocument, type DocBlock, type DocBox, type DocTable } from './document';
import { awardGroups, criteriaOutside, mappedCriterionIds } from './award';
import { sampleEvening } from '../testing/sample';
import { computeResults } from '../results/report';
import { mappedCriteriaSection } from '../results/award';
import type { ResultsBallot, ResultsInput, RankEntry } from '../results/types';
import type { AwardFrame, Criterion } from '../domain/setup';
import type { AdviceDocumentInput } from './build';
import type { Language } from '../domain/setup';

const base = sampleEvening({ bidders: 4, criteria: 3, voters: 12, resamples: 200, seed: 'award' });

function section(doc: AdviceDocument, id: string): DocBlock[] {
  return doc.sections.find((s) => s.id === id)!.blocks;
}
const text = (blocks: DocBlock[]) => documentText({ ...base.input.evening, sections: [{ id: 'x', number: 1, title: '', blocks }], title: '', subtitle: '', titleFacts: [], lang: 'nl', draftMark: null, contentsTitle: '', footer: '', pageLabel: '' } as AdviceDocument);
const box = (doc: AdviceDocument): DocBox => section(doc, 'status').find((b): b is DocBox => b.kind === 'box')!;
const plain = (t: DocBox['lines'][number]) => (typeof t === 'string' ? t : t.map((r) => r.text).join(''));

interface Case {
  weights: number[];
  /** Per criterion: index of the award criterion it maps to, or -1. */
  mapping: number[];
  award: AwardFrame;
  ballots: ResultsBallot[];
  bidders: number;
}

/** An evening's document input for a generated case: the sample's evening with these criteria, award frame and ballots. */
function inputFor(c: Case): AdviceDocumentInput {
  const bidders = base.input.evening.bidders.slice(0, c.bidders);
  const criteria: Criterion[] = c.weights.map((weight, i) => ({
    id: `c${i + 1}`,
    position: i + 1,
    name: `Criterium ${i + 1}`,
    explanation: '',
    weight,
    awardCriterion: c.mapping[i]! >= 0 ? c.award.criteria[c.mapping[i]!]!.name : '',
    levelDescriptors: {},
  }));
  const evening = { ...base.input.evening, bidders, criteria, award: c.award };
  const results: ResultsInput = {
    bidders: bidders.map((b) => ({ id: b.id, name: b.name, position: b.position })),
    criteria: criteria.map((k) => ({ id: k.id, name: k.name, weight: k.weight })),
    scale: base.resultsInput.scale,
    ballots: c.ballots,
    ties: [],
    options: { seed: 'award', bootstrapResamples: 50 },
  };
  return {
    ...base.input,
    evening,
    results: computeResults(results),
    mappedOnly: mappedCriteriaSection(results, mappedCriterionIds(evening)),
    advice: { ...base.input.advice, bidders: bidders.map((b) => ({ bidderId: b.id, strengths: '', concerns: '', conditions: '', quoteIds: [] })) },
    conduct: { ...base.input.conduct, pitches: base.input.conduct.pitches.slice(0, c.bidders), events: [] },
  };
}

const award2: AwardFrame = {
  criteria: [
    { name: 'A. Kwaliteit', weight: 60, description: 'Plan van aanpak' },
    { name: 'B. Prijs', weight: 40, description: '' },
  ],
  publishedIn: 'Leidraad § 4.2',
  eveningAnnounced: 'yes',
  announcedWhere: 'Leidraad § 3.5',
};

function ballot(voter: string, bidder: number, grades: number[]): ResultsBallot {
  return { voter, bidderId: base.input.evening.bidders[bidder]!.id, grades: Object.fromEntries(grades.map((g, i) => [`c${i + 1}`, g]).filter(([, g]) => (g as number) > 0)) };
}

describe('findings per award criterion', () => {
  it('is a chapter after the overall ranking, in both languages', () => {
    const input = inputFor({ weights: [50, 30, 20], mapping: [0, 0, -1], award: award2, bidders: 3, ballots: [ballot('v1', 0, [5, 4, 1]), ballot('v1', 1, [3, 3, 5]), ballot('v1', 2, [1, 2, 5])] });
    const nl = buildAdviceDocument(input, 'nl');
    const en = buildAdviceDocument(input, 'en');
    const ids = nl.sections.map((s) => s.id);
    expect(ids.indexOf('award')).toBe(ids.indexOf('overall') + 1);
    expect(nl.sections.find((s) => s.id === 'award')!.title).toBe('Bevindingen per gunningscriterium');
    expect(en.sections.find((s) => s.id === 'award')!.title).toBe('Findings per award criterion');
    expect(section(en, 'award').map((b) => b.kind)).toEqual(section(nl, 'award').map((b) => b.kind));
  });

  it('lists every award criterion with its published weight and the residents\u2019 criteria that map to it, and the rest apart', () => {
    const input = inputFor({ weights: [50, 30, 20], mapping: [0, 0, -1], award: award2, bidders: 3, ballots: [ballot('v1', 0, [5, 4, 1]), ballot('v1', 1, [3, 3, 5]), ballot('v1', 2, [1, 2, 5])] });
    const blocks = section(buildAdviceDocument(input, 'nl'), 'award');
    const overview = blocks.find((b): b is DocTable => b.kind === 'table')!;
    expect(overview.rows).toEqual([
      ['A. Kwaliteit', '60%', 'Criterium 1 (50%) en Criterium 2 (30%)'],
      ['B. Prijs', '40%', 'geen: de bewoners gaven hierop geen oordeel'],
    ]);
    const all = text(blocks);
    expect(all).toContain('De aanbesteding publiceerde 2 gunningscriteria met hun weging (Leidraad § 4.2).');
    expect(all).toContain('Hierbij horen Criterium 1 en Criterium 2, samen 80% van het gewicht van de bewoners.');
    expect(all).toContain('Dit criterium van de bewoners hoort bij geen gepubliceerd gunningscriterium: Criterium 3. Het weegt 20% van het gewicht van de bewoners.');
    // One voter: the medians are that voter's grades, with 1 assessment each.
    const first = blocks.filter((b): b is DocTable => b.kind === 'table')[1]!;
    expect(first.header).toEqual(['Inschrijver', 'Criterium 1', 'Criterium 2']);
    expect(first.rows[0]).toEqual([base.input.evening.bidders[0]!.name, 'Uitstekend (5), n = 1', 'Goed (4), n = 1']);
  });

  it('says when the two rankings disagree, for whom, and who is first in each (one voter)', () => {
    // Mapped criterion 1 puts bidder 0 first; with criterion 2 (outside, heavier) bidder 2 is first.
    const input = inputFor({ weights: [30, 70], mapping: [0, -1], award: award2, bidders: 3, ballots: [ballot('v1', 0, [5, 1]), ballot('v1', 1, [3, 3]), ballot('v1', 2, [1, 5])] });
    const nl = text(section(buildAdviceDocument(input, 'nl'), 'award'));
    const [a, b, c] = base.input.evening.bidders.map((x) => x.name);
    expect(nl).toContain(`De rangorde op de gekoppelde criteria wijkt af van de totaalrangorde bij ${c} (plaats 1 totaal, 3 gekoppeld) en ${a} (plaats 3 totaal, 1 gekoppeld).`);
    expect(nl).toContain(`Eerste plaats in de totaalrangorde: ${c}. Eerste plaats op de gekoppelde criteria alleen: ${a}.`);
    expect(nl).not.toContain(`${b} (plaats`);
    const en = text(section(buildAdviceDocument(input, 'en'), 'award'));
    expect(en).toContain(`First place in the overall ranking: ${c}. First place on the mapped criteria alone: ${a}.`);
  });

  it('says when they agree, and that with every criterion mapped it is the same calculation', () => {
    const input = inputFor({ weights: [60, 40], mapping: [0, 1], award: award2, bidders: 2, ballots: [ballot('v1', 0, [5, 5]), ballot('v1', 1, [3, 3]), ballot('v2', 0, [4, 4]), ballot('v2', 1, [4, 4])] });
    const nl = text(section(buildAdviceDocument(input, 'nl'), 'award'));
    expect(nl).toContain('Elk criterium van de bewoners hoort bij een gunningscriterium.');
    expect(nl).toContain('Omdat elk criterium gekoppeld is, is dit dezelfde berekening als de totaalrangorde.');
    expect(nl).toContain('De rangorde op de gekoppelde criteria is gelijk aan de totaalrangorde.');
    expect(input.mappedOnly!.ranking).toEqual(input.results.all.ranking);
  });

  it('names a shared first place as shared', () => {
    const input = inputFor({ weights: [50, 50], mapping: [0, -1], award: award2, bidders: 2, ballots: [ballot('v1', 0, [4, 5]), ballot('v1', 1, [4, 1])] });
    const nl = text(section(buildAdviceDocument(input, 'nl'), 'award'));
    const [a, b] = base.input.evening.bidders.map((x) => x.name);
    expect(nl).toContain(`Eerste plaats op de gekoppelde criteria alleen: ${a} en ${b} (gedeeld).`);
  });

  it('says there is no mapped ranking when no criterion maps, and says so without recorded award criteria too', () => {
    const none = inputFor({ weights: [50, 50], mapping: [-1, -1], award: award2, bidders: 2, ballots: [ballot('v1', 0, [4, 5]), ballot('v1', 1, [4, 1])] });
    expect(none.mappedOnly).toBeNull();
    const nl = text(section(buildAdviceDocument(none, 'nl'), 'award'));
    expect(nl).toContain('Geen criterium van de bewoners hoort bij een gunningscriterium. Er is dus geen rangorde op gekoppelde criteria');
    expect(nl).not.toContain('wijkt af');
    const empty: AwardFrame = { criteria: [], publishedIn: '', eveningAnnounced: 'unknown', announcedWhere: '' };
    const bare = inputFor({ weights: [50, 50], mapping: [-1, -1], award: empty, bidders: 2, ballots: [ballot('v1', 0, [4, 5])] });
    const text2 = text(section(buildAdviceDocument(bare, 'nl'), 'award'));
    expect(text2).toContain('Dit advies geeft daarom geen bevindingen per gunningscriterium.');
    // The chapter is that sentence alone: no subsections on criteria outside or a mapped ranking that cannot exist.
    expect(section(buildAdviceDocument(bare, 'nl'), 'award').map((b) => b.kind)).toEqual(['paragraph']);
  });

  it('reports on the names the mappings give when the award criteria were not recorded, and says that they are the organisers\u2019', () => {
    const legacy = { ...base.input.evening, award: { criteria: [], publishedIn: '', eveningAnnounced: 'unknown' as const, announcedWhere: '' } };
    expect(awardGroups(legacy).map((g) => [g.name, g.weight, g.criteria.map((c) => c.id)])).toEqual([['Kwaliteit (gunningscriterium 1)', null, legacy.criteria.slice(0, 2).map((c) => c.id)]]);
    expect(criteriaOutside(legacy).map((c) => c.id)).toEqual([legacy.criteria[2]!.id]);
    const doc = buildAdviceDocument({ ...base.input, evening: legacy }, 'nl');
    expect(text(section(doc, 'award'))).toContain('of die overeenkomen met de gepubliceerde gunningscriteria, staat niet vast');
    expect(box(doc).lines.map(plain).join(' ')).toContain('de koppeling in hoofdstuk 9 is die van de organisatoren');
  });
});

describe('how the committee may use the advice (the box)', () => {
  const cases: [AwardFrame['eveningAnnounced'], string, string][] = [
    ['yes', 'De aanbestedingsstukken kondigden deze bewonersavond aan (Leidraad § 3.5).', 'The tender documents announced this resident evening (Leidraad § 3.5).'],
    ['no', 'De aanbestedingsstukken kondigden deze bewonersavond niet aan.', 'The tender documents did not announce this resident evening.'],
    ['unknown', 'Of de aanbestedingsstukken deze bewonersavond aankondigden, is niet vastgelegd.', 'Whether the tender documents announced this resident evening was not recorded.'],
  ];
  it.each(cases)('says whether the tender announced the evening (%s), in both languages', (announced, nl, en) => {
    const input = inputFor({ weights: [50, 50], mapping: [0, -1], award: { ...award2, eveningAnnounced: announced, announcedWhere: announced === 'yes' ? 'Leidraad § 3.5' : '' }, bidders: 2, ballots: [ballot('v1', 0, [4, 5])] });
    const boxes = (['nl', 'en'] as Language[]).map((lang) => box(buildAdviceDocument(input, lang)));
    expect(plain(boxes[0]!.lines[0]!)).toBe(nl);
    expect(plain(boxes[1]!.lines[0]!)).toBe(en);
    const careful = boxes[0]!.lines.map(plain).filter((l) => l.startsWith('Let op: '));
    expect(careful).toHaveLength(announced === 'yes' ? 0 : 1);
  });

  it('says what the committee may and may not do, naming the criteria outside the award criteria with their weight', () => {
    const input = inputFor({ weights: [50, 30, 20], mapping: [0, -1, -1], award: award2, bidders: 2, ballots: [ballot('v1', 0, [4, 5, 3])] });
    const lines = box(buildAdviceDocument(input, 'nl')).lines.map(plain);
    expect(lines).toContain('Wel: de bevindingen per gunningscriterium (hoofdstuk 9) gebruiken als informatie bij de eigen beoordeling op dat gunningscriterium, en in de motivering zeggen hoe.');
    expect(lines.filter((l) => l.startsWith('Niet: '))).toHaveLength(2);
    expect(lines.join(' ')).toContain('de criteria buiten de gunningscriteria meewegen (Criterium 2 en Criterium 3, samen 50% van het gewicht van de bewoners)');
    const allMapped = inputFor({ weights: [50, 50], mapping: [0, 1], award: award2, bidders: 2, ballots: [ballot('v1', 0, [4, 5])] });
    expect(box(buildAdviceDocument(allMapped, 'nl')).lines.map(plain).filter((l) => l.startsWith('Niet: '))).toHaveLength(1);
    const status = text(section(buildAdviceDocument(input, 'nl'), 'status'));
    expect(status).not.toMatch(/weegt dit advies mee/);
  });

  it('says the overall ranking rests entirely on criteria outside the award criteria when no criterion maps', () => {
    const none = inputFor({ weights: [60, 40], mapping: [-1, -1], award: award2, bidders: 2, ballots: [ballot('v1', 0, [4, 5]), ballot('v1', 1, [3, 3])] });
    for (const lang of ['nl', 'en'] as const) {
      const lines = box(buildAdviceDocument(none, lang)).lines.map(plain).join(' ');
      expect(lines).not.toMatch(/deels|partly/);
      expect(lines).toContain(lang === 'nl' ? 'de totaalrangorde rust er geheel op, en een rangorde op gekoppelde criteria is er niet' : 'the overall ranking rests on them entirely, and there is no ranking on mapped criteria');
    }
  });

  it('claims nothing about award criteria that were neither recorded nor mapped (one voter)', () => {
    const empty: AwardFrame = { criteria: [], publishedIn: '', eveningAnnounced: 'unknown', announcedWhere: '' };
    const bare = inputFor({ weights: [50, 50], mapping: [-1, -1], award: empty, bidders: 2, ballots: [ballot('v1', 0, [4, 5]), ballot('v1', 1, [2, 3])] });
    for (const lang of ['nl', 'en'] as const) {
      const doc = buildAdviceDocument(bare, lang);
      const lines = box(doc).lines.map(plain).join(' ');
      const chapter = text(section(doc, 'award'));
      // No mapping exists, no findings per award criterion exist, and which criteria lie outside is not known.
      expect(lines).not.toMatch(/koppeling in hoofdstuk|bevindingen per gunningscriterium|deels|geheel|mapping in chapter|findings per award criterion|partly|entirely/);
      expect(chapter).not.toMatch(/hoort bij geen|horen bij geen|belongs to no|rust geheel|rests entirely/);
      const criteria = doc.sections.find((s) => s.id === 'criteria-results')!.number;
      expect(lines).toContain(lang === 'nl' ? `de uitkomsten per criterium van de bewoners (hoofdstuk ${criteria})` : `the residents’ results per criterion (chapter ${criteria})`);
      expect(chapter).toContain(lang === 'nl' ? 'Dit advies geeft daarom geen bevindingen per gunningscriterium.' : 'This advice therefore gives no findings per award criterion.');
    }
  });

  it('puts the first place on the mapped criteria alone beside the full ranking in the summary, and only when weight lies outside', () => {
    // Criterion 2 (outside, heavier) makes bidder 2 first overall; on criterion 1 alone bidder 0 is first.
    const input = inputFor({ weights: [30, 70], mapping: [0, -1], award: award2, bidders: 3, ballots: [ballot('v1', 0, [5, 1]), ballot('v1', 1, [3, 3]), ballot('v1', 2, [1, 5])] });
    const [a] = base.input.evening.bidders.map((x) => x.name);
    const summary = text(section(buildAdviceDocument(input, 'nl'), 'summary'));
    expect(summary).toContain(`Op de gekoppelde criteria alleen, zonder het criterium buiten de gunningscriteria (Criterium 2, 70% van het gewicht), staat ${a} eerst; oordeel: `);
    expect(summary).toContain('Zie hoofdstuk 9.');
    const en = text(section(buildAdviceDocument(input, 'en'), 'summary'));
    expect(en).toContain(`On the mapped criteria alone, without the criterion outside the award criteria (Criterium 2, 70% of the weight), ${a} is first; verdict: `);
    const allMapped = inputFor({ weights: [50, 50], mapping: [0, 1], award: award2, bidders: 2, ballots: [ballot('v1', 0, [4, 5])] });
    expect(text(section(buildAdviceDocument(allMapped, 'nl'), 'summary'))).not.toContain('gekoppelde criteria');
    const none = inputFor({ weights: [50, 50], mapping: [-1, -1], award: award2, bidders: 2, ballots: [ballot('v1', 0, [4, 5])] });
    expect(text(section(buildAdviceDocument(none, 'nl'), 'summary'))).toContain('Geen criterium van de bewoners hoort bij een gunningscriterium: de rangorde hierboven rust geheel op criteria buiten de gunningscriteria');
    const empty: AwardFrame = { criteria: [], publishedIn: '', eveningAnnounced: 'unknown', announcedWhere: '' };
    const bare = inputFor({ weights: [50, 50], mapping: [-1, -1], award: empty, bidders: 2, ballots: [ballot('v1', 0, [4, 5])] });
    expect(text(section(buildAdviceDocument(bare, 'nl'), 'summary'))).not.toMatch(/gekoppelde criteria|gunningscriteri/);
  });

  it('says the organisers mapped a criterion to none when the award criteria were not recorded', () => {
    const unrecorded: AwardFrame = { criteria: [], publishedIn: '', eveningAnnounced: 'unknown', announcedWhere: '' };
    const input = inputFor({ weights: [50, 50], mapping: [-1, -1], award: unrecorded, bidders: 2, ballots: [ballot('v1', 0, [4, 5])] });
    const evening = { ...input.evening, criteria: input.evening.criteria.map((c, i) => ({ ...c, awardCriterion: i === 0 ? 'Kwaliteit' : '' })) };
    const nl = text(section(buildAdviceDocument({ ...input, evening }, 'nl'), 'award'));
    expect(nl).toContain('Dit criterium van de bewoners hebben de organisatoren aan geen gunningscriterium gekoppeld: Criterium 2.');
    expect(nl).not.toContain('gepubliceerd gunningscriterium: Criterium 2');
  });
});

/** The place of a bidder as the document prints it, computed from the ranking on its own. */
function placeText(ranking: readonly RankEntry[], id: string): string {
  const e = ranking.find((r) => r.bidderId === id);
  if (!e) return '–';
  return ranking.filter((r) => r.place === e.place).length > 1 ? `${e.place} =` : String(e.place);
}

describe('the sentences on the two rankings are true for any evening', () => {
  const arbitraryCase = fc
    .record({
      bidders: fc.integer({ min: 2, max: 4 }),
      criteria: fc.integer({ min: 1, max: 4 }),
      voters: fc.integer({ min: 1, max: 6 }),
      seed: fc.array(fc.integer({ min: 0, max: 5 }), { minLength: 4 * 4 * 6, maxLength: 4 * 4 * 6 }),
      mapping: fc.array(fc.integer({ min: -1, max: 1 }), { minLength: 4, maxLength: 4 }),
      announced: fc.constantFrom<AwardFrame['eveningAnnounced']>('yes', 'no', 'unknown'),
    })
    .map(({ bidders, criteria, voters, seed, mapping, announced }): Case => {
      const weights = Array.from({ length: criteria }, (_, i) => (i === 0 ? 100 - 10 * (criteria - 1) : 10));
      const ballots: ResultsBallot[] = [];
      let k = 0;
      for (let v = 0; v < voters; v++) {
        for (let b = 0; b < bidders; b++) {
          // 0 leaves a criterion ungraded; a ballot without any grade is not sent.
          const grades = Array.from({ length: criteria }, () => seed[k++ % seed.length]!);
          if (grades.some((g) => g > 0)) ballots.push(ballot(`v${v}`, b, grades));
        }
      }
      return { weights, mapping: mapping.slice(0, criteria), award: { ...award2, eveningAnnounced: announced, announcedWhere: announced === 'yes' ? 'x' : '' }, ballots, bidders };
    });

  it('agree/disagree, who differs, who is first, and the medians per award criterion', () => {
    fc.assert(
      fc.property(arbitraryCase, (c) => {
        const input = inputFor(c);
        const doc = buildAdviceDocument(input, 'nl');
        const award = text(section(doc, 'award'));
        const all = input.results.all;
        const mapped = input.mappedOnly;
        const names = new Map(input.evening.bidders.map((b) => [b.id, b.name]));
        const mappedIds = c.mapping.map((m, i) => (m >= 0 ? `c${i + 1}` : null)).filter((x): x is string => x !== null);
        if (mappedIds.length === 0) {
          expect(mapped).toBeNull();
          expect(award).toContain('Er is dus geen rangorde op gekoppelde criteria');
          return;
        }
        expect(mapped).not.toBeNull();
        const differing = input.evening.bidders.filter((b) => placeText(all.ranking, b.id) !== placeText(mapped!.ranking, b.id));
        if (differing.length === 0) {
          expect(award).toContain('De rangorde op de gekoppelde criteria is gelijk aan de totaalrangorde.');
          expect(award).not.toContain('wijkt af');
        } else {
          expect(award).not.toContain('is gelijk aan de totaalrangorde');
          for (const b of input.evening.bidders) {
            const phrase = `${b.name} (plaats ${placeText(all.ranking, b.id)} totaal, ${placeText(mapped!.ranking, b.id)} gekoppeld)`;
            expect(award.includes(phrase)).toBe(differing.includes(b));
          }
        }
        const first = (r: readonly RankEntry[]) => r.filter((e) => e.place === 1).map((e) => names.get(e.bidderId)!);
        for (const [label, r] of [['Eerste plaats in de totaalrangorde: ', all.ranking], ['Eerste plaats op de gekoppelde criteria alleen: ', mapped!.ranking]] as const) {
          const f = first(r);
          const expected = f.length === 0 ? 'geen (geen inschrijver heeft een totaalcijfer)' : f.length === 1 ? f[0]! : `${f.slice(0, -1).join(', ')} en ${f[f.length - 1]!} (gedeeld)`;
          expect(award).toContain(`${label}${expected}.`);
        }
        // With a single mapped criterion, the mapped majority grade is the lower median of that criterion's grades.
        if (mappedIds.length === 1) {
          for (const b of mapped!.bidders) {
            const grades = c.ballots
              .filter((x) => x.bidderId === b.bidderId && x.grades[mappedIds[0]!] !== undefined)
              .map((x) => x.grades[mappedIds[0]!]!)
              .sort((p, q) => p - q);
            expect(b.majorityGrade).toBe(grades.length === 0 ? null : grades[Math.floor((grades.length - 1) / 2)]!);
          }
        }
        // With every criterion mapped, the mapped ranking is the full one.
        if (mappedIds.length === c.weights.length) expect(mapped!.ranking).toEqual(all.ranking);
      }),
      { numRuns: 60 },
    );
  });
});
