import type { AdviceDocument } from '@buurtjury/shared';
import JSZip from 'jszip';
import { documentLandmarks, sampleAdviceDocument } from '@buurtjury/shared/testing';
// eslint-disable-next-line @typescript-eslint/no-require-imports
import PDFKit = require('pdfkit');
import { BAR_GRID, barSpans, fixZipTimestamps, renderAdviceDocx, tableColumns, tableLines } from './docx-document';

const issuedAt = new Date('2026-11-21T09:42:00Z');

const decode = (s: string): string =>
  s
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&amp;/g, '&');

/** Each paragraph (w:p) in order: its style and its text, tabs as "\t". */
function styledParagraphs(xml: string): { style: string | undefined; text: string }[] {
  return [...xml.matchAll(/<w:p[ >][\s\S]*?<\/w:p>|<w:p\/>/g)].map((p) => ({
    style: /<w:pStyle w:val="([^"]+)"\/>/.exec(p[0])?.[1],
    text: [...p[0].matchAll(/<w:t(?: [^>]*)?>([^<]*)<\/w:t>|<w:tab\/>/g)].map((m) => (m[0] === '<w:tab/>' ? '\t' : decode(m[1]))).join(''),
  }));
}

const paragraphs = (xml: string): string[] => styledParagraphs(xml).map((p) => p.text);

async function open(docx: Buffer): Promise<{ zip: JSZip; document: string; paragraphs: string[]; footers: string[]; core: string; settings: string }> {
  const zip = await JSZip.loadAsync(docx);
  const read = async (path: string): Promise<string> => {
    const file = zip.file(path);
    if (!file) throw new Error(`${path} missing`);
    return file.async('string');
  };
  const document = await read('word/document.xml');
  const footerPaths = Object.keys(zip.files).filter((p) => /^word\/footer\d*\.xml$/.test(p));
  const footers = await Promise.all(footerPaths.map(read));
  return { zip, document, paragraphs: paragraphs(document), footers, core: await read('docProps/core.xml'), settings: await read('word/settings.xml') };
}

