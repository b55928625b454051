/** `Bearer <anything>`, as in an Authorization header. */
const BEARER = /\bBearer\s+\S+/gi;
/** A run of 40 or more base64url characters: every token this server hands out (and its SHA-256) is one. */
const TOKEN_LIKE = /[A-Za-z0-9_-]{40,}/g;

/** The text with bearer headers and anything shaped like a token masked. */
export function redactSecrets(text: string): string {
  return text.replace(BEARER, 'Bearer [redacted]').replace(TOKEN_LIKE, '[redacted]');
}

/**
 * What may be logged about an unexpected error: its stack (or message), masked by redactSecrets.
 * Never log the request, its body or its headers: they carry passwords and tokens.
 */
export function errorForLog(error: unknown): string {
  const text = error instanceof Error ? (error.stack ?? error.message) : typeof error === 'string' ? error : 'A non-Error value was thrown.';
  return redactSecrets(text);
}

/** Just the error's message, masked the same way, for one-line warnings. */
export function errorMessageForLog(error: unknown): string {
  return redactSecrets(error instanceof Error ? error.message : typeof error === 'string' ? error : 'A non-Error value was thrown.');
}
