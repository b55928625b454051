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

/** 1: setup, title, date, start time, venue, language and rules. */
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
    rules: { accessMode: frame.rules.accessMode, presenceRule: frame.rules.presenceRule },
    setupFingerprint: sha256Hex(frame.setupCanonical),
    setup,
  };
  const text = canonicalize(doc);
  if (text === undefined) throw new Error('frame cannot be serialised');
  return text;
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
