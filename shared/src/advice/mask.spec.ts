import { keepWords, maskRemark } from './mask';

const keep = keepWords(['Stichting Welzijn Oost', 'Buurtkracht BV', 'Amersfoort', 'Wijkaanpak Amersfoort-Noord', 'Het Klokhuis']);

describe('masking remarks', () => {
  it('masks e-mail addresses and phone numbers in their usual Dutch forms', () => {
    const r = maskRemark('Mail me op jan.devries@example.nl of bel 06-12345678, of +31 (0)33 123 45 67.', 'nl', keep);
    expect(r.text).toBe('Mail me op [e-mailadres] of bel [telefoonnummer], of [telefoonnummer].');
    expect(r.masked).toBe(3);
  });

  it('leaves ordinary numbers alone: years, amounts, counts', () => {
    const r = maskRemark('In 2026 wil ze 150.000 euro voor 12 buurten.', 'nl', keep);
    expect(r.text).toBe('In 2026 wil ze 150.000 euro voor 12 buurten.');
    expect(r.masked).toBe(0);
  });

  it('masks names inside a sentence, after an introduction and as a run with particles', () => {
    expect(maskRemark('Ik vond de vrouw van Karin erg overtuigend.', 'nl', keep).text).toBe('Ik vond de vrouw van [naam] erg overtuigend.');
    expect(maskRemark('Groeten, Fatima', 'nl', keep).text).toBe('Groeten, [naam]');
    expect(maskRemark('Mijn naam is Piet. Goed plan!', 'nl', keep).text).toBe('Mijn naam is [naam]. Goed plan!');
    expect(maskRemark('Jan van der Berg sprak heel helder.', 'nl', keep).text).toBe('[naam] sprak heel helder.');
    expect(maskRemark('I am Sarah and I liked it', 'en', keep).text).toBe('I am [name] and I liked it');
  });

  it("keeps the evening's own names, acronyms and sentence-initial words", () => {
    const text = 'Welzijn Oost kent Amersfoort goed. Sterk verhaal over de GGD en het Klokhuis.';
    expect(maskRemark(text, 'nl', keep)).toEqual({ text, masked: 0 });
  });

  it('masks a place or street it does not know, erring on the side of privacy', () => {
    expect(maskRemark('Ik woon aan de Leusderweg en zie dat elke dag.', 'nl', keep).text).toBe('Ik woon aan de [naam] en zie dat elke dag.');
  });
});
