/**
 * A tagged PDF/A-2b from a pdfmake document definition: what an archive keeps and a screen reader
 * reads.
 *
 * pdfmake 0.3.11 passes pdfkit's `tagged`, `subset` (PDF/A), `pdfVersion`, `lang` and
 * `displayTitle` options on, but its renderer marks no content: `tagged: true` alone gives a
 * catalogue that claims a structure (MarkInfo /Marked true) over an empty structure tree. pdfkit
 * 0.19 has the structure API (`struct`, `markStructureContent`, `markContent('Artifact')`), so
 * the missing link is between pdfmake's nodes and what its renderer draws. The smallest sound
 * way found, without forking pdfmake: the same steps as pdfmake's `Printer.createPdfKitDocument`
 * (a few lines, below) with two subclasses of its own classes (both pinned with pdfmake 0.3.11,
 * and covered by the advice PDF's tests):
 *
 * - `TaggingLayoutBuilder` keeps, while pdfmake lays a node out, the stack of structure tags of
 *   the nodes it is in (`pdfTag`, see `StructureTag`), and stamps every text line it builds, and
 *   every canvas element, with the element it belongs to. A text node without a tag of its own
 *   inside a container (a section, a block quote, a list item) is a paragraph of its own.
 * - `TaggingRenderer` wraps each line and vector it draws in a marked-content sequence of that
 *   element (`/P <</MCID n>> BDC … EMC`) and adds it to the element's structure node, made the
 *   first time it has content, under its parent. What belongs to no element (table rules and
 *   fills, decorations, the page footer, a table header repeated on the next page) is an
 *   artifact.
 *
 * PDF/A-2b (ISO 19005-2, level B: the pages look the same in every reader, for good) is declared
 * through pdfkit's subset: the pdfaid XMP schema and an sRGB output intent; every font is embedded
 * (the definition may only use the embedded font files it is given). pdfkit's XMP packet writes
 * the title and subject without XML escaping and leaves out the modification date that the
 * document information dictionary has; PDF/A asks both to agree, so the packet's document part is
 * written here instead (`xmpDescription`).
 */

// pdfmake's layout and render classes are not part of its typed interface: they are loaded from
// its CommonJS build (pdfmake 0.3.11 is pinned) and typed here as far as they are used.
/* eslint-disable @typescript-eslint/no-require-imports */
import type { Content, TableCell, TDocumentDefinitions } from 'pdfmake/interfaces';

interface PdfKitStructureElement {
  add(child: PdfKitStructureElement | PdfKitStructureContent): PdfKitStructureElement;
  end(): void;
}
type PdfKitStructureContent = { readonly refs: unknown[] };
interface PdfKitDocument {
  struct(type: string, options?: Record<string, unknown>): PdfKitStructureElement;
  addStructure(element: PdfKitStructureElement): PdfKitDocument;
  markStructureContent(tag: string, options?: Record<string, unknown>): PdfKitStructureContent;
  markContent(tag: string, options?: Record<string, unknown> | null): PdfKitDocument;
  endMarkedContent(): PdfKitDocument;
  appendXML(xml: string, newline?: boolean): void;
  on(event: 'data', listener: (chunk: Buffer) => void): void;
  on(event: 'end', listener: () => void): void;
  on(event: 'error', listener: (error: Error) => void): void;
  end(): void;
  /** Writes the document part of the XMP packet (replaced here, see `xmpDescription`). */
  _addInfo(): void;
}
type PdfMakeDocumentClass = new (
  fonts: Record<string, Record<string, string>>,
  images: object,
  patterns: object,
  attachments: object,
  options: Record<string, unknown>,
  virtualfs: unknown,
  localAccessPolicy: (path: string) => boolean,
) => PdfKitDocument;

/** What pdfmake's layout keeps on a line, an inline and a canvas element, plus our stamps. */
interface LaidLine {
  inlines: { _tag?: Tag }[];
  _tag?: Tag;
  _lineId?: number;
}
interface LaidVector {
  _tagPath?: Tag[];
}
interface LayoutNode {
  pdfTag?: Tag;
  canvas?: LaidVector[];
  listMarker?: { _inlines?: { _tag?: Tag }[] };
  toc?: { _table?: { table: { body: LayoutNode[][] } } };
  /** The paragraph a text node without a tag of its own makes inside a container. */
  _implicitTag?: StructureTag;
}
interface LayoutBuilderBase {
  registerTableLayouts(layouts: unknown): void;
  layoutDocument(
    content: unknown,
    pdfDocument: PdfKitDocument,
    styles: unknown,
    defaultStyle: unknown,
    background: unknown,
    header: unknown,
    footer: unknown,
    watermark: unknown,
    pageBreakBefore: unknown,
  ): unknown[];
  processNode(node: LayoutNode, isVerticalAlignmentAllowed?: boolean): void;
  buildNextLine(textNode: LayoutNode): LaidLine | null;
}
interface RendererBase {
  pdfDocument: PdfKitDocument;
  renderPages(pages: unknown[]): void;
  renderLine(line: LaidLine, x: number, y: number): void;
  renderVector(vector: LaidVector): void;
}

