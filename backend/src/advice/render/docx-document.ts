/**
 * The advisory document as a Word file (docx 9): A4, a title page without footer whose facts are
 * followed by the contents, headings in Word's Heading 1–3 styles with the numbering as text,
 * tables with a repeating header row, and the charts as tables (a merit chart: a bar per row whose
 * segments span as many of a hundred grid columns as their share in percent, in the grade's
 * colours; an interval chart: value and interval).
 *
 * The contents: an entry per numbered heading (levels 1 and 2), each a link to a bookmark on its
 * heading with the page number as a PAGEREF field. LibreOffice works PAGEREF fields out from its own
 * layout when it opens the file, and Word updates them on opening (`updateFields` in settings.xml).
 * (A TOC field would be Word's own form, but LibreOffice shows a TOC field's entries as written and
 * does not fill in their page numbers; writing them needs Word's layout, which docx's
 * `estimatePageNumbers` imitates at the cost of seconds to most of a minute per document.)
 *
 * Fonts: Arial and Courier New, which LibreOffice draws in their metric twins Liberation Sans and
 * Liberation Mono (installed with it), so that Word and LibreOffice break the same lines. Column
 * widths are measured with Helvetica's metrics (pdfkit's AFM), which Arial shares: no header word is
 * wider than its column, so headers wrap at spaces only.
 *
 * Same input, same bytes: docx stamps the zip entries with the clock and the core properties with
 * `new Date()`; the core properties are written here with the issue date instead (a docx
 * override), and the zip entries' timestamps are set to the issue date afterwards
 * (`fixZipTimestamps`).
 */

import { DOCUMENT_COLOURS, type AdviceDocument, type DocAlign, type DocBlock, type DocBox, type DocFacts, type DocIntervalChart, type DocList, type DocMeritChart, type DocQuote, type DocSection, type DocTable, type DocText } from '@buurtjury/shared';
import {
  AlignmentType,
  BorderStyle,
  BookmarkEnd,
  BookmarkStart,
  Document,
  Footer,
  InternalHyperlink,
  LeaderType,
  HeadingLevel,
  LevelFormat,
  LineRuleType,
  Packer,
  PageNumber,
  PageReference,
  Paragraph,
  ShadingType,
  Table,
  TableCell,
  TableLayoutType,
  TableRow,
  TabStopType,
  TextRun,
  VerticalAlignTable,
  WidthType,
  type ParagraphChild,
} from 'docx';
// pdfkit carries the metrics of PDF's standard fonts; Helvetica's are Arial's and Liberation Sans's.
// eslint-disable-next-line @typescript-eslint/no-require-imports
import PDFKit = require('pdfkit');
import { columnFractions, fitColumns, levelColours, longestWordWidth, numberFormat, percent, runsOf, textColourOn } from './common';

export interface AdviceDocxOptions {
  /** Date of issue (or of the draft): the document's created and modified date. */
  issuedAt: Date;
}

// A4 in twentieths of a point; margins of 2 cm, as in the PDF (56 pt).
const PAGE = { width: 11906, height: 16838 };
const MARGIN = 1134;
const CONTENT_WIDTH = PAGE.width - 2 * MARGIN;

const FONT = 'Arial';
const MONO_FONT = 'Courier New';
const hex = (colour: string): string => colour.replace('#', '').toUpperCase();
const INK = hex(DOCUMENT_COLOURS.ink);
const ACCENT = hex(DOCUMENT_COLOURS.accent);
const GREY = hex(DOCUMENT_COLOURS.grey);
const RULE = hex(DOCUMENT_COLOURS.rule);
const HEADER_FILL = 'E2EBEE';
const ZEBRA_FILL = 'F4F7F8';
/** Sizes in half-points. */
const BODY = 20;
const SMALL = 17;
const TABLE_SIZE = 18;
const WIDE_TABLE_SIZE = 16;
/** A table's header row is a half point smaller than its body, and smaller still where its words need it. */
const HEADER_SIZES = [17, 16, 15, 14, 13];
/** Twips a cell's text loses to its margins, and a little to spare (Word and LibreOffice round differently). */
const CELL_TEXT_LOSS = 160 + 40;

const ORDERED_LIST = 'advice-ordered';
const LANGUAGE_TAGS: Record<string, string> = { nl: 'nl-NL', en: 'en-GB' };
/** Column headings of the interval chart's table, by document language. */
const INTERVAL_HEADINGS: Record<string, { value: string; interval: string; note: string }> = {
  nl: { value: 'Waarde', interval: 'Interval', note: 'Toelichting' },
  en: { value: 'Value', interval: 'Interval', note: 'Note' },
};


