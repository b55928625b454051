import { buildBallotRecord, recordToResultsInput } from '../advice/record';
import { mappedCriterionIds } from '../advice/award';
import { sampleEvening } from '../testing/sample';
import { mappedCriteriaSection } from './award';
import { computeResults, sealBurstCheck } from './report';

describe('the ranking on the mapped criteria alone', () => {
  it('is recomputed from the published record by counting only the mapped criteria, as the advice says', () => {
    const { input, resultsInput } = sampleEvening({ bidders: 4, criteria: 3, voters: 30, resamples: 200, seed: 'mapped' });
    const ids = mappedCriterionIds(input.evening);
    expect(ids.length).toBeGreaterThan(0);
    expect(ids.length).toBeLessThan(input.evening.criteria.length);
    const record = buildBallotRecord(sealBurstCheck(resultsInput), { municipality: 'Gemeente Amersfoort', tender: 'Wijkaanpak', setupFingerprint: input.evening.fingerprint ?? 'x' });
    const fromRecord = mappedCriteriaSection(recordToResultsInput(record), ids)!;
    const fromBallots = mappedCriteriaSection(resultsInput, ids)!;
    expect(fromRecord.ranking).toEqual(fromBallots.ranking);
    expect(fromRecord.verdict.code).toBe(fromBallots.verdict.code);
    // And it is a different count than the full one: the criterion outside is left out.
    expect(computeResults(recordToResultsInput(record)).all.bidders.map((b) => b.majorityGrade)).not.toEqual(fromRecord.bidders.map((b) => b.majorityGrade));
  });
});