const PdfMakeDocument = (require('pdfmake/js/PDFDocument') as { default: PdfMakeDocumentClass }).default;
const LayoutBuilder = (require('pdfmake/js/LayoutBuilder') as { default: new (pageSize: unknown, pageMargins: unknown, svgMeasure: unknown) => LayoutBuilderBase }).default;
const Renderer = (require('pdfmake/js/Renderer') as { default: new (pdfDocument: PdfKitDocument, progressCallback?: unknown) => RendererBase }).default;
const SVGMeasure = (require('pdfmake/js/SVGMeasure') as { default: new () => unknown }).default;
const { normalizePageSize, normalizePageMargin } = require('pdfmake/js/PageSize') as {
  normalizePageSize(size: unknown, orientation: unknown): { width: number; height: number };
  normalizePageMargin(margins: unknown): unknown;
};
const { tableLayouts } = require('pdfmake/js/tableLayouts') as { tableLayouts: unknown };
/* eslint-enable @typescript-eslint/no-require-imports */

// ---------------------------------------------------------------------------------------------
// Tags

/** Standard structure types of PDF 1.7 (ISO 32000-1, 14.8.4) that the documents use. */
export type StructureType =
  | 'Document'
  | 'Sect'
  | 'H1'
  | 'H2'
  | 'H3'
  | 'P'
  | 'L'
  | 'LI'
  | 'Lbl'
  | 'LBody'
  | 'Table'
  | 'TR'
  | 'TH'
  | 'TD'
  | 'BlockQuote'
  | 'Figure'
  | 'TOC'
  | 'TOCI'
  | 'Reference';

/**
 * A structure element. One tag object is one element: nodes that share a tag object share the
 * element (the cells of one table row share their row). `parent` is the element it belongs to when
 * that is not the tagged node around it (a cell's row); otherwise the enclosing tag is its parent.
 */
export interface StructureTag {
  type: StructureType;
  /** Alternative text: what a figure shows, in words. */
  alt?: string;
  /** Of a header cell: whether it heads its column or its row. */
  scope?: 'Column' | 'Row';
  parent?: StructureTag;
  /** The parent found in the layout (set on first use). */
  _layoutParent?: StructureTag | null;
  /** A list item's label element, made with the item so that it comes before the body. */
  _label?: StructureTag;
}

/** Content that is not part of the text: a page footer, a decoration. */
export interface ArtifactTag {
  artifact: 'Pagination' | 'Layout';
}

export type Tag = StructureTag | ArtifactTag;

/** Element types that hold content themselves; text in the others is a paragraph of its own. */
const CONTENT_TYPES: ReadonlySet<StructureType> = new Set(['H1', 'H2', 'H3', 'P', 'Lbl', 'LBody', 'TH', 'TD', 'Figure', 'Reference']);

const isArtifact = (tag: Tag): tag is ArtifactTag => 'artifact' in tag;

/** The node with a structure tag (pdfmake keeps properties it does not know on the node). */
export function tag<T extends Content | TableCell>(pdfTag: Tag, node: T): T {
  Object.assign(node as object, { pdfTag });
  return node;
}

/** A table row's tag: the parent of the row's cells. */
export function rowTag(table: StructureTag): StructureTag {
  return { type: 'TR', parent: table };
}

// ---------------------------------------------------------------------------------------------
// Layout: stamps lines and canvas elements with their element

class TaggingLayoutBuilder extends LayoutBuilder {
  /** The tags of the nodes being laid out, outermost first. */
  private path: Tag[] = [];
  private lines = 0;

