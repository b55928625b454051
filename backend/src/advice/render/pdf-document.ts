/**
 * The advisory document as a PDF (pdfmake): A4, a title page with the contents (page numbers) after its facts,
 * numbered sections, tables whose header row repeats on every page, and vector charts (pdfmake
 * canvas, no images). Headings are kept on a page with what follows them, and charts with their
 * introduction, by unbreakable blocks sized from generous height estimates (see `renderSection`).
 *
 * The same document and issue date give the same bytes: pdfkit derives the file /ID from the info
 * dictionary, which holds the issue date as creation date, and names font subsets after their
 * order of use, so nothing random or clock-based is written.
 */

import {
  DOCUMENT_COLOURS,
  type AdviceDocument,
  type DocAlign,
  type DocBlock,
  type DocBox,
  type DocFacts,
  type DocIntervalChart,
  type DocList,
  type DocMeritChart,
  type DocQuote,
  type DocSection,
  type DocTable,
  type DocText,
} from '@buurtjury/shared';
import type { CanvasElement, Column, Content, ContentCanvas, ContentStack, ContentText, CustomTableLayout, TableCell, TDocumentDefinitions } from 'pdfmake/interfaces';
import { renderArchival } from '../../pdf/pdf-renderer';
import { rowTag, tag, type StructureTag } from '../../pdf/tagged-pdf';
import { columnFractions, estimateWidth, fitColumns, levelColours, longestWordWidth, numberFormat, pageLabel, percent, runsOf, textColourOn } from './common';

export interface AdviceRenderOptions {
  /** Date of issue (or of the draft): the PDF's creation and modification date. */
  issuedAt: Date;
}

const PAGE_WIDTH = 595.28; // A4 in points
const MARGIN_X = 56;
const MARGIN_TOP = 56;
const MARGIN_BOTTOM = 64;
const CONTENT_WIDTH = PAGE_WIDTH - 2 * MARGIN_X;

const { ink: INK, accent: ACCENT, grey: GREY, rule: RULE } = DOCUMENT_COLOURS;
const BODY_SIZE = 10;
const NOTE_SIZE = 9;

/** Chart geometry: label column, plot, note column. */
const CHART_LABEL_WIDTH = 132;
const CHART_GAP = 6;
const CHART_NOTE_WIDTH = 92;
const CHART_PLOT_WIDTH = CONTENT_WIDTH - CHART_LABEL_WIDTH - CHART_NOTE_WIDTH - 2 * CHART_GAP;
const BAR_HEIGHT = 11;
const SHARE_SIZE = 6.5;
/** A chart estimated taller than this may break across pages (kept whole, pdfmake would cut it). */
const UNBREAKABLE_MAX_HEIGHT = 600;

const LANGUAGE_TAGS: Record<string, string> = { nl: 'nl-NL', en: 'en-GB' };

// ---------------------------------------------------------------------------------------------
// Text

/** pdfmake inlines for a DocText at a font size (monospaced runs a little smaller: Roboto Mono runs wide). */
function inlines(text: DocText, size: number, mono = monoSize(size)): ContentText['text'] {
  if (typeof text === 'string') return text;
  return runsOf(text).map((r) => ({
    text: r.text,
    ...(r.bold ? { bold: true } : {}),
    ...(r.italic ? { italics: true } : {}),
    ...(r.mono ? { font: 'RobotoMono', fontSize: mono } : {}),
  }));
}

/** Monospaced runs are this much smaller than the text around them. */
function monoSize(size: number): number {
  return Math.round(size * 0.82 * 2) / 2;
}

/**
 * The size of a text's monospaced runs in a column `width` points wide: `monoSize`, or smaller (in
 * quarter points, not under 6) so that its longest monospaced word, a fingerprint, fits on one line.
 */
function fittedMonoSize(text: DocText, size: number, width: number): number {
  const longest = Math.max(0, ...runsOf(text).flatMap((r) => (r.mono ? r.text.split(/\s+/).map((w) => w.length) : [])));
  if (longest === 0) return monoSize(size);
  return Math.max(6, Math.min(monoSize(size), Math.floor(((width - 1) / (longest * 0.6)) * 4) / 4));
}

