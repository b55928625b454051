/**
 * Text out of generated documents, for tests that look for numbers in them: PDF through pdf.js
 * (its CommonJS legacy build, no system tools needed), DOCX by reading the Word XML in the zip.
 */
import JSZip from 'jszip';

interface PdfTextItem {
  str?: string;
  hasEOL?: boolean;
}
interface PdfJs {
  getDocument(source: { data: Uint8Array; disableFontFace?: boolean; useSystemFonts?: boolean; verbosity?: number }): {
    promise: Promise<{ numPages: number; getPage(n: number): Promise<{ getTextContent(): Promise<{ items: PdfTextItem[] }>; view: number[] }> }>;
  };
}

/** pdf.js warns on load that it cannot draw without `canvas`; text extraction does not draw. */
function loadPdfJs(): PdfJs {
  const log = console.log;
  console.log = () => {};
  try {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    return require('pdfjs-dist/legacy/build/pdf.js') as PdfJs;
  } finally {
    console.log = log;
  }
}
const pdfjs = loadPdfJs();

export interface PdfContent {
  pages: string[];
  /** Page sizes in points, [width, height]. */
  sizes: [number, number][];
}

export async function pdfContent(data: Buffer): Promise<PdfContent> {
  const doc = await pdfjs.getDocument({ data: new Uint8Array(data), disableFontFace: true, verbosity: 0 }).promise;
  const pages: string[] = [];
  const sizes: [number, number][] = [];
  for (let n = 1; n <= doc.numPages; n++) {
    const page = await doc.getPage(n);
    const content = await page.getTextContent();
    pages.push(content.items.map((i) => (i.str ?? '') + (i.hasEOL ? '\n' : '')).join(''));
    sizes.push([page.view[2]! - page.view[0]!, page.view[3]! - page.view[1]!]);
  }
  return { pages, sizes };
}

/** The text of the document body and its footers, paragraph per line. */
export async function docxText(data: Buffer): Promise<string> {
  const zip = await JSZip.loadAsync(data);
  const parts = Object.keys(zip.files).filter((n) => /^word\/(document|footer\d*)\.xml$/.test(n));
  let text = '';
  for (const name of parts.sort()) {
    const xml = await zip.file(name)!.async('string');
    text += xml
      .replace(/<\/w:p>/g, '\n')
      .replace(/<w:tab\/>/g, '\t')
      .replace(/<[^>]+>/g, '')
      .replace(/&lt;/g, '<')
      .replace(/&gt;/g, '>')
      .replace(/&quot;/g, '"')
      .replace(/&apos;/g, "'")
      .replace(/&amp;/g, '&');
  }
  return text;
}
