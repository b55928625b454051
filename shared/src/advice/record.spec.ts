import canonicalize from 'canonicalize';
import { computeResults, resultsJson, sealBurstCheck } from '../results/report';
import { buildBallotRecord, recordCsv, recordFingerprint, recordJson, recordToResultsInput } from './record';
import { sampleEvening } from '../testing/sample';

const sample = sampleEvening({ bidders: 3, criteria: 2, voters: 30, resamples: 300 });
const evening = { municipality: 'Amersfoort', tender: 'Wijkaanpak', setupFingerprint: 'f'.repeat(64) };

describe('the anonymised ballot record', () => {
  it('recomputes to exactly the results of the timed ballots', () => {
    const direct = computeResults(sample.resultsInput);
    const fromRecord = computeResults(recordToResultsInput(JSON.parse(recordJson(sample.record)) as typeof sample.record));
    expect(resultsJson(fromRecord)).toBe(resultsJson(direct));
  });

  it('writes exactly the RFC 8785 canonical form, also for awkward names and skipped criteria', () => {
    const awkward = {
      ...sample.record,
      bidders: sample.record.bidders.map((b, i) => ({ ...b, name: ['Zoë "de" Bouwer\n', '€ \u2028 𝄞', 'B\\C'][i] ?? b.name })),
      ballots: sample.record.ballots.map((b, i) => (i % 7 === 0 ? { ...b, grades: b.grades.map((g, j) => (j === 0 ? null : g)) } : b)),
    };
    expect(recordJson(awkward)).toBe(canonicalize(awkward));
    expect(recordJson(sample.record)).toBe(canonicalize(sample.record));
  });

  it('holds no arrival times and no order of arrival', () => {
    const text = recordJson(sample.record);
    expect(text).not.toContain('submittedAt');
    const reversed = { ...sample.resultsInput, ballots: [...sample.resultsInput.ballots].reverse() };
    const again = buildBallotRecord(sealBurstCheck(reversed), evening);
    const once = buildBallotRecord(sealBurstCheck(sample.resultsInput), evening);
    expect(recordFingerprint(again)).toBe(recordFingerprint(once));
    // Shuffled: not in voter order.
    const voters = once.ballots.map((b) => b.voter);
    expect(voters).not.toEqual([...voters].sort());
    expect(once.ballots.every((b) => b.pitch >= 1 && b.pitch <= 3)).toBe(true);
  });

  it('holds no clock times, also when the burst check found a burst (only which ballots were in it)', () => {
    const input = sampleEvening({ bidders: 2, criteria: 2, voters: 30, resamples: 50 }).resultsInput;
    const at = Date.parse('2026-11-12T18:45:07.000Z');
    const grades = Object.fromEntries(input.criteria.map((c) => [c.id, 5]));
    const burst = Array.from({ length: 12 }, (_, k) => ({ voter: `S${String(k).padStart(3, '0')}`, bidderId: input.bidders[0]!.id, grades, submittedAt: at + k * 80 }));
    const record = buildBallotRecord(sealBurstCheck({ ...input, ballots: [...input.ballots, ...burst] }), evening);
    expect(record.version).toBe(3);
    expect(record.burstCheck.bursts).toHaveLength(1);
    expect(Object.keys(record.burstCheck.bursts[0]!).sort()).toEqual(['ballots', 'bidderId', 'expected', 'peak', 'voters']);
    const text = recordJson(record);
    // No number that could be a clock time (seconds or milliseconds since 1970), no ISO times.
    const numbers: number[] = [];
    const walk = (x: unknown): void => {
      if (typeof x === 'number') numbers.push(x);
      else if (Array.isArray(x)) x.forEach(walk);
      else if (x !== null && typeof x === 'object') Object.values(x).forEach(walk);
    };
    walk(JSON.parse(text));
    expect(Math.max(...numbers)).toBeLessThan(1e6);
    expect(text).not.toMatch(/T\d{2}:\d{2}/);
  });

  it('refuses an input that still carries its times', () => {
    expect(() => buildBallotRecord(sample.resultsInput, evening)).toThrow(/sealBurstCheck/);
  });

  it('writes a CSV with one row per ballot, tied ballots marked, and formulas neutralised', () => {
    const record = { ...sample.record, bidders: sample.record.bidders.map((b, i) => (i === 0 ? { ...b, name: '=HYPERLINK("x")' } : b)) };
    const lines = recordCsv(record).trimEnd().split('\r\n');
    expect(lines[0]).toBe(['voter', 'pitch', 'bidder_id', 'bidder', 'counted', 'channel', 'receipt', ...record.criteria.map((c) => c.name)].join(','));
    expect(lines).toHaveLength(record.ballots.length + 1);
    expect(lines.filter((l) => l.includes(',no,'))).toHaveLength(record.ties.length);
    expect(lines.some((l) => l.includes(`"'=HYPERLINK(""x"")"`))).toBe(true);
  });
});
