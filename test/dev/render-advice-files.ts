/**
 * Dev tool: renders the seeded sample advice (drawn by the real builder) to PDF and DOCX in both
 * editions, for looking at every page: the default evening (6 bidders, 5 criteria, 120 voters) and
 * a small one (2 bidders, 3 criteria, 5 voters), as issued version 1.
 *
 *   TS_NODE_PROJECT=test/tsconfig.json node -r ts-node/register/transpile-only test/dev/render-advice-files.ts OUT_DIR
 *
 * Then, for example: `pdftoppm -r 60 -png OUT_DIR/default-nl.pdf OUT_DIR/default-nl` and
 * `libreoffice --headless --convert-to pdf --outdir OUT_DIR/lo OUT_DIR/default-nl.docx`.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
// eslint-disable-next-line @typescript-eslint/no-require-imports
import Module = require('node:module');

// The shared package from its sources (as Jest maps it), not from its build.
const sources: Record<string, string> = {
  '@buurtjury/shared': path.join(__dirname, '../../shared/src/index.ts'),
  '@buurtjury/shared/testing': path.join(__dirname, '../../shared/src/testing/index.ts'),
};
const resolver = Module as unknown as { _resolveFilename: (request: string, ...rest: unknown[]) => string };
const resolve = resolver._resolveFilename.bind(Module);
resolver._resolveFilename = (request: string, ...rest: unknown[]) => sources[request] ?? resolve(request, ...rest);

async function main(): Promise<void> {
  const out = path.resolve(process.argv[2] ?? 'advice-files');
  mkdirSync(out, { recursive: true });
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { sampleAdviceDocument } = require('../../shared/src/testing') as typeof import('../../shared/src/testing');
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { renderAdvicePdf, renderAdviceDocx } = require('../../backend/src/advice/render') as typeof import('../../backend/src/advice/render');
  const issuedAt = new Date('2026-11-20T10:15:00Z');
  const evenings = { default: {}, small: { bidders: 2, criteria: 3, voters: 5 } };
  for (const [name, options] of Object.entries(evenings)) {
    for (const lang of ['nl', 'en'] as const) {
      const doc = sampleAdviceDocument(lang, options);
      writeFileSync(path.join(out, `${name}-${lang}.pdf`), await renderAdvicePdf(doc, { issuedAt }));
      writeFileSync(path.join(out, `${name}-${lang}.docx`), await renderAdviceDocx(doc, { issuedAt }));
      console.log(`${name}-${lang}: written`);
    }
  }
}

main().catch((e: unknown) => {
  console.error(e);
  process.exit(1);
});
