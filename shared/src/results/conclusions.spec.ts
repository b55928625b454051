/**
 * What the results conclude, case by case (issue 11): each test builds its ballots by hand, says
 * in comments what the right figures are, and checks the engine and the document's sentences. The
 * first cases are counter-examples on which version 1 drew a conclusion the ballots do not support.
 */
import fc from 'fast-check';
import { computeResults } from './report';
import { compareMajorityValues, majorityValue } from './majority-judgment';
import { poissonCount, voterKey, voterUniform } from './bootstrap';
import { seededRandom } from './prng';
import { overallGrade } from '../live/ballot-rules';
import { buildAdviceDocument } from '../advice/build';
import { documentText, type AdviceDocument, type DocTable } from '../advice/document';
import { sampleEvening } from '../testing/sample';
import { resultsFingerprint } from './report';
import type { ResultsBallot, ResultsInput, ResultsReport } from './types';

const NUMERIC = { kind: 'numeric' as const, levels: [1, 2, 3, 4, 5].map((value) => ({ value, label: String(value) })) };
const VERBAL = {
  kind: 'verbal' as const,
  levels: [
    { value: 5, label: 'Uitstekend' },
    { value: 4, label: 'Goed' },
    { value: 3, label: 'Voldoende' },
    { value: 2, label: 'Matig' },
    { value: 1, label: 'Onvoldoende' },
  ],
};

/** One criterion "q"; grades[id][k] is voter v(k+1)'s grade for that bidder, null = not scored. */
function evening(grades: Record<string, (number | null)[]>, options: ResultsInput['options'] = {}): ResultsInput {
  const ids = Object.keys(grades);
  const ballots: ResultsBallot[] = [];
  for (const id of ids) {
    grades[id]!.forEach((g, k) => {
      if (g !== null) ballots.push({ voter: `v${String(k + 1).padStart(2, '0')}`, bidderId: id, grades: { q: g } });
    });
  }
  return {
    bidders: ids.map((id, i) => ({ id, name: `Bidder ${id}`, position: i + 1 })),
    criteria: [{ id: 'q', name: 'Quality', weight: 100 }],
    scale: NUMERIC,
    ballots,
    ties: [],
    options: { bootstrapResamples: 2000, ...options },
  };
}

const rep = (value: number | null, n: number): (number | null)[] => Array.from({ length: n }, () => value);

/** The advisory document around a report (the sample evening's texts, these results). */
function documentFor(report: ResultsReport, lang: 'nl' | 'en' = 'nl'): AdviceDocument {
  const sample = sampleEvening({ bidders: 2, criteria: 1, voters: 4, resamples: 10 });
  const conduct = { ...sample.input.conduct, paper: {}, pitches: report.bidders.map((b) => ({ bidderId: b.id, status: 'done' as const, startedAt: null, scoringOpenedAt: null, scoringClosedAt: null })), events: [] };
  // These results have no paper cards: no remark from one either.
  return buildAdviceDocument({ ...sample.input, conduct, remarks: [], results: report, resultsSha256: resultsFingerprint(report) }, lang);
}

/** The first table of a section whose header starts with `first`. */
function table(doc: AdviceDocument, sectionId: string, first: string): DocTable {
  const section = doc.sections.find((s) => s.id === sectionId)!;
  return section.blocks.find((b): b is DocTable => b.kind === 'table' && b.header[0] === first)!;
}

const cell = (t: DocTable, row: number, col: number): string => {
  const c = t.rows[row]![col]!;
  return typeof c === 'string' ? c : c.map((r) => r.text).join('');
};

// ------------------------------------------------------------------------------------------------