/** Runs of a DocText at a size (half-points). */
function runs(text: DocText, size = BODY, extra: { bold?: boolean; italics?: boolean; color?: string; mono?: number } = {}): TextRun[] {
  return runsOf(text).map(
    (r) =>
      new TextRun({
        text: r.text,
        size: r.mono ? (extra.mono ?? size - 2) : size,
        ...(r.mono ? { font: MONO_FONT } : {}),
        bold: extra.bold || r.bold || undefined,
        italics: extra.italics || r.italic || undefined,
        ...(extra.color ? { color: extra.color } : {}),
      }),
  );
}

function alignment(a: DocAlign | undefined): (typeof AlignmentType)[keyof typeof AlignmentType] {
  switch (a) {
    case 'right':
      return AlignmentType.RIGHT;
    case 'center':
      return AlignmentType.CENTER;
    case 'left':
    case undefined:
      return AlignmentType.LEFT;
  }
}

const NO_BORDER = { style: BorderStyle.NONE, size: 0, color: 'FFFFFF' };
const NO_BORDERS = { top: NO_BORDER, bottom: NO_BORDER, left: NO_BORDER, right: NO_BORDER, insideHorizontal: NO_BORDER, insideVertical: NO_BORDER };
const RULED_BORDERS = {
  top: { style: BorderStyle.SINGLE, size: 8, color: '7F9299' },
  bottom: { style: BorderStyle.SINGLE, size: 8, color: '7F9299' },
  left: NO_BORDER,
  right: NO_BORDER,
  insideHorizontal: { style: BorderStyle.SINGLE, size: 2, color: RULE },
  insideVertical: NO_BORDER,
};
const CELL_MARGINS = { top: 40, bottom: 40, left: 80, right: 80 };

/** Text widths in Arial (Helvetica's metrics), in points. */
const metrics = new PDFKit({ autoFirstPage: false, compress: false });
function arialWidth(text: string, pt: number, bold: boolean): number {
  metrics.font(bold ? 'Helvetica-Bold' : 'Helvetica').fontSize(pt);
  return metrics.widthOfString(text);
}

function cell(children: Paragraph[], width: number, fill?: string): TableCell {
  return new TableCell({
    children,
    width: { size: width, type: WidthType.DXA },
    margins: CELL_MARGINS,
    verticalAlign: VerticalAlignTable.TOP,
    ...(fill ? { shading: { type: ShadingType.CLEAR, color: 'auto', fill } } : {}),
  });
}

function twips(fractions: number[]): number[] {
  const widths = fractions.map((f) => Math.floor(f * CONTENT_WIDTH));
  widths[widths.length - 1] += CONTENT_WIDTH - widths.reduce((a, b) => a + b, 0);
  return widths;
}

function table(header: Paragraph[][] | null, body: { cells: Paragraph[][]; fills?: (string | undefined)[] }[], widths: number[], ruled: boolean): Table {
  const rows: TableRow[] = [];
  if (header) {
    rows.push(new TableRow({ tableHeader: true, cantSplit: true, children: header.map((p, i) => cell(p, widths[i], HEADER_FILL)) }));
  }
  body.forEach((row, r) => {
    const zebra = ruled && r % 2 === 1 ? ZEBRA_FILL : undefined;
    rows.push(new TableRow({ cantSplit: true, children: row.cells.map((p, i) => cell(p, widths[i], row.fills?.[i] ?? zebra)) }));
  });
  return new Table({
    rows,
    width: { size: CONTENT_WIDTH, type: WidthType.DXA },
    columnWidths: widths,
    layout: TableLayoutType.FIXED,
    borders: ruled ? RULED_BORDERS : NO_BORDERS,
  });
}

const para = (children: ParagraphChild[], options: { align?: DocAlign; after?: number; keepNext?: boolean } = {}): Paragraph =>
  new Paragraph({
    children,
    alignment: alignment(options.align),
    spacing: { before: 0, after: options.after ?? 0 },
    ...(options.keepNext ? { keepNext: true } : {}),
  });

/**
 * Tables of up to this many rows are kept on one page (every row's paragraphs kept with the next
 * row, as Word and LibreOffice read it); longer ones break between rows, their header repeated.
 */
const KEEP_TOGETHER_ROWS = 25;
/**
 * ... and of up to this many lines as set: a table of long rows (the glossary) that cannot fit on
 * the rest of a page would otherwise leave its heading alone on a nearly empty page.
 */
const KEEP_TOGETHER_LINES = 30;

