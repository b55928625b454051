/** Every refusal the API gives has this body, so a client can show `message` and branch on `code`. */
export interface ApiErrorBody {
  statusCode: number;
  code: ErrorCode;
  message: string;
  /** Individual problems, for example one per invalid field. */
  details?: string[];
}

export const ERROR_CODES = [
  'VALIDATION_FAILED',
  'UNAUTHENTICATED',
  'INVALID_CREDENTIALS',
  'FORBIDDEN',
  'NOT_FOUND',
  'EMAIL_TAKEN',
  'INVITATION_INVALID',
  'SETUP_FROZEN',
  'SETUP_INCOMPLETE',
  'EVENING_SEALED',
  'EVENING_NOT_OPEN',
  'EVENING_NOT_ENDED',
  'EVENING_ENDED',
  'DRAFT_CHANGED',
  'ADVICE_INCOMPLETE',
  'QUOTES_NOT_CONFIRMED',
  'ADVICE_NOT_ISSUED',
  'LINK_REVOKED',
  'TICKET_REQUIRED',
  'TICKET_INVALID',
  'TICKET_IN_USE',
  'PAPER_CARD_INVALID',
  'PAPER_SAME_MODERATOR',
  'PAPER_CLOSED',
  'PAPER_CARD_NOT_PRINTED',
  'INVALID_STATE',
  'WEIGHTS_INVALID',
  'SCALE_INVALID',
  'ORDER_INVALID',
  'DUPLICATE_NAME',
  'PAYLOAD_TOO_LARGE',
  'TOO_MANY_REQUESTS',
  'ACCOUNT_LOCKED',
  'PASSWORD_INCORRECT',
  'LAST_OWNER',
  'TICKET_RELEASED',
  'JOIN_BUSY',
  'RECEIPT_NOT_FOUND',
  'RENDER_BUSY',
  'RENDER_TOO_LARGE',
  'INTERNAL',
] as const;
export type ErrorCode = (typeof ERROR_CODES)[number];
