import { inflateSync } from 'node:zlib';
import { buildAdviceDocument, type AdviceDocument, type DocText } from '@buurtjury/shared';
import { documentLandmarks as landmarks, sampleAdviceDocument, sampleEvening } from '@buurtjury/shared/testing';
import type * as PdfJs from 'pdfjs-dist/legacy/build/pdf.js';
import { adviceDocumentDefinition, intervalAlt, meritAlt, renderAdvicePdf } from './pdf-document';

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
  /** Height above the page's foot of the lowest text. */
  lowest: number;
  /** Where the text that reaches furthest right ends. */
  rightmost: number;
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
      let lowest = y1;
      let rightmost = 0;
      for (const item of content.items) {
        if (!('str' in item) || item.str === '') continue;
        stream += `${item.str} `;
        if (item.str.trim()) {
          lowest = Math.min(lowest, item.transform[5] - y0);
          rightmost = Math.max(rightmost, item.transform[4] - x0 + item.width);
        }
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
      pages.push({ width: x1 - x0, height: y1 - y0, lines, text: lines.join('\n'), stream, lowest, rightmost });
    }
    const meta = await document.getMetadata();
    return { pages, info: meta.info as Record<string, unknown> };
  } finally {
    await document.destroy();
  }
}

/** A structure element as pdf.js reads it: its role, alternative text and its text (in order). */
interface Element {
  role: string;
  alt?: string;
  text: string;
  children: Element[];
}

interface Structure {
  marked: boolean;
  /** The document's elements, page by page (an element on two pages appears on both). */
  pages: Element[][];
  /** Text drawn as an artifact (footers, repeated table headers), page by page. */
  artifacts: string[][];
  /** Text drawn outside any marked content. */
  unmarked: string[];
}

interface PdfJsStructNode {
  role?: string;
  alt?: string;
  type?: string;
  id?: string;
  children?: PdfJsStructNode[];
}

/** What a screen reader gets: the structure tree, the text of each element, and what is left out as artifact. */
async function structure(pdf: Buffer): Promise<Structure> {
  const task = pdfjs.getDocument({ data: new Uint8Array(pdf), isEvalSupported: false, disableFontFace: true, useSystemFonts: false, verbosity: 0 });
  const document = await task.promise;
  try {
    const marked = (await document.getMarkInfo())?.Marked === true;
    const out: Structure = { marked, pages: [], artifacts: [], unmarked: [] };
    for (let n = 1; n <= document.numPages; n++) {
      const page = await document.getPage(n);
      const content = await page.getTextContent({ includeMarkedContent: true });
      const byId = new Map<string, string>();
      const artifacts: string[] = [];
      const open: { id: string | null; tag: string }[] = [];
      for (const item of content.items as ({ type: string; id?: string; tag?: string } | { str: string })[]) {
        if ('str' in item) {
          const current = open[open.length - 1];
          if (!current) {
            if (item.str.trim()) out.unmarked.push(item.str);
          } else if (current.tag === 'Artifact') artifacts.push(item.str);
          else if (current.id) byId.set(current.id, (byId.get(current.id) ?? '') + item.str);
        } else if (item.type === 'beginMarkedContentProps' || item.type === 'beginMarkedContent') {
          open.push({ id: item.id ?? null, tag: item.tag ?? '' });
        } else if (item.type === 'endMarkedContent') open.pop();
      }
      const toElement = (node: PdfJsStructNode): Element | string => {
        if (node.type === 'content' && node.id) return byId.get(node.id) ?? '';
        const children = (node.children ?? []).map(toElement);
        return {
          role: node.role ?? '',
          ...(node.alt ? { alt: node.alt } : {}),
          text: children.map((c) => (typeof c === 'string' ? c : c.text)).join(''),
          children: children.filter((c): c is Element => typeof c !== 'string'),
        };
      };
      const tree = (await page.getStructTree()) as PdfJsStructNode | null;
      out.pages.push(tree ? (tree.children ?? []).map(toElement).filter((e): e is Element => typeof e !== 'string') : []);
      out.artifacts.push(artifacts);
    }
    return out;
  } finally {
    await document.destroy();
  }
}

/** Every element of a tree, depth first. */
const allElements = (roots: Element[]): Element[] => roots.flatMap((e) => [e, ...allElements(e.children)]);

