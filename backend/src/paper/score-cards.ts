import type { Content, TableCell, TDocumentDefinitions } from 'pdfmake/interfaces';
import { paperCardLabel, type EveningDetail, type Language } from '@buurtjury/shared';

const TEXT = {
  nl: {
    card: 'Scorekaart',
    instructions: 'Zet per onderwerp één kruisje. Lever de kaart in bij de host; twee moderatoren typen hem in.',
    remark: 'Opmerking (mag leeg blijven)',
    noPhone: 'Voor wie zonder telefoon meedoet. Anoniem: schrijf je naam niet op de kaart.',
  },
  en: {
    card: 'Score card',
    instructions: 'Tick one box per topic. Hand the card to the host; two moderators type it in.',
    remark: 'Remark (may stay empty)',
    noPhone: 'For residents taking part without a phone. Anonymous: do not write your name on the card.',
  },
} satisfies Record<Language, Record<string, string>>;

type Border = [boolean, boolean, boolean, boolean];
const NO_BORDER: Border = [false, false, false, false];
const UNDERLINE: Border = [false, false, false, true];
const BOX: Border = [true, true, true, true];

/** Paper score cards: per pitch `perPitch` numbered cards, two per A4 page (cut in half to A5). */
export function scoreCardsDocument(evening: EveningDetail, perPitch: number): TDocumentDefinitions {
  const t = TEXT[evening.language];
  const levels = [...evening.scale.levels].sort((a, b) => a.value - b.value);
  const cards: Content[] = [];
  for (const bidder of evening.bidders) {
    for (let n = 1; n <= perPitch; n++) {
      const grid: TableCell[][] = [
        [{ text: '', border: NO_BORDER }, ...levels.map((l) => ({ text: `${l.value}\n${l.label}`, style: 'level', border: NO_BORDER }))],
        ...evening.criteria.map((c) => [
          { text: c.name, style: 'criterion', border: UNDERLINE },
          ...levels.map((): TableCell => ({ text: ' ', style: 'box', border: BOX })),
        ]),
      ];
      cards.push({
        stack: [
          { columns: [{ text: `${t.card} · ${evening.title}`, style: 'head' }, { text: paperCardLabel(bidder.position, n), style: 'label', alignment: 'right' }] },
          { text: `${bidder.position}. ${bidder.name}${bidder.pitchTitle ? ` — ${bidder.pitchTitle}` : ''}`, style: 'bidder' },
          { text: t.instructions, style: 'small' },
          { table: { widths: ['*', ...levels.map(() => 44)], body: grid }, margin: [0, 6, 0, 6] },
          { text: t.remark, style: 'small' },
          { canvas: [0, 1, 2].map((i) => ({ type: 'line' as const, x1: 0, y1: 18 + i * 18, x2: 515, y2: 18 + i * 18, lineWidth: 0.5, lineColor: '#888888' })) },
          { text: t.noPhone, style: 'fine', margin: [0, 8, 0, 0] },
        ],
        // Two cards per page: a fixed-height block each, the second after a dashed cutting line.
        unbreakable: true,
        margin: [0, 0, 0, 0],
      });
    }
  }
  const content: Content[] = [];
  cards.forEach((card, i) => {
    content.push(card);
    if (i % 2 === 0 && i + 1 < cards.length) {
      content.push({ canvas: [{ type: 'line', x1: -20, y1: 0, x2: 535, y2: 0, dash: { length: 5 }, lineWidth: 0.5, lineColor: '#999999' }], margin: [0, 24, 0, 24] });
    }
    if (i % 2 === 1 && i + 1 < cards.length) content.push({ text: '', pageBreak: 'after' });
  });
  return {
    pageSize: 'A4',
    pageMargins: [40, 36, 40, 36],
    info: { title: `${evening.title} — ${t.card}`, creator: 'Buurtjury', producer: 'Buurtjury' },
    content,
    styles: {
      head: { fontSize: 9, color: '#0b5c3b', bold: true },
      label: { fontSize: 20, bold: true, font: 'Courier' },
      bidder: { fontSize: 15, bold: true, margin: [0, 4, 0, 4] },
      small: { fontSize: 9, color: '#333333' },
      fine: { fontSize: 8, color: '#555555' },
      level: { fontSize: 7, alignment: 'center' },
      criterion: { fontSize: 10, margin: [0, 4, 0, 4] },
      box: { fontSize: 14, alignment: 'center' },
    },
  };
}
