import { chainEntries, type AuditEntry } from './chain';
import { verifyEvening, type VerifyInput } from './verify';

type Content = Omit<AuditEntry, 'sequence' | 'previousHash' | 'hash'>;
const entry = (type: string, detail: Content['detail'] = {}): Content => ({ eveningId: 'E', type, actor: 'system', detail, at: '2026-12-10T19:00:00.000Z' });

/** Pitch A opened, then `middle`, then the end; the late notes are `late`. */
function input(middle: Content[], late: VerifyInput['late']): VerifyInput {
  const contents = [entry('pitch-started', { bidderId: 'A' }), entry('scoring-opened', { bidderId: 'A' }), ...middle, entry('evening-ended'), entry('pitch-tally', { bidderId: 'A', phone: 0 })];
  return { entries: chainEntries(null, contents), ballots: [], ties: [], paper: [], versions: [], recomputed: null, late };
}
const lateCheck = (i: VerifyInput) => verifyEvening(i).checks.find((c) => c.name === 'late')!;
const tooLate = (ballotId: string) => entry('ballot-too-late', { ballotId, bidderId: 'A' });

describe('the verifier and ballots that arrived too late', () => {
  it('accepts a late ballot logged after its pitch closed, with its note', () => {
    const i = input([entry('scoring-closed', { bidderId: 'A', counted: 0 }), tooLate('L1')], [{ id: 'L1', bidderId: 'A' }]);
    expect(lateCheck(i)).toMatchObject({ ok: true, notes: [{ reason: 'lateOk', params: { count: 1 } }] });
    expect(verifyEvening(i).firstMismatch).toBeNull();
  });

  it('finds a late ballot logged while scoring was open (reopened), a missing note and a note never logged', () => {
    const i = input(
      [entry('scoring-closed', { bidderId: 'A' }), tooLate('L1'), entry('scoring-reopened', { bidderId: 'A', reason: 'x' }), tooLate('L2')],
      [{ id: 'L2', bidderId: 'A' }, { id: 'L3', bidderId: 'A' }],
    );
    const check = lateCheck(i);
    expect(check.ok).toBe(false);
    expect(check.notes.map((n) => [n.reason, n.params?.id, n.sequence])).toEqual([
      ['lateMissing', 'L1', 4],
      ['lateWhileOpen', 'L2', 6],
      ['lateNotLogged', 'L3', undefined],
    ]);
    expect(verifyEvening(i).firstMismatch).toMatchObject({ sequence: 4, reason: 'lateMissing' });
  });

  it('treats every pitch as closed once the evening ended', () => {
    const contents = [entry('pitch-started', { bidderId: 'A' }), entry('scoring-opened', { bidderId: 'A' }), entry('evening-ended'), tooLate('L1')];
    const i: VerifyInput = { entries: chainEntries(null, contents), ballots: [], ties: [], paper: [], versions: [], recomputed: null, late: [{ id: 'L1', bidderId: 'A' }] };
    expect(lateCheck(i).ok).toBe(true);
  });
});