  override processNode(node: LayoutNode, isVerticalAlignmentAllowed?: boolean): void {
    const own = node.pdfTag;
    if (own && !isArtifact(own)) {
      // The top of its own chain of parents gets the enclosing tag as parent, once.
      let top = own;
      while (top.parent) top = top.parent;
      if (top._layoutParent === undefined) top._layoutParent = this.enclosingStructure();
    }
    if (own) this.path.push(own);
    try {
      if (node.canvas) for (const element of node.canvas) element._tagPath = [...this.path];
      // A list item's marker (pdfmake draws it when the item's first line is placed): the item's label.
      const marker = node.listMarker?._inlines?.[0];
      if (marker && own && !isArtifact(own) && own.type === 'LBody' && own.parent?.type === 'LI') {
        own.parent._label ??= { type: 'Lbl', parent: own.parent };
        marker._tag = own.parent._label;
      }
      // The contents' rows (pdfmake makes them while measuring): an entry each, title and page number.
      if (node.toc?._table) {
        for (const row of node.toc._table.table.body) {
          const reference: StructureTag = { type: 'Reference', parent: { type: 'TOCI' } };
          for (const cell of row) cell.pdfTag ??= reference;
        }
      }
      super.processNode(node, isVerticalAlignmentAllowed);
    } finally {
      if (own) this.path.pop();
    }
  }

  override buildNextLine(textNode: LayoutNode): LaidLine | null {
    const line = super.buildNextLine(textNode);
    if (line) {
      line._lineId = this.lines++;
      line._tag = this.contentTag(textNode);
    }
    return line;
  }

  /** The innermost structure tag around the node being laid out, if any. */
  private enclosingStructure(): StructureTag | null {
    for (let i = this.path.length - 1; i >= 0; i--) {
      const t = this.path[i];
      if (!isArtifact(t)) return t;
    }
    return null;
  }

  /**
   * The element a text node's lines belong to: an artifact when it is inside one, else the
   * outermost element that holds content (a figure holds all the text drawn in it), else a
   * paragraph of its own in the innermost container.
   */
  private contentTag(textNode: LayoutNode): Tag {
    if (this.path.some(isArtifact)) return this.path.find(isArtifact)!;
    const holder = (this.path as StructureTag[]).find((t) => CONTENT_TYPES.has(t.type));
    if (holder) return holder;
    textNode._implicitTag ??= { type: 'P', _layoutParent: this.enclosingStructure() };
    return textNode._implicitTag;
  }
}

// ---------------------------------------------------------------------------------------------
// Rendering: marked content and the structure tree

class TaggingRenderer extends Renderer {
  private readonly elements = new Map<StructureTag, PdfKitStructureElement>();
  private readonly drawnLines = new Set<number>();

  constructor(
    pdfDocument: PdfKitDocument,
    private readonly root: PdfKitStructureElement,
  ) {
    super(pdfDocument);
  }

  override renderLine(line: LaidLine, x: number, y: number): void {
    // A table header repeated on a later page draws the same line again: an artifact there.
    const repeated = line._lineId !== undefined && this.drawnLines.has(line._lineId);
    if (line._lineId !== undefined) this.drawnLines.add(line._lineId);
    const t = repeated ? null : (line._tag ?? line.inlines[0]?._tag ?? null);
    this.marked(t, () => super.renderLine(line, x, y));
  }

  override renderVector(vector: LaidVector): void {
    // Drawings are content inside a figure; elsewhere (rules, fills, decorations) artifacts.
    const path = vector._tagPath ?? [];
    const figure = path.some(isArtifact) ? undefined : (path as StructureTag[]).find((t) => CONTENT_TYPES.has(t.type));
    this.marked(figure?.type === 'Figure' ? figure : null, () => super.renderVector(vector));
  }

  private marked(t: Tag | null, draw: () => void): void {
    const doc = this.pdfDocument;
    if (t === null || isArtifact(t)) {
      doc.markContent('Artifact', t ? { type: t.artifact } : { type: 'Layout' });
      draw();
      doc.endMarkedContent();
      return;
    }
    const element = this.element(t);
    const content = doc.markStructureContent(t.type);
    draw();
    doc.endMarkedContent();
    element.add(content);
  }

  /** The structure element of a tag, made (under its parent's) the first time it has content. */
  private element(t: StructureTag): PdfKitStructureElement {
    const known = this.elements.get(t);
    if (known) return known;
    const parentTag = t.parent ?? t._layoutParent ?? null;
    const parent = parentTag ? this.element(parentTag) : this.root;
    const element = this.pdfDocument.struct(t.type, { ...(t.alt ? { alt: t.alt } : {}), ...(t.scope ? { scope: t.scope } : {}) });
    parent.add(element);
    this.elements.set(t, element);
    // A list item's label comes before its body.
    if (t._label) this.element(t._label);
    return element;
  }
}

// ---------------------------------------------------------------------------------------------
// The document

