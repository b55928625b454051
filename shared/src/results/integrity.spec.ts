import { computeResults, resultsJson, sealBurstCheck } from './report';
import { poissonTail } from './integrity';
import { ResultsInputError } from './prepare';
import type { ResultsBallot, ResultsInput } from './types';

const SCALE = { kind: 'numeric' as const, levels: [1, 2, 3, 4, 5].map((value) => ({ value, label: String(value) })) };
const BIDDERS = ['X', 'Y', 'Z'].map((id, i) => ({ id, name: id, position: i + 1 }));
const CRITERIA = [
  { id: 'a', name: 'A', weight: 50 },
  { id: 'b', name: 'B', weight: 50 },
];

function input(ballots: ResultsBallot[], integrity: ResultsInput['options'] extends infer O ? (O extends { integrity?: infer I } ? I : never) : never = {}): ResultsInput {
  return { bidders: BIDDERS, criteria: CRITERIA, scale: SCALE, ballots, ties: [], options: { bootstrapResamples: 200, integrity } };
}

/** A voter's ballots: grades per bidder as [a, b]; bidders missing from the object are not scored. */
function voter(id: string, grades: Partial<Record<'X' | 'Y' | 'Z', [number, number]>>, at?: number): ResultsBallot[] {
  return Object.entries(grades).map(([bidderId, [a, b]]) => ({ voter: id, bidderId, grades: { a, b }, ...(at === undefined ? {} : { submittedAt: at }) }));
}

/** Seven honest voters whose ballots all differ from each other. */
function honest(): ResultsBallot[] {
  const rows: [number, number][][] = [
    [[4, 3], [3, 3], [2, 4]],
    [[5, 4], [2, 3], [3, 3]],
    [[3, 3], [4, 4], [2, 2]],
    [[4, 5], [3, 2], [4, 3]],
    [[2, 3], [3, 4], [5, 4]],
    [[4, 4], [4, 3], [3, 2]],
    [[3, 4], [2, 2], [4, 4]],
  ];
  return rows.flatMap((r, i) => voter(`h${i + 1}`, { X: r[0], Y: r[1], Z: r[2] }));
}