/** Lines a table's rows take at `size` (half-points) in columns of `widths` twips, each cell's text wrapped at its width. */
export function tableLines(rows: readonly (readonly DocText[])[], widths: readonly number[], size: number): number {
  return rows.reduce((sum, row) => {
    const lines = row.map((cell, i) => {
      const width = arialWidth(runsOf(cell).map((x) => x.text).join(''), size / 2, false);
      const room = Math.max(1, ((widths[i] ?? CONTENT_WIDTH) - CELL_TEXT_LOSS) / 20);
      return Math.max(1, Math.ceil(width / room));
    });
    return sum + Math.max(1, ...lines);
  }, 0);
}

/** Whether row `r` keeps with the next: in a table short enough, in rows and in lines, to stay on one page. */
const keepRow = (rows: number, r: number, lines = 0): boolean => rows <= KEEP_TOGETHER_ROWS && lines <= KEEP_TOGETHER_LINES && r < rows - 1;

const note = (text: string, after = 160): Paragraph => para([new TextRun({ text, size: SMALL, color: GREY })], { after });

/** Caption above a chart, kept with the chart. */
const chartCaption = (text: string): Paragraph => para([new TextRun({ text, bold: true, size: 19 })], { after: 80, keepNext: true });

// ---------------------------------------------------------------------------------------------
// Blocks

type Child = Paragraph | Table;

/**
 * Column widths (twips) for a table at a body size: each column at least as wide as its longest word
 * in the body and in the header at the header size, which is the largest of `HEADER_SIZES` (not
 * above the body's) at which every column can be; the rest shared as the table's relative widths.
 */
export function tableColumns(t: Pick<DocTable, 'header' | 'rows' | 'widths'>, size: number): { widths: number[]; headerSize: number } {
  const columns = Math.max(t.header.length, ...t.rows.map((r) => r.length), 1);
  const pt = size / 2;
  const measure = (text: string, points: number, bold?: boolean): number => arialWidth(text, points, bold === true);
  const body = Array.from({ length: columns }, (_, i) => Math.max(0, ...t.rows.map((r) => longestWordWidth(r[i] ?? '', pt, pt - 1, false, measure))));
  const sizes = HEADER_SIZES.filter((h) => h < size);
  const fits = (headerSize: number): number[] | null => {
    const minimums = body.map((b, i) => Math.max(b, longestWordWidth(t.header[i] ?? '', headerSize / 2, headerSize / 2 - 1, true, measure)));
    const needed = minimums.reduce((a, w) => a + w * 20 + CELL_TEXT_LOSS, 0);
    return needed <= CONTENT_WIDTH ? minimums : null;
  };
  const headerSize = sizes.find((h) => fits(h) !== null) ?? sizes[sizes.length - 1] ?? size - 1;
  const minimums = fits(headerSize) ?? body;
  return { widths: twips(fitColumns(columnFractions(columns, t.widths), minimums, CONTENT_WIDTH / 20, CELL_TEXT_LOSS / 20)), headerSize };
}

function renderTable(t: DocTable): Child[] {
  const columns = Math.max(t.header.length, ...t.rows.map((r) => r.length), 1);
  const size = columns >= 8 ? WIDE_TABLE_SIZE : TABLE_SIZE;
  const { widths, headerSize } = tableColumns(t, size);
  // Header text wraps at spaces only (no word is wider than its column).
  const header = Array.from({ length: columns }, (_, i) => [para(runs(t.header[i] ?? '', headerSize, { bold: true }), { align: t.align?.[i], keepNext: true })]);
  const lines = tableLines(t.rows, widths, size);
  const body = t.rows.map((row, r) => ({
    cells: Array.from({ length: columns }, (_, i) => [para(runs(row[i] ?? '', size), { align: t.align?.[i], keepNext: keepRow(t.rows.length, r, lines) })]),
  }));
  const out: Child[] = [table(header, body, widths, true)];
  out.push(t.caption ? note(t.caption, 200) : para([], { after: 120 }));
  return out;
}

/**
 * Label and value: the label column as wide as the longest label (between a sixth and 40 % of the
 * width), and a fingerprint's monospaced run small enough to stay on one line (Courier New: 0.6 em
 * a character).
 */