/** Top margin that puts a cell holding only monospaced text on the baseline of its neighbours. */
function monoOnlyMargin(text: DocText, size: number, mono = monoSize(size)): [number, number, number, number] | undefined {
  const runs = runsOf(text);
  // pdfmake puts a line's baseline at its tallest ascender: Roboto's is 0.928 em, Roboto Mono's 1.048 em.
  return runs.length > 0 && runs.every((r) => r.mono) ? [0, size * 0.928 - mono * 1.048, 0, 0] : undefined;
}

// ---------------------------------------------------------------------------------------------
// Blocks

const tableLayout: CustomTableLayout = {
  hLineWidth: (i, node) => (i === 0 || i === 1 || i === node.table.body.length ? 0.8 : 0.3),
  vLineWidth: () => 0,
  hLineColor: (i, node) => (i === 0 || i === 1 || i === node.table.body.length ? '#7f9299' : RULE),
  fillColor: (row) => (row === 0 ? '#e2ebee' : row % 2 === 0 ? '#f4f7f8' : null),
  paddingLeft: () => 4,
  paddingRight: () => 4,
  paddingTop: () => 2.5,
  paddingBottom: () => 2.5,
};

function renderTable(t: DocTable): Content[] {
  const columns = Math.max(t.header.length, ...t.rows.map((r) => r.length), 1);
  const size = columns >= 8 ? 8 : 9;
  const align = (i: number): DocAlign => t.align?.[i] ?? 'left';
  const minimums = Array.from({ length: columns }, (_, i) =>
    Math.max(longestWordWidth(t.header[i] ?? '', size, monoSize(size), true), ...t.rows.map((r) => longestWordWidth(r[i] ?? '', size, monoSize(size)))),
  );
  const widths = fitColumns(columnFractions(columns, t.widths), minimums, CONTENT_WIDTH, 9).map((f) => `${(f * 100).toFixed(3)}%`);
  const structure: StructureTag = { type: 'Table' };
  const headerRow = rowTag(structure);
  const header: TableCell[] = Array.from({ length: columns }, (_, i) => tag({ type: 'TH', scope: 'Column', parent: headerRow }, { text: t.header[i] ?? '', bold: true, alignment: align(i) }));
  const body: TableCell[][] = t.rows.map((row) => {
    const tr = rowTag(structure);
    return Array.from({ length: columns }, (_, i) => {
      const text = row[i] ?? '';
      const margin = monoOnlyMargin(text, size);
      return tag({ type: 'TD', parent: tr }, { text: inlines(text, size), alignment: align(i), ...(margin ? { margin } : {}) });
    });
  });
  const out: Content[] = [
    tag(structure, {
      // The header stays with the first row, and rows stay whole, unless that could not fit a
      // page: pdfmake drops what of a block it must keep together does not fit.
      table: {
        headerRows: 1,
        ...(headerAndFirstRowHeight(t) <= KEEP_TOGETHER_MAX ? { keepWithHeaderRows: 1 } : {}),
        dontBreakRows: largestRowHeight(t) <= KEEP_TOGETHER_MAX,
        widths,
        body: [header, ...body],
      },
      layout: tableLayout,
      fontSize: size,
      lineHeight: 1.15,
      margin: [0, 2, 0, t.caption ? 3 : 10],
    }),
  ];
  if (t.caption) out.push({ text: t.caption, fontSize: 8, color: GREY, margin: [0, 0, 0, 10] });
  return out;
}

function renderFacts(f: DocFacts, size = BODY_SIZE): Content {
  const longest = Math.max(0, ...f.rows.map((r) => estimateWidth(r.label, size, true)));
  const labelWidth = Math.min(170, Math.max(80, longest + 4));
  const valueWidth = CONTENT_WIDTH - labelWidth - 8;
  // A table of two columns: each row headed by its label.
  const structure: StructureTag = { type: 'Table' };
  return tag(structure, {
    table: {
      widths: [labelWidth, '*'],
      dontBreakRows: f.rows.every((r) => estimateHeight({ kind: 'facts', rows: [r] }) <= KEEP_TOGETHER_MAX),
      body: f.rows.map((r) => {
        // A fingerprint stays on one line, and within the page's margin.
        const mono = fittedMonoSize(r.value, size, valueWidth);
        const margin = monoOnlyMargin(r.value, size, mono);
        const tr = rowTag(structure);
        return [
          tag({ type: 'TH', scope: 'Row', parent: tr }, { text: r.label, bold: true }),
          tag({ type: 'TD', parent: tr }, { text: inlines(r.value, size, mono), ...(margin ? { margin } : {}) }),
        ];
      }),
    },
    layout: {
      hLineWidth: () => 0,
      vLineWidth: () => 0,
      paddingLeft: (i) => (i === 0 ? 0 : 8),
      paddingRight: () => 0,
      paddingTop: () => 1.5,
      paddingBottom: () => 1.5,
    },
    fontSize: size,
    margin: [0, 2, 0, 10],
  });
}

