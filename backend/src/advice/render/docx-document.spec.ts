import type { AdviceDocument } from '@buurtjury/shared';
import JSZip from 'jszip';
import { documentLandmarks, sampleAdviceDocument } from '@buurtjury/shared/testing';
import { fixZipTimestamps, renderAdviceDocx } from './docx-document';

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

async function open(docx: Buffer): Promise<{ zip: JSZip; document: string; paragraphs: string[]; footers: string[]; core: string }> {
  const zip = await JSZip.loadAsync(docx);
  const read = async (path: string): Promise<string> => {
    const file = zip.file(path);
    if (!file) throw new Error(`${path} missing`);
    return file.async('string');
  };
  const document = await read('word/document.xml');
  const footerPaths = Object.keys(zip.files).filter((p) => /^word\/footer\d*\.xml$/.test(p));
  const footers = await Promise.all(footerPaths.map(read));
  return { zip, document, paragraphs: paragraphs(document), footers, core: await read('docProps/core.xml') };
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

  it('opens with the title page, then the contents, then the numbered sections in order', () => {
    const p = parts.paragraphs;
    const at = (text: string): number => p.indexOf(text);
    expect(p[0]).toBe(doc.title);
    expect(p).toContain(doc.subtitle);
    expect(doc.draftMark).toBeTruthy();
    expect(p).toContain(doc.draftMark);
    expect(at('Inhoud')).toBeGreaterThan(at(doc.draftMark ?? ''));
    // Contents: every section and numbered subsection, before the sections themselves.
    const first = `1  ${doc.sections[0].title}`;
    const contentsEnd = p.indexOf(first, at('Inhoud') + 1);
    const body = p.indexOf(first, contentsEnd + 1);
    expect(contentsEnd).toBeGreaterThan(at('Inhoud'));
    expect(body).toBeGreaterThan(contentsEnd);
    const contents = p.slice(at('Inhoud'), body);
    for (const s of doc.sections) expect(contents).toContain(`${s.number}  ${s.title}`);
    expect(contents).toContain(`${marks.firstSubsection.number}  ${marks.firstSubsection.title}`);
    expect(contents).toContain(`${marks.lastSubsection.number}  ${marks.lastSubsection.title}`);
    // The sections, in order, in Word's heading styles.
    const styled = styledParagraphs(parts.document);
    expect(styled.filter((x) => x.style === 'Heading1').map((x) => x.text)).toEqual(doc.sections.map((s) => `${s.number}  ${s.title}`));
    const level2 = styled.filter((x) => x.style === 'Heading2').map((x) => x.text);
    expect(level2).toHaveLength(doc.sections.reduce((a, s) => a + s.blocks.filter((b) => b.kind === 'heading' && b.level === 2).length, 0));
    expect(level2).toContain(`${marks.firstSubsection.number}  ${marks.firstSubsection.title}`);
    const level3 = doc.sections.flatMap((s) => s.blocks.flatMap((b) => (b.kind === 'heading' && b.level === 3 ? [b.text] : [])));
    expect(level3.length).toBeGreaterThan(0);
    expect(styled.filter((x) => x.style === 'Heading3').map((x) => x.text)).toEqual(level3);
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

  it('writes tables with a repeating header row, and charts as shaded tables', () => {
    expect(parts.document).toContain('<w:tblHeader/>');
    // Merit chart: a count with its share, in a cell shaded in the best grade's colour.
    expect(parts.document).toMatch(/<w:shd w:fill="01665E"[^>]*\/>/);
    // Every grade of every scored merit chart row is printed as "count (share%)".
    const shares = doc.sections.flatMap((s) => s.blocks).reduce((n, b) => n + (b.kind === 'merit-chart' ? b.rows.filter((r) => r.total > 0).length * b.levels.length : 0), 0);
    expect(shares).toBeGreaterThan(50);
    expect(parts.paragraphs.filter((t) => /^\d+ \(\d+%\)$/.test(t)).length).toBe(shares);
    // Interval chart: value and interval with decimal commas.
    const comma = (x: number): string => x.toFixed(2).replace('.', ',');
    const { value, low, high } = marks.intervalRow;
    expect(parts.paragraphs).toContain(comma(value));
    expect(parts.paragraphs).toContain(`${comma(low)} – ${comma(high)}`);
    expect(parts.paragraphs).toContain('Waarde');
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
    for (const t of ['Kort advies', '1  Enige sectie', 'Zeven niveaus', 'N7', 'Niemand', 'Geen waarde', 'extra', 'een']) expect(parts.paragraphs).toContain(t);
    expect(parts.paragraphs).not.toContain('CONCEPT');
    expect(parts.footers.map((f) => paragraphs(f).join('')).filter((t) => t !== '')).toEqual(['Voettekst\t/']);
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
