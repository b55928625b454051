/**
 * The documents the server renders, as jobs of plain data: what crosses to a render process
 * (structured clone, so no class instances or functions) and how the render process turns it into bytes.
 * The renderers themselves stay where they are; this only names them.
 */

import type { AdviceDocument, EveningDetail, Language } from '@buurtjury/shared';
import { renderAdviceDocx, renderAdvicePdf } from '../advice/render';
import { renderPdf } from '../pdf/pdf-renderer';
import { posterDocument } from '../poster/poster-document';
import { scoreCardsDocument } from '../paper/score-cards';
import { ticketCardsDocument, type TicketCard } from '../tickets/ticket-cards';

export type RenderJob =
  /** The advisory document in one language, as PDF and as DOCX (one job: both are served or stored together). */
  | { kind: 'advice'; document: AdviceDocument; issuedAt: Date; formats: readonly ('pdf' | 'docx')[] }
  | { kind: 'poster'; evening: EveningDetail; publicUrl: string }
  | { kind: 'ticket-cards'; evening: { title: string; joinCode: string; language: Language }; publicUrl: string; tickets: TicketCard[] }
  | { kind: 'score-cards'; evening: EveningDetail; perPitch: number };

/** The rendered files of a job, by format (`pdf`, `docx`). */
export type RenderResult = Partial<Record<'pdf' | 'docx', Uint8Array>>;

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
