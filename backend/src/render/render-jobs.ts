/**
 * How a render process turns a job (infrastructure/render/render-job.ts) into bytes: the
 * document builders stay in their features; this only names them.
 */

import { renderAdviceDocx, renderAdvicePdf } from '../advice/render';
import { renderPdf } from '../pdf/pdf-renderer';
import { posterDocument } from '../poster/poster-document';
import { scoreCardsDocument } from '../paper/score-cards';
import { ticketCardsDocument } from '../tickets/ticket-cards';
import type { RenderJob, RenderResult } from '../infrastructure/render/render-job';

/** Renders a job in this process. Called by the render process; tests may call it directly. */
export async function runRenderJob(job: RenderJob): Promise<RenderResult> {
  switch (job.kind) {
    case 'advice': {
      const result: RenderResult = {};
      // One after the other: the job's memory budget is for one document at a time.
      if (job.formats.includes('pdf')) result.pdf = await renderAdvicePdf(job.document, { issuedAt: job.issuedAt });
      if (job.formats.includes('docx')) result.docx = await renderAdviceDocx(job.document, { issuedAt: job.issuedAt });
      return result;
    }
    case 'poster':
      return { pdf: await renderPdf(posterDocument(job.evening, job.publicUrl)) };
    case 'ticket-cards':
      return { pdf: await renderPdf(ticketCardsDocument(job.evening, job.publicUrl, job.tickets)) };
    case 'score-cards':
      return { pdf: await renderPdf(scoreCardsDocument(job.evening, job.perPitch)) };
  }
}
