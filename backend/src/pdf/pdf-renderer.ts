import { Injectable } from '@nestjs/common';
import * as path from 'node:path';
// pdfmake exports an instance whose methods live on its prototype: a namespace import would lose them.
// eslint-disable-next-line @typescript-eslint/no-require-imports
import pdfmake = require('pdfmake');
import type { TDocumentDefinitions } from 'pdfmake/interfaces';

const fontDir = path.join(path.dirname(require.resolve('pdfmake/package.json')), 'fonts', 'Roboto');
/** PDF's built-in Courier (no file: pdfkit carries its metrics), for fingerprints and codes. */
const COURIER = { normal: 'Courier', bold: 'Courier-Bold', italics: 'Courier-Oblique', bolditalics: 'Courier-BoldOblique' };
const STANDARD_FONT_NAMES = new Set(Object.values(COURIER));
const FONTS = {
  Roboto: {
    normal: path.join(fontDir, 'Roboto-Regular.ttf'),
    bold: path.join(fontDir, 'Roboto-Medium.ttf'),
    italics: path.join(fontDir, 'Roboto-Italic.ttf'),
    bolditalics: path.join(fontDir, 'Roboto-MediumItalic.ttf'),
  },
  Courier: COURIER,
};

pdfmake.setFonts(FONTS);
// Documents are built from our own data only: no downloads, no file reads beyond the fonts.
pdfmake.setUrlAccessPolicy(() => false);
pdfmake.setLocalAccessPolicy((file) => STANDARD_FONT_NAMES.has(file) || path.resolve(file).startsWith(fontDir));

/**
 * Renders a pdfmake document definition to PDF bytes, in-process, with embedded fonts (Roboto;
 * `font: 'Courier'` gives PDF's built-in monospaced font).
 */
export async function renderPdf(doc: TDocumentDefinitions): Promise<Buffer> {
  return pdfmake.createPdf({ defaultStyle: { font: 'Roboto' }, ...doc }).getBuffer();
}

/** Renders pdfmake document definitions to PDF bytes, in-process, with embedded fonts. */
@Injectable()
export class PdfRenderer {
  async render(doc: TDocumentDefinitions): Promise<Buffer> {
    return renderPdf(doc);
  }
}
