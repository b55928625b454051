import fc from 'fast-check';
import { buildAdviceDocument, type EveningConduct } from './build';
import { documentText } from './document';
import { questionSentence } from './questions';
import { sampleEvening } from '../testing/sample';
import type { BidderQuestionAccount } from '../questions/questions';

const sample = sampleEvening({ bidders: 3, criteria: 2, voters: 5, resamples: 100 });
const bidders = sample.input.evening.bidders.map((b) => ({ bidderId: b.id, name: b.name }));
const nameOf = (id: string) => bidders.find((b) => b.bidderId === id)!.name;

function doc(questions: EveningConduct['questions'], lang: 'nl' | 'en') {
  return buildAdviceDocument({ ...sample.input, conduct: { ...sample.input.conduct, questions } }, lang);
}
const sectionText = (questions: EveningConduct['questions'], lang: 'nl' | 'en', id: string): string => {
  const d = doc(questions, lang);
  return documentText({ ...d, sections: d.sections.filter((s) => s.id === id) });
};

const account = (i: number, asked: number, shown: number, answered: number, texts: string[] = []): BidderQuestionAccount => ({
  bidderId: bidders[i]!.bidderId,
  asked,
  shown,
  answered,
  shownQuestions: texts.map((text, j) => ({ text, votes: 10 - j, answered: j < answered })),
});

describe('questions from the room in the advice', () => {
  it('says nothing for an input from before questions were recorded', () => {
    expect(sectionText(undefined, 'nl', 'conduct')).not.toContain('Vragen uit de zaal');
    expect(sectionText(undefined, 'en', 'appendices')).not.toContain('Questions from the room');
  });

  it('says so when no question was asked, with no appendix', () => {
    const none = [account(0, 0, 0, 0), account(1, 0, 0, 0), account(2, 0, 0, 0)];
    expect(sectionText(none, 'nl', 'conduct')).toContain('Via Buurtjury zijn aan geen enkele inschrijver vragen uit de zaal gesteld.');
    expect(sectionText(none, 'en', 'conduct')).toContain('No questions from the room were asked to any bidder through Buurtjury.');
    expect(sectionText(none, 'nl', 'appendices')).not.toContain('Getoonde vragen uit de zaal');
  });

  it('states per bidder how many were asked, shown and answered, with the zero case and plurals, and that questions do not count', () => {
    const q = [account(0, 3, 2, 1, ['Wat kost het?', 'Wie doet het?']), account(1, 1, 1, 1, ['Hoe lang?']), account(2, 0, 0, 0)];
    const nl = sectionText(q, 'nl', 'conduct');
    expect(nl).toContain(`Aan ${nameOf(bidders[0]!.bidderId)} zijn 3 vragen gesteld, waarvan er 2 op het scherm zijn getoond en 1 als beantwoord is gemarkeerd.`);
    expect(nl).toContain(`Aan ${nameOf(bidders[1]!.bidderId)} is 1 vraag gesteld, waarvan er 1 op het scherm is getoond en 1 als beantwoord is gemarkeerd.`);
    expect(nl).toContain(`Aan ${nameOf(bidders[2]!.bidderId)} is via Buurtjury geen vraag gesteld.`);
    expect(nl).toContain('Vragen zijn geen beoordelingen: ze tellen niet mee in de uitslag.');
    const en = sectionText(q, 'en', 'conduct');
    expect(en).toContain(`3 questions were asked to ${nameOf(bidders[0]!.bidderId)}; 2 of them were shown on the screen and 1 was marked answered.`);
    expect(en).toContain(`No question was asked to ${nameOf(bidders[2]!.bidderId)} through Buurtjury.`);
    expect(sectionText([account(0, 2, 0, 0), account(1, 0, 0, 0), account(2, 0, 0, 0)], 'nl', 'conduct')).toContain(
      'zijn 2 vragen gesteld, waarvan er geen op het scherm is getoond en geen als beantwoord is gemarkeerd.',
    );
  });

  it('lists the shown questions per bidder in the appendix, without names', () => {
    const q = [account(0, 3, 2, 1, ['Wat kost het?', 'Wie doet het?']), account(1, 1, 0, 0), account(2, 0, 0, 0)];
    const nl = sectionText(q, 'nl', 'appendices');
    expect(nl).toContain('Getoonde vragen uit de zaal');
    expect(nl).toContain('Wat kost het?');
    expect(nl).toContain('Wie doet het?');
    expect(nl).toContain('Geen vragen getoond.');
    const none = sectionText([account(0, 2, 0, 0), account(1, 0, 0, 0), account(2, 0, 0, 0)], 'en', 'appendices');
    expect(none).toContain('No questions from the room were shown on the screen.');
  });

  it('never leaves the results or the ranking different for any questions (property)', () => {
    const base = JSON.stringify(doc(undefined, 'nl').sections.find((s) => s.id === 'overall'));
    fc.assert(
      fc.property(fc.array(fc.nat(5), { minLength: 3, maxLength: 3 }), (asked) => {
        const q = asked.map((n, i) => account(i, n, Math.floor(n / 2), Math.floor(n / 4)));
        return JSON.stringify(doc(q, 'nl').sections.find((s) => s.id === 'overall')) === base;
      }),
      { numRuns: 15 },
    );
  });

  it('prints numbers that are the account’s, in the right number, for any counts (property)', () => {
    const counts = fc
      .tuple(fc.nat(30), fc.nat(30), fc.nat(30))
      .map(([a, b, c]) => [a, b, c].sort((x, y) => y - x) as [number, number, number])
      .map(([asked, shown, answered]) => ({ asked, shown, answered }));
    fc.assert(
      fc.property(counts, fc.constantFrom('nl' as const, 'en' as const), ({ asked, shown, answered }, lang) => {
        const s = questionSentence(lang, account(0, asked, shown, answered), 'X', String);
        if (asked === 0) return !/\d/.test(s);
        const numbers = [...s.matchAll(/\d+/g)].map((m) => Number(m[0]));
        const expected = [asked, ...(shown > 0 ? [shown] : []), ...(answered > 0 ? [answered] : [])];
        const singularOk = lang === 'nl' ? (asked === 1) === / is 1 vraag gesteld/.test(s) : (asked === 1) === /^1 question was asked/.test(s);
        const noneOk = (shown === 0) === (lang === 'nl' ? /er geen op het scherm/.test(s) : /none of them was shown/.test(s));
        return JSON.stringify(numbers) === JSON.stringify(expected) && singularOk && noneOk;
      }),
    );
  });
});
