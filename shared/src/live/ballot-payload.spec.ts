import { parseBallotSubmission } from './ballot-payload';

const id = '0b6a1f6e-2c1d-4e59-9a7e-0d6f3f0c9b11';
const valid = { ballotId: id, bidderId: id, grades: { [id]: 4 }, remark: 'Goed verhaal' };

describe('parseBallotSubmission', () => {
  it('accepts a well-formed ballot, with or without a remark', () => {
    expect(parseBallotSubmission(valid)).toEqual({ ok: true, value: valid });
    const bare = { ballotId: valid.ballotId, bidderId: valid.bidderId, grades: valid.grades };
    expect(parseBallotSubmission(bare)).toEqual({ ok: true, value: bare });
  });

  it('cleans the remark (well-formed, NFC, no overrides or controls) so the server hashes what it stores', () => {
    const parsed = parseBallotSubmission({ ...valid, remark: ' x\ud800y\u202e\u000bCoo\u0308rdinatie ' });
    expect(parsed).toEqual({ ok: true, value: { ...valid, remark: 'x\ufffdy\nCoördinatie' } });
  });

  it.each([
    ['not an object', 'ballot'],
    ['an array', [valid]],
    ['null', null],
    ['an unknown field', { ...valid, weight: 100 }],
    ['a ballot id that is not a UUID', { ...valid, ballotId: '1' }],
    ['a missing bidder', { ...valid, bidderId: undefined }],
    ['grades as a list', { ...valid, grades: [4] }],
    ['a grade as text', { ...valid, grades: { [id]: '4' } }],
    ['a fractional grade', { ...valid, grades: { [id]: 4.5 } }],
    ['a criterion id that is not a UUID', { ...valid, grades: { c1: 4 } }],
    ['a remark as a number', { ...valid, remark: 5 }],
    ['a remark over 1,000 characters', { ...valid, remark: 'x'.repeat(1001) }],
    ['thirteen grades', { ...valid, grades: Object.fromEntries(Array.from({ length: 13 }, (_, i) => [`${id.slice(0, -2)}${String(i).padStart(2, '0')}`, 3])) }],
  ])('refuses %s with INVALID_PAYLOAD and a message', (_title, raw) => {
    const parsed = parseBallotSubmission(raw);
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) {
      expect(parsed.error.code).toBe('INVALID_PAYLOAD');
      expect(parsed.error.message).toMatch(/^The ballot is not valid: /);
    }
  });
});
