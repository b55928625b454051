import { ballotHash, chainEntries, paperEntryHash, type AuditEntry } from './chain';
import { ballotsDigest, paperEntriesDigest } from './retention';
import { verifyEvening, type VerifyInput } from './verify';

type Content = Omit<AuditEntry, 'sequence' | 'previousHash' | 'hash'>;
const at = '2026-12-10T19:00:00.000Z';
const entry = (type: string, detail: Content['detail'] = {}): Content => ({ eveningId: 'E', type, actor: 'system', detail, at });

const ballot = { id: 'b1', bidderId: 'A', serial: 1, grades: { c: 4 }, remark: 'Bel Karin: 0612345678', receipt: 'ABCD-EFGH', attendeeId: 'x' };
const paper = { id: 'p1', bidderId: 'A', cardNumber: 3, grades: { c: 2 }, remark: 'goed', enteredById: 'm1', withdrawn: false };
const paper2 = { ...paper, id: 'p2', enteredById: 'm2' };

/** An evening: 5 cards, pitch A, a ballot and a card typed twice, ended; optionally more entries after. */
function input(after: Content[] = [], rows: Partial<VerifyInput> = {}): VerifyInput {
  const contents = [
    entry('paper-cards-printed', { from: 1, to: 5 }),
    entry('pitch-started', { bidderId: 'A' }),
    entry('ballot-accepted', { ballotId: 'b1', ballotHash: ballotHash(ballot) }),
    entry('paper-entry', { card: '1-003', entryId: 'p1', entryHash: paperEntryHash(paper) }),
    entry('paper-entry', { card: '1-003', entryId: 'p2', entryHash: paperEntryHash(paper2) }),
    entry('evening-ended'),
    entry('pitch-tally', { bidderId: 'A', phone: 1 }),
    ...after,
  ];
  return { entries: chainEntries(null, contents), ballots: [ballot], ties: [], paper: [paper, paper2], versions: [], recomputed: null, ...rows };
}
const check = (i: VerifyInput, name: string) => verifyEvening(i).checks.find((c) => c.name === name)!;

describe('the verifier and paper cards', () => {
  it('accepts cards typed before the end on cards that existed when the pitch started', () => {
    expect(verifyEvening(input()).firstMismatch).toBeNull();
  });

  it('reports a card typed in after the evening ended', () => {
    const late = { ...paper, id: 'p3', cardNumber: 4 };
    const i = input([entry('paper-entry', { card: '1-004', entryId: 'p3', entryHash: paperEntryHash(late) })], { paper: [paper, paper2, late] });
    expect(check(i, 'paper')).toMatchObject({ ok: false, detail: expect.stringMatching(/card 1-004 was typed in after the evening ended \(entry 6\)/) });
    // The same sentence as a reason with params, for the committee page to say in its own language.
    expect(check(i, 'paper').notes).toEqual([
      { reason: 'paperTypedAfterEnd', params: { card: '1-004', ended: 6 }, sequence: 8, message: 'card 1-004 was typed in after the evening ended (entry 6), when the results could be known' },
    ]);
    expect(verifyEvening(i).firstMismatch).toEqual({
      sequence: 8,
      type: 'paper-entry',
      reason: 'paperTypedAfterEnd',
      params: { card: '1-004', ended: 6 },
      problem: 'card 1-004 was typed in after the evening ended (entry 6), when the results could be known',
    });
  });

  it('says what each check found as a reason with its numbers when everything matches', () => {
    const notes = Object.fromEntries(verifyEvening(input()).checks.map((c) => [c.name, c.notes]));
    expect(notes).toEqual({
      chain: [{ reason: 'chainOk', params: { count: 7 }, message: '7 entries, each linked to the one before and matching its hash' }],
      ballots: [{ reason: 'ballotsOk', params: { count: 1 }, message: '1 stored ballots, each matching the hash logged when it was accepted' }],
      late: [expect.objectContaining({ reason: 'lateOk', params: { count: 0 } })],
      tally: [{ reason: 'tallyOk', params: { count: 1 }, message: 'the final phone tally of 1 pitches recomputes from the ballots' }],
      paper: [expect.objectContaining({ reason: 'paperOk', params: { count: 2 } })],
      advice: [{ reason: 'adviceNone', message: 'no advice issued yet' }],
    });
  });

  it('reports a card whose number did not exist when its pitch started', () => {
    const big = { ...paper, id: 'p3', cardNumber: 9 };
    const contents = [
      entry('paper-cards-printed', { from: 1, to: 5 }),
      entry('pitch-started', { bidderId: 'A' }),
      entry('paper-cards-printed', { from: 6, to: 10 }),
      entry('paper-entry', { card: '1-009', entryId: 'p3', entryHash: paperEntryHash(big) }),
    ];
    const i: VerifyInput = { entries: chainEntries(null, contents), ballots: [], ties: [], paper: [big], versions: [], recomputed: null };
    expect(check(i, 'paper')).toMatchObject({ ok: false, detail: expect.stringMatching(/only 5 cards existed when its pitch started/) });
  });
});

