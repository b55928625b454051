/** The states and kinds an evening and its parts go through; the REST shapes (`api/rest.ts`) use them. */

export type EveningStatus = 'draft' | 'frozen';

export const ACCESS_MODES = ['open', 'tickets'] as const;
/** open: anyone with the join code scores; tickets: each phone needs a single-use ticket code. */
export type AccessMode = (typeof ACCESS_MODES)[number];

export const TICKET_STATUSES = ['unused', 'in-use', 'released'] as const;
/** unused: not scanned yet; in-use: bound to the phone that used it first; released: the host freed it for another phone. */
export type TicketStatus = (typeof TICKET_STATUSES)[number];

export const PAPER_CARD_STATUSES = ['unentered', 'one-entry', 'agreed', 'disagreed'] as const;
/** A paper card counts only when two different moderators entered it identically ("agreed"). */
export type PaperCardStatus = (typeof PAPER_CARD_STATUSES)[number];

export const ADVICE_FILE_KINDS = ['pdf', 'docx'] as const;
export type AdviceFileKind = (typeof ADVICE_FILE_KINDS)[number];
