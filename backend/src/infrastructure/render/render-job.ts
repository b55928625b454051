/**
 * The documents the server renders, as jobs of plain data: what crosses to a render process
 * (structured clone, so no class instances or functions). The render process itself
 * (backend/src/render, at the top of the layers because it runs every feature's document
 * builder) turns a job into bytes with `runRenderJob`.
 */
import type { AdviceDocument, EveningDetail, Language } from '@buurtjury/shared';

/** One ticket card: its number on the sheet and its code. */
export interface TicketCard {
  number: number;
  code: string;
}

export type RenderJob =
  /** The advisory document in one language, as PDF and as DOCX (one job: both are served or stored together). */
  | { kind: 'advice'; document: AdviceDocument; issuedAt: Date; formats: readonly ('pdf' | 'docx')[] }
  | { kind: 'poster'; evening: EveningDetail; publicUrl: string }
  | { kind: 'ticket-cards'; evening: { title: string; joinCode: string; language: Language }; publicUrl: string; tickets: TicketCard[] }
  | { kind: 'score-cards'; evening: EveningDetail; perPitch: number };

/** The rendered files of a job, by format (`pdf`, `docx`). */
export type RenderResult = Partial<Record<'pdf' | 'docx', Uint8Array>>;

/** What a render process answers a job with. */
export type RenderReply = { id: number; ok: true; result: RenderResult } | { id: number; ok: false; message: string };
