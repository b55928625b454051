import { Injectable } from '@nestjs/common';
import * as path from 'node:path';
// pdfmake exports an instance whose methods live on its prototype: a namespace import would lose them.
// eslint-disable-next-line @typescript-eslint/no-require-imports
import pdfmake = require('pdfmake');
import type { TDocumentDefinitions } from 'pdfmake/interfaces';

const fontDir = path.join(path.dirname(require.resolve('pdfmake/package.json')), 'fonts', 'Roboto');
const FONTS = {
  Roboto: {
    normal: path.join(fontDir, 'Roboto-Regular.ttf'),
    bold: path.join(fontDir, 'Roboto-Medium.ttf'),
    italics: path.join(fontDir, 'Roboto-Italic.ttf'),
    bolditalics: path.join(fontDir, 'Roboto-MediumItalic.ttf'),
  },
};

pdfmake.setFonts(FONTS);
// Documents are built from our own data only: no downloads, no file reads beyond the fonts.
pdfmake.setUrlAccessPolicy(() => false);
pdfmake.setLocalAccessPolicy((file) => path.resolve(file).startsWith(fontDir));

/** Renders pdfmake document definitions to PDF bytes, in-process, with embedded fonts. */
@Injectable()
export class PdfRenderer {
  async render(doc: TDocumentDefinitions): Promise<Buffer> {
    return pdfmake.createPdf({ defaultStyle: { font: 'Roboto' }, ...doc }).getBuffer();
  }
}
