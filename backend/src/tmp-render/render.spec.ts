import { writeFileSync } from 'node:fs';
import { sampleAdviceDocument } from '@buurtjury/shared/testing';
import { renderAdvicePdf } from '../advice/render/pdf-document';
import { renderAdviceDocx } from '../advice/render/docx-document';

it('renders', async () => {
  const out = '/work/wt/i15-authorship-shots';
  for (const lang of ['nl', 'en'] as const) {
    const doc = sampleAdviceDocument(lang, { bidders: 4, criteria: 4, voters: 40 });
    writeFileSync(`${out}/advice-${lang}.pdf`, await renderAdvicePdf(doc, { issuedAt: new Date('2026-11-20T10:15:00Z') }));
    if (lang === 'nl') writeFileSync(`${out}/advice-${lang}.docx`, await renderAdviceDocx(doc, { issuedAt: new Date('2026-11-20T10:15:00Z') }));
  }
}, 300_000);
