/**
 * Pure helpers for the live-evening screens: the pitch clock, the level descriptor a phone shows,
 * number formatting. No state, no socket: the screens feed them what the server sent.
 */
import { rankedCount, type Language, type LiveResult, type LiveState, type PitchState, type Programme, type Scale, type ScaleLevel } from '@buurtjury/shared';

export type ProgrammeBidder = Programme['bidders'][number];
export type ProgrammeCriterion = Programme['criteria'][number];

/** What to add to the local clock to get the server's, measured when a state arrived. */
export function clockOffset(serverTime: string, receivedAt: number): number {
  const server = Date.parse(serverTime);
  return Number.isNaN(server) ? 0 : server - receivedAt;
}

export type TimerStage = 'pitch' | 'qa' | 'over';

export interface PitchClock {
  stage: TimerStage;
  /** Time left in the pitch or the questions; 0 once over. */
  remainingMs: number;
  /** Time past the end of the questions; 0 before. */
  overMs: number;
}

/** Where a presenting pitch is: the pitch itself, the questions after it, or over time. Null when not presenting. */
export function pitchClock(bidder: ProgrammeBidder, pitch: PitchState, serverNow: number): PitchClock | null {
  if (pitch.status !== 'presenting' || !pitch.startedAt) return null;
  const start = Date.parse(pitch.startedAt);
  if (Number.isNaN(start)) return null;
  const pitchEnd = start + bidder.pitchMinutes * 60_000;
  const qaEnd = pitchEnd + bidder.qaMinutes * 60_000;
  if (serverNow < pitchEnd) return { stage: 'pitch', remainingMs: pitchEnd - serverNow, overMs: 0 };
  if (serverNow < qaEnd) return { stage: 'qa', remainingMs: qaEnd - serverNow, overMs: 0 };
  return { stage: 'over', remainingMs: 0, overMs: serverNow - qaEnd };
}

/** Milliseconds left until an ISO moment on the server's clock (never negative), or null. */
export function msUntil(iso: string | null, serverNow: number): number | null {
  if (!iso) return null;
  const at = Date.parse(iso);
  return Number.isNaN(at) ? null : Math.max(0, at - serverNow);
}

/** A duration as `m:ss` (or `h:mm:ss`); counts whole seconds up, so a countdown shows 0:00 only at the end. */
export function formatDuration(ms: number, roundUp = true): string {
  const total = Math.max(0, roundUp ? Math.ceil(ms / 1000) : Math.floor(ms / 1000));
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = total % 60;
  const ss = String(s).padStart(2, '0');
  return h > 0 ? `${h}:${String(m).padStart(2, '0')}:${ss}` : `${m}:${ss}`;
}

/** What a grade means for this criterion: its own refinement, or else the scale's description. */
export function levelDescriptor(criterion: ProgrammeCriterion, level: ScaleLevel): string {
  const own = criterion.levelDescriptors[String(level.value)]?.trim();
  return own || level.description;
}

/** A mean grade with two decimals in the reader's language, or a dash. */
export function formatMean(value: number | null, language: Language): string {
  if (value === null) return '–';
  return new Intl.NumberFormat(language === 'en' ? 'en-GB' : 'nl-NL', { minimumFractionDigits: 2, maximumFractionDigits: 2 }).format(value);
}

/**
 * A majority grade as the advice prints it: the number, and on a verbal scale the highest scale
 * grade that at least half of the overall grades reach ("3,70 · minstens Voldoende").
 */
export function formatMajority(grade: number | null, level: number | null, scale: Scale, language: Language, atLeast: (label: string) => string): string {
  const { number, label } = majorityParts(grade, level, scale, language);
  return label ? `${number} · ${atLeast(label)}` : number;
}

/** The two parts of `formatMajority`: the number, and the scale label (verbal scales only). */
export function majorityParts(grade: number | null, level: number | null, scale: Scale, language: Language): { number: string; label: string | null } {
  if (grade === null) return { number: '–', label: null };
  const label = scale.kind === 'verbal' ? (scale.levels.find((l) => l.value === level)?.label ?? null) : null;
  return { number: formatMean(grade, language), label };
}

/** The pitch being presented now, with its bidder, or null. */
export function currentPitch(programme: Programme, state: LiveState): { bidder: ProgrammeBidder; pitch: PitchState } | null {
  if (!state.currentBidderId) return null;
  const bidder = programme.bidders.find((b) => b.id === state.currentBidderId);
  const pitch = state.pitches.find((p) => p.bidderId === state.currentBidderId);
  return bidder && pitch ? { bidder, pitch } : null;
}

/** The programme's bidders in running order, each with its live pitch state. */
export function runningOrder(programme: Programme, state: LiveState): { bidder: ProgrammeBidder; pitch: PitchState }[] {
  const byId = new Map(state.pitches.map((p) => [p.bidderId, p]));
  return [...programme.bidders]
    .sort((a, b) => a.position - b.position)
    .flatMap((bidder) => {
      const pitch = byId.get(bidder.id);
      return pitch ? [{ bidder, pitch }] : [];
    });
}

/** How many places the host can reveal: one per bidder with an overall grade (the advice's ranking). */
export function revealablePlaces(results: readonly LiveResult[] | undefined): number {
  return results ? rankedCount(results) : 0;
}

/** A ballot id: a UUID made on the phone (also where `crypto.randomUUID` is missing, on plain http). */
export function newBallotId(): string {
  if (typeof crypto.randomUUID === 'function') return crypto.randomUUID();
  const b = crypto.getRandomValues(new Uint8Array(16));
  b[6] = (b[6]! & 0x0f) | 0x40;
  b[8] = (b[8]! & 0x3f) | 0x80;
  const hex = [...b].map((x) => x.toString(16).padStart(2, '0')).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}