function renderQuote(q: DocQuote): Content {
  const stack: Content[] = [{ text: q.text, italics: true, color: '#26343a' }];
  if (q.source) stack.push({ text: `— ${q.source}`, alignment: 'right', fontSize: 8.5, color: GREY, margin: [0, 3, 0, 0] });
  return tag({ type: 'BlockQuote' }, {
    table: { widths: ['*'], dontBreakRows: estimateHeight(q) <= KEEP_TOGETHER_MAX, body: [[{ stack }]] },
    layout: {
      hLineWidth: () => 0,
      vLineWidth: (i) => (i === 0 ? 2.5 : 0),
      vLineColor: () => '#7fb0aa',
      fillColor: () => '#f5f8f8',
      paddingLeft: () => 10,
      paddingRight: () => 8,
      paddingTop: () => 5,
      paddingBottom: () => 5,
    },
    margin: [16, 2, 16, 10],
  });
}

/** A framed box (how the committee may use the advice): title and lines on a tinted background, kept together. */
function renderBox(b: DocBox): Content {
  const stack: Content[] = [
    { text: b.title, bold: true, fontSize: BODY_SIZE + 0.5, color: INK, margin: [0, 0, 0, 4] },
    ...b.lines.map((line): Content => ({ text: inlines(line, BODY_SIZE), margin: [0, 0, 0, 3] })),
  ];
  return tag({ type: 'Sect' }, {
    table: { widths: ['*'], dontBreakRows: estimateHeight(b) <= KEEP_TOGETHER_MAX, body: [[{ stack }]] },
    layout: {
      hLineWidth: () => 1,
      vLineWidth: () => 1,
      hLineColor: () => ACCENT,
      vLineColor: () => ACCENT,
      fillColor: () => '#f2f7f6',
      paddingLeft: () => 10,
      paddingRight: () => 10,
      paddingTop: () => 7,
      paddingBottom: () => 5,
    },
    margin: [0, 4, 0, 10],
  });
}

function renderList(l: DocList): Content {
  // Each item: a list item with its marker as label and its text as body.
  const items = l.items.map((item) => tag({ type: 'LBody', parent: { type: 'LI' } }, { text: inlines(item, BODY_SIZE), margin: [0, 0, 0, 2] as [number, number, number, number] }));
  return tag({ type: 'L' }, l.ordered ? { ol: items, margin: [8, 0, 0, 8] } : { ul: items, margin: [8, 0, 0, 8] });
}

/**
 * Caption above a chart, the chart rows, kept on one page when it fits one. The chart is one
 * figure, its text and drawing together, with `alt` saying in words what it shows.
 */
function chartFrame(caption: string, parts: Content[], estimatedHeight: number, alt: string): Content {
  return tag({ type: 'Figure', alt }, {
    stack: [{ text: caption, bold: true, fontSize: 9.5, color: INK, margin: [0, 0, 0, 4] }, ...parts],
    ...(estimatedHeight <= UNBREAKABLE_MAX_HEIGHT ? { unbreakable: true } : {}),
    margin: [0, 4, 0, 10],
  });
}

function chartRow(label: string, plot: ContentStack | ContentCanvas, note: string | undefined): Content {
  return {
    columns: [
      { width: CHART_LABEL_WIDTH, text: label, fontSize: 8.5, color: INK },
      { ...plot, width: CHART_PLOT_WIDTH },
      { width: '*', text: note ?? '', fontSize: 8, color: GREY },
    ],
    columnGap: CHART_GAP,
    margin: [0, 1.5, 0, 1.5],
  };
}

