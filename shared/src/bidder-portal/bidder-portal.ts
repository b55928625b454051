/**
 * The bidders' own page (issue 17): the host invites each bidder through a personal link; the
 * bidder confirms or declines, corrects its contact person, e-mail, pitch title and summary until
 * the setup is frozen, sees the frame every bidder sees, adds its own contribution to a committed
 * lot draw, and after the advice is issued reads its own feedback sheet. Types of the API and the
 * pure parts (planned time slots, the feedback sheet taken from an issued version).
 */
import type { MailDelivery } from '../api/rest';
import type { AdviceDocument, DocBlock, DocText } from '../advice/document';
import type { AccessMode } from '../domain/evening';
import type { Language, OrderMethod, Scale } from '../domain/setup';
import type { ResultsReport } from '../results/types';
import { AUTHORSHIP_TEXTS } from '../advice/authorship-texts';

export type BidderResponse = 'confirmed' | 'declined';
/** Where the host stands with one bidder: no link yet, a link sent, opened, and the bidder's answer. */
export type BidderInviteStatus = 'not-invited' | 'invited' | 'opened' | 'confirmed' | 'declined';

/** The host's view of one bidder's link and answers. */
export interface BidderLinkView {
  bidderId: string;
  status: BidderInviteStatus;
  /** The bidder's contact e-mail (given by the host, corrected by the bidder). */
  email: string | null;
  language: Language;
  /** The current link: when it was made, until when it works; null when there is none (never invited, or revoked). */
  invitedAt: string | null;
  expiresAt: string | null;
  /** Whether the latest link was revoked (the bidder's page then answers 410). */
  revoked: boolean;
  firstOpenedAt: string | null;
  lastOpenedAt: string | null;
  openings: number;
  response: BidderResponse | null;
  respondedAt: string | null;
  /** The bidder's last change of its details on its page: when and which fields. */
  lastChange: { at: string; fields: BidderDetailField[] } | null;
}

export interface BidderLinksOverview {
  /** Whether Buurtjury sends mail itself (SMTP_URL); without it the host copies the link. */
  mail: boolean;
  bidders: BidderLinkView[];
}

export interface InviteBidderRequest {
  /** The bidder's contact e-mail; with SMTP_URL the link is mailed to it. Null or absent: copy the link. */
  email?: string | null;
  /** The language of the mail and of the page at first. */
  language?: Language;
}

export interface CreatedBidderLinkResponse {
  link: BidderLinkView;
  /** The personal link; shown once, only its SHA-256 is stored. */
  url: string;
  mail: MailDelivery;
}

export interface BidderRespondRequest {
  response: BidderResponse;
}

export const BIDDER_DETAIL_FIELDS = ['contactPerson', 'email', 'pitchTitle', 'pitchSummary'] as const;
export type BidderDetailField = (typeof BIDDER_DETAIL_FIELDS)[number];

export interface BidderDetailsRequest {
  contactPerson: string;
  /** Empty string for none. */
  email: string;
  pitchTitle: string;
  pitchSummary: string;
}

export interface BidderContributionRequest {
  text: string;
}

/** One pitch in the running order with its planned time slot (null without a start time). */
export interface PlannedSlot {
  position: number;
  bidderId: string;
  name: string;
  pitchTitle: string;
  pitchMinutes: number;
  qaMinutes: number;
  /** HH:MM, planned from the evening's start time and the minutes before it. */
  start: string | null;
  end: string | null;
}

/** What a bidder sees on its page: its own details, and the frame every bidder sees alike. */
export interface BidderPageView {
  bidder: {
    id: string;
    name: string;
    contactPerson: string;
    email: string | null;
    pitchTitle: string;
    pitchSummary: string;
    pitchMinutes: number;
    qaMinutes: number;
  };
  response: BidderResponse | null;
  respondedAt: string | null;
  /** Whether the bidder can still answer and change its details (until the setup is frozen). */
  editable: boolean;
  frozenAt: string | null;
  fingerprint: string | null;
  expiresAt: string;
  language: Language;
  evening: {
    title: string;
    networkName: string;
    date: string;
    startTime: string;
    venue: string;
    language: Language;
    tenderName: string;
    municipality: string;
  };
  criteria: { name: string; explanation: string; weight: number; levelDescriptors: Record<string, string> }[];
  scale: Scale;
  rules: { accessMode: AccessMode; presenceRule: boolean; presenceGraceMinutes: number };
  orderMethod: OrderMethod;
  runningOrder: PlannedSlot[];
  /** A committed lot draw that takes contributions, or null. */
  draw: {
    hash: string;
    committedAt: string;
    contributions: number;
    /** This bidder's own contribution (one per bidder), or null. */
    own: { text: string; addedAt: string } | null;
  } | null;
  /** The issued advice's latest version number, when there is one: the feedback sheet is available. */
  adviceVersion: number | null;
}

/** One criterion on the feedback sheet: the bidder's merit profile and median grade as the issued results report them. */
export interface FeedbackCriterion {
  name: string;
  weight: number;
  ballots: number;
  /** Best grade first. */
  profile: { value: number; label: string; count: number }[];
  median: number | null;
  medianLabel: string | null;
}

