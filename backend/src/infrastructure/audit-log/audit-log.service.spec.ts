import canonicalize from 'canonicalize';
import fc from 'fast-check';
import { auditEntryHash, ballotHash, chainEntries, checkChain, paperEntryHash, sha256Hex, type AuditContent, type AuditDetail, type HashedBallot } from '@buurtjury/shared';
import { nodeSha256Hex } from './audit-log.service';

/**
 * The server hashes the audit chain with node:crypto; the browser and the verifier use the
 * portable pure-JS SHA-256, and the hashes were defined as SHA-256 over canonicalize's RFC 8785
 * text. All three must agree on every input, or a chain written by the server would not verify.
 */

// The definitions as they were written first (canonicalize + portable SHA-256): the reference.
const reference = {
  ballot: (b: HashedBallot) =>
    sha256Hex(`buurtjury-ballot\n${canonicalize({ id: b.id, bidderId: b.bidderId, serial: b.serial, grades: b.grades, remark: b.remark, receipt: b.receipt })}`),
  entry: (previousHash: string, c: AuditContent) =>
    sha256Hex(
      `buurtjury-audit\n${previousHash}\n${canonicalize({ eveningId: c.eveningId, sequence: c.sequence, type: c.type, actor: c.actor, detail: c.detail, at: c.at })}`,
    ),
};

// Text with everything UTF-8 has to get right: astral characters, escapes, and lone surrogates
// (both encoders write them as U+FFFD).
const loneSurrogate = fc.integer({ min: 0xd800, max: 0xdfff }).map((c) => String.fromCharCode(c));
const text = fc.oneof(
  fc.string({ unit: 'grapheme', maxLength: 40 }),
  fc.string({ unit: 'binary', maxLength: 40 }),
  fc.array(fc.oneof(fc.string({ maxLength: 3 }), loneSurrogate, fc.constantFrom('"', '\\', '\n', '\u2028', '\u0000', '\u007f', '😀')), { maxLength: 12 }).map((a) => a.join('')),
);
const number = fc.oneof(fc.integer(), fc.double({ noNaN: true, noDefaultInfinity: true }), fc.constantFrom(-0, 1e21, 1e-7, 5e-324, Number.MAX_SAFE_INTEGER + 2));
const primitive = fc.oneof(text, number, fc.boolean(), fc.constant(null));
const detail = fc.dictionary(text, primitive, { maxKeys: 8 }) as fc.Arbitrary<AuditDetail>;
const grades = fc.dictionary(text, fc.oneof(fc.integer({ min: 0, max: 10 }), number), { maxKeys: 12 });

describe('the audit chain hash on the server (node:crypto) and in the browser (portable)', () => {
  it('gives the same SHA-256 for any text, lone surrogates included', () => {
    fc.assert(
      fc.property(fc.oneof(text, fc.string({ unit: 'grapheme', minLength: 100, maxLength: 3000 })), (t) => {
        expect(nodeSha256Hex(t)).toBe(sha256Hex(t));
      }),
      { numRuns: 2000 },
    );
    expect(nodeSha256Hex('')).toBe('e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855');
  });

  it('gives the same ballot hash as the reference definition, with either hash function', () => {
    fc.assert(
      fc.property(fc.record({ id: text, bidderId: text, serial: fc.integer(), grades, remark: text, receipt: text }), (b) => {
        const expected = reference.ballot(b);
        expect(ballotHash(b)).toBe(expected);
        expect(ballotHash(b, nodeSha256Hex)).toBe(expected);
      }),
      { numRuns: 2000 },
    );
  });

  it('gives the same entry hashes as the reference definition, with either hash function', () => {
    const content = fc.record({ eveningId: text, sequence: fc.integer({ min: 1 }), type: text, actor: text, detail, at: text });
    fc.assert(
      fc.property(fc.string({ unit: fc.constantFrom(...'0123456789abcdef'), minLength: 64, maxLength: 64 }), content, (previous, c) => {
        const expected = reference.entry(previous, c);
        expect(auditEntryHash(previous, c)).toBe(expected);
        expect(auditEntryHash(previous, c, nodeSha256Hex)).toBe(expected);
      }),
      { numRuns: 2000 },
    );
  });

  it('falls back to the general canonical form for shapes outside the fast path, with the same result', () => {
    const odd = [
      { grades: { b: 1, a: { nested: [1, 'x', null] } } },
      { grades: { a: undefined, b: 2 } },
      { grades: [3, 1, 2] },
      { grades: { toJSON: () => ({ z: 1 }) } },
      { serial: 1.5 },
      { remark: undefined },
    ];
    for (const change of odd) {
      const b = { id: 'id', bidderId: 'bidder', serial: 3, grades: { c: 2 }, remark: 'r', receipt: 'ABCD-EFGH', ...change } as unknown as HashedBallot;
      expect(ballotHash(b, nodeSha256Hex)).toBe(reference.ballot(b));
    }
    const c = { eveningId: 'e', sequence: 1, type: 't', actor: 'a', at: 'now', detail: { list: [1, 2] } } as unknown as AuditContent;
    expect(auditEntryHash('0'.repeat(64), c, nodeSha256Hex)).toBe(reference.entry('0'.repeat(64), c));
    expect(() => ballotHash({ id: 'id', bidderId: 'b', serial: 1, grades: { a: NaN }, remark: '', receipt: '' })).toThrow();
  });

  it('chains the same entries with either hash function, and the portable verifier accepts the server chain', () => {
    fc.assert(
      fc.property(fc.array(fc.record({ eveningId: fc.constant('e1'), type: text, actor: text, detail, at: text }), { minLength: 1, maxLength: 30 }), (contents) => {
        const server = chainEntries(null, contents, nodeSha256Hex);
        expect(chainEntries(null, contents)).toEqual(server);
        expect(checkChain(server)).toBeNull();
        expect(checkChain(server, nodeSha256Hex)).toBeNull();
      }),
      { numRuns: 300 },
    );
  });

  it('gives the same paper entry hash with either hash function', () => {
    fc.assert(
      fc.property(fc.record({ id: text, bidderId: text, cardNumber: fc.integer(), grades, remark: text, enteredById: text }), (e) => {
        expect(paperEntryHash(e, nodeSha256Hex)).toBe(paperEntryHash(e));
      }),
      { numRuns: 500 },
    );
  });
});
