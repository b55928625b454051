import fc from 'fast-check';
import { isBsn, isIban, keepList, maskPossibleNames, maskRemark, nameLexicon } from './mask';

const keep = keepList(['Stichting Welzijn Oost', 'Buurtkracht BV', 'Amersfoort', 'Wijkaanpak Amersfoort-Noord', 'Het Klokhuis', 'Stichting Anna']);
const nl = (text: string) => maskRemark(text, 'nl', keep);
/** The words the masking marked as possible names. */
const marked = (r: { text: string; possibleNames: { start: number; end: number }[] }) => r.possibleNames.map((s) => r.text.slice(s.start, s.end));

describe('masking remarks: patterns', () => {
  it('masks e-mail addresses and phone numbers in their usual Dutch forms', () => {
    const r = nl('Mail me op jan.devries@example.nl of bel 06-12345678, of +31 (0)33 123 45 67.');
    expect(r.text).toBe('Mail me op [e-mailadres] of bel [telefoonnummer], of [telefoonnummer].');
    expect(r.masked).toBe(3);
  });

  it('leaves ordinary numbers alone: years, amounts, counts, dates', () => {
    const r = nl('In 2026 wil ze 150.000 euro voor 12 buurten, vanaf 10-12-2026.');
    expect(r.text).toBe('In 2026 wil ze 150.000 euro voor 12 buurten, vanaf 10-12-2026.');
    expect(r.masked).toBe(0);
  });

  it('masks phone numbers written with full-width or other Unicode digits', () => {
    expect(nl('Bel ０６－１２３４５６７８ gerust.').text).toBe('Bel [telefoonnummer] gerust.');
    expect(nl('Of ＋３１ ６ １２３４５６７８').text).toBe('Of [telefoonnummer]');
    expect(nl('Nummer ٠٦١٢٣٤٥٦٧٨ werkt ook').text).toBe('Nummer [telefoonnummer] werkt ook');
  });

  it('masks a BSN as a BSN (11-test) and an IBAN as a bank account, not as a phone number', () => {
    expect(isBsn([1, 1, 1, 2, 2, 2, 3, 3, 3])).toBe(true);
    expect(isBsn([1, 1, 1, 2, 2, 2, 3, 3, 4])).toBe(false);
    expect(nl('Mijn BSN is 111222333, schrijf het op.').text).toBe('Mijn BSN is [BSN], schrijf het op.');
    expect(nl('Mijn bsn: １１１ ２２２ ３３３').text).toBe('Mijn bsn: [BSN]');
    expect(isIban('NL91 ABNA 0417 1643 00')).toBe(true);
    expect(nl('Doneer op NL91 ABNA 0417 1643 00 aan de buurt.').text).toBe('Doneer op [rekeningnummer] aan de buurt.');
    expect(nl('Of NL91ABNA0417164300.').text).toBe('Of [rekeningnummer].');
    expect(maskRemark('Account BE71 0961 2345 6769 please', 'en').text).toBe('Account [bank account] please');
  });

  it('masks web addresses and handles', () => {
    expect(nl('Zie https://example.nl/plan?x=1. En www.buurt.nl!').text).toBe('Zie [link]. En [link]!');
    expect(nl('Volg @karin_buurt op Instagram, of mail k@example.nl').text).toBe('Volg [account] op [naam], of mail [e-mailadres]');
    expect(maskRemark('ask @jdoe about it', 'en').text).toBe('ask [handle] about it');
  });

  it('masks every run of 9 to 15 digits, whatever digits and separators it is written with (property)', () => {
    const digitSets = ['0123456789', '０１２３４５６７８９', '٠١٢٣٤٥٦٧٨٩', '۰۱۲۳۴۵۶۷۸۹'];
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 3 }),
        fc.array(fc.integer({ min: 0, max: 9 }), { minLength: 9, maxLength: 15 }),
        fc.array(fc.constantFrom('', ' ', '-', '.', '－'), { minLength: 15, maxLength: 15 }),
        (set, digits, seps) => {
          const chars = [...digitSets[set]!];
          const number = digits.map((d, i) => (i === 0 ? '' : seps[i]!) + chars[d]!).join('');
          const r = nl(`bel mij op ${number} vanavond`);
          expect(r.text).toMatch(/^bel mij op \[(telefoonnummer|BSN)\] vanavond$/);
        },
      ),
    );
  });
});