/** A bidder's own feedback sheet, taken from an issued version of the advice. Never another bidder's data. */
export interface BidderFeedbackView {
  version: number;
  issuedAt: string;
  language: Language;
  bidderName: string;
  ballots: number;
  overallGrades: number;
  majorityGrade: number | null;
  majorityLabel: string | null;
  /** The place in the advice's ranking (majority judgment); null when unranked. `shared` counts the other bidders on the same place. */
  place: { place: number; shared: number; ranked: number } | null;
  criteria: FeedbackCriterion[];
  /** The line on the remarks as the issued document prints it for this bidder, and the quotes it prints (masked, confirmed by the host). */
  remarksLine: string | null;
  quotes: { text: string; source: string | null }[];
}

const toMinutes = (hhmm: string): number | null => {
  const m = /^(\d{2}):(\d{2})$/.exec(hhmm);
  return m ? Number(m[1]) * 60 + Number(m[2]) : null;
};
const clock = (minutes: number): string => {
  const day = ((minutes % 1440) + 1440) % 1440;
  return `${String(Math.floor(day / 60)).padStart(2, '0')}:${String(day % 60).padStart(2, '0')}`;
};

/** The planned time slots: each pitch starts when the previous pitch and its questions end. */
export function plannedSlots(
  startTime: string,
  bidders: readonly { id: string; position: number; name: string; pitchTitle: string; pitchMinutes: number; qaMinutes: number }[],
): PlannedSlot[] {
  let at = toMinutes(startTime);
  return [...bidders]
    .sort((a, b) => a.position - b.position)
    .map((b) => {
      const start = at;
      const end = start === null ? null : start + b.pitchMinutes + b.qaMinutes;
      at = end;
      return {
        position: b.position,
        bidderId: b.id,
        name: b.name,
        pitchTitle: b.pitchTitle,
        pitchMinutes: b.pitchMinutes,
        qaMinutes: b.qaMinutes,
        start: start === null ? null : clock(start),
        end: end === null ? null : clock(end),
      };
    });
}

const plain = (t: DocText): string => (typeof t === 'string' ? t : t.map((r) => r.text).join(''));

/**
 * The bidder's own page in an issued document: the blocks from its level-2 heading (its name) to
 * the next level-2 heading. From there only the remarks line and the quotes are taken: the rest of
 * the page compares the bidder with others by name.
 */
function ownRemarks(document: AdviceDocument, bidderName: string, remarksHeading: string): { line: string | null; quotes: { text: string; source: string | null }[] } {
  for (const section of document.sections) {
    for (const [start, block] of section.blocks.entries()) {
      if (block.kind !== 'heading' || block.level !== 2 || block.text !== bidderName) continue;
      const rest = section.blocks.slice(start + 1);
      const end = rest.findIndex((b) => b.kind === 'heading' && b.level === 2);
      const page: DocBlock[] = end < 0 ? rest : rest.slice(0, end);
      const heading = page.findIndex((b) => b.kind === 'heading' && b.text === remarksHeading);
      if (heading < 0) continue;
      const after = page.slice(heading + 1);
      const next = after[0];
      const line = next && next.kind === 'paragraph' ? plain(next.text) : null;
      const quotes = after.flatMap((b) => (b.kind === 'quote' ? [{ text: b.text, source: b.source ?? null }] : []));
      return { line, quotes };
    }
  }
  return { line: null, quotes: [] };
}

/**
 * A bidder's feedback sheet from an issued version: its results from the version's results.json
 * (the headline section, every counted ballot) and its remarks from the version's document. Only
 * this bidder's numbers: of the ranking only its own place and how many share it.
 */
export function bidderFeedback(input: {
  version: number;
  issuedAt: string;
  language: Language;
  results: ResultsReport;
  document: AdviceDocument;
  bidderId: string;
}): BidderFeedbackView | null {
  const { results, bidderId } = input;
  const bidder = results.bidders.find((b) => b.id === bidderId);
  const own = results.all.bidders.find((b) => b.bidderId === bidderId);
  if (!bidder || !own) return null;
  const label = (value: number | null): string | null => (value === null ? null : (results.scale.levels.find((l) => l.value === value)?.label ?? null));
  const entry = results.all.ranking.find((r) => r.bidderId === bidderId);
  const remarks = ownRemarks(input.document, bidder.name, AUTHORSHIP_TEXTS[input.document.lang].remarks.quotes);
  return {
    version: input.version,
    issuedAt: input.issuedAt,
    language: input.language,
    bidderName: bidder.name,
    ballots: own.ballots,
    overallGrades: own.overallGrades,
    majorityGrade: own.majorityGrade,
    majorityLabel: label(own.majorityLevel),
    place: entry ? { place: entry.place, shared: entry.tiedWith.length, ranked: results.all.ranking.length } : null,
    criteria: own.criteria.map((c) => {
      const criterion = results.criteria.find((x) => x.id === c.criterionId);
      return {
        name: criterion?.name ?? '',
        weight: criterion?.weight ?? 0,
        ballots: c.ballots,
        profile: c.distribution.map((d) => ({ value: d.value, label: d.label, count: d.count })),
        median: c.median,
        medianLabel: c.median !== null && Number.isInteger(c.median) ? label(c.median) : null,
      };
    }),
    remarksLine: remarks.line,
    quotes: remarks.quotes,
  };
}
