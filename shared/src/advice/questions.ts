/**
 * Questions from the room in the advice: in the account of the evening, per bidder how many
 * questions were asked, shown on the screen and marked answered (equal treatment on record), and in
 * the appendices the shown questions per bidder, without the askers' names. Questions are not
 * ballots and never change a result: the text says so. Every count is worded in the right number,
 * zero included, in Dutch and English.
 */
import type { Language } from '../domain/setup';
import { pluralForm, type PluralForms } from '../logic/plural';
import type { BidderQuestionAccount } from '../questions/questions';
import type { DocBlock } from './document';

const forms = (zero: string, one: string, other: string): PluralForms & { zero: string } => ({ zero, one, other });

interface QuestionTexts {
  heading: string;
  intro: string;
  none: string;
  asked: PluralForms & { zero: string };
  shown: PluralForms & { zero: string };
  answered: PluralForms & { zero: string };
  appendixHeading: string;
  appendixIntro: string;
  appendixNone: string;
  appendixHeader: [string, string, string];
  yes: string;
  no: string;
  noneShown: string;
  emptyText: string;
}

const NL: QuestionTexts = {
  heading: 'Vragen uit de zaal',
  intro:
    'Bezoekers konden met hun telefoon vragen stellen aan de inschrijver op het podium en stemmen op elkaars vragen; een moderator kon vragen goedkeuren, verbergen of samenvoegen voordat ze op het scherm kwamen. Vragen zijn geen beoordelingen: ze tellen niet mee in de uitslag. De getoonde vragen staan per inschrijver in de bijlagen (hoofdstuk {chapter}), zonder de namen van wie ze stelde.',
  none: 'Via Buurtjury zijn aan geen enkele inschrijver vragen uit de zaal gesteld.',
  asked: forms('Aan {bidder} is via Buurtjury geen vraag gesteld.', 'Aan {bidder} is {n} vraag gesteld', 'Aan {bidder} zijn {n} vragen gesteld'),
  shown: forms(', waarvan er geen op het scherm is getoond', ', waarvan er {n} op het scherm is getoond', ', waarvan er {n} op het scherm zijn getoond'),
  answered: forms(' en geen als beantwoord is gemarkeerd.', ' en {n} als beantwoord is gemarkeerd.', ' en {n} als beantwoord zijn gemarkeerd.'),
  appendixHeading: 'Getoonde vragen uit de zaal',
  appendixIntro: 'Per inschrijver de vragen die op het scherm zijn getoond, met het aantal stemmen en of de vraag als beantwoord is gemarkeerd. Namen van wie een vraag stelde, staan hier niet.',
  appendixNone: 'Er zijn geen vragen uit de zaal op het scherm getoond.',
  appendixHeader: ['Vraag', 'Stemmen', 'Beantwoord'],
  yes: 'ja',
  no: 'nee',
  noneShown: 'Geen vragen getoond.',
  emptyText: '(tekst niet bewaard)',
};

const EN: QuestionTexts = {
  heading: 'Questions from the room',
  intro:
    'Attendees could ask the bidder on stage questions from their phones and vote for each other’s questions; a moderator could approve, hide or merge questions before they were shown on the screen. Questions are not assessments: they do not count towards the result. The shown questions are listed per bidder in the appendices (chapter {chapter}), without the names of those who asked them.',
  none: 'No questions from the room were asked to any bidder through Buurtjury.',
  asked: forms('No question was asked to {bidder} through Buurtjury.', '{n} question was asked to {bidder}', '{n} questions were asked to {bidder}'),
  shown: forms('; none of them was shown on the screen', '; {n} of them was shown on the screen', '; {n} of them were shown on the screen'),
  answered: forms(' and none was marked answered.', ' and {n} was marked answered.', ' and {n} were marked answered.'),
  appendixHeading: 'Shown questions from the room',
  appendixIntro: 'Per bidder, the questions shown on the screen, with their votes and whether they were marked answered. The names of those who asked are not printed.',
  appendixNone: 'No questions from the room were shown on the screen.',
  appendixHeader: ['Question', 'Votes', 'Answered'],
  yes: 'yes',
  no: 'no',
  noneShown: 'No questions shown.',
  emptyText: '(text not kept)',
};

export const QUESTION_TEXTS: Record<Language, QuestionTexts> = { nl: NL, en: EN };

function fill(template: string, values: Record<string, string | number>): string {
  return template.replace(/\{(\w+)\}/g, (_, key: string) => String(values[key] ?? `{${key}}`));
}

/** The zero form for 0, else the language's plural form. */
function counted(lang: Language, n: number, f: PluralForms & { zero: string }, values: Record<string, string | number>): string {
  return fill(n === 0 ? f.zero : pluralForm(lang, n, f), values);
}

/** The sentence on one bidder's questions. */
export function questionSentence(lang: Language, a: BidderQuestionAccount, bidder: string, int: (n: number) => string): string {
  const t = QUESTION_TEXTS[lang];
  if (a.asked === 0) return fill(t.asked.zero, { bidder });
  return (
    counted(lang, a.asked, t.asked, { n: int(a.asked), bidder }) +
    counted(lang, a.shown, t.shown, { n: int(a.shown) }) +
    counted(lang, a.answered, t.answered, { n: int(a.answered) })
  );
}

/** The account in the chapter on the evening: nothing for an input from before questions were recorded. */
export function questionAccountBlocks(
  lang: Language,
  account: readonly BidderQuestionAccount[] | undefined,
  bidderName: (id: string) => string,
  int: (n: number) => string,
  appendixChapter: number,
): DocBlock[] {
  if (!account) return [];
  const t = QUESTION_TEXTS[lang];
  const blocks: DocBlock[] = [{ kind: 'heading', level: 2, text: t.heading }];
  if (account.every((a) => a.asked === 0)) {
    blocks.push({ kind: 'paragraph', text: t.none });
    return blocks;
  }
  blocks.push({ kind: 'paragraph', text: fill(t.intro, { chapter: appendixChapter }) });
  blocks.push({ kind: 'list', items: account.map((a) => questionSentence(lang, a, bidderName(a.bidderId), int)) });
  return blocks;
}

/** The appendix: the shown questions per bidder (no names); nothing when no question was asked or none recorded. */
export function questionAppendixBlocks(lang: Language, account: readonly BidderQuestionAccount[] | undefined, bidderName: (id: string) => string, int: (n: number) => string): DocBlock[] {
  if (!account || account.every((a) => a.asked === 0)) return [];
  const t = QUESTION_TEXTS[lang];
  const blocks: DocBlock[] = [{ kind: 'heading', level: 2, text: t.appendixHeading }];
  if (account.every((a) => a.shown === 0)) {
    blocks.push({ kind: 'paragraph', text: t.appendixNone });
    return blocks;
  }
  blocks.push({ kind: 'paragraph', style: 'note', text: t.appendixIntro });
  for (const a of account) {
    blocks.push({ kind: 'heading', level: 3, text: bidderName(a.bidderId) });
    if (a.shownQuestions.length === 0) {
      blocks.push({ kind: 'paragraph', text: t.noneShown });
      continue;
    }
    blocks.push({
      kind: 'table',
      header: t.appendixHeader,
      rows: a.shownQuestions.map((q) => [q.text.trim() || t.emptyText, int(q.votes), q.answered ? t.yes : t.no]),
      align: ['left', 'right', 'center'],
      widths: [6, 1, 1.2],
    });
  }
  return blocks;
}