describe('advice DOCX (sample evening through the real builder, Dutch)', () => {
  const doc = sampleAdviceDocument('nl', { draft: true });
  const marks = documentLandmarks(doc);
  let docx: Buffer;
  let parts: Awaited<ReturnType<typeof open>>;

  beforeAll(async () => {
    docx = await renderAdviceDocx(doc, { issuedAt });
    parts = await open(docx);
  });

  it('is an A4 Word document', () => {
    expect(docx.subarray(0, 2).toString('latin1')).toBe('PK');
    expect(parts.document).toMatch(/<w:pgSz w:w="11906" w:h="16838"/);
    expect(parts.zip.file('[Content_Types].xml')).not.toBeNull();
  });

  it('opens with the title page, its facts followed by the contents, then the numbered sections in order', () => {
    const p = parts.paragraphs;
    const at = (text: string): number => p.indexOf(text);
    expect(p[0]).toBe(doc.title);
    expect(p).toContain(doc.subtitle);
    expect(doc.draftMark).toBeTruthy();
    expect(p).toContain(doc.draftMark);
    expect(at('Inhoud')).toBeGreaterThan(at(doc.draftMark ?? ''));
    // No page break between the title page's facts and the contents; the first section starts a page.
    const styled = styledParagraphs(parts.document);
    const contentsXml = parts.document.slice(0, parts.document.indexOf('>Inhoud<'));
    expect(contentsXml).not.toContain('<w:pageBreakBefore/>');
    // Contents: an entry per section and numbered subsection, in order, before the sections themselves.
    const entries = styled.filter((x) => x.style === 'TOC1' || x.style === 'TOC2').map((x) => x.text.split('\t')[0]);
    const headings = doc.sections.flatMap((s) => [
      `${s.number}  ${s.title}`,
      ...s.blocks.filter((b) => b.kind === 'heading' && b.level === 2).map((b, i) => `${s.number}.${i + 1}  ${(b as { text: string }).text}`),
    ]);
    expect(entries).toEqual(headings);
    expect(entries).toContain(`${marks.firstSubsection.number}  ${marks.firstSubsection.title}`);
    expect(entries).toContain(`${marks.lastSubsection.number}  ${marks.lastSubsection.title}`);
    // The sections, in order, in Word's heading styles.
    expect(styled.filter((x) => x.style === 'Heading1').map((x) => x.text)).toEqual(doc.sections.map((s) => `${s.number}  ${s.title}`));
    const level2 = styled.filter((x) => x.style === 'Heading2').map((x) => x.text);
    expect(level2).toHaveLength(doc.sections.reduce((a, s) => a + s.blocks.filter((b) => b.kind === 'heading' && b.level === 2).length, 0));
    expect(level2).toContain(`${marks.firstSubsection.number}  ${marks.firstSubsection.title}`);
    const level3 = doc.sections.flatMap((s) => s.blocks.flatMap((b) => (b.kind === 'heading' && b.level === 3 ? [b.text] : [])));
    expect(level3.length).toBeGreaterThan(0);
    expect(styled.filter((x) => x.style === 'Heading3').map((x) => x.text)).toEqual(level3);
  });

  it('gives every contents entry its page number as a PAGEREF field to a bookmark on its heading, and Word updates the fields on opening', () => {
    const entries = [...parts.document.matchAll(/<w:p>(?:(?!<\/w:p>)[\s\S])*?<w:pStyle w:val="TOC[12]"\/>[\s\S]*?<\/w:p>/g)].map((m) => m[0]);
    expect(entries.length).toBe(doc.sections.length + marks.subsections);
    const bookmarks = new Map<string, string>();
    for (const m of parts.document.matchAll(/<w:bookmarkStart w:name="([^"]+)" w:id="(\d+)"\/>([\s\S]*?)<w:bookmarkEnd w:id="\2"\/>/g)) {
      bookmarks.set(m[1]!, [...m[3]!.matchAll(/<w:t(?: [^>]*)?>([^<]*)<\/w:t>/g)].map((t) => decode(t[1]!)).join(''));
    }
    // Bookmark ids are unique and counted in the document (the same bytes each time).
    const ids = [...parts.document.matchAll(/<w:bookmarkStart w:name="[^"]+" w:id="(\d+)"/g)].map((m) => Number(m[1]));
    expect(ids).toEqual(ids.map((_, i) => i + 1));
    for (const entry of entries) {
      const anchor = /<w:hyperlink [^>]*w:anchor="([^"]+)"/.exec(entry)?.[1];
      expect(anchor).toBeDefined();
      expect(entry).toMatch(new RegExp(`<w:instrText[^>]*>PAGEREF ${anchor} \\\\h</w:instrText>`));
      const title = paragraphs(entry)[0]!.split('\t')[0];
      expect({ anchor, heading: bookmarks.get(anchor!) }).toEqual({ anchor, heading: title });
    }
    expect(parts.settings).toMatch(/<w:updateFields( w:val="(true|1)")?\/>/);
  });

  it('has the content: figures with decimal commas, the fingerprint in a monospaced run, bidders, quotes', () => {
    const all = parts.paragraphs.join('\n');
    // The ranking table's first row, cell by cell, with decimal commas.
    expect(marks.rankingRow.join(' ')).toMatch(/\d,\d\d/);
    for (const cell of marks.rankingRow) expect(parts.paragraphs).toContain(cell);
    expect(all).toContain(marks.fingerprint);
    expect(parts.document).toMatch(new RegExp(`<w:rFonts w:ascii="Courier New"[^>]*/>[\\s\\S]{0,200}<w:t[^>]*>${marks.fingerprint}</w:t>`));
    for (const name of marks.bidders) expect(all).toContain(name);
    expect(all).toContain(`— ${marks.quote.source}`);
    expect(all).toContain(marks.quote.text);
  });

  it('draws the box on how the committee may use the advice as one framed, shaded block of its title and lines', () => {
    const box = doc.sections.flatMap((s) => s.blocks).find((b) => b.kind === 'box');
    if (box?.kind !== 'box') throw new Error('the sample document has no box');
    const lines = box.lines.map((l) => (typeof l === 'string' ? l : l.map((r) => r.text).join('')));
    const at = parts.paragraphs.indexOf(box.title);
    expect(at).toBeGreaterThan(-1);
    expect(parts.paragraphs.slice(at + 1, at + 1 + lines.length)).toEqual(lines);
    const title = parts.document.indexOf(`>${box.title}</w:t>`);
    const paragraphStart = parts.document.lastIndexOf('<w:p>', title) >= 0 ? parts.document.lastIndexOf('<w:p', title) : -1;
    const paragraph = parts.document.slice(paragraphStart, title);
    expect(paragraph).toMatch(/<w:pBdr>[\s\S]*<w:top [^>]*w:val="single"/);
    expect(paragraph).toMatch(/<w:shd [^>]*w:fill="F2F7F6"/);
  });

  it('writes tables with a repeating header row, and interval charts as tables', () => {
    expect(parts.document).toContain('<w:tblHeader/>');
    // Interval chart: value and interval with decimal commas.
    const comma = (x: number): string => x.toFixed(2).replace('.', ',');
    const { value, low, high } = marks.intervalRow;
    expect(parts.paragraphs).toContain(comma(value));
    expect(parts.paragraphs).toContain(`${comma(low)} – ${comma(high)}`);
    expect(parts.paragraphs).toContain('Waarde');
  });

  it('draws each merit chart row as a bar whose segments are as long as the grades\' shares', () => {
    const charts = doc.sections.flatMap((s) => s.blocks).filter((b) => b.kind === 'merit-chart');
    expect(charts.length).toBeGreaterThan(3);
    // The chart tables: a grid of a label column, a hundred bar columns and a note column.
    const tables = [...parts.document.matchAll(/<w:tbl>[\s\S]*?<\/w:tbl>/g)].map((m) => m[0]).filter((t) => (t.match(/<w:gridCol /g)?.length ?? 0) === BAR_GRID + 2);
    expect(tables).toHaveLength(charts.length);
    tables.forEach((table, c) => {
      const chart = charts[c]!;
      const colours = new Set(chart.levels.map((_, i) => i));
      const rows = [...table.matchAll(/<w:tr>[\s\S]*?<\/w:tr>/g)].map((m) => m[0]);
      expect(rows).toHaveLength(chart.rows.length);
      rows.forEach((row, r) => {
        const data = chart.rows[r]!;
        const cells = [...row.matchAll(/<w:tc>[\s\S]*?<\/w:tc>/g)].map((m) => m[0]);
        expect(paragraphs(cells[0]!).join('')).toBe(data.label);
        const spanOf = (cell: string): number => Number(/<w:gridSpan w:val="(\d+)"\/>/.exec(cell)?.[1] ?? 1);
        const widthOf = (cell: string): number => Number(/<w:tcW w:type="dxa" w:w="(\d+)"\/>|<w:tcW w:w="(\d+)" w:type="dxa"\/>/.exec(cell)?.slice(1).find(Boolean));
        // Segments: the shaded cells between label and note, one per grade given, best first.
        const segments = cells.slice(1, -1).filter((cell) => /<w:shd [^>]*w:fill=/.test(cell));
        const total = Math.max(data.total, data.counts.reduce((a, x) => a + x, 0));
        const given = data.counts.map((count, i) => ({ count, i })).filter((g) => g.count > 0);
        expect(segments).toHaveLength(given.length);
        expect(colours.size).toBe(chart.levels.length);
        segments.forEach((cell, k) => {
          const share = (100 * given[k]!.count) / total;
          // Proportional to the share, to within a column of the hundred, and as wide as the columns it spans.
          expect(Math.abs(spanOf(cell) - share)).toBeLessThanOrEqual(1);
          expect(widthOf(cell) / spanOf(cell)).toBe(widthOf(segments[0]!) / spanOf(segments[0]!));
        });
        // The bar's cells between label and note span the hundred columns together.
        expect(cells.slice(1, -1).reduce((a, cell) => a + spanOf(cell), 0)).toBe(BAR_GRID);
      });
    });
    // The best grade's colour, and a legend with every grade's label.
    expect(parts.document).toMatch(/<w:shd [^>]*w:fill="01665E"[^>]*\/>/);
    for (const level of charts[0]!.levels) expect(parts.paragraphs.some((p) => p.includes(level.label))).toBe(true);
  });

  it('gives every table header word room in its column, at a size no larger than the table\'s', () => {
    const metrics = new PDFKit({ autoFirstPage: false });
    const tables = doc.sections.flatMap((s) => s.blocks).filter((b) => b.kind === 'table');
    expect(tables.length).toBeGreaterThan(8);
    for (const t of tables) {
      const columns = Math.max(t.header.length, ...t.rows.map((r) => r.length));
      const size = columns >= 8 ? 16 : 18;
      const { widths, headerSize } = tableColumns(t, size);
      expect(headerSize).toBeLessThan(size);
      expect(widths.reduce((a, b) => a + b, 0)).toBe(9638);
      t.header.forEach((heading, i) => {
        for (const word of heading.split(/\s+/)) {
          // Arial's widths (Helvetica's metrics), in twips, plus the cell's margins.
          const width = metrics.font('Helvetica-Bold').fontSize(headerSize / 2).widthOfString(word) * 20;
          expect({ heading, word, fits: width + 160 <= widths[i]! }).toEqual({ heading, word, fits: true });
        }
      });
    }
  });

  it('numbers the pages in the footer, not on the title page', () => {
    expect(parts.document).toContain('<w:titlePg/>');
    const numbered = parts.footers.find((f) => f.includes(doc.footer));
    expect(numbered).toBeDefined();
    expect(numbered).toMatch(/<w:instrText[^>]*>\s*PAGE\s*<\/w:instrText>/);
    expect(numbered).toMatch(/<w:instrText[^>]*>\s*NUMPAGES\s*<\/w:instrText>/);
    expect(paragraphs(numbered ?? '').join('')).toBe(`${doc.footer}\tPagina  van `);
    // The other footer (title page) is empty.
    expect(parts.footers.filter((f) => !f.includes(doc.footer)).every((f) => paragraphs(f).join('') === '')).toBe(true);
  });

  it('has the core properties, dated at the issue date', () => {
    expect(parts.core).toContain(`<dc:title>${doc.title}</dc:title>`);
    expect(parts.core).toContain(`<dc:subject>${doc.subtitle}</dc:subject>`);
    expect(parts.core).toContain('<dc:creator>Buurtjury</dc:creator>');
    expect(parts.core).toContain('<dcterms:created xsi:type="dcterms:W3CDTF">2026-11-21T09:42:00Z</dcterms:created>');
    expect(parts.core).toContain('<dcterms:modified xsi:type="dcterms:W3CDTF">2026-11-21T09:42:00Z</dcterms:modified>');
  });

  it('gives the same bytes for the same document and date', async () => {
    const again = await renderAdviceDocx(sampleAdviceDocument('nl', { draft: true }), { issuedAt });
    expect(again.equals(docx)).toBe(true);
  });
});

