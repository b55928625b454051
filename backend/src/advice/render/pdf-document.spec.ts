import type { AdviceDocument, DocText } from '@buurtjury/shared';
import { documentLandmarks as landmarks, sampleAdviceDocument } from '@buurtjury/shared/testing';
import type * as PdfJs from 'pdfjs-dist/legacy/build/pdf.js';
import { adviceDocumentDefinition, renderAdvicePdf } from './pdf-document';

const issuedAt = new Date('2026-11-21T09:42:00Z');

/**
 * pdf.js 3's legacy build: CommonJS, runs in Node and needs no canvas to extract text. Loading it
 * logs that it cannot polyfill DOMMatrix and Path2D without the optional `canvas` package, which
 * only rendering to images would need; that notice is kept out of the test output.
 */
const pdfjs = ((): typeof PdfJs => {
  const log = jest.spyOn(console, 'log').mockImplementation(() => undefined);
  try {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    return require('pdfjs-dist/legacy/build/pdf.js') as typeof PdfJs;
  } finally {
    log.mockRestore();
  }
})();

interface PageText {
  width: number;
  height: number;
  /** Text lines, top to bottom, items on one baseline joined with a space. */
  lines: string[];
  text: string;
  /** The text items in the order they are drawn (a wrapped table cell stays together). */
  stream: string;
}

async function extract(pdf: Buffer): Promise<{ pages: PageText[]; info: Record<string, unknown> }> {
  const task = pdfjs.getDocument({ data: new Uint8Array(pdf), isEvalSupported: false, disableFontFace: true, useSystemFonts: false, verbosity: 0 });
  const document = await task.promise;
  try {
    const pages: PageText[] = [];
    for (let n = 1; n <= document.numPages; n++) {
      const page = await document.getPage(n);
      const [x0, y0, x1, y1] = page.view;
      const content = await page.getTextContent();
      const rows = new Map<number, { x: number; str: string }[]>();
      let stream = '';
      for (const item of content.items) {
        if (!('str' in item) || item.str === '') continue;
        stream += `${item.str} `;
        const y = Math.round(item.transform[5]);
        const row = rows.get(y) ?? [];
        row.push({ x: item.transform[4], str: item.str });
        rows.set(y, row);
      }
      const lines = [...rows.entries()]
        .sort((a, b) => b[0] - a[0])
        .map(([, items]) =>
          items
            .sort((a, b) => a.x - b.x)
            .map((i) => i.str)
            .join(' ')
            .replace(/\s+/g, ' ')
            .trim(),
        );
      pages.push({ width: x1 - x0, height: y1 - y0, lines, text: lines.join('\n'), stream });
    }
    const meta = await document.getMetadata();
    return { pages, info: meta.info as Record<string, unknown> };
  } finally {
    await document.destroy();
  }
}

const squash = (s: string): string => s.replace(/\s+/g, '');
/** A page's squashed text without its footer (the footer's words may be split where it wraps). */
const withoutFooter = (doc: AdviceDocument, squashed: string): string => squashed.replace(squash(doc.footer), '').replace(/(Pagina|Page)\d+(van|of)\d+/, '');
const plain = (t: DocText): string => (typeof t === 'string' ? t : t.map((r) => r.text).join(''));

/** Every piece of text the document should show, one string per cell, line or label. */
function expectedTexts(doc: AdviceDocument): string[] {
  const out: string[] = [doc.title, doc.subtitle, doc.contentsTitle, ...doc.titleFacts.flatMap((f) => [f.label, plain(f.value)])];
  if (doc.draftMark) out.push(doc.draftMark);
  for (const s of doc.sections) {
    out.push(`${s.number} ${s.title}`);
    for (const b of s.blocks) {
      switch (b.kind) {
        case 'heading':
        case 'quote':
          out.push(b.text);
          break;
        case 'paragraph':
          out.push(plain(b.text));
          break;
        case 'list':
          out.push(...b.items.map(plain));
          break;
        case 'facts':
          out.push(...b.rows.flatMap((r) => [r.label, plain(r.value)]));
          break;
        case 'table':
          out.push(...b.header, ...b.rows.flat().map(plain));
          if (b.caption) out.push(b.caption);
          break;
        case 'merit-chart':
          out.push(b.caption, ...b.levels.map((l) => l.label), ...b.rows.flatMap((r) => [r.label, r.note ?? '']));
          break;
        case 'interval-chart':
          out.push(b.caption, ...b.ticks.map((t) => t.label), ...b.rows.flatMap((r) => [r.label, r.note ?? '']));
          break;
        case 'page-break':
          break;
      }
    }
  }
  return out.filter((t) => t.trim() !== '');
}