export interface ArchivalPdfOptions {
  /** Font families with their file names in `virtualfs`: all are embedded, no other font can be used. */
  fonts: Record<string, Record<'normal' | 'bold' | 'italics' | 'bolditalics', string>>;
  virtualfs: unknown;
  /** BCP 47 tag of the document's language (Catalog /Lang, dc:language). */
  language: string;
  info: { title: string; subject: string; author: string; creator: string; producer: string; creationDate: Date; modDate: Date };
}

const xml = (s: string): string => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
const xmpDate = (d: Date): string => d.toISOString().replace(/\.\d{3}Z$/, 'Z');

/** The XMP description of the document, equal to its information dictionary (PDF/A-2, 6.6.2.3). */
function xmpDescription(info: ArchivalPdfOptions['info'], language: string): string {
  return [
    '<rdf:Description rdf:about="" xmlns:xmp="http://ns.adobe.com/xap/1.0/">',
    `<xmp:CreateDate>${xmpDate(info.creationDate)}</xmp:CreateDate>`,
    `<xmp:ModifyDate>${xmpDate(info.modDate)}</xmp:ModifyDate>`,
    `<xmp:MetadataDate>${xmpDate(info.modDate)}</xmp:MetadataDate>`,
    `<xmp:CreatorTool>${xml(info.creator)}</xmp:CreatorTool>`,
    '</rdf:Description>',
    '<rdf:Description rdf:about="" xmlns:dc="http://purl.org/dc/elements/1.1/">',
    '<dc:format>application/pdf</dc:format>',
    `<dc:title><rdf:Alt><rdf:li xml:lang="x-default">${xml(info.title)}</rdf:li></rdf:Alt></dc:title>`,
    `<dc:creator><rdf:Seq><rdf:li>${xml(info.author)}</rdf:li></rdf:Seq></dc:creator>`,
    `<dc:description><rdf:Alt><rdf:li xml:lang="x-default">${xml(info.subject)}</rdf:li></rdf:Alt></dc:description>`,
    `<dc:language><rdf:Bag><rdf:li>${xml(language)}</rdf:li></rdf:Bag></dc:language>`,
    '</rdf:Description>',
    '<rdf:Description rdf:about="" xmlns:pdf="http://ns.adobe.com/pdf/1.3/">',
    `<pdf:Producer>${xml(info.producer)}</pdf:Producer>`,
    '</rdf:Description>',
  ].join('\n');
}

/**
 * Renders a document definition (content, styles, page size and margins, footer) as a tagged
 * PDF/A-2b. Structure tags come from the nodes' `pdfTag` (see `tag`); the document is one
 * `Document` element. The same definition and dates give the same bytes.
 */
export async function renderArchivalPdf(definition: TDocumentDefinitions, options: ArchivalPdfOptions): Promise<Buffer> {
  const pageSize = normalizePageSize(definition.pageSize, definition.pageOrientation);
  const info = options.info;
  const pdfOptions = {
    size: [pageSize.width, pageSize.height],
    pdfVersion: '1.7',
    subset: 'PDF/A-2b',
    tagged: true,
    displayTitle: true,
    compress: true,
    lang: options.language,
    fontLayoutCache: true,
    bufferPages: false,
    autoFirstPage: false,
    info: {
      Title: info.title,
      Subject: info.subject,
      Author: info.author,
      Creator: info.creator,
      Producer: info.producer,
      CreationDate: info.creationDate,
      ModDate: info.modDate,
    },
    font: null,
  };
  // Only the given (embedded) fonts, read from the in-memory file system: no file is read at all.
  const doc = new PdfMakeDocument(options.fonts, {}, {}, {}, pdfOptions, options.virtualfs, () => false);
  doc._addInfo = () => doc.appendXML(xmpDescription(info, options.language));
  const root = doc.struct('Document');
  doc.addStructure(root);

  const builder = new TaggingLayoutBuilder(pageSize, normalizePageMargin(definition.pageMargins ?? 40), new SVGMeasure());
  builder.registerTableLayouts(tableLayouts);
  const pages = builder.layoutDocument(
    definition.content,
    doc,
    definition.styles ?? {},
    definition.defaultStyle ?? { fontSize: 12, font: 'Roboto' },
    undefined,
    undefined,
    definition.footer,
    undefined,
    undefined,
  );
  new TaggingRenderer(doc, root).renderPages(pages);

  return new Promise<Buffer>((resolve, reject) => {
    const chunks: Buffer[] = [];
    doc.on('data', (chunk) => chunks.push(chunk));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
    doc.end();
  });
}