describe('advice DOCX with other documents', () => {
  it('renders the English document with its page label and number format', async () => {
    const doc = sampleAdviceDocument('en', { draft: true });
    const { low, high } = documentLandmarks(doc).intervalRow;
    const parts = await open(await renderAdviceDocx(doc, { issuedAt }));
    expect(parts.paragraphs).toContain('Contents');
    expect(parts.paragraphs).toContain(`${low.toFixed(2)} – ${high.toFixed(2)}`);
    expect(parts.footers.map((f) => paragraphs(f).join('')).filter((t) => t !== '')).toEqual([`${doc.footer}\tPage  of `]);
  });

  it('renders an issued, unusual document without a draft mark', async () => {
    const doc: AdviceDocument = {
      lang: 'nl',
      title: 'Kort advies',
      subtitle: 'Een test',
      titleFacts: [],
      draftMark: null,
      contentsTitle: 'Inhoud',
      footer: 'Voettekst',
      pageLabel: '{page}/{pages}',
      sections: [
        {
          id: 'a',
          number: 1,
          title: 'Enige sectie',
          blocks: [
            { kind: 'merit-chart', caption: 'Zeven niveaus', levels: Array.from({ length: 7 }, (_, i) => ({ value: 7 - i, label: `N${7 - i}` })), rows: [{ label: 'Niemand', counts: [0, 0, 0, 0, 0, 0, 0], total: 0 }] },
            { kind: 'interval-chart', caption: 'Leeg', min: 0, max: 1, ticks: [], rows: [{ label: 'Geen waarde', value: null, low: null, high: null }] },
            { kind: 'table', header: ['A'], rows: [['x', 'extra']] },
            { kind: 'list', ordered: true, items: ['een'] },
            { kind: 'page-break' },
          ],
        },
      ],
    };
    const parts = await open(await renderAdviceDocx(doc, { issuedAt }));
    for (const t of ['Kort advies', '1  Enige sectie', 'Zeven niveaus', 'Niemand', 'Geen waarde', 'extra', 'een']) expect(parts.paragraphs).toContain(t);
    // The chart's legend names every grade.
    for (const t of ['N7', 'N1']) expect(parts.paragraphs.some((p) => p.includes(t))).toBe(true);
    expect(parts.paragraphs).not.toContain('CONCEPT');
    expect(parts.footers.map((f) => paragraphs(f).join('')).filter((t) => t !== '')).toEqual(['Voettekst\t/']);
  });
});

