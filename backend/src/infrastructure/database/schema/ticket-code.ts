import { createHash } from 'node:crypto';

/**
 * What the server keeps of a ticket code: its SHA-256 with the evening, so the code itself exists
 * only on the printed card (and in its QR link) and nobody can read it back from the API or the
 * database. A phone's code is found by hashing what it sends.
 */
export function ticketCodeHash(eveningId: string, code: string): string {
  return createHash('sha256').update(`buurtjury-ticket\n${eveningId}\n${code}`, 'utf8').digest('hex');
}
