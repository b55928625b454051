import { LIMITS } from '../domain/limits';
import { isUuid } from '../logic/ids';
import type { SocketError } from './events';
import { REMARK_MAX } from './ballot-rules';
import { cleanText } from '../text/unicode';
import type { BallotSubmission } from './types';

const KEYS = new Set(['ballotId', 'bidderId', 'grades', 'remark']);

export type ParsedBallot = { ok: true; value: BallotSubmission } | { ok: false; error: SocketError };

const refuse = (message: string): ParsedBallot => ({ ok: false, error: { code: 'INVALID_PAYLOAD', message: `The ballot is not valid: ${message}` } });

/**
 * Checks the shape of a ballot message: ids are UUIDs, grades map criterion ids to whole numbers,
 * an optional remark of at most 1,000 characters, nothing else. The remark comes back cleaned
 * (`cleanText`: well-formed, NFC, no control characters or bidirectional overrides) and trimmed,
 * so the server hashes and stores the same text. A plain function rather than a
 * class-validator DTO because it runs for every ballot of a full room (see docs/performance.md);
 * the phone can run the same check before sending. Whether the ballot fits the evening is
 * `checkBallot`'s business.
 */
export function parseBallotSubmission(raw: unknown): ParsedBallot {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) return refuse('send an object.');
  const r = raw as Record<string, unknown>;
  for (const key of Object.keys(r)) if (!KEYS.has(key)) return refuse(`unknown field ${key}.`);
  const { ballotId, bidderId, grades, remark } = r;
  if (typeof ballotId !== 'string' || !isUuid(ballotId)) return refuse('ballotId must be a UUID made on the phone.');
  if (typeof bidderId !== 'string' || !isUuid(bidderId)) return refuse('bidderId must be a bidder id.');
  if (typeof grades !== 'object' || grades === null || Array.isArray(grades)) return refuse('grades must map criterion ids to grades.');
  const entries = Object.entries(grades);
  if (entries.length > LIMITS.criteriaMax) return refuse(`at most ${LIMITS.criteriaMax} grades.`);
  for (const [criterionId, grade] of entries) {
    if (!isUuid(criterionId) || !Number.isInteger(grade)) return refuse('grades must map criterion ids to whole numbers.');
  }
  const text = typeof remark === 'string' ? cleanText(remark).trim() : undefined;
  if (remark !== undefined && (text === undefined || text.length > REMARK_MAX)) {
    return refuse(`remark is text of at most ${REMARK_MAX} characters.`);
  }
  return {
    ok: true,
    value: { ballotId, bidderId, grades: { ...(grades as Record<string, number>) }, ...(text !== undefined ? { remark: text } : {}) },
  };
}
