/**
 * Two parts of the advice's participation section: when and by whom paper cards were entered
 * (entry closes at the end of the evening; the "two moderators" rule compares accounts, not
 * persons), and how phones joined (per minute and per network address, against the expected
 * attendance). Their own wording in Dutch and English, filled from the evening's conduct.
 */

import type { Language } from '../domain/setup';
import { JOIN_WATCH, type JoinWatch } from '../live/join-watch';
import type { PaperConduct } from '../live/paper';
import type { DocBlock } from './document';
import { pluralForm, type PluralForms } from '../logic/plural';

const forms = (one: string, other: string): PluralForms => ({ one, other });

const NL = {
  paperHeading: 'Invoer van papieren scorekaarten',
  paperClosed:
    'De invoer van papieren kaarten sloot toen de avond werd beëindigd ({closed}), het moment waarop de uitslag bekend kon worden. Daarna nam Buurtjury geen kaart meer aan en kon niemand een invoer intrekken. Per pitch konden alleen de kaarten worden ingevoerd die al bestonden toen die pitch begon.',
  paperOpen: 'De avond is nog niet beëindigd: de invoer van papieren kaarten is nog open.',
  paperWhen: 'De getelde kaarten werden ingevoerd tussen {first} en {last}.',
  paperAccounts:
    'Een kaart telt alleen als twee verschillende moderatoraccounts hem precies gelijk invoerden. Buurtjury controleert accounts, geen personen: wie twee accounts heeft, kan een kaart twee keer invoeren. De getelde kaarten zijn ingevoerd door deze accounts: {accounts}.',
  facts: {
    counted: 'Getelde kaarten',
    oneEntry: 'Kaarten met maar één invoer bij het sluiten (telden niet)',
    disagreed: 'Kaarten met twee verschillende invoeren bij het sluiten (telden niet)',
  },
  paperLate:
    'Let op: deze getelde kaarten werden pas voltooid nadat de avond was beëindigd, toen de uitslag al bekend kon zijn (op deze avond gold de sluiting bij het einde nog niet): {list}.',
  joinsHeading: 'Aanmelden met telefoons',
  joinFacts: {
    joined: 'Telefoons aangemeld',
    expected: 'Verwachte opkomst (opgegeven door de organisatie)',
    notGiven: 'niet opgegeven',
    busiest: 'Drukste minuut',
    busiestValue: forms('{joins} aanmelding ({time})', '{joins} aanmeldingen ({time})'),
    addresses: 'Verschillende netwerkadressen',
    top: 'Meeste telefoons van één adres',
    topValue: forms('{joins}, waarvan hoogstens {fastest} binnen {seconds} seconde', '{joins}, waarvan hoogstens {fastest} binnen {seconds} seconden'),
    unknown: 'Aanmeldingen zonder bekend adres',
  },
  joinsExplain:
    'Via de wifi van een zaal delen veel telefoons één netwerkadres; veel aanmeldingen van één adres zijn dus gewoon. Tien of meer binnen enkele seconden niet: mensen scannen een QR-code een voor een. Adressen zijn nergens bewaard of getoond, alleen een code per adres die niet naar het adres terug te rekenen is.',
  joinsNoWarning: 'Buurtjury zag geen aanmeldingen die voor deze zaal onwaarschijnlijk waren.',
  joinsWarned: 'Tijdens de avond waarschuwde Buurtjury de organisatie:',
  warnings: {
    'above-expected': 'er meldden zich {joined} telefoons aan, meer dan de verwachte opkomst van {expected}',
    'fast-from-one-address': 'van één netwerkadres (code {address}) meldden zich {joins} telefoons aan binnen {seconds} seconden',
  },
};

type Texts = typeof NL;

const EN: Texts = {
  paperHeading: 'Entry of paper score cards',
  paperClosed:
    'Entry of paper cards closed when the evening was ended ({closed}), the moment the results could become known. After that Buurtjury accepted no card and nobody could withdraw an entry. For each pitch only the cards that existed when that pitch started could be entered.',
  paperOpen: 'The evening has not ended yet: entry of paper cards is still open.',
  paperWhen: 'The counted cards were entered between {first} and {last}.',
  paperAccounts:
    'A card counts only when two different moderator accounts entered it exactly alike. Buurtjury checks accounts, not persons: someone with two accounts can enter a card twice. The counted cards were entered by these accounts: {accounts}.',
  facts: {
    counted: 'Counted cards',
    oneEntry: 'Cards with only one entry at the close (not counted)',
    disagreed: 'Cards with two different entries at the close (not counted)',
  },
  paperLate:
    'Note: these counted cards were completed only after the evening had ended, when the results could already be known (closing at the end did not yet apply to this evening): {list}.',
  joinsHeading: 'Joining with phones',
  joinFacts: {
    joined: 'Phones joined',
    expected: 'Expected attendance (given by the organisers)',
    notGiven: 'not given',
    busiest: 'Busiest minute',
    busiestValue: forms('{joins} join ({time})', '{joins} joins ({time})'),
    addresses: 'Different network addresses',
    top: 'Most phones from one address',
    topValue: forms('{joins}, of which at most {fastest} within {seconds} second', '{joins}, of which at most {fastest} within {seconds} seconds'),
    unknown: 'Joins without a known address',
  },
  joinsExplain:
    'On a venue’s Wi-Fi many phones share one network address, so many joins from one address are normal. Ten or more within a few seconds are not: people scan a QR code one by one. Addresses were never stored or shown, only a code per address that cannot be turned back into the address.',
  joinsNoWarning: 'Buurtjury saw no joins that were implausible for this room.',
  joinsWarned: 'During the evening Buurtjury warned the organisers:',
  warnings: {
    'above-expected': '{joined} phones joined, more than the expected attendance of {expected}',
    'fast-from-one-address': '{joins} phones joined from one network address (code {address}) within {seconds} seconds',
  },
};

