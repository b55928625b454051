import type { Content, TDocumentDefinitions } from 'pdfmake/interfaces';
import { formatTicketCode, type Language } from '@buurtjury/shared';
import type { TicketCard } from '../infrastructure/render/render-job';

const TEXT = {
  nl: {
    ticket: 'Toegangskaart',
    scan: 'Scan met je telefoon om mee te stemmen',
    code: 'Of typ deze code na de avondcode',
    once: 'Deze kaart geeft één telefoon toegang. Kwijt of telefoon leeg? Vraag de host om de kaart vrij te geven.',
  },
  en: {
    ticket: 'Admission card',
    scan: 'Scan with your phone to vote',
    code: 'Or type this code after the evening code',
    once: 'This card admits one phone. Lost it, or phone battery empty? Ask the host to release the card.',
  },
} satisfies Record<Language, Record<string, string>>;


const PER_PAGE = 8;

/** Ticket cards, 8 per A4 (2 × 4) with cutting lines: number, QR join link with the code, and the code itself. */
export function ticketCardsDocument(
  evening: { title: string; joinCode: string; language: Language },
  publicUrl: string,
  tickets: readonly TicketCard[],
): TDocumentDefinitions {
  const t = TEXT[evening.language];
  const card = (ticket: TicketCard): Content => ({
    stack: [
      { columns: [{ text: t.ticket, style: 'label' }, { text: `#${String(ticket.number).padStart(3, '0')}`, style: 'number', alignment: 'right' }] },
      { text: evening.title, style: 'title' },
      { text: t.scan, style: 'small' },
      { qr: `${publicUrl}/j/${evening.joinCode}?t=${ticket.code}`, fit: 92, alignment: 'center', margin: [0, 4, 0, 4], eccLevel: 'M' },
      { text: `${t.code} ${evening.joinCode}:`, style: 'small' },
      { text: formatTicketCode(ticket.code), style: 'code' },
      { text: t.once, style: 'fine' },
    ],
    margin: [10, 8, 10, 8],
  });
  const pages: Content[] = [];
  for (let start = 0; start < tickets.length; start += PER_PAGE) {
    const slice = tickets.slice(start, start + PER_PAGE);
    const rows: Content[][] = [];
    for (let i = 0; i < PER_PAGE; i += 2) rows.push([slice[i] ? card(slice[i]!) : '', slice[i + 1] ? card(slice[i + 1]!) : '']);
    pages.push({
      table: { widths: ['50%', '50%'], heights: 188, body: rows, dontBreakRows: true },
      layout: { hLineStyle: () => ({ dash: { length: 4 } }), vLineStyle: () => ({ dash: { length: 4 } }), hLineColor: () => '#999999', vLineColor: () => '#999999' },
      ...(start + PER_PAGE < tickets.length ? { pageBreak: 'after' as const } : {}),
    });
  }
  return {
    pageSize: 'A4',
    pageMargins: [24, 24, 24, 24],
    info: { title: `${evening.title} — ${t.ticket}`, creator: 'Buurtjury', producer: 'Buurtjury' },
    content: pages,
    styles: {
      label: { fontSize: 9, bold: true, color: '#0b5c3b' },
      number: { fontSize: 9, bold: true },
      title: { fontSize: 11, bold: true, margin: [0, 2, 0, 2] },
      small: { fontSize: 8, alignment: 'center', color: '#333333' },
      code: { fontSize: 16, bold: true, alignment: 'center', font: 'Courier', margin: [0, 1, 0, 3] },
      fine: { fontSize: 7, alignment: 'center', color: '#555555' },
    },
  };
}