/** Contents entries: "7.1 Betrokkenheid bewoners (20%) 8" -> number, title, page. */
function contentsEntries(lines: string[]): { number: string; title: string; page: number }[] {
  return lines.flatMap((line) => {
    const m = /^(\d+(?:\.\d+)?) (.+) (\d+)$/.exec(line);
    return m ? [{ number: m[1], title: m[2], page: Number(m[3]) }] : [];
  });
}

describe('advice PDF (sample evening through the real builder, Dutch)', () => {
  const doc = sampleAdviceDocument('nl', { draft: true });
  const marks = landmarks(doc);
  let pdf: Buffer;
  let pages: PageText[];
  let info: Record<string, unknown>;

  beforeAll(async () => {
    pdf = await renderAdvicePdf(doc, { issuedAt });
    ({ pages, info } = await extract(pdf));
  });

  it('is an A4 PDF of a plausible length', () => {
    expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    expect(pages.length).toBeGreaterThanOrEqual(10);
    expect(pages.length).toBeLessThanOrEqual(30);
    for (const p of pages) {
      expect(p.width).toBeCloseTo(595.28, 1);
      expect(p.height).toBeCloseTo(841.89, 1);
    }
  });

  it('has a title page with title, subtitle, facts and the draft mark, and no footer', () => {
    const first = pages[0].text;
    expect(squash(first)).toContain(squash(doc.title));
    expect(squash(first)).toContain(squash(doc.subtitle));
    expect(first).toContain('CONCEPT');
    for (const fact of doc.titleFacts) expect(first).toContain(fact.label);
    expect(first).not.toContain('Pagina 1 van');
    expect(first).not.toContain(doc.footer);
  });

  it('numbers every other page in the footer with the page label', () => {
    const total = pages.length;
    pages.slice(1).forEach((p, i) => {
      const last = p.lines[p.lines.length - 1];
      expect(squash(last)).toContain(squash(doc.footer));
      expect(last).toContain(`Pagina ${i + 2} van ${total}`);
    });
  });

  it('has a contents page whose entries point at the pages the headings are on', () => {
    expect(pages[1].lines[0]).toBe('Inhoud');
    const contentsPages = pages.filter((p) => p.lines.some((l) => l === 'Inhoud') || p === pages[2]);
    const entries = contentsEntries(contentsPages.flatMap((p) => p.lines).filter((l) => !l.includes(doc.footer)));
    // Every section and its numbered subsections.
    expect(entries.filter((e) => !e.number.includes('.')).map((e) => `${e.number} ${e.title}`)).toEqual(doc.sections.map((s) => `${s.number} ${s.title}`));
    expect(entries).toContainEqual(expect.objectContaining({ number: marks.firstSubsection.number, title: marks.firstSubsection.title }));
    expect(entries).toContainEqual(expect.objectContaining({ number: marks.lastSubsection.number, title: marks.lastSubsection.title }));
    expect(entries).toHaveLength(doc.sections.length + marks.subsections);
    // The page numbers are right: the heading is on that page.
    for (const e of entries) {
      const page = pages[e.page - 1];
      expect(page.lines).toContain(`${e.number} ${e.title}`);
    }
    // The appendices start on a page of their own.
    const appendix = entries.find((e) => e.number === String(marks.appendices.number));
    expect(pages[(appendix?.page ?? 0) - 1].lines[0]).toBe(`${marks.appendices.number} ${marks.appendices.title}`);
  });

  it('shows the content: figures with decimal commas, the fingerprint, bidders, quotes', () => {
    const all = pages.map((p) => p.text).join('\n');
    const stream = squash(pages.map((p) => p.stream).join(''));
    expect(marks.rankingRow.join(' ')).toMatch(/\d,\d\d/);
    // The ranking table: every cell of the first row, in order.
    expect(stream).toContain(squash(marks.rankingRow.join('')));
    expect(squash(all)).toContain(marks.fingerprint);
    for (const name of marks.bidders) expect(all).toContain(name);
    expect(squash(all)).toContain(squash(marks.quote.text));
    expect(all).toContain(`— ${marks.quote.source}`);
    // A merit chart row's note, and the interval chart's axis.
    // (A note that wraps is drawn as one piece: look in the drawing order, not the lines.)
    expect(stream).toContain(squash(marks.meritNote));
    expect(all).toContain(marks.intervalTick);
  });

  it('loses no text: everything in the document appears in the PDF', () => {
    // Text that runs over a page break: leave out the footer between.
    const body = (t: string): string => withoutFooter(doc, squash(t));
    const byLine = pages.map((p) => body(p.text)).join('');
    const byStream = pages.map((p) => body(p.stream)).join('');
    const missing = expectedTexts(doc).filter((t) => !byLine.includes(squash(t)) && !byStream.includes(squash(t)));
    expect(missing).toEqual([]);
  });

  it('carries title, subject, dates and language in its metadata', () => {
    expect(info.Title).toBe(doc.title);
    expect(info.Subject).toBe(doc.subtitle);
    expect(info.Creator).toBe('Buurtjury');
    expect(String(info.CreationDate)).toMatch(/^D:20261121094200/);
    expect(String(info.ModDate)).toMatch(/^D:20261121094200/);
    expect(pdf.toString('latin1')).toContain('/Lang (nl-NL)');
  });

  it('draws charts as vectors, without images', () => {
    expect(pdf.toString('latin1')).not.toContain('/Subtype /Image');
    const definition = JSON.stringify(adviceDocumentDefinition(doc, { issuedAt }).content);
    expect(definition).not.toMatch(/"(image|svg)":/);
    expect(definition).toContain('"canvas":');
  });

  it('gives the same bytes for the same document and date', async () => {
    const again = await renderAdvicePdf(sampleAdviceDocument('nl', { draft: true }), { issuedAt });
    expect(again.equals(pdf)).toBe(true);
    const later = await renderAdvicePdf(doc, { issuedAt: new Date('2026-11-22T09:42:00Z') });
    expect(later.equals(pdf)).toBe(false);
  });
});

