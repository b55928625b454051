/**
 * The part of the advice's participation section about ballots that arrived after scoring for
 * their pitch closed: the rule (no grace period), and how many arrived too late per bidder, none
 * counted. Its own wording in Dutch and English, filled from the evening's conduct.
 */

import type { Language } from '../domain/setup';
import { pluralForm, type PluralForms } from '../logic/plural';
import type { DocBlock } from './document';

const forms = (one: string, other: string): PluralForms => ({ one, other });

const NL = {
  heading: 'Te laat binnengekomen beoordelingen',
  rule:
    'Een beoordeling telt alleen als ze binnenkomt terwijl het beoordelen van haar pitch open is; er is geen uitlooptijd. Een telefoon die zijn beoordeling pas na het sluiten kon versturen (bijvoorbeeld omdat hij geen verbinding had), kreeg te zien dat ze niet is meegeteld en hoe laat het beoordelen sloot. Buurtjury legde vast dat er een beoordeling te laat kwam, zonder de cijfers.',
  none: 'Er kwamen geen beoordelingen te laat binnen.',
  late: forms(
    '{count} beoordeling kwam binnen nadat het beoordelen van haar pitch was gesloten en is niet meegeteld: {perBidder}.',
    '{count} beoordelingen kwamen binnen nadat het beoordelen van hun pitch was gesloten en zijn niet meegeteld: {perBidder}.',
  ),
  changes: forms(
    'Daarvan was {count} een wijziging van een telefoon waarvan de eerdere beoordeling wel telt.',
    'Daarvan waren {count} wijzigingen van telefoons waarvan de eerdere beoordeling wel telt.',
  ),
};

type Texts = typeof NL;

const EN: Texts = {
  heading: 'Assessments that arrived too late',
  rule:
    'An assessment counts only when it arrives while scoring for its pitch is open; there is no grace period. A phone that could send its assessment only after the close (for example because it had no connection) was shown that it was not counted and at what time scoring closed. Buurtjury recorded that an assessment arrived too late, without its grades.',
  none: 'No assessments arrived too late.',
  late: forms(
    '{count} assessment arrived after scoring for its pitch had closed and was not counted: {perBidder}.',
    '{count} assessments arrived after scoring for their pitch had closed and were not counted: {perBidder}.',
  ),
  changes: forms(
    'Of these, {count} was a change from a phone whose earlier assessment counts.',
    'Of these, {count} were changes from phones whose earlier assessment counts.',
  ),
};

export const LATE_BALLOT_TEXTS: Record<Language, Texts> = { nl: NL, en: EN };

function fill(template: string, values: Record<string, string | number>): string {
  return template.replace(/\{(\w+)\}/g, (_, key: string) => String(values[key] ?? `{${key}}`));
}

/** The rule, and the ballots that arrived too late per bidder (`late` as in EveningConduct). */
export function lateBallotBlocks(
  late: readonly { bidderId: string; late: number; changes: number }[],
  f: { int(value: number): string },
  lang: Language,
  bidderName: (id: string) => string,
): DocBlock[] {
  const t = LATE_BALLOT_TEXTS[lang];
  const total = late.reduce((n, l) => n + l.late, 0);
  const changes = late.reduce((n, l) => n + l.changes, 0);
  const blocks: DocBlock[] = [
    { kind: 'heading', level: 3, text: t.heading },
    { kind: 'paragraph', text: t.rule },
  ];
  if (total === 0) {
    blocks.push({ kind: 'paragraph', text: t.none });
    return blocks;
  }
  const perBidder = late
    .filter((l) => l.late > 0)
    .map((l) => `${bidderName(l.bidderId)} ${f.int(l.late)}`)
    .join(', ');
  const text = [fill(pluralForm(lang, total, t.late), { count: f.int(total), perBidder })];
  if (changes > 0) text.push(fill(pluralForm(lang, changes, t.changes), { count: f.int(changes) }));
  blocks.push({ kind: 'paragraph', text: text.join(' ') });
  return blocks;
}