describe('integrity signals', () => {
  it('flags nothing in an honest evening', () => {
    const report = computeResults(input(honest()));
    expect(report.integrity.identicalClusters).toEqual([]);
    expect(report.integrity.topBottomVoters).toEqual([]);
    expect(report.integrity.bursts).toEqual([]);
    expect(report.integrity.flaggedBallots).toEqual([]);
    expect(report.withoutFlagged).toEqual(report.all);
  });

  it('finds a cluster of three voters with identical ballots on two bidders (with at least as many grades as the threshold)', () => {
    const copy = { X: [5, 5], Y: [2, 1] } as const;
    const ballots = [...honest(), ...['c1', 'c2', 'c3'].flatMap((v) => voter(v, { X: [...copy.X], Y: [...copy.Y] }))];
    // These ballots hold 4 grades each; the default asks for 12 (fewer coincide too easily by chance).
    expect(computeResults(input(ballots)).integrity.identicalClusters).toEqual([]);
    const report = computeResults(input(ballots, { clusterMinGrades: 4 }));
    expect(report.integrity.identicalClusters).toEqual([{ voters: ['c1', 'c2', 'c3'], bidders: 2 }]);
    expect(report.integrity.flaggedBallots).toEqual(
      ['c1', 'c2', 'c3'].flatMap((v) => [
        { voter: v, bidderId: 'X', reasons: ['identical-cluster'] },
        { voter: v, bidderId: 'Y', reasons: ['identical-cluster'] },
      ]),
    );
    // Shown with and without: nothing is deleted from `all`.
    expect(report.all.ballots).toBe(21 + 6);
    expect(report.withoutFlagged.ballots).toBe(21);
    expect(report.withoutFlagged).toEqual(computeResults(input(honest(), { clusterMinGrades: 4 })).all);
  });

  it('does not call two identical voters, or identical single-bidder ballots, a cluster', () => {
    const two = [...honest(), ...['c1', 'c2'].flatMap((v) => voter(v, { X: [5, 5], Y: [2, 1] }))];
    expect(computeResults(input(two, { clusterMinGrades: 1 })).integrity.identicalClusters).toEqual([]);
    const single = [...honest(), ...['s1', 's2', 's3', 's4'].flatMap((v) => voter(v, { X: [4, 4] }))];
    expect(computeResults(input(single, { clusterMinGrades: 1 })).integrity.identicalClusters).toEqual([]);
  });

  it('finds "top grade for one bidder, bottom grade for all others"', () => {
    const ballots = [
      ...honest(),
      ...voter('t1', { X: [1, 1], Y: [5, 5], Z: [1, 1] }),
      // only one other bidder: below the threshold of two
      ...voter('t2', { X: [5, 5], Y: [1, 1] }),
      // one of the others is not bottom everywhere
      ...voter('t3', { X: [5, 5], Y: [1, 1], Z: [2, 1] }),
    ];
    const report = computeResults(input(ballots));
    expect(report.integrity.topBottomVoters).toEqual(['t1']);
    expect(report.integrity.flaggedBallots.map((f) => [f.voter, f.bidderId, f.reasons])).toEqual([
      ['t1', 'X', ['top-bottom']],
      ['t1', 'Y', ['top-bottom']],
      ['t1', 'Z', ['top-bottom']],
    ]);
    const y = (section: typeof report.all) => section.bidders.find((b) => b.bidderId === 'Y')!;
    expect(y(report.all).ballots).toBe(10);
    expect(y(report.withoutFlagged).ballots).toBe(9);
  });

  it('finds a burst far above the rate around it, and only when times are given', () => {
    // 40 honest ballots for X, one every 3 s from t = 0 to 117 s; then 12 ballots within 1.1 s at 60 s.
    // The window from 60 s to 63 s (both ends included) holds the 12 plus the honest ballots at
    // 60 s and 63 s: 14. Around it: 51, 54 and 57 s in the 10 s before, 66, 69 and 72 s in the
    // 10 s after: 3 each, so 3 x 3 / 10 = 0.9 expected in 3 s. 14 >= 8, 14 >= 4 x 0.9, and a
    // Poisson count with mean 0.9 reaches 14 with probability about 1e-12 (at most 1e-8 needed).
    const timedHonest = Array.from({ length: 40 }, (_, i) => voter(`h${String(i).padStart(2, '0')}`, { X: [3 + (i % 3), 2 + (i % 4)] }, i * 3000)).flat();
    const burst = Array.from({ length: 12 }, (_, i) => voter(`b${String(i).padStart(2, '0')}`, { X: [1 + (i % 5), 1 + ((i * 2) % 5)] }, 60_000 + i * 100)).flat();
    const report = computeResults(input([...timedHonest, ...burst]));
    expect(report.integrity.ballotsWithTime).toBe(52);
    expect(report.integrity.bursts).toHaveLength(1);
    const [b] = report.integrity.bursts;
    expect(b).toMatchObject({ bidderId: 'X', ballots: 14, peak: 14, expected: 0.9 });
    expect(Object.keys(b!).sort()).toEqual(['ballots', 'bidderId', 'expected', 'peak', 'voters']);
    expect(b!.voters).toContain('h20');
    expect(b!.voters.filter((v) => v.startsWith('b'))).toHaveLength(12);
    expect(report.integrity.flaggedBallots.every((f) => f.reasons.join() === 'burst')).toBe(true);
    expect(report.withoutFlagged.ballots).toBe(52 - 14);

    // The same ballots without times: no burst signal.
    const untimed = [...timedHonest, ...burst].map(({ submittedAt: _t, ...rest }) => rest);
    expect(computeResults(input(untimed)).integrity.bursts).toEqual([]);
  });

  it('gives the same report from the sealed input, which carries the burst outcome instead of the times', () => {
    const timedHonest = Array.from({ length: 40 }, (_, i) => voter(`h${String(i).padStart(2, '0')}`, { X: [3 + (i % 3), 2 + (i % 4)] }, i * 3000 + 417)).flat();
    const burst = Array.from({ length: 12 }, (_, i) => voter(`b${String(i).padStart(2, '0')}`, { X: [1 + (i % 5), 1 + ((i * 2) % 5)] }, 60_417 + i * 100)).flat();
    const sealed = sealBurstCheck(input([...timedHonest, ...burst]));
    expect(sealed.ballots.some((b) => b.submittedAt !== undefined)).toBe(false);
    expect(sealed.burstCheck?.ballotsWithTime).toBe(52);
    // The burst check carries no times at all; the flags are those of the timed input.
    expect(sealed.burstCheck?.bursts[0]).toMatchObject({ ballots: 14, peak: 14 });
    expect(JSON.stringify(sealed.burstCheck)).not.toMatch(/"from"|"to"|60417|63417/);
    const fromTimes = computeResults(input([...timedHonest, ...burst]));
    const fromSealed = computeResults(sealed);
    expect(fromSealed.integrity.flaggedBallots).toEqual(fromTimes.integrity.flaggedBallots);
    expect(fromSealed.withoutFlagged).toEqual(fromTimes.withoutFlagged);
    // A JSON round trip (what the published record goes through) changes nothing.
    expect(resultsJson(computeResults(JSON.parse(JSON.stringify(sealed)) as ResultsInput))).toBe(resultsJson(fromSealed));
  });

  it('refuses a burst check that does not fit the ballots', () => {
    const ballots = honest();
    const check = (burstCheck: ResultsInput['burstCheck'], withTimes = false) => () =>
      computeResults({ ...input(withTimes ? ballots.map((b) => ({ ...b, submittedAt: 1 })) : ballots), burstCheck });
    const burst = { bidderId: 'X', ballots: 1, peak: 1, expected: 0.1, voters: ['h1'] };
    expect(check({ ballotsWithTime: 0, bursts: [{ ...burst, voters: ['nobody'] }] })).toThrow(ResultsInputError);
    expect(check({ ballotsWithTime: 0, bursts: [{ ...burst, bidderId: 'Q' }] })).toThrow(/not on the programme/);
    expect(check({ ballotsWithTime: 999, bursts: [] })).toThrow(/timed ballots/);
    expect(check({ ballotsWithTime: 0, bursts: [] }, true)).toThrow(/either ballot times or a burst check/);
  });

  it('does not flag the normal rush of ballots right after scoring opens', () => {
    // 100 ballots spread evenly over 10 s, nothing before: every 3 s window holds about 30, and the
    // 10 s after it (the rest of the rush) predict about as many.
    const rush = Array.from({ length: 100 }, (_, i) => voter(`r${String(i).padStart(3, '0')}`, { X: [1 + (i % 5), 1 + ((i * 3) % 5)] }, i * 100)).flat();
    const report = computeResults(input(rush));
    expect(report.integrity.bursts).toEqual([]);
  });

  it('does not mistake two ballots at the same millisecond for a quiet moment', () => {
    // 300 ballots every 100 ms from 0 to 29.9 s, and one more at 28.0 s, the same millisecond as
    // another. The window from 28.0 s holds 21 ballots; the 10 s before it hold 100. (A version that
    // counted the ballots before the window only up to an equal time found none, and nothing comes
    // after 29.9 s, so it expected 0 and flagged 21 honest ballots.)
    const dense = Array.from({ length: 300 }, (_, i) => voter(`r${String(i).padStart(3, '0')}`, { X: [1 + (i % 5), 1 + ((i * 3) % 5)] }, i * 100)).flat();
    const twin = voter('r999', { X: [3, 3] }, 28_000);
    const report = computeResults(input([...dense, ...twin]));
    expect(report.integrity.ballotsWithTime).toBe(301);
    expect(report.integrity.bursts).toEqual([]);
  });

  it('computes the Poisson tail accurately at both ends', () => {
    // P(X >= 1) = 1 - e^-m; P(X >= 3 | m = 1) = 1 - e^-1 (1 + 1 + 1/2) = 0.0803; far tail by the first term.
    expect(poissonTail(1, 2)).toBeCloseTo(1 - Math.exp(-2), 12);
    expect(poissonTail(3, 1)).toBeCloseTo(1 - Math.exp(-1) * 2.5, 12);
    // Far tail: the sum of e^-m m^k / k! for k = 14 .. 60, term by term (P(X = 14) = e^-0.9 0.9^14 / 14!).
    let term = (Math.exp(-0.9) * 0.9 ** 14) / 87178291200;
    let tail = 0;
    for (let k = 14; k < 60; k++) {
      tail += term;
      term *= 0.9 / (k + 1);
    }
    expect(poissonTail(14, 0.9) / tail).toBeCloseTo(1, 10);
    expect(poissonTail(0, 1)).toBe(1);
    expect(poissonTail(5, 0)).toBe(0);
  });

  it('lists a ballot with several signals once, with every reason', () => {
    const ballots = [...honest(), ...['d1', 'd2', 'd3'].flatMap((v) => voter(v, { X: [5, 5], Y: [1, 1], Z: [1, 1] }))];
    const report = computeResults(input(ballots, { clusterMinGrades: 6 }));
    expect(report.integrity.identicalClusters).toEqual([{ voters: ['d1', 'd2', 'd3'], bidders: 3 }]);
    expect(report.integrity.topBottomVoters).toEqual(['d1', 'd2', 'd3']);
    expect(report.integrity.flaggedBallots).toHaveLength(9);
    expect(report.integrity.flaggedBallots[0]).toEqual({ voter: 'd1', bidderId: 'X', reasons: ['identical-cluster', 'top-bottom'] });
  });

  it('takes its thresholds from the options', () => {
    const two = [...honest(), ...['c1', 'c2'].flatMap((v) => voter(v, { X: [5, 5], Y: [2, 1] }))];
    const options = { bootstrapResamples: 200, integrity: { clusterMinVoters: 2, clusterMinGrades: 4 } };
    const report = computeResults({ ...input(two), options });
    expect(report.integrity.identicalClusters).toEqual([{ voters: ['c1', 'c2'], bidders: 2 }]);
    expect(report.settings.integrity.clusterMinVoters).toBe(2);
    expect(report.settings.integrity.burstWindowSeconds).toBe(3);
  });
});