function renderMeritChart(c: DocMeritChart): Content {
  const colours = levelColours(c.levels.length);
  const legend: Content = {
    columns: [
      { width: CHART_LABEL_WIDTH + CHART_GAP, text: '' },
      ...c.levels.flatMap((level, i): Column[] => [
        { width: 9, canvas: [{ type: 'rect', x: 0, y: 1.5, w: 8, h: 8, color: colours[i] }] },
        { width: 'auto', text: level.label, fontSize: 8, color: INK, margin: [0, 0, 8, 0] },
      ]),
    ],
    columnGap: 3,
    margin: [0, 0, 0, 5],
  };
  const rows = c.rows.map((row) => {
    // Shares of the row's total; of the counts' sum should they add up to more.
    const total = Math.max(row.total, row.counts.reduce((a, x) => a + Math.max(0, x), 0), 0);
    const canvas: CanvasElement[] = [];
    const labels: Content[] = [];
    if (total === 0) {
      canvas.push({ type: 'rect', x: 0.3, y: 0.3, w: CHART_PLOT_WIDTH - 0.6, h: BAR_HEIGHT - 0.6, lineColor: '#9aa6ab', lineWidth: 0.6 });
    } else {
      let x = 0;
      c.levels.forEach((_level, i) => {
        const count = Math.max(0, row.counts[i] ?? 0);
        const w = (count / total) * CHART_PLOT_WIDTH;
        if (w <= 0) return;
        canvas.push({ type: 'rect', x, y: 0, w, h: BAR_HEIGHT, color: colours[i] });
        if (x > 0) canvas.push({ type: 'line', x1: x, y1: 0, x2: x, y2: BAR_HEIGHT, lineWidth: 0.6, lineColor: '#ffffff' });
        // The share printed in the segment when it fits (over the bar, taking no room).
        const share = percent(count, total);
        const shareWidth = estimateWidth(share, SHARE_SIZE);
        if (w >= shareWidth + 4) {
          // Relative to the foot of the bar, which is where the stack stands after drawing it.
          labels.push({ text: share, fontSize: SHARE_SIZE, lineHeight: 1, color: textColourOn(colours[i]), relativePosition: { x: x + (w - shareWidth) / 2, y: -BAR_HEIGHT + (BAR_HEIGHT - SHARE_SIZE * 1.17) / 2 } });
        }
        x += w;
      });
    }
    return chartRow(row.label, { stack: [{ canvas }, ...labels] }, row.note);
  });
  return chartFrame(c.caption, [legend, ...rows], estimateHeight(c), meritAlt(c));
}

/** A merit chart in words: per row, the share of every grade ("Goed 34%"), and the row's note. */
export function meritAlt(c: DocMeritChart): string {
  const rows = c.rows.map((row) => {
    const total = Math.max(row.total, row.counts.reduce((a, x) => a + Math.max(0, x), 0), 0);
    const shares = total === 0 ? '–' : c.levels.map((level, i) => `${level.label} ${percent(Math.max(0, row.counts[i] ?? 0), total)}`).join(', ');
    return `${row.label}: ${shares}${row.note ? ` (${row.note})` : ''}`;
  });
  return [c.caption, ...rows].join('. ');
}

/** An interval chart in words: per row, the value and its interval, and the row's note. */
export function intervalAlt(c: DocIntervalChart, lang: string): string {
  const n = numberFormat(lang);
  const rows = c.rows.map((row) => {
    const value = row.value === null ? '–' : n(row.value);
    const interval = row.low !== null && row.high !== null ? ` (${n(row.low)} – ${n(row.high)})` : '';
    return `${row.label}: ${value}${interval}${row.note ? `, ${row.note}` : ''}`;
  });
  return [c.caption, ...rows].join('. ');
}