describe('1. the verdict speaks about the leader against every other bidder', () => {
  // Twenty voters, one criterion.
  //   A: v1-v12 give 4, v13-v20 give 2   -> sorted 2 x 8, 4 x 12: majority grade 4, mean 64/20 = 3.2
  //   B: v1-v9 give 5, v10-v20 give 2    -> sorted 2 x 11, 5 x 9: majority grade 2, mean 67/20 = 3.35
  //   C: v1-v9 3, v10-v12 1, v13-v14 3, v15-v20 1 -> 1 x 9, 3 x 11: majority grade 3, mean 42/20 = 2.1
  // Majority judgment: A, C, B. But B has the highest mean and beats both head to head:
  //   B over A: v1-v9 (5 > 4) = 9; A over B: v10-v12 (4 > 2) = 3; v13-v20 tie.
  //   B over C: v1-v9, v10-v12, v15-v20 = 18; C over B: v13-v14 = 2.
  //   A over C: v1-v12, v15-v20 = 18; C over A: v13-v14 = 2.
  // Version 1 compared only places 1 and 2 (A and C), found all four of its conditions met and
  // printed "clearly prefer A to C". Here the verdict must name B.
  const input = evening({
    A: [...rep(4, 12), ...rep(2, 8)],
    B: [...rep(5, 9), ...rep(2, 11)],
    C: [...rep(3, 9), ...rep(1, 3), 3, 3, ...rep(1, 6)],
  });
  const report = computeResults(input);

  it('ranks A, C, B by majority judgment while the mean and the pairwise comparison put B first', () => {
    expect(report.all.ranking.map((r) => r.bidderId)).toEqual(['A', 'C', 'B']);
    expect(report.all.bidders.map((b) => [b.majorityGrade, b.weightedMean])).toEqual([
      [4, 3.2],
      [2, 3.35],
      [3, 2.1],
    ]);
    expect(report.all.meanRanking.map((r) => r.bidderId)).toEqual(['B', 'A', 'C']);
    expect(report.all.pairwise.preferred).toEqual([
      [0, 3, 18],
      [9, 0, 18],
      [2, 2, 0],
    ]);
    expect(report.all.pairwise.condorcetWinner).toBe('B');
  });

  it('finds no clear preference, comparing A with C and with B, and names B for the mean and the pairwise comparison', () => {
    const v = report.all.verdict;
    expect(v.code).toBe('no-clear-preference');
    expect(v.leader).toBe('A');
    expect(v.comparisons.map((c) => [c.bidderId, c.pairwiseForLeader, c.pairwiseForOther])).toEqual([
      ['C', 18, 2],
      ['B', 3, 9],
    ]);
    expect(v.reasons).toEqual(expect.arrayContaining(['mean-disagrees', 'pairwise-disagrees']));
    expect(v.meanAhead).toEqual(['B']);
    expect(v.pairwiseNotBeaten).toEqual(['B']);
  });

  it('says so in the document, with the numbers, and never "clearly prefer"', () => {
    const nl = documentText(documentFor(report, 'nl'));
    expect(nl).toContain('Er is geen duidelijke voorkeur. Bidder A staat volgens het meerderheidsoordeel bovenaan, maar:');
    expect(nl).toContain('het gemiddelde wijst niet alleen naar Bidder A: Bidder B 3,35, tegen 3,20 voor Bidder A.');
    expect(nl).toContain('in de paarsgewijze vergelijking wint Bidder A niet van Bidder B (3 tegen 9)');
    expect(nl).not.toMatch(/duidelijke voorkeur aan/);
    const en = documentText(documentFor(report, 'en'));
    expect(en).toContain('the mean does not single out Bidder A: Bidder B 3.35, against 3.20 for Bidder A.');
    expect(en).not.toMatch(/The residents clearly prefer/);
  });

  it('measures the leader against each bidder by resampling under majority judgment, never printed as 100 %', () => {
    const doc = documentFor(report, 'nl');
    const t = table(doc, 'overall', 'Inschrijver');
    expect(t.rows.map((r) => r[0])).toEqual(['Bidder C', 'Bidder B']);
    for (const [i, c] of report.all.verdict.comparisons.entries()) {
      expect(cell(t, i, 1)).not.toMatch(/^100/);
      if (c.shareLeaderAhead > 0.999) expect(cell(t, i, 1)).toBe('meer dan 99,9%');
    }
  });
});