export const PARTICIPATION_NOTE_TEXTS: Record<Language, Texts> = { nl: NL, en: EN };

/** The number and time formatting of the document (see build.ts). */
export interface NoteFormat {
  int(value: number): string;
  time(iso: string | null): string;
  dateTime(iso: string | null): string;
}

function fill(template: string, values: Record<string, string | number>): string {
  return template.replace(/\{(\w+)\}/g, (_, key: string) => String(values[key] ?? `{${key}}`));
}

/** When and by which accounts paper cards were entered; nothing when no card was entered at all. */
export function paperEntryBlocks(paper: PaperConduct, f: NoteFormat, lang: Language): DocBlock[] {
  const t = PARTICIPATION_NOTE_TEXTS[lang];
  if (paper.counted === 0 && paper.oneEntry === 0 && paper.disagreed === 0) return [];
  const blocks: DocBlock[] = [
    { kind: 'heading', level: 3, text: t.paperHeading },
    { kind: 'paragraph', text: paper.closedAt ? fill(t.paperClosed, { closed: f.dateTime(paper.closedAt) }) : t.paperOpen },
  ];
  if (paper.firstEnteredAt && paper.lastCompletedAt) {
    blocks.push({ kind: 'paragraph', text: fill(t.paperWhen, { first: f.time(paper.firstEnteredAt), last: f.time(paper.lastCompletedAt) }) });
  }
  if (paper.accounts.length > 0) blocks.push({ kind: 'paragraph', text: fill(t.paperAccounts, { accounts: paper.accounts.join(', ') }) });
  blocks.push({
    kind: 'facts',
    rows: [
      { label: t.facts.counted, value: f.int(paper.counted) },
      { label: t.facts.oneEntry, value: f.int(paper.oneEntry) },
      { label: t.facts.disagreed, value: f.int(paper.disagreed) },
    ],
  });
  if (paper.late.length > 0) {
    blocks.push({ kind: 'paragraph', text: [{ text: fill(t.paperLate, { list: paper.late.map((l) => `${l.card} (${f.dateTime(l.at)})`).join(', ') }), bold: true }] });
  }
  return blocks;
}

/** How phones joined, with the warnings the host console gave. */
export function joinBlocks(joins: JoinWatch, f: NoteFormat, lang: Language): DocBlock[] {
  const t = PARTICIPATION_NOTE_TEXTS[lang];
  const top = joins.top[0];
  const rows = [
    { label: t.joinFacts.joined, value: f.int(joins.joined) },
    { label: t.joinFacts.expected, value: joins.expected === null ? t.joinFacts.notGiven : f.int(joins.expected) },
    ...(joins.busiestMinute ? [{ label: t.joinFacts.busiest, value: fill(pluralForm(lang, joins.busiestMinute.joins, t.joinFacts.busiestValue), { joins: f.int(joins.busiestMinute.joins), time: f.time(joins.busiestMinute.minute) }) }] : []),
    ...(joins.addresses > 0 ? [{ label: t.joinFacts.addresses, value: f.int(joins.addresses) }] : []),
    ...(top ? [{ label: t.joinFacts.top, value: fill(pluralForm(lang, JOIN_WATCH.burstSeconds, t.joinFacts.topValue), { joins: f.int(top.joins), fastest: f.int(top.fastest), seconds: JOIN_WATCH.burstSeconds }) }] : []),
    ...(joins.unknownAddress > 0 ? [{ label: t.joinFacts.unknown, value: f.int(joins.unknownAddress) }] : []),
  ];
  const blocks: DocBlock[] = [{ kind: 'heading', level: 3, text: t.joinsHeading }, { kind: 'facts', rows }, { kind: 'paragraph', text: t.joinsExplain }];
  if (joins.warnings.length === 0) {
    blocks.push({ kind: 'paragraph', text: t.joinsNoWarning });
  } else {
    blocks.push(
      { kind: 'paragraph', text: t.joinsWarned },
      {
        kind: 'list',
        items: joins.warnings.map((w) => {
          switch (w.kind) {
            case 'above-expected':
              return fill(t.warnings['above-expected'], { joined: f.int(w.joined), expected: f.int(w.expected) });
            case 'fast-from-one-address':
              return fill(t.warnings['fast-from-one-address'], { joins: f.int(w.joins), address: w.address, seconds: w.seconds });
          }
        }),
      },
    );
  }
  return blocks;
}