describe('the verifier after retention deleted the remarks', () => {
  const cleared = { ...ballot, remark: '' };
  const clearedPaper = [paper, paper2].map((p) => ({ ...p, remark: '' }));
  const retention = (detail: Partial<Record<string, string | number>> = {}) =>
    entry('retention-applied', { ballotsDigest: ballotsDigest([cleared]), ballotsMismatched: 0, paperDigest: paperEntriesDigest(clearedPaper), paperMismatched: 0, ...detail });

  it('checks the rows against the digest logged then, instead of the hashes logged with the remarks', () => {
    const i = input([retention()], { ballots: [cleared], paper: clearedPaper });
    expect(verifyEvening(i).firstMismatch).toBeNull();
    expect(check(i, 'ballots').detail).toMatch(/retention deleted their remarks \(entry 8\)/);
    // Without the retention entry the same rows would not match their acceptance hashes.
    expect(check(input([], { ballots: [cleared] }), 'ballots').ok).toBe(false);
  });

  it('catches a grade changed after retention, a remark written back, and rows that did not match when it ran', () => {
    expect(check(input([retention()], { ballots: [{ ...cleared, grades: { c: 1 } }], paper: clearedPaper }), 'ballots')).toMatchObject({
      ok: false,
      detail: expect.stringMatching(/no longer match the digest/),
    });
    expect(check(input([retention()], { ballots: [cleared], paper: [{ ...clearedPaper[0]!, remark: 'x' }, clearedPaper[1]!] }), 'paper')).toMatchObject({
      ok: false,
      detail: expect.stringMatching(/has a remark again after retention/),
    });
    expect(check(input([retention({ ballotsMismatched: 1 })], { ballots: [cleared], paper: clearedPaper }), 'ballots')).toMatchObject({
      ok: false,
      detail: expect.stringMatching(/1 ballots did not match their logged hash when retention deleted the remarks/),
    });
  });
});

/** One logged "advice-issued" entry for version 1 with these hashes; no ballots. */
function adviceInput(logged: string, recomputed: string, olderRecord: VerifyInput['olderRecord'], digest = 'd'): VerifyInput {
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
    expect(advice(adviceInput('old', 'new', null))).toMatchObject({ ok: false, detail: expect.stringMatching(/no longer give the record/) });
  });

  it('tells a changed record format from changed ballots: same ballots under an older format is fine', () => {
    expect(advice(adviceInput('old', 'new', { formatVersion: 2, ballotsDigest: 'd' }))).toMatchObject({ ok: true, detail: expect.stringMatching(/format version 2, and the ballots it holds are exactly the stored ballots/) });
    expect(advice(adviceInput('old', 'new', { formatVersion: 2, ballotsDigest: 'other' }))).toMatchObject({ ok: false });
  });
});

describe('the audit head an advice version printed', () => {
  /** The paper-card evening, then version 1 issued printing entry `printed` (with `hash`, or that entry's own hash). */
  function issued(printed: number, hash?: string): VerifyInput {
    const base = input();
    const head = base.entries.find((e) => e.sequence === printed);
    const after = [entry('advice-issued', { version: 1, recordSha256: 'x', resultsSha256: 'r', printedHeadSequence: printed, printedHeadHash: hash ?? head?.hash ?? 'none' })];
    return input(after, { versions: [{ number: 1, recordSha256: 'x', resultsSha256: 'r' }] });
  }

  it('accepts a printed head that is an earlier entry of the chain with that hash, and says so', () => {
    const result = advice(issued(7));
    expect(result).toMatchObject({ ok: true });
    expect(result.notes[0]!.reason).toBe('adviceOkWithHeads');
  });

  it('reports a printed head whose hash is not the entry’s, or that is not in the chain before the version', () => {
    expect(advice(issued(7, 'f'.repeat(64)))).toMatchObject({ ok: false, notes: [expect.objectContaining({ reason: 'advicePrintedHead', params: { version: '1', printed: 7 } })] });
    expect(advice(issued(42))).toMatchObject({ ok: false });
    // Entry 8 is the advice-issued entry itself: a head cannot come after or at it.
    expect(advice(issued(8, 'x'))).toMatchObject({ ok: false });
  });
});