describe('2. no preference claim from one voter, or three', () => {
  it('makes none for a single voter', () => {
    const report = computeResults(evening({ X: [5], Y: [4] }));
    expect(report.all.verdict).toMatchObject({ code: 'too-few-voters', leader: 'X', tooFewVoters: ['X', 'Y'], minVoters: 10 });
    // A unanimous group always "wins" every resample: the share is 1, which says nothing.
    expect(report.all.verdict.comparisons[0]!.shareLeaderAhead).toBe(1);
    const nl = documentText(documentFor(report));
    expect(nl).toContain('De groep is te klein om een voorkeur vast te stellen');
    expect(nl).not.toMatch(/duidelijke voorkeur aan/);
  });

  it('makes none for three voters who each put X 0.2 above Y, and prints the resampled share as "more than 99.9 %"', () => {
    // Weights 80/20: X (4, 4) = 4.0, Y (4, 3) = 3.2 + 0.6 = 3.8 for each of three voters.
    const input: ResultsInput = {
      bidders: [
        { id: 'X', name: 'Bidder X', position: 1 },
        { id: 'Y', name: 'Bidder Y', position: 2 },
      ],
      criteria: [
        { id: 'a', name: 'A', weight: 80 },
        { id: 'b', name: 'B', weight: 20 },
      ],
      scale: NUMERIC,
      ballots: ['v1', 'v2', 'v3'].flatMap((voter) => [
        { voter, bidderId: 'X', grades: { a: 4, b: 4 } },
        { voter, bidderId: 'Y', grades: { a: 4, b: 3 } },
      ]),
      ties: [],
      options: { bootstrapResamples: 1000 },
    };
    const report = computeResults(input);
    expect(report.all.bidders.map((b) => b.majorityGrade)).toEqual([4, 3.8]);
    expect(report.all.verdict.code).toBe('too-few-voters');
    const doc = documentFor(report, 'en');
    expect(cell(table(doc, 'overall', 'Bidder'), 0, 1)).toBe('more than 99.9%');
    expect(documentText(doc)).toContain('The group is too small to judge a preference: that needs at least 10 overall grades for each ranked bidder; Bidder X: 3 overall grades and Bidder Y: 3 overall grades.');
  });

  it('does claim a preference once every ranked bidder has the minimum, and lowers the minimum only by an explicit option', () => {
    const ten = computeResults(evening({ X: rep(5, 10), Y: rep(4, 10) }));
    expect(ten.all.verdict.code).toBe('clear-preference');
    const nine = computeResults(evening({ X: rep(5, 9), Y: rep(4, 9) }));
    expect(nine.all.verdict.code).toBe('too-few-voters');
    expect(computeResults(evening({ X: rep(5, 9), Y: rep(4, 9) }, { verdictMinVoters: 9 })).all.verdict.code).toBe('clear-preference');
  });
});