function renderFacts(f: DocFacts, size = BODY): Child[] {
  const longest = Math.max(0, ...f.rows.map((r) => arialWidth(r.label, size / 2, true))) * 20 + CELL_TEXT_LOSS;
  const label = Math.round(Math.min(CONTENT_WIDTH * 0.4, Math.max(CONTENT_WIDTH / 6, longest)));
  const widths = [label, CONTENT_WIDTH - label];
  const valuePoints = (widths[1]! - CELL_TEXT_LOSS) / 20;
  const lines = tableLines(
    f.rows.map((r) => [r.label, r.value]),
    widths,
    size,
  );
  const body = f.rows.map((r, index) => {
    const keepNext = keepRow(f.rows.length, index, lines);
    const chars = Math.max(0, ...runsOf(r.value).flatMap((x) => (x.mono ? x.text.split(/\s+/).map((w) => w.length) : [])));
    const mono = chars > 0 ? Math.max(12, Math.min(size - 2, Math.floor((valuePoints / (chars * 0.6)) * 2))) : size - 2;
    return { cells: [[para(runs(r.label, size, { bold: true }), { keepNext })], [para(runs(r.value, size, { mono }), { keepNext })]] };
  });
  return [table(null, body, widths, false), para([], { after: 120 })];
}

/**
 * A framed box: consecutive paragraphs with the same border and shading, which Word and
 * LibreOffice draw as one box; kept on one page.
 */
function renderBox(b: DocBox): Child[] {
  const line = { style: BorderStyle.SINGLE, size: 8, color: ACCENT, space: 6 };
  const border = { top: line, bottom: line, left: line, right: line };
  const shading = { type: ShadingType.CLEAR, color: 'auto', fill: 'F2F7F6' };
  const indent = { left: 170, right: 170 };
  const last = b.lines.length - 1;
  return [
    new Paragraph({ children: [new TextRun({ text: b.title, bold: true, size: BODY + 1 })], border, shading, indent, keepNext: true, keepLines: true, spacing: { before: 160, after: 80 } }),
    ...b.lines.map(
      (text, i) => new Paragraph({ children: runs(text), border, shading, indent, keepNext: i < last, keepLines: true, spacing: { before: 0, after: i < last ? 60 : 240 } }),
    ),
  ];
}

function renderQuote(q: DocQuote): Child[] {
  const bar = { style: BorderStyle.SINGLE, size: 18, color: '7FB0AA', space: 8 };
  const shading = { type: ShadingType.CLEAR, color: 'auto', fill: 'F5F8F8' };
  const out: Child[] = [
    new Paragraph({
      children: [new TextRun({ text: q.text, italics: true, size: BODY, color: '26343A' })],
      indent: { left: 567, right: 567 },
      border: { left: bar },
      shading,
      spacing: { before: 40, after: q.source ? 0 : 200 },
      keepNext: q.source !== undefined,
      keepLines: true,
    }),
  ];
  if (q.source) {
    out.push(
      new Paragraph({
        children: [new TextRun({ text: `— ${q.source}`, size: SMALL, color: GREY })],
        alignment: AlignmentType.RIGHT,
        indent: { left: 567, right: 567 },
        border: { left: bar },
        shading,
        spacing: { before: 40, after: 200 },
      }),
    );
  }
  return out;
}

function renderList(l: DocList, instance: number): Child[] {
  return l.items.map(
    (item, i) =>
      new Paragraph({
        children: runs(item),
        ...(l.ordered ? { numbering: { reference: ORDERED_LIST, level: 0, instance } } : { bullet: { level: 0 } }),
        spacing: { before: 0, after: i === l.items.length - 1 ? 160 : 40 },
      }),
  );
}

/** Grid columns of a merit chart's bar: a grade's segment spans its share of the row in whole percent. */
export const BAR_GRID = 100;
const BAR_LABEL_WIDTH = 2700;
const BAR_NOTE_WIDTH = 1900;
/** Twips per grid column of a bar. */
const BAR_UNIT = Math.floor((CONTENT_WIDTH - BAR_LABEL_WIDTH - BAR_NOTE_WIDTH) / BAR_GRID);
const BAR_TEXT = 14;

/**
 * The grid columns each grade's segment of a bar spans, out of `BAR_GRID`: its share of the row's
 * total in whole percent, rounded by largest remainder so that the segments add up to the counts'
 * share of the total (all of it when they add up to the total), and at least one column for every
 * grade with a count, so that no grade given disappears.
 */
export function barSpans(counts: readonly number[], total: number): number[] {
  const positive = counts.map((c) => Math.max(0, c));
  const sum = positive.reduce((a, b) => a + b, 0);
  const whole = Math.max(total, sum);
  if (whole <= 0) return positive.map(() => 0);
  const exact = positive.map((c) => (c / whole) * BAR_GRID);
  const spans = exact.map(Math.floor);
  const target = Math.round((sum / whole) * BAR_GRID);
  const order = exact.map((e, i) => ({ i, rest: e - Math.floor(e) })).sort((a, b) => b.rest - a.rest || a.i - b.i);
  for (let k = 0, left = target - spans.reduce((a, b) => a + b, 0); left > 0; k++, left--) spans[order[k % order.length]!.i]! += 1;
  // A grade with a count keeps a column, taken from the widest segment.
  for (let i = 0; i < spans.length; i++) {
    if (positive[i]! > 0 && spans[i] === 0) {
      const widest = spans.indexOf(Math.max(...spans));
      spans[widest]! -= 1;
      spans[i] = 1;
    }
  }
  return spans;
}