describe('masking remarks: names', () => {
  it('masks names inside a sentence, after an introduction and as a run with particles', () => {
    expect(nl('Ik vond de vrouw van Karin erg overtuigend.').text).toBe('Ik vond de vrouw van [naam] erg overtuigend.');
    expect(nl('Groeten, Fatima').text).toBe('Groeten, [naam]');
    expect(nl('Mijn naam is Piet. Goed plan!').text).toBe('Mijn naam is [naam]. Goed plan!');
    expect(nl('Jan van der Berg sprak heel helder.').text).toBe('[naam] sprak heel helder.');
    expect(maskRemark('I am Sarah and I liked it', 'en', keep).text).toBe('I am [name] and I liked it');
  });

  it('masks a first name that opens a sentence', () => {
    expect(nl('Karin sprak heel helder. Fatima ook.').text).toBe('[naam] sprak heel helder. [naam] ook.');
    expect(nl('Goed verhaal. Mehmet stelde de beste vraag.').text).toBe('Goed verhaal. [naam] stelde de beste vraag.');
  });

  it('masks first names written in lower case', () => {
    expect(nl('karin vond het plan sterk en sanne ook').text).toBe('[naam] vond het plan sterk en [naam] ook');
    expect(nl('groetjes, daan').text).toBe('groetjes, [naam]');
  });

  it("keeps the evening's own names, acronyms and ordinary sentence-initial words", () => {
    const text = 'Welzijn Oost kent Amersfoort goed. Sterk verhaal over de GGD en het Klokhuis.';
    expect(nl(text)).toEqual({ text, masked: 0, possibleNames: [] });
    expect(nl('Ben je er volgende keer ook? Dan kom ik.')).toEqual({ text: 'Ben je er volgende keer ook? Dan kom ik.', masked: 0, possibleNames: [] });
  });

  it("marks a first name that also occurs in the evening's texts instead of keeping it silently", () => {
    const r = nl('Stichting Anna deed het goed, maar ik sprak Anna zelf na afloop.');
    expect(r.text).toBe('Stichting Anna deed het goed, maar ik sprak Anna zelf na afloop.');
    expect(marked(r)).toEqual(['Anna']);
    expect(r.possibleNames[0]!.start).toBe(r.text.lastIndexOf('Anna'));
  });

  it('marks a first name that is also an ordinary word where it could be either', () => {
    const r = nl('Storm en regen hielden mensen thuis, maar roos en mark waren er.');
    expect(r.masked).toBe(0);
    expect(marked(r)).toEqual(['Storm', 'roos', 'mark']);
  });

  it('masks a place or street it does not know, erring on the side of privacy', () => {
    expect(nl('Ik woon aan de Leusderweg en zie dat elke dag.').text).toBe('Ik woon aan de [naam] en zie dat elke dag.');
  });

  it('applies the host’s choice to mask marked words', () => {
    const r = nl('Storm was top, roos ook.');
    expect(marked(r)).toEqual(['Storm', 'roos']);
    expect(maskPossibleNames(r, [1], 'nl')).toBe('Storm was top, [naam] ook.');
    expect(maskPossibleNames(r, [0, 1], 'nl')).toBe('[naam] was top, [naam] ook.');
    expect(maskPossibleNames(r, [], 'nl')).toBe(r.text);
  });

  it('uses name lists of thousands of Dutch and international first names', () => {
    const { names, wordNames, commonWords } = nameLexicon();
    expect(names.size).toBeGreaterThan(7000);
    for (const n of ['karin', 'sanne', 'daan', 'fatima', 'mohamed', 'ayşe', 'mehmet', 'priya', 'henk', 'truus', 'kasia']) expect(names.has(n)).toBe(true);
    for (const w of ['roos', 'storm', 'mark', 'hoop']) expect(wordNames.has(w) || !names.has(w)).toBe(true);
    expect(commonWords.has('ben')).toBe(true);
  });
});