describe('3. the word beside the majority grade is true', () => {
  // Eleven voters, weights 70/30, verbal scale. Overall grades: (2,2) = 2 three times, (3,3) = 3
  // twice, (4,3) = 2.8 + 0.9 = 3.7 twice, (5,5) = 5 four times. Sorted: 2 2 2 3 3 3.7 3.7 5 5 5 5;
  // lower median (6th of 11) = 3.7. Only 4 of 11 (36 %) are 4 or more, so "at least Goed" is false;
  // 8 of 11 are 3 or more: "at least Voldoende" is true. Version 1 printed the nearest label, Goed.
  const pairs: [number, number][] = [[2, 2], [2, 2], [2, 2], [3, 3], [3, 3], [4, 3], [4, 3], [5, 5], [5, 5], [5, 5], [5, 5]];
  const input: ResultsInput = {
    bidders: [
      { id: 'X', name: 'Bidder X', position: 1 },
      { id: 'Y', name: 'Bidder Y', position: 2 },
    ],
    criteria: [
      { id: 'a', name: 'A', weight: 70 },
      { id: 'b', name: 'B', weight: 30 },
    ],
    scale: VERBAL,
    ballots: pairs.flatMap(([a, b], k) => [
      { voter: `v${String(k).padStart(2, '0')}`, bidderId: 'X', grades: { a, b } },
      { voter: `v${String(k).padStart(2, '0')}`, bidderId: 'Y', grades: { a: 3, b: 3 } },
    ]),
    ties: [],
    options: { bootstrapResamples: 500 },
  };
  const report = computeResults(input);

  it('gives the majority grade 3.7 and the level 3 (Voldoende), which at least half reached', () => {
    const x = report.all.bidders[0]!;
    expect([x.majorityGrade, x.majorityLevel]).toEqual([3.7, 3]);
  });

  it('prints "3,70 – minstens Voldoende" and says that the grade lies between scale points', () => {
    const doc = documentFor(report, 'nl');
    const ranking = table(doc, 'summary', 'Plaats');
    const row = ranking.rows.findIndex((r) => r[1] === 'Bidder X');
    expect(cell(ranking, row, 2)).toBe('3,70 – minstens Voldoende');
    expect(ranking.caption).toContain('valt vaak tussen twee schaalpunten');
    expect(documentText(doc)).not.toContain('3,70 – minstens Goed');
  });

  it('names only a level that at least half of the counted overall grades reach (property)', () => {
    fc.assert(
      fc.property(randomEvening, (ev) => {
        const r = computeResults(ev);
        for (const b of r.all.bidders) {
          if (b.majorityLevel === null) continue;
          const grades = ev.ballots
            .filter((x) => x.bidderId === b.bidderId && !ev.ties.some((t) => t.voter === x.voter && t.bidderId === x.bidderId))
            .map((x) => overallGrade(x.grades, ev.criteria))
            .filter((g): g is number => g !== null);
          expect(grades.length).toBe(b.overallGrades);
          expect(2 * grades.filter((g) => g >= b.majorityLevel!).length).toBeGreaterThanOrEqual(grades.length);
          // And the level is the highest such scale grade not above the majority grade.
          expect(b.majorityLevel).toBeLessThanOrEqual(b.majorityGrade!);
          expect(b.majorityLevel + 1).toBeGreaterThan(b.majorityGrade!);
        }
      }),
      { numRuns: 60 },
    );
  });
});

describe('4. every uncertainty figure measures the ranking it stands beside', () => {
  it('prints the majority judgment chance of first place beside the majority judgment ranking, and labels the mean\'s as the mean\'s', () => {
    const report = computeResults(
      evening({ A: [...rep(4, 12), ...rep(2, 8)], B: [...rep(5, 9), ...rep(2, 11)], C: [...rep(3, 9), ...rep(1, 3), 3, 3, ...rep(1, 6)] }),
    );
    const a = report.all.bidders[0]!;
    // The mean's chance for A is far from the majority judgment's: B has the higher mean.
    expect(a.majorityProbabilityFirst).toBeGreaterThan(a.meanProbabilityFirst + 0.2);
    const doc = documentFor(report, 'en');
    const ranking = table(doc, 'summary', 'Place');
    expect(ranking.header[4]).toBe('P(first)');
    expect(cell(ranking, 0, 4)).toBe(`${(a.majorityProbabilityFirst * 100).toFixed(1)}%`);
    const methods = table(doc, 'robustness', 'Bidder');
    expect(methods.header).toEqual(['Bidder', 'Place MJ', 'P(first) MJ', 'Place mean', 'P(first) mean', 'z-score', 'Trimmed mean', 'Borda']);
    expect(cell(methods, 0, 4)).toBe(`${(a.meanProbabilityFirst * 100).toFixed(1)}%`);
  });
});

