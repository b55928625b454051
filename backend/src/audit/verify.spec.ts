import { chainEntries } from '@buurtjury/shared';
import { verifyEvening, type VerifyInput } from './verify';

/** One logged "advice-issued" entry for version 1 with these hashes; no ballots. */
function input(logged: string, recomputed: string, olderRecord: VerifyInput['olderRecord'], digest = 'd'): VerifyInput {
  const entries = chainEntries(null, [{ eveningId: 'e', type: 'advice-issued', actor: 'a', detail: { version: 1, recordSha256: logged, resultsSha256: 'r' }, at: '2026-12-10T20:00:00.000Z' }]);
  return {
    entries,
    ballots: [],
    ties: [],
    paper: [],
    versions: [{ number: 1, recordSha256: logged, resultsSha256: 'r' }],
    recomputed: { recordSha256: recomputed, resultsSha256: 'r2', ballotsDigest: digest },
    olderRecord,
  };
}

const advice = (i: VerifyInput) => verifyEvening(i).checks.find((c) => c.name === 'advice')!;

describe('verifying the advice against the stored ballots', () => {
  it('reports changed ballots when the recomputed record differs', () => {
    expect(advice(input('old', 'new', null))).toMatchObject({ ok: false, detail: expect.stringMatching(/no longer give the record/) });
  });

  it('tells a changed record format from changed ballots: same ballots under an older format is fine', () => {
    expect(advice(input('old', 'new', { formatVersion: 2, ballotsDigest: 'd' }))).toMatchObject({ ok: true, detail: expect.stringMatching(/format version 2, and the ballots it holds are exactly the stored ballots/) });
    expect(advice(input('old', 'new', { formatVersion: 2, ballotsDigest: 'other' }))).toMatchObject({ ok: false });
  });
});
