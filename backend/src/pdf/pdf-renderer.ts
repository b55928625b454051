import { readFileSync } from 'node:fs';
import * as path from 'node:path';
// pdfmake exports an instance whose methods live on its prototype: a namespace import would lose them.
// eslint-disable-next-line @typescript-eslint/no-require-imports
import pdfmake = require('pdfmake');
import type { TDocumentDefinitions } from 'pdfmake/interfaces';
import { softBreakContent } from './soft-breaks';
import { renderArchivalPdf } from './tagged-pdf';

const fontDir = path.join(path.dirname(require.resolve('pdfmake/package.json')), 'fonts', 'Roboto');
/** PDF's built-in Courier (no file: pdfkit carries its metrics), for codes on cards and posters. */
const COURIER = { normal: 'Courier', bold: 'Courier-Bold', italics: 'Courier-Oblique', bolditalics: 'Courier-BoldOblique' };
const STANDARD_FONT_NAMES = new Set(Object.values(COURIER));
const ROBOTO = { normal: 'Roboto-Regular.ttf', bold: 'Roboto-Medium.ttf', italics: 'Roboto-Italic.ttf', bolditalics: 'Roboto-MediumItalic.ttf' };
/**
 * Roboto Mono (SIL Open Font License 1.1, from the npm package @expo-google-fonts/roboto-mono,
 * version pinned): the monospaced font of documents that embed every font (the advice), for
 * fingerprints and codes. Bold is Medium, as with Roboto.
 */
const ROBOTO_MONO = {
  normal: 'RobotoMono-Regular.ttf',
  bold: 'RobotoMono-Medium.ttf',
  italics: 'RobotoMono-Italic.ttf',
  bolditalics: 'RobotoMono-MediumItalic.ttf',
};
const monoDir = path.dirname(require.resolve('@expo-google-fonts/roboto-mono/package.json'));
const ROBOTO_MONO_FILES: Record<string, string> = {
  [ROBOTO_MONO.normal]: '400Regular/RobotoMono_400Regular.ttf',
  [ROBOTO_MONO.bold]: '500Medium/RobotoMono_500Medium.ttf',
  [ROBOTO_MONO.italics]: '400Regular_Italic/RobotoMono_400Regular_Italic.ttf',
  [ROBOTO_MONO.bolditalics]: '500Medium_Italic/RobotoMono_500Medium_Italic.ttf',
};

// The font files are read once per process (a render process keeps them for every document it
// renders) into pdfmake's in-memory file system, which documents then read them from.
// (`virtualfs` is missing from @types/pdfmake 0.3.3.)
const virtualfs = (pdfmake as unknown as { virtualfs: { writeFileSync(name: string, data: Buffer): void } }).virtualfs;
for (const file of Object.values(ROBOTO)) virtualfs.writeFileSync(file, readFileSync(path.join(fontDir, file)));
for (const [name, file] of Object.entries(ROBOTO_MONO_FILES)) virtualfs.writeFileSync(name, readFileSync(path.join(monoDir, file)));
pdfmake.setFonts({ Roboto: ROBOTO, Courier: COURIER, RobotoMono: ROBOTO_MONO });
// Documents are built from our own data only: no downloads, no file reads at all.
pdfmake.setUrlAccessPolicy(() => false);
pdfmake.setLocalAccessPolicy((file) => STANDARD_FONT_NAMES.has(file));

/**
 * Renders a pdfmake document definition to PDF bytes in this thread, with embedded fonts (Roboto,
 * RobotoMono; `font: 'Courier'` gives PDF's built-in monospaced font, which is not embedded).
 * Long unbroken runs in the text get invisible break opportunities first (see `soft-breaks.ts`).
 * The server calls this only in a render process (see `RenderService`): rendering is synchronous
 * and can take seconds.
 */
export async function renderPdf(doc: TDocumentDefinitions): Promise<Buffer> {
  return pdfmake.createPdf(softBreakContent({ defaultStyle: { font: 'Roboto' }, ...doc })).getBuffer();
}

/** What a document for the archive must say about itself. */
export interface ArchivalDocumentInfo {
  /** BCP 47 language tag. */
  language: string;
  title: string;
  subject: string;
  author: string;
  creator: string;
  producer: string;
  creationDate: Date;
  modDate: Date;
}

/**
 * Renders a document definition as a tagged PDF/A-2b (see `tagged-pdf.ts`): only Roboto and
 * RobotoMono, both embedded; structure from the nodes' `pdfTag`. Same rules as `renderPdf`
 * otherwise.
 */
export async function renderArchival(doc: TDocumentDefinitions, info: ArchivalDocumentInfo): Promise<Buffer> {
  const { language, ...rest } = info;
  return renderArchivalPdf(softBreakContent({ defaultStyle: { font: 'Roboto' }, ...doc }), {
    fonts: { Roboto: ROBOTO, RobotoMono: ROBOTO_MONO },
    virtualfs,
    language,
    info: rest,
  });
}