describe('5. pairwise comparison and Condorcet among the assessed bidders', () => {
  it('finds the Condorcet winner although a skipped pitch has no ballots, and reports that pitch as not assessed', () => {
    // X 4 and Y 2 from ten voters; Z (skipped) none. X beats Y 10-0. Version 1 required beating Z
    // too (0 against 0) and found no winner.
    const report = computeResults(evening({ X: rep(4, 10), Y: rep(2, 10), Z: rep(null, 10) }));
    expect(report.all.pairwise.assessed).toEqual(['X', 'Y']);
    expect(report.all.pairwise.condorcetWinner).toBe('X');
    expect(report.all.unranked).toEqual(['Z']);
    expect(report.all.verdict.comparisons.map((c) => c.bidderId)).toEqual(['Y']);
    const nl = documentText(documentFor(report, 'nl'));
    expect(nl).toContain('In de paarsgewijze vergelijking wint Bidder X van elke andere beoordeelde inschrijver (Condorcet-winnaar).');
    expect(nl).toContain('Niet beoordeeld (geen enkel totaalcijfer, bijvoorbeeld een overgeslagen pitch): Bidder Z.');
  });
});

describe('6. turnout never breaks a tie', () => {
  it('lets 10 voters who all give 4 and 8 voters who all give 4 share the place', () => {
    const report = computeResults(evening({ X: rep(4, 10), Y: [...rep(4, 8), null, null] }));
    expect(report.all.ranking).toEqual([
      { place: 1, bidderId: 'X', tiedWith: ['Y'] },
      { place: 1, bidderId: 'Y', tiedWith: ['X'] },
    ]);
  });

  it('separates by shares: 10 % above 4 beats 0 % above 4, whichever has more voters', () => {
    // X: 8 voters, 7 x 4 and one 5 (12.5 % above); Y: 12 voters all 4. X ranks first.
    expect(computeResults(evening({ X: [...rep(4, 7), 5, ...rep(null, 4)], Y: rep(4, 12) })).all.ranking.map((r) => r.bidderId)).toEqual(['X', 'Y']);
  });

  it('says "no clear preference" for two bidders that share first place with enough voters', () => {
    const report = computeResults(evening({ X: rep(4, 20), Y: [...rep(4, 16), null, null, null, null] }));
    expect(report.all.verdict).toMatchObject({ code: 'no-clear-preference', leader: 'X', tiedWithLeader: ['Y'] });
    expect(report.all.verdict.reasons).toContain('majority-judgment-tie');
  });
});

describe('9. partial ballots and Borda', () => {
  // Four criteria weighing 10, 30, 30, 30.
  const criteria = [
    { id: 'c1', name: 'C1', weight: 10 },
    { id: 'c2', name: 'C2', weight: 30 },
    { id: 'c3', name: 'C3', weight: 30 },
    { id: 'c4', name: 'C4', weight: 30 },
  ];
  const base = { bidders: ['P', 'Q', 'R', 'S'].map((id, i) => ({ id, name: `Bidder ${id}`, position: i + 1 })), criteria, scale: NUMERIC, ties: [], options: { bootstrapResamples: 200 } };

  it('gives no overall grade for a ballot that grades only the 10 % criterion, but counts it for that criterion', () => {
    const report = computeResults({
      ...base,
      ballots: [
        { voter: 'v1', bidderId: 'P', grades: { c1: 5 } },
        { voter: 'v2', bidderId: 'P', grades: { c1: 1, c2: 2, c3: 2, c4: 2 } },
        { voter: 'v3', bidderId: 'P', grades: { c2: 4, c3: 4 } },
      ],
    });
    const p = report.all.bidders[0]!;
    // v1: 10 % graded, below 50 %: no overall grade. v2: 0.1 + 0.6 + 0.6 + 0.6 = 1.9. v3: 60 % graded, (4 x 30 + 4 x 30) / 60 = 4.
    expect([p.ballots, p.partialBallots, p.overallGrades, p.majorityGrade, p.weightedMean]).toEqual([3, 2, 2, 1.9, 2.95]);
    expect(p.criteria[0]!.distribution.map((d) => d.count)).toEqual([1, 0, 0, 0, 1]);
  });

  it('gives a voter who scored three of four bidders Borda shares 1, 0.5 and 0, not 3, 1.5 and 0', () => {
    const full = { c1: 3, c2: 3, c3: 3, c4: 3 };
    const report = computeResults({
      ...base,
      ballots: [
        { voter: 'v1', bidderId: 'P', grades: { ...full, c2: 5 } },
        { voter: 'v1', bidderId: 'Q', grades: full },
        { voter: 'v1', bidderId: 'R', grades: { ...full, c2: 1 } },
      ],
    });
    expect(report.all.bidders.map((b) => [b.borda, b.bordaVoters])).toEqual([
      [1, 1],
      [0.5, 1],
      [0, 1],
      [null, 0],
    ]);
  });
});

