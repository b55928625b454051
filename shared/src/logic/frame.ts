import canonicalize from 'canonicalize';
import type { EveningRules } from '../api/rest';
import type { Language } from '../domain/setup';
import { sha256Hex } from './fingerprint';

/**
 * The frame an advice is issued in: the frozen setup (by its own canonical text) plus the details
 * of the evening that the document prints and that may still change between the freeze and the
 * first issued version (title, date, start time, venue, language) and the access rules. It is
 * sealed when the first version is issued; from then on those details cannot change (409
 * EVENING_SEALED) and every version carries the same frame fingerprint.
 *
 * The setup fingerprint itself (format `buurtjury-setup`, see fingerprint.ts) is unchanged and keeps
 * its own version field, so evenings frozen before the frame existed still verify as they did.
 */
export interface EveningFrame {
  eveningId: string;
  title: string;
  date: string;
  startTime: string;
  venue: string;
  language: Language;
  rules: EveningRules;
  /** The exact canonical text of the frozen setup (what the setup fingerprint is the SHA-256 of). */
  setupCanonical: string;
}

/** 1: setup, title, date, start time, venue, language and rules (the presence rule's grace only when it is not 0). */
export const FRAME_FORMAT_VERSION = 1;

/** The details of the evening the seal fixes (changing any of them after the first issue is refused). */
export const SEALED_DETAILS = ['title', 'date', 'startTime', 'venue', 'language'] as const;
export type SealedDetail = (typeof SEALED_DETAILS)[number];

/**
 * The canonical text of a frame: JSON canonicalised per RFC 8785 (JCS). The setup is embedded as
 * the object its canonical text describes, so `canonicalize(frame.setup)` gives the setup's text
 * back byte for byte and its SHA-256 is the setup fingerprint.
 */
export function canonicalFrame(frame: EveningFrame): string {
  const setup = JSON.parse(frame.setupCanonical) as unknown;
  const doc = {
    format: 'buurtjury-frame',
    version: FRAME_FORMAT_VERSION,
    eveningId: frame.eveningId,
    evening: { title: frame.title, date: frame.date, startTime: frame.startTime, venue: frame.venue, language: frame.language },
    rules: frameRules(frame.rules),
    setupFingerprint: sha256Hex(frame.setupCanonical),
    setup,
  };
  const text = canonicalize(doc);
  if (text === undefined) throw new Error('frame cannot be serialised');
  return text;
}

/**
 * The rules as the frame states them. The grace of the presence rule is written only when it is
 * not 0: a grace of 0 is the presence rule as it was before the grace existed, so the frames (and
 * fingerprints) of evenings sealed before then stay exactly what they were, and a frame with a
 * grace says so in so many words.
 */
function frameRules(rules: EveningRules): Record<string, string | boolean | number> {
  const out: Record<string, string | boolean | number> = { accessMode: rules.accessMode, presenceRule: rules.presenceRule };
  if (rules.presenceGraceMinutes > 0) out.presenceGraceMinutes = rules.presenceGraceMinutes;
  return out;
}

/** SHA-256 (lower-case hex) of the frame's canonical text. */
export function frameFingerprint(frame: EveningFrame): string {
  return sha256Hex(canonicalFrame(frame));
}

/** The setup's canonical text inside a frame's canonical text, for the second check. */
export function setupTextOfFrame(frameText: string): string {
  const parsed = JSON.parse(frameText) as { setup?: unknown };
  const text = canonicalize(parsed.setup);
  if (text === undefined) throw new Error('frame has no setup');
  return text;
}
