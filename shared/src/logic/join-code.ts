/** Join codes avoid look-alike characters (0/O, 1/I/L) so they survive being read off a screen. */
export const JOIN_CODE_ALPHABET = 'ABCDEFGHJKMNPQRSTUVWXYZ23456789';
export const JOIN_CODE_LENGTH = 6;

/** Upper-cases and strips spaces and dashes, as people type codes in many ways. */
export function normaliseJoinCode(input: string): string {
  return input.toUpperCase().replace(/[\s-]/g, '');
}

export function isJoinCode(code: string): boolean {
  if (code.length !== JOIN_CODE_LENGTH) return false;
  for (const ch of code) if (!JOIN_CODE_ALPHABET.includes(ch)) return false;
  return true;
}

/** Builds a code from random bytes (the caller supplies them: crypto on the server). */
export function joinCodeFromBytes(bytes: Uint8Array): string {
  if (bytes.length < JOIN_CODE_LENGTH) throw new Error('not enough random bytes');
  let code = '';
  for (let i = 0; i < JOIN_CODE_LENGTH; i++) code += JOIN_CODE_ALPHABET[bytes[i]! % JOIN_CODE_ALPHABET.length];
  return code;
}

/** Ticket codes: 10 characters of the same alphabet (about 50 bits), shown in two groups of five. */
export const TICKET_CODE_LENGTH = 10;

export function isTicketCode(code: string): boolean {
  if (code.length !== TICKET_CODE_LENGTH) return false;
  for (const ch of code) if (!JOIN_CODE_ALPHABET.includes(ch)) return false;
  return true;
}

/** Builds a ticket code from random bytes (rejection sampling keeps the characters uniform). */
export function ticketCodeFromBytes(bytes: Uint8Array): string {
  const limit = 256 - (256 % JOIN_CODE_ALPHABET.length);
  let code = '';
  for (const b of bytes) {
    if (b >= limit) continue;
    code += JOIN_CODE_ALPHABET[b % JOIN_CODE_ALPHABET.length];
    if (code.length === TICKET_CODE_LENGTH) return code;
  }
  throw new Error('not enough random bytes');
}

/** "ABCDEFGHJK" as printed: "ABCDE-FGHJK". */
export function formatTicketCode(code: string): string {
  return `${code.slice(0, 5)}-${code.slice(5)}`;
}