describe('10. conflicts of interest, strictly', () => {
  // v1 declared a tie with A, so v1's ballot for A does not count; v1 gave rival B the lowest grade.
  // A (v2-v11): 3 x 4, 4 x 6 -> 40 % "3", 60 % "4".
  // B with v1: 1, 3 x 3, 4 x 6 (v2-v10) -> 10 % "1", 30 % "3", 60 % "4". Both majority grade 4.
  //   As shares (100 grades each): equal down to the 10th grade from the bottom, where A has 3
  //   and B has 1: A ranks first.
  // B without v1: 3 x 3, 4 x 6 -> 33 % "3", 67 % "4": B ranks above A.
  const input = evening({ A: [5, ...rep(3, 4), ...rep(4, 6)], B: [1, ...rep(3, 3), ...rep(4, 6), null] });
  input.ties = [{ voter: 'v01', bidderId: 'A' }];
  const report = computeResults(input);

  it('also computes the result without any ballot of the voters who declared a tie', () => {
    expect(report.integrity).toMatchObject({ tiedVoters: 1, tiedVotersBallots: 1 });
    expect(report.all.ranking.map((r) => r.bidderId)).toEqual(['A', 'B']);
    expect(report.withoutTiedVoters.ranking.map((r) => r.bidderId)).toEqual(['B', 'A']);
    expect(report.withoutTiedVoters.ballots).toBe(report.all.ballots - 1);
  });

  it('says in the robustness chapter that the leader changes', () => {
    const nl = documentText(documentFor(report, 'nl'));
    expect(nl).toContain('Daarom is de uitslag ook berekend zonder enige beoordeling van de 1 telefoon met een gemelde band: 1 beoordeling minder.');
    expect(nl).toContain('Let op: de nummer één wordt Bidder B (in de uitslag van dit advies: Bidder A).');
  });

  it('is the same section when nobody declared a tie', () => {
    const plain = computeResults(evening({ X: rep(4, 3), Y: rep(3, 3) }));
    expect(plain.withoutTiedVoters).toBe(plain.all);
    expect(documentText(documentFor(plain, 'en'))).toContain('No phone declared a tie with a bidder, so the result without the assessments of those who did is the result itself.');
  });
});

// ------------------------------------------------------------------------------------------------
// Properties