function renderMeritChart(c: DocMeritChart): Child[] {
  const colours = levelColours(c.levels.length);
  const widths = [BAR_LABEL_WIDTH, ...Array.from({ length: BAR_GRID }, () => BAR_UNIT), CONTENT_WIDTH - BAR_LABEL_WIDTH - BAR_GRID * BAR_UNIT];
  // The legend: a swatch in each grade's colour and its label.
  const legend = para(
    c.levels.flatMap((level, i) => [
      new TextRun({ text: '\u00a0\u00a0\u00a0\u00a0', size: SMALL, shading: { type: ShadingType.CLEAR, color: 'auto', fill: hex(colours[i]) } }),
      new TextRun({ text: `\u00a0${level.label}${i < c.levels.length - 1 ? '\u2003' : ''}`, size: SMALL }),
    ]),
    { after: 60, keepNext: true },
  );
  const plain = (children: Paragraph[], width: number, span = 1): TableCell =>
    new TableCell({ children, width: { size: width, type: WidthType.DXA }, ...(span > 1 ? { columnSpan: span } : {}), margins: { top: 30, bottom: 30, left: 60, right: 60 }, verticalAlign: VerticalAlignTable.CENTER });
  const rows = c.rows.map((row, r) => {
    const keepNext = r < c.rows.length - 1;
    const spans = barSpans(row.counts, row.total);
    const whole = Math.max(row.total, row.counts.reduce((a, x) => a + Math.max(0, x), 0));
    const bar: TableCell[] = [];
    c.levels.forEach((_level, i) => {
      const span = spans[i] ?? 0;
      if (span === 0) return;
      const count = Math.max(0, row.counts[i] ?? 0);
      // The share printed in the segment when it fits, as in the PDF.
      const share = percent(count, whole);
      const fits = arialWidth(share, BAR_TEXT / 2, false) + 2 <= (span * BAR_UNIT) / 20;
      bar.push(
        new TableCell({
          children: [para(fits ? [new TextRun({ text: share, size: BAR_TEXT, color: hex(textColourOn(colours[i])) })] : [], { align: 'center', keepNext })],
          width: { size: span * BAR_UNIT, type: WidthType.DXA },
          ...(span > 1 ? { columnSpan: span } : {}),
          margins: { top: 20, bottom: 20, left: 0, right: 0 },
          verticalAlign: VerticalAlignTable.CENTER,
          shading: { type: ShadingType.CLEAR, color: 'auto', fill: hex(colours[i]) },
        }),
      );
    });
    const rest = BAR_GRID - spans.reduce((a, b) => a + b, 0);
    if (rest > 0) bar.push(plain([para(whole > 0 ? [] : [new TextRun({ text: '–', size: BAR_TEXT, color: GREY })], { align: 'center', keepNext })], rest * BAR_UNIT, rest));
    return new TableRow({
      cantSplit: true,
      children: [
        plain([para(runs(row.label, WIDE_TABLE_SIZE), { keepNext })], BAR_LABEL_WIDTH),
        ...bar,
        plain([para([new TextRun({ text: row.note ?? '', size: WIDE_TABLE_SIZE - 1, color: GREY })], { keepNext })], widths[widths.length - 1]!),
      ],
    });
  });
  const separator = { style: BorderStyle.SINGLE, size: 12, color: 'FFFFFF' };
  const t = new Table({
    rows,
    width: { size: CONTENT_WIDTH, type: WidthType.DXA },
    columnWidths: widths,
    layout: TableLayoutType.FIXED,
    borders: { ...NO_BORDERS, insideHorizontal: separator, insideVertical: { style: BorderStyle.SINGLE, size: 4, color: 'FFFFFF' } },
  });
  return [chartCaption(c.caption), legend, t, para([], { after: 160 })];
}

