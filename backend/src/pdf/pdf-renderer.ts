import { readFileSync } from 'node:fs';
import * as path from 'node:path';
// pdfmake exports an instance whose methods live on its prototype: a namespace import would lose them.
// eslint-disable-next-line @typescript-eslint/no-require-imports
import pdfmake = require('pdfmake');
import type { TDocumentDefinitions } from 'pdfmake/interfaces';
import { softBreakContent } from './soft-breaks';

const fontDir = path.join(path.dirname(require.resolve('pdfmake/package.json')), 'fonts', 'Roboto');
/** PDF's built-in Courier (no file: pdfkit carries its metrics), for fingerprints and codes. */
const COURIER = { normal: 'Courier', bold: 'Courier-Bold', italics: 'Courier-Oblique', bolditalics: 'Courier-BoldOblique' };
const STANDARD_FONT_NAMES = new Set(Object.values(COURIER));
const ROBOTO = { normal: 'Roboto-Regular.ttf', bold: 'Roboto-Medium.ttf', italics: 'Roboto-Italic.ttf', bolditalics: 'Roboto-MediumItalic.ttf' };

// The font files are read once per process (a render process keeps them for every document it
// renders) into pdfmake's in-memory file system, which documents then read them from.
// (`virtualfs` is missing from @types/pdfmake 0.3.3.)
const virtualfs = (pdfmake as unknown as { virtualfs: { writeFileSync(name: string, data: Buffer): void } }).virtualfs;
for (const file of Object.values(ROBOTO)) virtualfs.writeFileSync(file, readFileSync(path.join(fontDir, file)));
pdfmake.setFonts({ Roboto: ROBOTO, Courier: COURIER });
// Documents are built from our own data only: no downloads, no file reads at all.
pdfmake.setUrlAccessPolicy(() => false);
pdfmake.setLocalAccessPolicy((file) => STANDARD_FONT_NAMES.has(file));

/**
 * Renders a pdfmake document definition to PDF bytes in this thread, with embedded fonts (Roboto;
 * `font: 'Courier'` gives PDF's built-in monospaced font). Long unbroken runs in the text get
 * invisible break opportunities first (see `soft-breaks.ts`). The server calls this only in a
 * render process (see `RenderService`): rendering is synchronous and can take seconds.
 */
export async function renderPdf(doc: TDocumentDefinitions): Promise<Buffer> {
  return pdfmake.createPdf(softBreakContent({ defaultStyle: { font: 'Roboto' }, ...doc })).getBuffer();
}