/** A random evening: 2-4 bidders, 1-3 criteria, up to 9 voters with partial ballots and a tie or two. */
const randomEvening: fc.Arbitrary<ResultsInput> = fc
  .record({
    bidders: fc.integer({ min: 2, max: 4 }),
    weights: fc.constantFrom([100], [60, 40], [50, 30, 20], [10, 45, 45]),
    voters: fc.array(fc.array(fc.option(fc.array(fc.option(fc.integer({ min: 1, max: 5 }), { nil: undefined }), { minLength: 3, maxLength: 3 }), { nil: null }), { minLength: 4, maxLength: 4 }), {
      minLength: 1,
      maxLength: 9,
    }),
    ties: fc.array(fc.tuple(fc.nat(8), fc.nat(3)), { maxLength: 2 }),
  })
  .map(({ bidders, weights, voters, ties }) => {
    const criteria = weights.map((weight, i) => ({ id: `c${i}`, name: `C${i}`, weight }));
    const ballots: ResultsBallot[] = [];
    voters.forEach((row, v) => {
      for (let b = 0; b < bidders; b++) {
        const cells = row[b];
        if (cells === null || cells === undefined) continue;
        const grades: Record<string, number> = {};
        criteria.forEach((c, i) => {
          const g = cells[i];
          if (g !== undefined) grades[c.id] = g;
        });
        if (Object.keys(grades).length === 0) grades[criteria[0]!.id] = 1 + ((v + b) % 5);
        ballots.push({ voter: `v${v}`, bidderId: `b${b}`, grades });
      }
    });
    return {
      bidders: Array.from({ length: bidders }, (_, b) => ({ id: `b${b}`, name: `B${b}`, position: b + 1 })),
      criteria,
      scale: VERBAL,
      ballots,
      ties: ties.filter(([, b]) => b < bidders).map(([v, b]) => ({ voter: `v${v}`, bidderId: `b${b}` })),
      options: { bootstrapResamples: 200, seed: 'property' },
    };
  });

/**
 * The chance of ranking first by majority judgment in the Poisson bootstrap, computed the slow
 * literal way from the methodology: per resample two numbers s, t from the seeded generator, each
 * voter's count from their key, the grades repeated that many times, the bidders compared on
 * their majority values after replication to a common size. Shares of the resamples in which at
 * least one voter counts; tied bidders share a resample.
 */
function literalFirst(input: ResultsInput): Map<string, number> {
  const seed = input.options?.seed ?? 'buurtjury';
  const R = input.options?.bootstrapResamples ?? 10_000;
  const ids = [...input.bidders].sort((a, b) => a.position - b.position).map((b) => b.id);
  const voters = [...new Set(input.ballots.map((b) => b.voter))].sort();
  const rows = voters
    .map((v) =>
      ids.map((id) => {
        const ballot = input.ballots.find((b) => b.voter === v && b.bidderId === id);
        const tied = input.ties.some((t) => t.voter === v && t.bidderId === id);
        return ballot && !tied ? overallGrade(ballot.grades, input.criteria) : null;
      }),
    )
    .map((row, i) => ({ voter: voters[i]!, row }))
    .filter(({ row }) => row.some((g) => g !== null));
  const random = seededRandom(seed);
  const credit = new Map(ids.map((id) => [id, 0]));
  let counted = 0;
  for (let r = 0; r < R; r++) {
    const s = random.nextUint32();
    const t = random.nextUint32();
    const grades = ids.map((): number[] => []);
    for (const { voter, row } of rows) {
      const c = poissonCount(voterUniform(voterKey(seed, voter), s, t));
      row.forEach((g, b) => {
        if (g !== null) for (let k = 0; k < c; k++) grades[b]!.push(g);
      });
    }
    const ranked = ids.map((_, b) => b).filter((b) => grades[b]!.length > 0);
    if (ranked.length === 0) continue;
    counted++;
    const better = (x: number, y: number) => {
      const gx = grades[x]!.sort((p, q) => p - q);
      const gy = grades[y]!.sort((p, q) => p - q);
      const rx = gx.flatMap((g) => Array.from({ length: gy.length }, () => g));
      const ry = gy.flatMap((g) => Array.from({ length: gx.length }, () => g));
      return compareMajorityValues(majorityValue(rx), majorityValue(ry));
    };
    const firsts = ranked.filter((b) => ranked.every((o) => better(b, o) <= 0));
    for (const b of firsts) credit.set(ids[b]!, credit.get(ids[b]!)! + 1 / firsts.length);
  }
  return new Map([...credit].map(([id, c]) => [id, counted === 0 ? 0 : c / counted]));
}