function renderIntervalChart(c: DocIntervalChart, lang: string): Child[] {
  const format = numberFormat(lang);
  const n = (x: number | null): string => (x === null ? '–' : format(x));
  const headings = INTERVAL_HEADINGS[lang] ?? INTERVAL_HEADINGS.en;
  const widths = twips(columnFractions(4, [3.2, 1.1, 1.8, 3]));
  const header = [
    [para([], { keepNext: true })],
    [para(runs(headings.value, TABLE_SIZE, { bold: true }), { align: 'right', keepNext: true })],
    [para(runs(headings.interval, TABLE_SIZE, { bold: true }), { align: 'center', keepNext: true })],
    [para(runs(headings.note, TABLE_SIZE, { bold: true }), { keepNext: true })],
  ];
  const body = c.rows.map((r, i) => {
    const keepNext = i < c.rows.length - 1;
    return {
      cells: [
        [para(runs(r.label, TABLE_SIZE), { keepNext })],
        [para(runs(n(r.value), TABLE_SIZE, { bold: true }), { align: 'right', keepNext })],
        [para(runs(r.low === null && r.high === null ? '–' : `${n(r.low)} – ${n(r.high)}`, TABLE_SIZE), { align: 'center', keepNext })],
        [para([new TextRun({ text: r.note ?? '', size: TABLE_SIZE, color: GREY })], { keepNext })],
      ],
    };
  });
  return [chartCaption(c.caption), table(header, body, widths, true), para([], { after: 160 })];
}

// ---------------------------------------------------------------------------------------------
// Document

interface Counters {
  section: number;
  sub: number;
  /** Ordered lists so far, so that each starts at 1. */
  lists: number;
  bookmarks: Bookmarks;
}

function renderBlock(b: DocBlock, counters: Counters, lang: string, keepWithNext = false): Child[] {
  switch (b.kind) {
    case 'heading':
      if (b.level === 2) {
        counters.sub += 1;
        const text = `${counters.section}.${counters.sub}  ${b.text}`;
        return [new Paragraph({ heading: HeadingLevel.HEADING_2, children: counters.bookmarks.around(headingBookmark(counters.section, counters.sub), text) })];
      }
      return [new Paragraph({ heading: HeadingLevel.HEADING_3, children: [new TextRun(b.text)] })];
    case 'paragraph':
      return b.style === 'note'
        ? [para(runs(b.text, SMALL, { color: GREY }), { after: 160, keepNext: keepWithNext })]
        : [para(runs(b.text), { after: 120, keepNext: keepWithNext })];
    case 'list':
      counters.lists += b.ordered ? 1 : 0;
      return renderList(b, counters.lists);
    case 'facts':
      return renderFacts(b);
    case 'table':
      return renderTable(b);
    case 'quote':
      return renderQuote(b);
    case 'box':
      return renderBox(b);
    case 'merit-chart':
      return renderMeritChart(b);
    case 'interval-chart':
      return renderIntervalChart(b, lang);
    case 'page-break':
      return [new Paragraph({ pageBreakBefore: true, spacing: { before: 0, after: 0 }, children: [] })];
  }
}

function renderSection(s: DocSection, first: boolean, counters: Counters, lang: string): Child[] {
  counters.section = s.number;
  counters.sub = 0;
  const out: Child[] = [
    new Paragraph({
      heading: HeadingLevel.HEADING_1,
      children: counters.bookmarks.around(headingBookmark(s.number), `${s.number}  ${s.title}`),
      ...(first || s.newPage ? { pageBreakBefore: true } : {}),
    }),
  ];
  s.blocks.forEach((b, i) => {
    // A page break at the very end of a section is left to the next section (no empty page).
    if (b.kind === 'page-break' && s.blocks.slice(i + 1).every((x) => x.kind === 'page-break')) return;
    // A paragraph that introduces a table or chart stays on its page.
    const next = s.blocks[i + 1]?.kind;
    out.push(...renderBlock(b, counters, lang, next === 'table' || next === 'facts' || next === 'merit-chart' || next === 'interval-chart'));
  });
  return out;
}

function titlePage(doc: AdviceDocument): Child[] {
  const out: Child[] = [
    new Paragraph({ spacing: { before: 720, after: 240 }, children: [new TextRun({ text: doc.title, bold: true, size: 48, color: ACCENT })] }),
    new Paragraph({ spacing: { after: 480 }, children: [new TextRun({ text: doc.subtitle, size: 26, color: '3D4B51' })] }),
  ];
  if (doc.draftMark) {
    const line = { style: BorderStyle.SINGLE, size: 18, color: 'B3261E', space: 6 };
    out.push(
      new Paragraph({
        alignment: AlignmentType.CENTER,
        border: { top: line, bottom: line },
        shading: { type: ShadingType.CLEAR, color: 'auto', fill: 'FBECEB' },
        spacing: { before: 120, after: 600 },
        children: [new TextRun({ text: doc.draftMark, bold: true, size: 60, color: 'B3261E', characterSpacing: 160 })],
      }),
    );
  }
  if (doc.titleFacts.length > 0) out.push(...renderFacts({ kind: 'facts', rows: doc.titleFacts }, 21));
  // To whom and from whom (the addressee and the sender).
  for (const b of doc.titleBlocks ?? []) {
    out.push(new Paragraph({ spacing: { before: 160, after: 60 }, keepNext: true, children: [new TextRun({ text: b.heading, bold: true, size: 22, color: ACCENT })] }), ...renderFacts({ kind: 'facts', rows: b.rows }, 20));
  }
  return out;
}

