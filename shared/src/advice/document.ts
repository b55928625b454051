/**
 * The advisory document as neutral data: sections of blocks (headings, paragraphs, tables,
 * charts). One builder (`buildAdviceDocument`) writes it in Dutch or English; three renderers
 * turn the same value into a PDF (pdfmake), a DOCX (docx) and the in-app view (Svelte), so the
 * formats cannot say different things.
 */

import type { Language } from '../domain/setup';

/** A run of text inside a paragraph, list item or cell. */
export interface DocRun {
  text: string;
  bold?: boolean;
  italic?: boolean;
  /** Monospaced: fingerprints, codes. */
  mono?: boolean;
}

/** Inline content: plain text or runs. */
export type DocText = string | DocRun[];

export interface DocHeading {
  kind: 'heading';
  /** 2 = subsection (numbered "3.1"), 3 = minor heading (not numbered, not in the contents). */
  level: 2 | 3;
  text: string;
}

export interface DocParagraph {
  kind: 'paragraph';
  text: DocText;
  /** `note`: smaller and grey (explanations under a table or chart). */
  style?: 'normal' | 'note';
}

export interface DocList {
  kind: 'list';
  ordered?: boolean;
  items: DocText[];
}

/** Label/value pairs, rendered as a two-column table without header. */
export interface DocFacts {
  kind: 'facts';
  rows: { label: string; value: DocText }[];
}

export type DocAlign = 'left' | 'right' | 'center';

export interface DocTable {
  kind: 'table';
  header: string[];
  rows: DocText[][];
  /** Per column; default left. */
  align?: DocAlign[];
  /** Relative column widths; default equal. */
  widths?: number[];
  caption?: string;
}

export interface DocQuote {
  kind: 'quote';
  text: string;
  /** Who or what it comes from, e.g. "Bewoner V0012". */
  source?: string;
}

/**
 * Merit profiles: one horizontal bar per row, split into the share of each grade, best grade
 * first (left). Counts are absolute; a renderer divides by the row's total.
 */
export interface DocMeritChart {
  kind: 'merit-chart';
  caption: string;
  /** Best first; the colour of segment i belongs to level i. */
  levels: { value: number; label: string }[];
  rows: { label: string; counts: number[]; total: number; /** Printed at the end of the bar, e.g. "mediaan: Goed". */ note?: string }[];
}

/** Point estimates with intervals on one horizontal axis (the weighted means with their bootstrap interval). */
export interface DocIntervalChart {
  kind: 'interval-chart';
  caption: string;
  /** Axis from min to max; ticks at these values with these labels. */
  min: number;
  max: number;
  ticks: { value: number; label: string }[];
  rows: { label: string; value: number | null; low: number | null; high: number | null; note?: string }[];
}

/**
 * A framed box of a few lines that a reader should not miss (how the committee may use the
 * advice): a title and short paragraphs, rendered with a border and a tinted background.
 */
export interface DocBox {
  kind: 'box';
  title: string;
  lines: DocText[];
}

export interface DocPageBreak {
  kind: 'page-break';
}

export type DocBlock = DocHeading | DocParagraph | DocList | DocFacts | DocTable | DocQuote | DocMeritChart | DocIntervalChart | DocBox | DocPageBreak;

/** A numbered top-level section ("1 Samenvatting en advies"); sections make up the contents. */
export interface DocSection {
  /** Stable anchor, e.g. `summary`; the same in every language. */
  id: string;
  /** 1-based. */
  number: number;
  title: string;
  blocks: DocBlock[];
  /** Start this section on a new page (the appendices do). */
  newPage?: boolean;
}

/** A labelled group of facts on the first page (the addressee, the sender). */
export interface DocTitleBlock {
  heading: string;
  rows: { label: string; value: DocText }[];
}

export interface AdviceDocument {
  lang: Language;
  /** Title page. */
  title: string;
  subtitle: string;
  /** Lines under the title, e.g. "Opgesteld door ...", "Vastgesteld op 21 november 2026". */
  titleFacts: { label: string; value: DocText }[];
  /** Blocks on the first page after the facts: to whom and from whom (see authorship-blocks.ts). */
  titleBlocks?: DocTitleBlock[];
  /** A line across the title page when this is not an issued version ("CONCEPT"); null when issued. */
  draftMark: string | null;
  /** Heading of the contents page. */
  contentsTitle: string;
  /** Left part of every page's footer, e.g. "Bewonersadvies Wijkaanpak Amersfoort · versie 2". */
  footer: string;
  /** Page number template with {page} and {pages}, e.g. "Pagina {page} van {pages}". */
  pageLabel: string;
  sections: DocSection[];
}

/** Every text the document shows, flattened (for search, tests and checks). */
export function documentText(doc: AdviceDocument): string {
  const t = (x: DocText): string => (typeof x === 'string' ? x : x.map((r) => r.text).join(''));
  const out: string[] = [doc.title, doc.subtitle, ...doc.titleFacts.map((f) => `${f.label} ${t(f.value)}`)];
  for (const b of doc.titleBlocks ?? []) out.push(b.heading, ...b.rows.map((r) => `${r.label} ${t(r.value)}`));
  for (const s of doc.sections) {
    out.push(`${s.number} ${s.title}`);
    for (const b of s.blocks) {
      switch (b.kind) {
        case 'heading':
          out.push(b.text);
          break;
        case 'paragraph':
          out.push(t(b.text));
          break;
        case 'list':
          out.push(...b.items.map(t));
          break;
        case 'facts':
          out.push(...b.rows.map((r) => `${r.label} ${t(r.value)}`));
          break;
        case 'table':
          out.push(b.header.join(' '), ...b.rows.map((r) => r.map(t).join(' ')));
          if (b.caption) out.push(b.caption);
          break;
        case 'quote':
          out.push(b.text, b.source ?? '');
          break;
        case 'merit-chart':
        case 'interval-chart':
          out.push(b.caption, ...b.rows.map((r) => `${r.label} ${r.note ?? ''}`));
          break;
        case 'box':
          out.push(b.title, ...b.lines.map(t));
          break;
        case 'page-break':
          break;
      }
    }
  }
  return out.join('\n');
}