/** The PDF's objects by number, with their dictionary text and their stream (inflated), if any. */
function pdfObjects(pdf: Buffer): Map<number, { dict: string; stream: Buffer | null }> {
  const text = pdf.toString('latin1');
  const out = new Map<number, { dict: string; stream: Buffer | null }>();
  for (const m of text.matchAll(/(\d+) 0 obj\n([\s\S]*?)\nendobj/g)) {
    const body = m[2]!;
    const at = body.indexOf('\nstream\n');
    if (at < 0) {
      out.set(Number(m[1]), { dict: body, stream: null });
      continue;
    }
    const dict = body.slice(0, at);
    const start = m.index + m[0].indexOf(m[2]!) + at + '\nstream\n'.length;
    const end = text.indexOf('\nendstream', start);
    const raw = pdf.subarray(start, end);
    out.set(Number(m[1]), { dict, stream: dict.includes('/FlateDecode') ? inflateSync(raw) : raw });
  }
  return out;
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
        case 'box':
          out.push(b.title, ...b.lines.map(plain));
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
    // One page per bidder (six here) since issue 15.
    expect(pages.length).toBeLessThanOrEqual(36);
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

  it('has the contents after the title page\'s facts, with entries that point at the pages the headings are on', () => {
    const cover = pages[0].lines;
    const lastFact = doc.titleFacts[doc.titleFacts.length - 1]!.label;
    expect(cover.indexOf('Inhoud')).toBeGreaterThan(cover.findIndex((l) => l.startsWith(lastFact)));
    // The contents run up to the page where the first section starts, at its top.
    const start = pages.findIndex((p) => p.lines[0] === `1 ${doc.sections[0]!.title}`);
    expect(start).toBeGreaterThan(0);
    const entries = contentsEntries(pages.slice(0, start).flatMap((p) => p.lines).filter((l) => !l.includes(doc.footer)));
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

  it('keeps all text within the margins, the fingerprints on the title page too', () => {
    // A4 less the 56 pt margin (and a hair for rounding).
    pages.forEach((p, i) => expect({ page: i + 1, inside: p.rightmost <= 595.28 - 56 + 0.5 }).toEqual({ page: i + 1, inside: true }));
    const cover = pages[0].lines;
    expect(cover.some((l) => l.endsWith(marks.fingerprint))).toBe(true);
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

  it('is tagged: headings, paragraphs, tables, lists, quotes and figures hold all the text; footers are artifacts', async () => {
    const s = await structure(pdf);
    expect(s.marked).toBe(true);
    expect(pdf.toString('latin1')).toMatch(/\/StructTreeRoot \d+ 0 R/);
    // No text outside marked content; artifacts are only the footers and table headers repeated on a later page.
    expect(s.unmarked).toEqual([]);
    expect(s.artifacts[0]).toEqual([]);
    s.artifacts.slice(1).forEach((texts, i) => {
      const footer = withoutFooter(doc, squash(texts.join('')));
      const repeatedHeaders = doc.sections.flatMap((x) => x.blocks).flatMap((b) => (b.kind === 'table' ? [squash(b.header.join(''))] : []));
      expect({ page: i + 2, rest: repeatedHeaders.reduce((rest, h) => rest.replace(h, ''), footer) }).toEqual({ page: i + 2, rest: '' });
    });
    const elements = allElements(s.pages.flat());
    const roles = new Set(elements.map((e) => e.role));
    for (const role of ['Document', 'Sect', 'H1', 'H2', 'H3', 'P', 'Table', 'TR', 'TH', 'TD', 'L', 'LI', 'Lbl', 'LBody', 'BlockQuote', 'Figure', 'TOC', 'TOCI', 'Reference']) expect(roles).toContain(role);
    // Section headings are level 1 (with the title and the contents' title), subsections level 2, in order.
    const texts = (role: string): string[] => elements.filter((e) => e.role === role).map((e) => squash(e.text));
    expect(texts('H1')).toEqual([doc.title, doc.contentsTitle, ...doc.sections.map((x) => `${x.number} ${x.title}`)].map(squash));
    expect(texts('H2')).toContain(squash(`${marks.firstSubsection.number} ${marks.firstSubsection.title}`));
    expect(texts('H2')).toHaveLength(marks.subsections);
    // The ranking table: its first row in cells, the fingerprint in a data cell of the title page's facts.
    expect(texts('TD').join('|')).toContain(marks.rankingRow.map(squash).join('|'));
    expect(texts('TD')).toContain(marks.fingerprint);
    expect(texts('TH')).toContain(squash(doc.titleFacts[0]!.label));
    // Charts are figures with their content in words.
    const merit = doc.sections.flatMap((x) => x.blocks).find((b) => b.kind === 'merit-chart');
    const figures = elements.filter((e) => e.role === 'Figure');
    expect(figures.length).toBe(doc.sections.flatMap((x) => x.blocks).filter((b) => b.kind === 'merit-chart' || b.kind === 'interval-chart').length);
    expect(merit?.kind === 'merit-chart' && figures.map((f) => f.alt)).toContain(merit?.kind === 'merit-chart' ? meritAlt(merit) : '');
    // Nothing is left out of the structure: every text of the document is in an element.
    const tagged = s.pages.map((p) => squash(p.map((e) => e.text).join(''))).join('');
    const taggedStream = squash(elements.map((e) => e.text).join(''));
    expect(expectedTexts(doc).filter((t) => !tagged.includes(squash(t)) && !taggedStream.includes(squash(t)))).toEqual([]);
  });

  it('embeds every font, the fingerprint\'s monospaced one too, and never draws a missing glyph', () => {
    const objects = [...pdfObjects(pdf).values()];
    const descriptors = objects.filter((o) => o.dict.includes('/Type /FontDescriptor'));
    const fontNames = descriptors.map((o) => /\/FontName \/([A-Z]{6}\+[\w-]+)/.exec(o.dict)?.[1]?.split('+')[1]);
    expect(fontNames).toEqual(expect.arrayContaining(['Roboto-Regular', 'Roboto-Medium', 'RobotoMono-Regular']));
    for (const d of descriptors) expect(d.dict).toMatch(/\/FontFile2 \d+ 0 R/);
    // Every font is a CID font over an embedded TrueType program: no standard font that a reader must supply.
    const fonts = objects.filter((o) => /\/Type \/Font\b/.test(o.dict));
    expect(fonts.filter((o) => o.dict.includes('/Subtype /Type0'))).toHaveLength(descriptors.length);
    expect(fonts.every((o) => /\/Subtype \/(Type0|CIDFontType2)/.test(o.dict))).toBe(true);
    expect(pdf.toString('latin1')).not.toMatch(/\/BaseFont \/(Courier|Helvetica|Times)/);
    // Glyph 0 (.notdef) is what a font draws for a character it lacks: PDF/A forbids showing it.
    const shown = objects.flatMap((o) => (o.stream ? [...o.stream.toString('latin1').matchAll(/\[([^\]]*)\] TJ/g)].flatMap((m) => [...m[1]!.matchAll(/<([0-9a-f]+)>/gi)].map((h) => h[1]!)) : []));
    expect(shown.length).toBeGreaterThan(1000);
    expect(shown.filter((hex) => hex.match(/.{4}/g)?.includes('0000'))).toEqual([]);
  });

  it('declares PDF/A-2b in its XMP metadata, which agrees with the information dictionary, with an sRGB output intent', async () => {
    const text = pdf.toString('latin1');
    expect(text.startsWith('%PDF-1.7')).toBe(true);
    const xmp = Buffer.from(/<\?xpacket begin[\s\S]*?<\?xpacket end="w"\?>/.exec(text)?.[0] ?? '', 'latin1').toString('utf8');
    expect(xmp).toMatch(/<pdfaid:part>2<\/pdfaid:part>\s*<pdfaid:conformance>B<\/pdfaid:conformance>/);
    expect(xmp).toContain(`<rdf:li xml:lang="x-default">${doc.title}</rdf:li>`);
    expect(xmp).toContain('<xmp:CreateDate>2026-11-21T09:42:00Z</xmp:CreateDate>');
    expect(xmp).toContain('<xmp:ModifyDate>2026-11-21T09:42:00Z</xmp:ModifyDate>');
    expect(xmp).toContain('<pdf:Producer>Buurtjury (pdfmake)</pdf:Producer>');
    expect(xmp).toContain('<dc:language><rdf:Bag><rdf:li>nl-NL</rdf:li></rdf:Bag></dc:language>');
    // The metadata stream is not compressed (PDF/A), and the output intent carries an ICC profile.
    const objects = [...pdfObjects(pdf).values()];
    expect(objects.find((o) => o.dict.includes('/Type /Metadata'))?.dict).not.toContain('/Filter');
    const intent = objects.find((o) => o.dict.includes('/Type /OutputIntent'));
    expect(intent?.dict).toContain('/S /GTS_PDFA1');
    expect(intent?.dict).toMatch(/\/DestOutputProfile \d+ 0 R/);
    expect(text).toMatch(/\/OutputIntents \[\d+ 0 R\]/);
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
    expect(pages[0].lines).toContain('Contents');
    expect(pages[1].text).toContain(`Page 2 of ${pages.length}`);
    expect(pages[0].text).toContain('DRAFT');
    const row = landmarks(doc).rankingRow.join(' ');
    expect(row).toMatch(/\d\.\d\d/);
    expect(squash(pages.map((p) => p.stream).join(''))).toContain(squash(landmarks(doc).rankingRow.join('')));
  });

  it('keeps a small evening compact: a full cover with the start of the contents, the rest of them on page 2', async () => {
    for (const lang of ['nl', 'en'] as const) {
      const doc = sampleAdviceDocument(lang, { bidders: 2, criteria: 3, voters: 5 });
      const { pages } = await extract(await renderAdvicePdf(doc, { issuedAt }));
      // The cover's text reaches into its lowest fifth.
      expect(pages[0].lowest).toBeLessThan(pages[0].height / 5);
      // The first section starts on page 3: the contents take two pages, not three.
      expect(pages[2].lines[0]).toBe(`1 ${doc.sections[0]!.title}`);
      const entries = contentsEntries(pages.slice(0, 2).flatMap((p) => p.lines));
      expect(entries.filter((e) => !e.number.includes('.')).map((e) => e.title)).toEqual(doc.sections.map((s) => s.title));
    }
  });

  it('fits the contents of a full evening (six bidders, both editions) on the cover and one more page, leaving no page with a few stray entries', async () => {
    for (const lang of ['nl', 'en'] as const) {
      const doc = sampleAdviceDocument(lang);
      const { pages } = await extract(await renderAdvicePdf(doc, { issuedAt }));
      // The English cover's language note is longer; before the contents were set tighter, its
      // last entry spilled onto page 3 and the first section began on page 4.
      expect(pages[2].lines[0]).toBe(`1 ${doc.sections[0]!.title}`);
      const entries = contentsEntries(pages.slice(0, 2).flatMap((p) => p.lines));
      expect(entries.filter((e) => !e.number.includes('.')).map((e) => e.title)).toEqual(doc.sections.map((s) => s.title));
    }
  });

  it('keeps the English cover and contents on two pages with the longest language note: every organiser text in Dutch', async () => {
    // Every bidder's conclusion, every text field, a tender description, award criteria, declarations, incidents and a
    // reopening reason in Dutch: the note names them all (a real evening's note of eleven lines pushed three entries onto page 3).
    const { input } = sampleEvening({ bidders: 6, criteria: 5, voters: 120, seed: 'render' });
    const all = {
      ...input,
      advice: {
        ...input.advice,
        minorityViews: 'Een kleine groep wilde meer aandacht voor ouderen.',
        incidents: 'De beamer viel even uit.',
        limitations: 'De zaal was klein.',
        bidders: input.advice.bidders.map((b) => ({ ...b, strengths: 'Sterk.', concerns: 'Duur.', conditions: 'Budget.' })),
        english: undefined,
      },
    };
    const doc = buildAdviceDocument(all, 'en');
    const note = String(doc.titleFacts.find((f) => f.label === 'Language')!.value);
    expect(note).toContain('the conclusion on 6 of the 6 bidders');
    const { pages } = await extract(await renderAdvicePdf(doc, { issuedAt }));
    expect(pages[2].lines[0]).toBe(`1 ${doc.sections[0]!.title}`);
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

  it('writes a title with the characters XML escapes into well-formed metadata', async () => {
    const base = sampleAdviceDocument('en', { bidders: 2, criteria: 1, voters: 3 });
    const doc: AdviceDocument = { ...base, title: 'Wijk & Co <2027> "A"', subtitle: 'Advice <draft> & notes', sections: base.sections.slice(0, 1) };
    const pdf = await renderAdvicePdf(doc, { issuedAt });
    const task = pdfjs.getDocument({ data: new Uint8Array(pdf), isEvalSupported: false, disableFontFace: true, useSystemFonts: false, verbosity: 0 });
    const document = await task.promise;
    try {
      const { info, metadata } = await document.getMetadata();
      // pdf.js reads the XMP packet only when it parses as XML.
      expect(metadata?.get('dc:title')).toBe(doc.title);
      expect(metadata?.get('dc:description')).toBe(doc.subtitle);
      expect((info as Record<string, unknown>).Title).toBe(doc.title);
    } finally {
      await document.destroy();
    }
    expect(pdf.toString('latin1')).toContain('Wijk &amp; Co &lt;2027&gt; &quot;A&quot;');
  });

  it('puts a chart in words for its alternative text, in the document\'s number format', () => {
    const interval = { kind: 'interval-chart' as const, caption: 'Mean', min: 1, max: 5, ticks: [], rows: [{ label: 'A', value: 3.456, low: 3.1, high: 3.8, note: 'n = 12' }, { label: 'B', value: null, low: null, high: null }] };
    expect(intervalAlt(interval, 'nl')).toBe('Mean. A: 3,46 (3,10 – 3,80), n = 12. B: –');
    expect(intervalAlt(interval, 'en')).toBe('Mean. A: 3.46 (3.10 – 3.80), n = 12. B: –');
    const merit = { kind: 'merit-chart' as const, caption: 'Profile', levels: [{ value: 2, label: 'Good' }, { value: 1, label: 'Poor' }], rows: [{ label: 'A', counts: [3, 1], total: 4, note: 'median Good' }, { label: 'B', counts: [0, 0], total: 0 }] };
    expect(meritAlt(merit)).toBe('Profile. A: Good 75%, Poor 25% (median Good). B: –');
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