/** The bookmark on a numbered heading ("_Toc_7" for section 7, "_Toc_7_2" for 7.2), which its contents entry links to. */
const headingBookmark = (section: number, sub?: number): string => (sub === undefined ? `_Toc_${section}` : `_Toc_${section}_${sub}`);

/**
 * Bookmarks with their w:id counted per document (docx's own Bookmark takes ids from a counter of the
 * process, which would make the same document give other bytes the next time).
 */
class Bookmarks {
  private next = 1;
  /** The heading's text between the start and end of its bookmark. */
  around(name: string, text: string): ParagraphChild[] {
    const id = this.next++;
    return [new BookmarkStart(name, id) as unknown as ParagraphChild, new TextRun(text), new BookmarkEnd(id) as unknown as ParagraphChild];
  }
}

/**
 * The contents after the title page's facts: an entry per numbered heading of levels 1 and 2, a
 * link to it with its page number (see the file's comment).
 */
function contents(doc: AdviceDocument): Child[] {
  const out: Child[] = [new Paragraph({ spacing: { before: 360, after: 120 }, keepNext: true, children: [new TextRun({ text: doc.contentsTitle, bold: true, size: 32, color: ACCENT })] })];
  const entry = (style: 'TOC1' | 'TOC2', text: string, bookmark: string): Paragraph =>
    new Paragraph({
      style,
      tabStops: [{ type: TabStopType.RIGHT, position: CONTENT_WIDTH, leader: LeaderType.DOT }],
      children: [new InternalHyperlink({ anchor: bookmark, children: [new TextRun(text), new TextRun({ children: ['\t'] }), new PageReference(bookmark, { hyperlink: true })] })],
    });
  for (const s of doc.sections) {
    out.push(entry('TOC1', `${s.number}  ${s.title}`, headingBookmark(s.number)));
    let sub = 0;
    for (const b of s.blocks) {
      if (b.kind !== 'heading' || b.level !== 2) continue;
      sub += 1;
      out.push(entry('TOC2', `${s.number}.${sub}  ${b.text}`, headingBookmark(s.number, sub)));
    }
  }
  return out;
}

/** The page label's text with Word's page fields where {page} and {pages} stand. */
function pageLabelChildren(template: string): (string | (typeof PageNumber)[keyof typeof PageNumber])[] {
  return template
    .split(/(\{page\}|\{pages\})/)
    .filter((part) => part !== '')
    .map((part) => (part === '{page}' ? PageNumber.CURRENT : part === '{pages}' ? PageNumber.TOTAL_PAGES : part));
}

const xmlEscape = (s: string): string => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/** docProps/core.xml with the issue date as created and modified date (docx writes the clock's). */
function coreProperties(doc: AdviceDocument, issuedAt: Date): string {
  const when = issuedAt.toISOString().replace(/\.\d{3}Z$/, 'Z');
  return (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n' +
    '<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" xmlns:dcmitype="http://purl.org/dc/dcmitype/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">' +
    `<dc:title>${xmlEscape(doc.title)}</dc:title>` +
    `<dc:subject>${xmlEscape(doc.subtitle)}</dc:subject>` +
    '<dc:creator>Buurtjury</dc:creator>' +
    '<cp:lastModifiedBy>Buurtjury</cp:lastModifiedBy>' +
    `<dc:language>${xmlEscape(LANGUAGE_TAGS[doc.lang] ?? doc.lang)}</dc:language>` +
    `<dcterms:created xsi:type="dcterms:W3CDTF">${when}</dcterms:created>` +
    `<dcterms:modified xsi:type="dcterms:W3CDTF">${when}</dcterms:modified>` +
    '</cp:coreProperties>'
  );
}

/**
 * Sets the DOS date and time of every entry of a zip file (local headers and central directory)
 * to `date` (UTC), so that the file does not depend on when it was written. Walks the central
 * directory from its end record; leaves the data untouched otherwise.
 */