function renderIntervalChart(c: DocIntervalChart, lang: string): Content {
  const span = c.max - c.min;
  const px = (v: number): number => {
    const f = span > 0 ? (Math.min(c.max, Math.max(c.min, v)) - c.min) / span : 0.5;
    return f * CHART_PLOT_WIDTH;
  };
  const rowHeight = 12;
  const rows = c.rows.map((row) => {
    // Fresh elements for every row: pdfmake moves canvas elements in place when it lays them out.
    const canvas: CanvasElement[] = c.ticks.map((t) => ({ type: 'line', x1: px(t.value), y1: -2, x2: px(t.value), y2: rowHeight + 2, lineWidth: 0.5, lineColor: '#c4ced2' }));
    const mid = rowHeight / 2;
    if (row.low !== null && row.high !== null) {
      canvas.push({ type: 'line', x1: px(row.low), y1: mid, x2: px(row.high), y2: mid, lineWidth: 1.6, lineColor: '#5ab4ac', lineCap: 'round' });
      for (const end of [row.low, row.high]) canvas.push({ type: 'line', x1: px(end), y1: mid - 3, x2: px(end), y2: mid + 3, lineWidth: 1, lineColor: '#5ab4ac' });
    }
    if (row.value !== null) canvas.push({ type: 'ellipse', x: px(row.value), y: mid, r1: 3.2, r2: 3.2, color: ACCENT });
    return chartRow(row.label, { canvas }, row.note);
  });
  // Axis: a line with ticks, and the tick labels centred under the ticks.
  const axis: CanvasElement[] = [{ type: 'line', x1: 0, y1: 0.5, x2: CHART_PLOT_WIDTH, y2: 0.5, lineWidth: 0.8, lineColor: '#6f7f86' }];
  for (const t of c.ticks) axis.push({ type: 'line', x1: px(t.value), y1: 0.5, x2: px(t.value), y2: 4, lineWidth: 0.8, lineColor: '#6f7f86' });
  const sorted = [...c.ticks].sort((a, b) => a.value - b.value);
  const minGap = sorted.slice(1).reduce((g, t, i) => Math.min(g, px(t.value) - px(sorted[i].value)), Infinity);
  const labelWidth = Math.max(12, Math.min(80, minGap - 2));
  const tickLabels: Column[] = [];
  let cursor = 0; // x within the full content width
  for (const t of sorted) {
    const centre = CHART_LABEL_WIDTH + CHART_GAP + px(t.value);
    const left = Math.max(cursor, Math.min(CONTENT_WIDTH - labelWidth, centre - labelWidth / 2));
    tickLabels.push({ width: left - cursor, text: '' }, { width: labelWidth, text: t.label, alignment: 'center', fontSize: 7.5, color: GREY });
    cursor = left + labelWidth;
  }
  const axisRow: Content = {
    columns: [{ width: CHART_LABEL_WIDTH, text: '' }, { width: CHART_PLOT_WIDTH, canvas: axis }, { width: '*', text: '' }],
    columnGap: CHART_GAP,
    margin: [0, 2, 0, 1],
  };
  return chartFrame(c.caption, [...rows, axisRow, ...(tickLabels.length > 0 ? [{ columns: tickLabels, columnGap: 0 }] : [])], estimateHeight(c), intervalAlt(c, lang));
}

// ---------------------------------------------------------------------------------------------
// Document

interface HeadingCounter {
  section: number;
  sub: number;
  /** The document's language, for numbers written out (a chart's alternative text). */
  lang: string;
}

function renderBlock(b: DocBlock, counter: HeadingCounter): Content[] {
  switch (b.kind) {
    case 'heading':
      if (b.level === 2) {
        counter.sub += 1;
        return [
          tag({ type: 'H2' }, {
            text: `${counter.section}.${counter.sub}  ${b.text}`,
            style: 'h2',
            tocItem: true,
            tocStyle: 'tocSub',
            tocNumberStyle: 'tocSub',
            tocMargin: [22, 0, 0, 0],
          }),
        ];
      }
      return [tag({ type: 'H3' }, { text: b.text, style: 'h3' })];
    case 'paragraph':
      return b.style === 'note'
        ? [{ text: inlines(b.text, NOTE_SIZE), style: 'note' }]
        : [{ text: inlines(b.text, BODY_SIZE), margin: [0, 0, 0, 6] }];
    case 'list':
      return [renderList(b)];
    case 'facts':
      return [renderFacts(b)];
    case 'table':
      return renderTable(b);
    case 'quote':
      return [renderQuote(b)];
    case 'box':
      return [renderBox(b)];
    case 'merit-chart':
      return [renderMeritChart(b)];
    case 'interval-chart':
      return [renderIntervalChart(b, counter.lang)];
    case 'page-break':
      return []; // handled by the caller, which knows what follows
  }
}