describe('advice PDF definition', () => {
  it('is A4 with the metadata and a contents listing every heading', () => {
    const doc = sampleAdviceDocument('nl', { draft: true });
    const d = adviceDocumentDefinition(doc, { issuedAt });
    expect(d.pageSize).toBe('A4');
    expect(d.info).toMatchObject({ title: doc.title, subject: doc.subtitle, creationDate: issuedAt, modDate: issuedAt });
    expect(d.language).toBe('nl-NL');
    const json = JSON.stringify(d.content);
    expect(json).toContain('"toc":');
    expect(json.match(/"tocItem":true/g)?.length).toBe(doc.sections.length + doc.sections.reduce((a, s) => a + s.blocks.filter((b) => b.kind === 'heading' && b.level === 2).length, 0));
  });
});

describe('advice PDF with other documents', () => {
  it('renders the English document with its own page label and decimal points', async () => {
    const doc = sampleAdviceDocument('en', { draft: true });
    const { pages } = await extract(await renderAdvicePdf(doc, { issuedAt }));
    expect(pages[1].lines[0]).toBe('Contents');
    expect(pages[1].text).toContain(`Page 2 of ${pages.length}`);
    expect(pages[0].text).toContain('DRAFT');
    const row = landmarks(doc).rankingRow.join(' ');
    expect(row).toMatch(/\d\.\d\d/);
    expect(squash(pages.map((p) => p.stream).join(''))).toContain(squash(landmarks(doc).rankingRow.join('')));
  });

  it('loses no text of blocks longer than a page', async () => {
    const sentence = (i: number): string => `Zin ${i} van een lange toelichting die over meer dan een pagina doorloopt.`;
    const long = Array.from({ length: 90 }, (_, i) => sentence(i)).join(' ');
    const doc: AdviceDocument = {
      ...sampleAdviceDocument('nl', { draft: true }),
      sections: [
        {
          id: 'long',
          number: 1,
          title: 'Lang',
          blocks: [
            { kind: 'heading', level: 2, text: 'Lange citaat' },
            { kind: 'quote', text: long, source: 'Bewoner V0001' },
            { kind: 'facts', rows: [{ label: 'Lang feit', value: long }] },
            { kind: 'table', header: ['Nr', 'Tekst'], rows: [['1', long], ['2', 'kort']], widths: [1, 9] },
            { kind: 'merit-chart', caption: 'Zestig rijen', levels: [{ value: 2, label: 'Ja' }, { value: 1, label: 'Nee' }], rows: Array.from({ length: 60 }, (_, i) => ({ label: `Rij ${i + 1}`, counts: [i, 60 - i], total: 60, note: `noot ${i + 1}` })) },
            { kind: 'table', header: ['Nr', 'Naam'], rows: Array.from({ length: 120 }, (_, i) => [String(i + 1), `Naam ${i + 1}`]) },
          ],
        },
      ],
    };
    const { pages } = await extract(await renderAdvicePdf(doc, { issuedAt }));
    // Text that runs over a page break: leave out the footers and repeated table headers between.
    const body = (t: string): string => withoutFooter(doc, squash(t)).replace('NrTekst', '');
    const byLine = pages.map((p) => body(p.text)).join('');
    const byStream = pages.map((p) => body(p.stream)).join('');
    const missing = expectedTexts(doc).filter((t) => !['Nr', 'Tekst'].includes(t) && !byLine.includes(squash(t)) && !byStream.includes(squash(t)));
    expect(missing).toEqual([]);
    expect(pages.some((p) => p.lines.includes('Nr Tekst'))).toBe(true);
    // The long table's header is repeated on the pages it runs over.
    expect(pages.filter((p) => p.lines.includes('Nr Naam')).length).toBeGreaterThan(1);
  });

  it('renders an issued, unusual document: no draft mark, odd scales, empty rows, breaks', async () => {
    const doc: AdviceDocument = {
      lang: 'en',
      title: 'Short advice',
      subtitle: 'A test',
      titleFacts: [],
      draftMark: null,
      contentsTitle: 'Contents',
      footer: 'Footer text',
      pageLabel: '{page}/{pages}',
      sections: [
        {
          id: 'a',
          number: 1,
          title: 'Only section',
          blocks: [
            { kind: 'page-break' },
            { kind: 'heading', level: 3, text: 'Minor heading' },
            { kind: 'merit-chart', caption: 'Seven levels', levels: Array.from({ length: 7 }, (_, i) => ({ value: 7 - i, label: `L${7 - i}` })), rows: [{ label: 'Nobody', counts: [0, 0, 0, 0, 0, 0, 0], total: 0 }, { label: 'All best', counts: [4, 0, 0, 0, 0, 0, 0], total: 4, note: 'n=4' }] },
            { kind: 'interval-chart', caption: 'Sparse', min: 0, max: 10, ticks: [{ value: 0, label: '0' }, { value: 10, label: '10' }], rows: [{ label: 'No value', value: null, low: null, high: null, note: 'none' }, { label: 'Off scale', value: 12, low: -1, high: 11 }] },
            { kind: 'table', header: ['One column'], rows: [] },
            { kind: 'table', header: ['A', 'B'], rows: [['x'], ['y', 'z', 'extra']], widths: [0, -1], align: ['right'] },
            { kind: 'list', ordered: true, items: ['first', [{ text: 'second', bold: true }]] },
            { kind: 'page-break' },
          ],
        },
      ],
    };
    const pdf = await renderAdvicePdf(doc, { issuedAt });
    const { pages } = await extract(pdf);
    const all = pages.map((p) => p.text).join('\n');
    for (const t of ['Short advice', '1 Only section', 'Minor heading', 'Seven levels', 'Nobody', 'All best', '100%', 'No value', 'Off scale', 'One column', 'extra', 'second']) {
      expect(all).toContain(t);
    }
    expect(pages[pages.length - 1].text).toContain(`${pages.length}/${pages.length}`);
    expect(pages[0].text).not.toContain('Footer text');
  });
});
