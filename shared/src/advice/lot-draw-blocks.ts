/**
 * The lot draw in the advice: for a committed draw (commit-reveal, see logic/lot-draw.ts) the
 * commitment with when it was made, the contributions, the revealed seed and the steps to check it;
 * for a draw with a seed the host chose at the moment, that the host chose it alone.
 */

import type { Language, LotDraw } from '../domain/setup';
import type { DocBlock, DocRun } from './document';

const TEXTS = {
  nl: {
    alone: 'De organisator koos de startwaarde van deze loting zelf, op het moment van de loting. De loting is na te rekenen, maar niet aantoonbaar vooraf vastgelegd.',
    committed:
      'De startwaarde is vooraf vastgelegd: vóór de loting legde Buurtjury alleen de SHA-256 ervan vast (de vastlegging), en vanaf dat moment stond die op de eigen pagina van elke inschrijver en op de poster die Buurtjury maakt; of en wanneer inschrijvers hem zagen, legt Buurtjury niet vast. Daarna konden inschrijvers een bijdrage toevoegen. Bij de loting is de startwaarde onthuld en gecontroleerd tegen de vastlegging; de loting gebruikte de SHA-256 van de startwaarde en de bijdragen samen. Zo kon de organisator de startwaarde niet meer kiezen nadat de bijdragen bekend waren.',
    commitment: 'Vastlegging (SHA-256 van de startwaarde)',
    committedAt: 'Vastgelegd op',
    revealed: 'Onthulde startwaarde',
    contributions: 'Bijdragen',
    noBidderContribution:
      'Bij deze loting gaf geen inschrijver zelf een bijdrage op de eigen pagina. De vastlegging bewijst dat de startwaarde vóór de bijdragen vaststond, maar de organisator kende zijn eigen startwaarde: tegen de organisator beschermde deze loting niet.',
    none: 'geen',
    contribution: '"{text}" van {by}, toegevoegd op {at} (ingevoerd door {entered})',
    combined: 'Startwaarde van de loting (SHA-256 van startwaarde en bijdragen)',
    enteredNote: 'Een bijdrage die de organisatoren zelf invoerden, beschermt niet tegen de organisatoren; alleen bijdragen die inschrijvers zelf gaven, doen dat.',
    check: 'Zo controleert u de loting (in een terminal):',
    step1: 'printf \'%s\' "<onthulde startwaarde>" | sha256sum geeft de vastlegging hierboven.',
    step2: 'printf \'%s\\n%s\' "<onthulde startwaarde>" "<bijdrage 1>" | sha256sum (één %s per regel, de bijdragen in volgorde) geeft de startwaarde van de loting.',
    step3: 'Per inschrijver: printf \'%s\\n%s\' "<startwaarde van de loting>" "<naam>" | sha256sum; de kleinste uitkomst pitcht eerst.',
  },
  en: {
    alone: 'The organiser chose the seed of this draw alone, at the moment of the draw. The draw can be reproduced, but was not shown to be fixed in advance.',
    committed:
      'The seed was committed in advance: before the draw Buurtjury recorded only its SHA-256 (the commitment), and from then on it was shown on each bidder’s own page and on the poster Buurtjury makes; whether and when bidders saw it, Buurtjury does not record. Bidders could then add a contribution. At the draw the seed was revealed and checked against the commitment; the draw used the SHA-256 of the seed and the contributions together. So the organiser could no longer choose the seed once the contributions were known.',
    commitment: 'Commitment (SHA-256 of the seed)',
    committedAt: 'Committed on',
    revealed: 'Revealed seed',
    contributions: 'Contributions',
    noBidderContribution:
      'In this draw no bidder added a contribution on its own page. The commitment proves the seed was fixed before the contributions, but the organiser knew its own seed: this draw did not protect against the organiser.',
    none: 'none',
    contribution: '"{text}" from {by}, added on {at} (entered by {entered})',
    combined: 'Seed of the draw (SHA-256 of seed and contributions)',
    enteredNote: 'A contribution the organisers entered themselves does not protect against the organisers; only contributions the bidders gave themselves do.',
    check: 'How to check the draw (in a terminal):',
    step1: 'printf \'%s\' "<revealed seed>" | sha256sum gives the commitment above.',
    step2: 'printf \'%s\\n%s\' "<revealed seed>" "<contribution 1>" | sha256sum (one %s per line, the contributions in order) gives the seed of the draw.',
    step3: 'Per bidder: printf \'%s\\n%s\' "<seed of the draw>" "<name>" | sha256sum; the smallest result pitches first.',
  },
} as const;

function fill(template: string, values: Record<string, string | number>): string {
  return template.replace(/\{(\w+)\}/g, (_, key: string) => String(values[key] ?? `{${key}}`));
}

const mono = (text: string): DocRun[] => [{ text, mono: true }];

/** The blocks on how the draw's seed came about, after the seed and method facts. */
export function lotDrawBlocks(lang: Language, draw: LotDraw, dateTime: (iso: string) => string): DocBlock[] {
  const t = TEXTS[lang];
  const c = draw.commitReveal;
  if (!c) return [{ kind: 'paragraph', style: 'note', text: t.alone }];
  return [
    { kind: 'paragraph', text: t.committed },
    {
      kind: 'facts',
      rows: [
        { label: t.commitment, value: mono(c.hash) },
        { label: t.committedAt, value: `${dateTime(c.committedAt)} (${c.committedBy})` },
        { label: t.revealed, value: mono(c.revealedSeed) },
        { label: t.combined, value: mono(draw.seed) },
      ],
    },
    { kind: 'paragraph', text: [{ text: `${t.contributions}: `, bold: true }, { text: c.contributions.length === 0 ? t.none : '' }] },
    ...(c.contributions.length > 0
      ? [
          // Numbered by the list itself, in the order they were added (a bullet before "1." printed both).
          { kind: 'list', ordered: true, items: c.contributions.map((x) => fill(t.contribution, { text: x.text, by: x.by, at: dateTime(x.addedAt), entered: x.enteredBy })) } as DocBlock,
          { kind: 'paragraph', style: 'note', text: t.enteredNote } as DocBlock,
        ]
      : []),
    // Only a contribution a bidder added itself protects against the organiser: say so when there was none.
    ...(c.contributions.some((x) => x.bidderId !== undefined) ? [] : [{ kind: 'paragraph', text: t.noBidderContribution } as DocBlock]),
    { kind: 'paragraph', text: t.check },
    { kind: 'list', ordered: true, items: [t.step1, t.step2, t.step3] },
  ];
}