/** Characters of a DocText. */
function textLength(t: DocText): number {
  return runsOf(t).reduce((a, r) => a + r.text.length, 0);
}

/**
 * A generous estimate of a block's height in points, to decide what may be kept on one page.
 * pdfmake drops whatever of an unbreakable block does not fit on one page, so estimates err on
 * the high side and only blocks well under a page are ever made unbreakable.
 */
function estimateHeight(b: DocBlock): number {
  const lines = (chars: number, perLine: number): number => Math.max(1, Math.ceil(chars / perLine));
  switch (b.kind) {
    case 'heading':
      return b.level === 2 ? 34 : 26;
    case 'paragraph':
      return lines(textLength(b.text), b.style === 'note' ? 95 : 85) * (b.style === 'note' ? 12 : 13) + 9;
    case 'list':
      return b.items.reduce((a, item) => a + lines(textLength(item), 80) * 13 + 2, 10);
    case 'facts':
      return b.rows.reduce((a, r) => a + Math.max(lines(r.label.length, 28), lines(textLength(r.value), 55)) * 13 + 3, 12);
    case 'quote':
      return lines(textLength(b.text), 70) * 13 + (b.source ? 16 : 0) + 24;
    case 'box':
      return b.lines.reduce((a, line) => a + lines(textLength(line), 80) * 13 + 3, 40);
    case 'table': {
      const rowHeight = tableRowHeight(b);
      return rowHeight(b.header, true) + b.rows.reduce((a, r) => a + rowHeight(r, false), 0) + (b.caption ? lines(b.caption.length, 110) * 11 : 0) + 14;
    }
    case 'merit-chart':
      return 48 + b.rows.reduce((a, r) => a + lines(Math.max(r.label.length / 30, (r.note ?? '').length / 20), 1) * 12 + 5, 0);
    case 'interval-chart':
      return 62 + b.rows.reduce((a, r) => a + lines(Math.max(r.label.length / 30, (r.note ?? '').length / 20), 1) * 12 + 5, 0);
    case 'page-break':
      return 0;
  }
}

/** Estimates the height of a table row (generously, as columns may end up narrower). */
function tableRowHeight(t: DocTable): (cells: DocText[], bold: boolean) => number {
  const columns = Math.max(t.header.length, ...t.rows.map((r) => r.length), 1);
  const size = columns >= 8 ? 8 : 9;
  const widths = columnFractions(columns, t.widths).map((f) => Math.max(10, f * CONTENT_WIDTH - 9));
  return (cells, bold) =>
    Math.max(1, ...cells.map((c, i) => Math.ceil((estimateWidth(runsOf(c).map((r) => r.text).join(''), size, bold) * 1.2) / (widths[i] ?? CONTENT_WIDTH)))) * size * 1.4 + 6;
}

function headerAndFirstRowHeight(t: DocTable): number {
  const rowHeight = tableRowHeight(t);
  return rowHeight(t.header, true) + (t.rows.length > 0 ? rowHeight(t.rows[0], false) : 0);
}

function largestRowHeight(t: DocTable): number {
  const rowHeight = tableRowHeight(t);
  return Math.max(rowHeight(t.header, true), ...t.rows.map((r) => rowHeight(r, false)));
}

/** Height of a group of blocks that is still made unbreakable (well under a page of ~720 pt). */
const KEEP_TOGETHER_MAX = 430;

/**
 * The blocks of one section. A heading is kept on one page with what follows it: its first
 * paragraph(s) and the next table, list, chart etc. when that is small enough, so that no heading
 * is left alone at a page's foot and a chart stays with its introduction. pdfmake's own
 * `pageBreakBefore` is not used: it lays out the whole document again for every break and
 * mis-reports what follows on a page when unbreakable blocks move (pdfmake#2130, #2927).
 */