describe('properties of the conclusions', () => {
  it('reordering the voters and their ballots changes nothing', () => {
    fc.assert(
      fc.property(randomEvening, fc.nat(), (input, seed) => {
        const voters = [...new Set(input.ballots.map((b) => b.voter))];
        const order = new Map(voters.map((v, i) => [v, (i * 7919 + seed) % 1009]));
        const reordered = { ...input, ballots: [...input.ballots].sort((a, b) => order.get(a.voter)! - order.get(b.voter)! || (a.bidderId < b.bidderId ? 1 : -1)) };
        expect(JSON.stringify(computeResults(reordered))).toBe(JSON.stringify(computeResults(input)));
      }),
      { numRuns: 40 },
    );
  });

  it('adding a ballot that gives bidder X the top grade everywhere never lowers X\'s place', () => {
    fc.assert(
      fc.property(randomEvening, fc.nat(3), (input, pick) => {
        const x = input.bidders[pick % input.bidders.length]!.id;
        const top: ResultsBallot = { voter: 'zz-new', bidderId: x, grades: Object.fromEntries(input.criteria.map((c) => [c.id, 5])) };
        const place = (r: ResultsReport) => r.all.ranking.find((e) => e.bidderId === x)?.place ?? Number.POSITIVE_INFINITY;
        const before = computeResults(input);
        const after = computeResults({ ...input, ballots: [...input.ballots, top] });
        expect(place(after)).toBeLessThanOrEqual(place(before));
        // Its majority judgment with the top ballot is never worse than without.
        const mine = (r: ResultsReport) => r.all.bidders.find((b) => b.bidderId === x)!;
        expect(mine(after).majorityGrade!).toBeGreaterThanOrEqual(mine(before).majorityGrade ?? Number.NEGATIVE_INFINITY);
      }),
      { numRuns: 60 },
    );
  });

  it('computes the chance of ranking first exactly as the methodology describes it (literal re-implementation)', () => {
    const small = randomEvening.map((e) => ({ ...e, options: { ...e.options, bootstrapResamples: 150 } }));
    fc.assert(
      fc.property(small, (input) => {
        const literal = literalFirst(input);
        for (const b of computeResults(input).all.bidders) expect(b.majorityProbabilityFirst).toBeCloseTo(literal.get(b.bidderId)!, 4);
      }),
      { numRuns: 25 },
    );
  });

  it('adding a ballot that gives X the top grade everywhere never lowers X\'s chance of ranking first, not even in the estimate', () => {
    fc.assert(
      fc.property(randomEvening, fc.nat(3), (input, pick) => {
        const x = input.bidders[pick % input.bidders.length]!.id;
        const top: ResultsBallot = { voter: 'zz-new', bidderId: x, grades: Object.fromEntries(input.criteria.map((c) => [c.id, 5])) };
        const chance = (r: ResultsReport) => r.all.bidders.find((b) => b.bidderId === x)!.majorityProbabilityFirst;
        const before = computeResults(input);
        const after = computeResults({ ...input, ballots: [...input.ballots, top] });
        expect(chance(after)).toBeGreaterThanOrEqual(chance(before));
      }),
      { numRuns: 60 },
    );
  });

  it('a unanimous group smaller than the minimum never yields a preference claim', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 9 }),
        fc.array(fc.integer({ min: 1, max: 5 }), { minLength: 2, maxLength: 4 }),
        (n, grades) => {
          const input = evening(Object.fromEntries(grades.map((g, b) => [`B${b}`, rep(g, n)])), { bootstrapResamples: 200 });
          const report = computeResults(input);
          expect(['too-few-voters', 'not-applicable', 'no-clear-preference']).toContain(report.all.verdict.code);
          expect(report.all.verdict.code).not.toBe('clear-preference');
          const nl = documentText(documentFor(report, 'nl'));
          const en = documentText(documentFor(report, 'en'));
          expect(nl).not.toMatch(/duidelijke voorkeur aan/);
          expect(en).not.toMatch(/The residents clearly prefer/);
        },
      ),
      { numRuns: 40 },
    );
  });
});