describe('merit bar segments', () => {
  it('are the shares in whole percent, adding up to the hundred, with a column for every grade given', () => {
    expect(barSpans([3, 1], 4)).toEqual([75, 25]);
    expect(barSpans([1, 1, 1], 3)).toEqual([34, 33, 33]);
    expect(barSpans([0, 5, 0], 5)).toEqual([0, 100, 0]);
    // A grade given once in a thousand still shows; the widest segment gives up the column.
    expect(barSpans([999, 1], 1000)).toEqual([99, 1]);
    expect(barSpans([0, 0], 0)).toEqual([0, 0]);
    // Counts short of the total (grades not on the scale) leave the rest of the bar empty.
    expect(barSpans([2, 1], 6)).toEqual([33, 17]);
    for (const counts of [[7, 3, 5, 1, 9], [1, 1, 1, 1, 1, 1, 1], [120, 0, 0, 1, 0]]) {
      const spans = barSpans(counts, counts.reduce((a, b) => a + b, 0));
      expect(spans.reduce((a, b) => a + b, 0)).toBe(BAR_GRID);
      counts.forEach((c, i) => expect(c > 0 ? spans[i]! >= 1 : spans[i] === 0).toBe(true));
    }
  });
});

describe('fixZipTimestamps', () => {
  it('sets every entry to the given date and keeps the zip readable', async () => {
    const zip = new JSZip();
    zip.file('a.txt', 'alpha');
    zip.file('b/c.txt', 'gamma');
    const bytes = await zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE' });
    const fixed = fixZipTimestamps(bytes, new Date('2030-05-06T07:08:10Z'));
    const reopened = await JSZip.loadAsync(fixed);
    expect(await reopened.file('b/c.txt')?.async('string')).toBe('gamma');
    for (const entry of Object.values(reopened.files)) {
      // JSZip reads DOS times as UTC.
      const d = entry.date;
      expect([d.getUTCFullYear(), d.getUTCMonth() + 1, d.getUTCDate(), d.getUTCHours(), d.getUTCMinutes(), d.getUTCSeconds()]).toEqual([2030, 5, 6, 7, 8, 10]);
    }
  });
});