function renderSection(s: DocSection, first: boolean, lang: string): Content {
  const counter: HeadingCounter = { section: s.number, sub: 0, lang };
  const sectionHeading: Content = tag({ type: 'H1' }, {
    text: `${s.number}  ${s.title}`,
    style: 'h1',
    id: `section-${s.id}`,
    tocItem: true,
    tocStyle: 'tocSection',
    tocNumberStyle: 'tocSection',
    tocMargin: [0, 2, 0, 0],
  });
  const out: Content[] = [];
  let breakBefore = first || s.newPage === true;
  const emit = (content: Content[]): void => {
    if (content.length === 0) return;
    if (breakBefore) {
      content[0] = { stack: [content[0]], pageBreak: 'before' };
      breakBefore = false;
    }
    out.push(...content);
  };
  const group = (parts: { content: Content[]; height: number }[]): void => {
    const height = parts.reduce((a, p) => a + p.height, 0);
    const content = parts.flatMap((p) => p.content);
    if (parts.length > 1 && height <= KEEP_TOGETHER_MAX) emit([{ stack: content, unbreakable: true }]);
    else emit(content);
  };
  // Headings, and the paragraphs right after them, not yet written out.
  let lead: { kind: 'heading' | 'paragraph'; content: Content[]; height: number }[] = [{ kind: 'heading', content: [sectionHeading], height: 40 }];
  const flushLead = (): void => {
    // Headings with their first paragraph together; further paragraphs may break freely.
    const firstParagraph = lead.findIndex((l) => l.kind === 'paragraph');
    const head = firstParagraph < 0 ? lead : lead.slice(0, firstParagraph + 1);
    group(head);
    for (const l of lead.slice(head.length)) emit(l.content);
    lead = [];
  };
  for (const block of s.blocks) {
    const height = estimateHeight(block);
    switch (block.kind) {
      case 'page-break':
        flushLead();
        breakBefore = true;
        break;
      case 'heading':
        if (lead.some((l) => l.kind === 'paragraph')) flushLead();
        lead.push({ kind: 'heading', content: renderBlock(block, counter), height });
        break;
      case 'paragraph':
        if (lead.length > 0 && lead.filter((l) => l.kind === 'paragraph').length < 2) lead.push({ kind: 'paragraph', content: renderBlock(block, counter), height });
        else {
          flushLead();
          emit(renderBlock(block, counter));
        }
        break;
      case 'list':
      case 'facts':
      case 'table':
      case 'quote':
      case 'box':
      case 'merit-chart':
      case 'interval-chart': {
        const content = renderBlock(block, counter);
        const leadHeight = lead.reduce((a, l) => a + l.height, 0);
        if (lead.length > 0 && leadHeight + height <= KEEP_TOGETHER_MAX) {
          group([...lead, { content, height }]);
          lead = [];
        } else {
          flushLead();
          emit(content);
        }
        break;
      }
    }
  }
  flushLead();
  // One section element; a stack without margins changes nothing in the layout.
  return tag({ type: 'Sect' }, { stack: out });
}

function titlePage(doc: AdviceDocument): Content[] {
  const out: Content[] = [
    { canvas: [{ type: 'rect', x: 0, y: 0, w: 64, h: 5, color: ACCENT }], margin: [0, 36, 0, 16] },
    tag({ type: 'H1' }, { text: doc.title, style: 'title' }),
    { text: doc.subtitle, style: 'subtitle' },
  ];
  if (doc.draftMark) {
    out.push({
      table: { widths: ['*'], body: [[{ text: doc.draftMark, alignment: 'center', bold: true, fontSize: 32, color: '#b3261e', margin: [0, 8, 0, 6] }]] },
      layout: {
        hLineWidth: () => 2,
        vLineWidth: () => 0,
        hLineColor: () => '#b3261e',
        fillColor: () => '#fbeceb',
      },
      margin: [0, 6, 0, 30],
    });
  }
  if (doc.titleFacts.length > 0) out.push(renderFacts({ kind: 'facts', rows: doc.titleFacts }, 10.5));
  // To whom and from whom (the addressee and the sender), side by side to keep the cover compact.
  const blocks = doc.titleBlocks ?? [];
  if (blocks.length > 0) {
    out.push({
      columns: blocks.map((b) => ({
        width: '*',
        stack: [{ text: b.heading, bold: true, color: ACCENT, fontSize: 10, margin: [0, 2, 0, 1] }, renderFacts({ kind: 'facts', rows: b.rows }, 9)],
      })),
      columnGap: 16,
    });
  }
  return out;
}

