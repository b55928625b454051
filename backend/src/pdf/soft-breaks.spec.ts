import fc from 'fast-check';
import { BREAK_EVERY, breakLongRuns, MAX_UNBROKEN_RUN, SOFT_BREAK, softBreakContent } from './soft-breaks';

const graphemes = new Intl.Segmenter('und', { granularity: 'grapheme' });
const graphemeCount = (s: string): number => [...graphemes.segment(s)].length;
/** The longest run without whitespace or soft break, in user-perceived characters. */
const longestRun = (s: string): number => Math.max(0, ...s.split(/[\s\u200b]+/u).map(graphemeCount));
const withoutBreaks = (s: string): string => s.replaceAll(SOFT_BREAK, '');

describe('breakLongRuns', () => {
  it('breaks a 20,000-character run into pieces of 8 characters and keeps every character', () => {
    const run = 'x'.repeat(20_000);
    const out = breakLongRuns(run);
    expect(withoutBreaks(out)).toBe(run);
    expect(BREAK_EVERY).toBe(8);
    expect(out.split(SOFT_BREAK).map((p) => p.length)).toEqual(Array.from({ length: 2500 }, () => 8));
  });

  it('leaves ordinary text, and runs of exactly the maximum, unchanged (the same string)', () => {
    const text = 'Het plan van Stichting Wijkkracht is haalbaar; zie https://example.nl/plan-2026.';
    expect(breakLongRuns(text)).toBe(text);
    const edge = `${'a'.repeat(MAX_UNBROKEN_RUN)} ${'b'.repeat(MAX_UNBROKEN_RUN)}`;
    expect(breakLongRuns(edge)).toBe(edge);
    expect(breakLongRuns('a'.repeat(MAX_UNBROKEN_RUN + 1))).toBe(`${Array.from({ length: 8 }, () => 'aaaaaaaa').join(SOFT_BREAK)}${SOFT_BREAK}a`);
  });

  it('breaks only the long run in a text of words and keeps the whitespace around it', () => {
    const out = breakLongRuns(`begin ${'y'.repeat(10)}\n${'z'.repeat(25)} eind`, 10, 10);
    expect(out).toBe(`begin ${'y'.repeat(10)}\n${'z'.repeat(10)}${SOFT_BREAK}${'z'.repeat(10)}${SOFT_BREAK}zzzzz eind`);
  });

  it('never splits a letter from its accent, an emoji or a surrogate pair', () => {
    const e = 'e\u0301'; // é as e + combining acute
    const out = breakLongRuns(e.repeat(7), 3);
    expect(out).toBe(`${e.repeat(3)}${SOFT_BREAK}${e.repeat(3)}${SOFT_BREAK}${e}`);
    const family = '👨‍👩‍👧';
    expect(breakLongRuns(family.repeat(5), 2)).toBe(`${family.repeat(2)}${SOFT_BREAK}${family.repeat(2)}${SOFT_BREAK}${family}`);
  });

  it('leaves a SHA-256 fingerprint whole, so that it can be copied out of the PDF', () => {
    const fingerprint = 'ee62b3b8551f2cf5f4f245fc4e5e38485e6284d6e9945e497bc349bfdc8c5263';
    expect(breakLongRuns(`Vingerafdruk: ${fingerprint}`)).toBe(`Vingerafdruk: ${fingerprint}`);
  });

  it('counts an existing zero-width space as a break opportunity', () => {
    const text = `${'a'.repeat(40)}${SOFT_BREAK}${'b'.repeat(40)}`;
    expect(breakLongRuns(text)).toBe(text);
  });

  it('counts letters with accents as one character when deciding whether a run is too long', () => {
    const word = 'e\u0301'.repeat(40); // 80 code units, 40 letters
    expect(breakLongRuns(word)).toBe(word);
  });

  it('refuses a maximum below 1, or breaks further apart than the maximum', () => {
    expect(() => breakLongRuns('abc', 0)).toThrow(RangeError);
    expect(() => breakLongRuns('abc', 4, 5)).toThrow(RangeError);
    expect(() => breakLongRuns('abc', 4, 0)).toThrow(RangeError);
  });

  it('for any text: keeps every character, breaks long runs into short pieces, leaves other runs alone, and is idempotent', () => {
    const char = fc.oneof(
      { weight: 8, arbitrary: fc.constantFrom('a', 'b', 'é', 'e\u0301', '😀', '-', '/') },
      { weight: 1, arbitrary: fc.constantFrom(' ', '\n', '\t', SOFT_BREAK) },
      { weight: 1, arbitrary: fc.string({ unit: 'grapheme', maxLength: 1 }) },
    );
    fc.assert(
      fc.property(
        fc.array(char, { maxLength: 400 }),
        fc.integer({ min: 1, max: 60 }).chain((max) => fc.tuple(fc.constant(max), fc.integer({ min: 1, max }))),
        (chars, [max, every]) => {
          const text = chars.join('');
          const out = breakLongRuns(text, max, every);
          expect(withoutBreaks(out)).toBe(withoutBreaks(text));
          // Runs up to the maximum are kept whole; longer ones are cut into pieces of at most `every`.
          const runsBefore = new Set(text.split(/[\s\u200b]+/u));
          for (const run of out.split(/[\s\u200b]+/u)) expect(runsBefore.has(run) ? graphemeCount(run) <= max : graphemeCount(run) <= every).toBe(true);
          expect(breakLongRuns(out, max, every)).toBe(out);
          if (longestRun(text) <= max) expect(out).toBe(text);
        },
      ),
    );
  });
});

describe('softBreakContent', () => {
  const long = 'q'.repeat(100);
  const broken = breakLongRuns(long);

  it('breaks printed text (text properties, strings in stacks, table cells and lists) and nothing else', () => {
    const footer = () => ({ text: long });
    const created = new Date('2026-01-01T00:00:00Z');
    const doc = {
      info: { title: long, creationDate: created },
      content: [
        long,
        { text: long, style: 'body' },
        { text: [{ text: long, bold: true }, 'kort'] },
        { stack: [long, { qr: long }] },
        { table: { widths: ['*', 40], body: [[long, { text: long }]] } },
        { ul: [long] },
      ],
      styles: { body: { font: 'Roboto' } },
      footer,
    };
    const out = softBreakContent(doc);
    expect(out.content).toEqual([
      broken,
      { text: broken, style: 'body' },
      { text: [{ text: broken, bold: true }, 'kort'] },
      { stack: [broken, { qr: long }] },
      { table: { widths: ['*', 40], body: [[broken, { text: broken }]] } },
      { ul: [broken] },
    ]);
    expect(out.info.title).toBe(long);
    expect(out.info.creationDate).toBe(created);
    expect(out.footer).toBe(footer);
    expect(out.styles).toBe(doc.styles);
    // The input is not changed.
    expect(doc.content[0]).toBe(long);
    expect((doc.content[1] as { text: string }).text).toBe(long);
  });

  it('returns the very same objects when nothing needs a break', () => {
    const doc = { content: [{ text: 'Een gewone zin.' }, { table: { body: [['a', { text: 'b' }]] } }], styles: {} };
    expect(softBreakContent(doc)).toBe(doc);
  });
});