describe('keeping a table on one page', () => {
  it('counts a table’s lines as set, so the glossary (short in rows, long in lines) may break between rows', () => {
    const doc = sampleAdviceDocument('nl');
    const appendix = doc.sections.find((s) => s.id === 'appendices')!;
    const glossary = appendix.blocks.find((b) => b.kind === 'facts')!;
    if (glossary.kind !== 'facts') throw new Error('no glossary');
    expect(glossary.rows.length).toBeLessThanOrEqual(25);
    const half = 9026 / 2;
    expect(tableLines(glossary.rows.map((r) => [r.label, r.value]), [half, half], 20)).toBeGreaterThan(30);
    // One line per row when every cell fits its column.
    expect(tableLines([['a', 'b'], ['c', 'd']], [half, half], 20)).toBe(2);
    // A cell twice as long as its column takes two lines at least.
    expect(tableLines([['x '.repeat(200), 'b']], [half, half], 20)).toBeGreaterThanOrEqual(2);
  });

  it('lets the glossary break between rows in the document, and keeps a short table together', async () => {
    const { document } = await open(await renderAdviceDocx(sampleAdviceDocument('nl'), { issuedAt }));
    const tables = [...document.matchAll(/<w:tbl>[\s\S]*?<\/w:tbl>/g)].map((m) => m[0]);
    const glossary = tables.find((t) => t.includes('Meerderheidsoordeel') && t.includes('Vingerafdruk (SHA-256)'))!;
    expect(glossary).toBeDefined();
    expect(glossary).not.toContain('<w:keepNext/>');
    const short = tables.find((t) => t.includes('Plaats') && t.includes('Inschrijver'))!;
    expect(short).toContain('<w:keepNext/>');
  });
});