/** The pdfmake document definition of the advisory document. */
export function adviceDocumentDefinition(doc: AdviceDocument, options: AdviceRenderOptions): TDocumentDefinitions {
  const content: Content[] = [
    tag({ type: 'Sect' }, { stack: titlePage(doc) }),
    // The contents follow the title page's facts (on the next page only what does not fit there):
    // a small evening's front matter is two pages, not a half-empty cover and three.
    tag({ type: 'TOC' }, {
      stack: [tag({ type: 'H1' }, { text: doc.contentsTitle, style: 'contentsTitle' }), { toc: { textStyle: 'tocSub', numberStyle: 'tocSub', outlines: true } }],
    }),
    ...doc.sections.map((s, i) => renderSection(s, i === 0, doc.lang)),
  ];
  return {
    pageSize: 'A4',
    pageOrientation: 'portrait',
    pageMargins: [MARGIN_X, MARGIN_TOP, MARGIN_X, MARGIN_BOTTOM],
    language: LANGUAGE_TAGS[doc.lang] ?? doc.lang,
    displayTitle: true,
    info: {
      title: doc.title,
      subject: doc.subtitle,
      author: 'Buurtjury',
      creator: 'Buurtjury',
      producer: 'Buurtjury (pdfmake)',
      creationDate: options.issuedAt,
      modDate: options.issuedAt,
    },
    defaultStyle: { font: 'Roboto', fontSize: BODY_SIZE, lineHeight: 1.25, color: INK },
    styles: {
      title: { fontSize: 24, bold: true, color: ACCENT, lineHeight: 1.15, margin: [0, 0, 0, 12] },
      subtitle: { fontSize: 13, color: '#3d4b51', lineHeight: 1.25, margin: [0, 0, 0, 24] },
      contentsTitle: { fontSize: 16, bold: true, color: ACCENT, margin: [0, 10, 0, 4] },
      h1: { fontSize: 15, bold: true, color: ACCENT, margin: [0, 14, 0, 8], lineHeight: 1.15 },
      h2: { fontSize: 12, bold: true, color: INK, margin: [0, 10, 0, 4], lineHeight: 1.15 },
      h3: { fontSize: 10.5, bold: true, italics: true, color: INK, margin: [0, 6, 0, 3] },
      note: { fontSize: NOTE_SIZE, color: GREY, margin: [0, 0, 0, 8] },
      tocSection: { fontSize: 10, bold: true, color: INK, lineHeight: 1.0 },
      tocSub: { fontSize: 9, color: '#38464c', lineHeight: 1.0 },
      pageFooter: { fontSize: 8, color: GREY },
    },
    footer: (currentPage, pageCount) =>
      currentPage === 1
        ? null
        : tag({ artifact: 'Pagination' }, {
            style: 'pageFooter',
            columns: [
              { text: doc.footer, width: '*' },
              { text: pageLabel(doc.pageLabel, currentPage, pageCount), width: 'auto', alignment: 'right' },
            ],
            columnGap: 12,
            margin: [MARGIN_X, 26, MARGIN_X, 0],
          }),
    content,
  };
}

/**
 * The advisory document as PDF bytes: A4, vector charts, a tagged PDF/A-2b with every font
 * embedded (Roboto, Roboto Mono), see `renderArchival`.
 */
export async function renderAdvicePdf(doc: AdviceDocument, options: AdviceRenderOptions): Promise<Buffer> {
  const definition = adviceDocumentDefinition(doc, options);
  const info = definition.info!;
  return renderArchival(definition, {
    language: LANGUAGE_TAGS[doc.lang] ?? doc.lang,
    title: info.title ?? doc.title,
    subject: info.subject ?? doc.subtitle,
    author: info.author ?? 'Buurtjury',
    creator: info.creator ?? 'Buurtjury',
    producer: info.producer ?? 'Buurtjury',
    creationDate: options.issuedAt,
    modDate: options.issuedAt,
  });
}
