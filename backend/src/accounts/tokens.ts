import { createHash, randomBytes } from 'node:crypto';

/** What a token this server hands out looks like (base64url); anything else is refused unread. */
export const TOKEN_PATTERN = /^[A-Za-z0-9_-]{20,200}$/;

export const DAY_MS = 24 * 60 * 60 * 1000;

/** A random bearer or invitation token (256 bits, URL-safe). */
export function newToken(): string {
  return randomBytes(32).toString('base64url');
}

/** Tokens are stored only as their SHA-256, so the database alone cannot be used to log in. */
export function tokenHash(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex');
}