export function fixZipTimestamps(zip: Buffer, date: Date): Buffer {
  const out = Buffer.from(zip);
  const year = Math.min(2107, Math.max(1980, date.getUTCFullYear()));
  const dosTime = (date.getUTCHours() << 11) | (date.getUTCMinutes() << 5) | (date.getUTCSeconds() >> 1);
  const dosDate = ((year - 1980) << 9) | ((date.getUTCMonth() + 1) << 5) | date.getUTCDate();
  let eocd = -1;
  for (let i = out.length - 22; i >= Math.max(0, out.length - 22 - 0xffff); i--) {
    if (out.readUInt32LE(i) === 0x06054b50) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) throw new Error('Not a zip file: no end of central directory');
  const entries = out.readUInt16LE(eocd + 10);
  let p = out.readUInt32LE(eocd + 16);
  for (let n = 0; n < entries; n++) {
    if (out.readUInt32LE(p) !== 0x02014b50) throw new Error('Corrupt zip central directory');
    out.writeUInt16LE(dosTime, p + 12);
    out.writeUInt16LE(dosDate, p + 14);
    const local = out.readUInt32LE(p + 42);
    if (out.readUInt32LE(local) !== 0x04034b50) throw new Error('Corrupt zip local header');
    out.writeUInt16LE(dosTime, local + 10);
    out.writeUInt16LE(dosDate, local + 12);
    p += 46 + out.readUInt16LE(p + 28) + out.readUInt16LE(p + 30) + out.readUInt16LE(p + 32);
  }
  return out;
}

/** The advisory document as a .docx file. */
export async function renderAdviceDocx(doc: AdviceDocument, options: AdviceDocxOptions): Promise<Buffer> {
  const counters: Counters = { section: 0, sub: 0, lists: 0, bookmarks: new Bookmarks() };
  const language = { value: LANGUAGE_TAGS[doc.lang] ?? doc.lang };
  const footerParagraph = new Paragraph({
    tabStops: [{ type: TabStopType.RIGHT, position: CONTENT_WIDTH }],
    border: { top: { style: BorderStyle.SINGLE, size: 4, color: RULE, space: 4 } },
    children: [new TextRun({ text: doc.footer, size: 16, color: GREY }), new TextRun({ children: ['\t', ...pageLabelChildren(doc.pageLabel)], size: 16, color: GREY })],
  });
  const document = new Document({
    title: doc.title,
    subject: doc.subtitle,
    creator: 'Buurtjury',
    lastModifiedBy: 'Buurtjury',
    // Word updates the contents' page numbers (PAGEREF fields) when it opens the file.
    features: { updateFields: true },
    styles: {
      paragraphStyles: [
        { id: 'TOC1', name: 'toc 1', basedOn: 'Normal', next: 'Normal', run: { bold: true, size: 20 }, paragraph: { spacing: { before: 100, after: 0 } } },
        { id: 'TOC2', name: 'toc 2', basedOn: 'Normal', next: 'Normal', run: { size: 18, color: '38464C' }, paragraph: { spacing: { before: 0, after: 0 }, indent: { left: 440 } } },
      ],
      default: {
        document: { run: { font: FONT, size: BODY, color: INK, language }, paragraph: { spacing: { line: 264, lineRule: LineRuleType.AUTO } } },
        heading1: { run: { font: FONT, size: 30, bold: true, color: ACCENT }, paragraph: { spacing: { before: 360, after: 160 }, keepNext: true, keepLines: true } },
        heading2: { run: { font: FONT, size: 24, bold: true, color: INK }, paragraph: { spacing: { before: 240, after: 80 }, keepNext: true, keepLines: true } },
        heading3: { run: { font: FONT, size: 21, bold: true, italics: true, color: INK }, paragraph: { spacing: { before: 160, after: 60 }, keepNext: true, keepLines: true } },
      },
    },
    numbering: {
      config: [
        {
          reference: ORDERED_LIST,
          levels: [{ level: 0, format: LevelFormat.DECIMAL, text: '%1.', alignment: AlignmentType.START, style: { paragraph: { indent: { left: 500, hanging: 280 } } } }],
        },
      ],
    },
    sections: [
      {
        properties: {
          page: { size: PAGE, margin: { top: MARGIN, bottom: MARGIN + 160, left: MARGIN, right: MARGIN, header: 567, footer: 567 } },
          titlePage: true,
        },
        footers: {
          default: new Footer({ children: [footerParagraph] }),
          first: new Footer({ children: [new Paragraph({ children: [] })] }),
        },
        children: [...titlePage(doc), ...contents(doc), ...doc.sections.flatMap((s, i) => renderSection(s, i === 0, counters, doc.lang))],
      },
    ],
  });
  const zip = await Packer.toBuffer(document, false, [{ path: 'docProps/core.xml', data: coreProperties(doc, options.issuedAt) }]);
  return fixZipTimestamps(zip, options.issuedAt);
}
