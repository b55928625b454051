import fc from 'fast-check';
import { cleanJsonStrings, cleanLine, cleanText, isWellFormed, toWellFormed } from './unicode';

/** Any UTF-16 text, lone surrogates, controls and bidirectional overrides included. */
const anyText = fc.oneof(
  fc.string({ unit: 'binary', maxLength: 60 }),
  fc.string({ unit: fc.constantFrom('a', 'é', 'e\u0301', '\ud800', '\udc00', '\u202e', '\u2066', '\u000b', '\u2028', '\r\n', '\t', '\u0000', '\u0085', '\ufeff', '😀', '\n', ' '), maxLength: 40 }),
);
// eslint-disable-next-line no-control-regex -- finding control characters is the point
const FORBIDDEN = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069\ufeff]/;

describe('the Unicode policy for text from outside', () => {
  it('replaces lone surrogates and keeps pairs', () => {
    expect(toWellFormed('x\ud800y')).toBe('x\ufffdy');
    expect(toWellFormed('\udc00')).toBe('\ufffd');
    expect(toWellFormed('a\ud83d')).toBe('a\ufffd');
    expect(toWellFormed('😀')).toBe('😀');
    expect(isWellFormed('x\ud800y')).toBe(false);
    expect(cleanText('x\ud800y')).toBe('x\ufffdy');
  });

  it("turns Word's soft line breaks and the Unicode separators into newlines, and removes overrides and controls", () => {
    expect(cleanText('regel 1\u000bregel 2\u2028regel 3\u2029regel 4\r\nregel 5\rregel 6')).toBe('regel 1\nregel 2\nregel 3\nregel 4\nregel 5\nregel 6');
    expect(cleanText('Bakkerij \u202eesruoB\u202c de Wit')).toBe('Bakkerij esruoB de Wit');
    expect(cleanText('a\u2066b\u2069c\u0000d\u0007e\u009bf\ufeffg\th')).toBe('abcdefg h');
    expect(cleanText('שלום \u200f(מרכז)')).toBe('שלום \u200f(מרכז)');
    expect(cleanLine('Stichting\u000bDe Linde\n\n  Noord')).toBe('Stichting De Linde Noord');
  });

  it('composes to NFC', () => {
    expect(cleanText('Coo\u0308rdinatie')).toBe('Coördinatie');
    expect(cleanText('e\u0000\u0301')).toBe('é');
  });

  it('gives well-formed NFC text without forbidden characters for any input, and is idempotent', () => {
    fc.assert(
      fc.property(anyText, (raw) => {
        const text = cleanText(raw);
        expect(isWellFormed(text)).toBe(true);
        expect(text.normalize('NFC')).toBe(text);
        expect(text).not.toMatch(FORBIDDEN);
        expect(cleanText(text)).toBe(text);
        const line = cleanLine(raw);
        expect(line).not.toMatch(/\n/);
        expect(cleanLine(line)).toBe(line);
        // What an UTF-8 store (sqlite, PostgreSQL) keeps is exactly the cleaned text.
        expect(Buffer.from(text, 'utf8').toString('utf8')).toBe(text);
      }),
      { numRuns: 2000 },
    );
  });

  it('cleans every string value of a JSON value in place, however deep', () => {
    const value = { a: 'x\ud800', b: [{ c: 'y\u202e' }, 'z\u000b'], n: 1, deep: JSON.parse(`${'['.repeat(5000)}"q\\u0000"${']'.repeat(5000)}`) as unknown };
    cleanJsonStrings(value);
    expect(value.a).toBe('x\ufffd');
    expect(value.b).toEqual([{ c: 'y' }, 'z\n']);
    let inner: unknown = value.deep;
    while (Array.isArray(inner)) inner = inner[0];
    expect(inner).toBe('q');
    expect(cleanJsonStrings('\u2028')).toBe('\n');
  });
});
