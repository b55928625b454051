/**
 * Request and response shapes of the REST API under `/api`. The backend's DTO classes implement
 * the request interfaces (so validation and these types cannot drift) and its mappers return the
 * response interfaces. The frontend's API client is typed with the same interfaces.
 */
import type {
  Bidder,
  Criterion,
  Language,
  LotDraw,
  OrderMethod,
  Scale,
  ScaleKind,
  ScaleLevel,
  Tender,
} from '../domain/setup';
import type { ResultsReport } from '../results/types';
import type { AdviceContent } from '../advice/content';
import type { AdviceDocument } from '../advice/document';

/** Length and range limits, shared so forms and validation agree. */
export const LIMITS = {
  emailMax: 254,
  passwordMin: 10,
  passwordMax: 200,
  nameMax: 120,
  titleMax: 200,
  textMax: 4000,
  shortTextMax: 300,
  pitchMinutesMax: 120,
  qaMinutesMax: 120,
  biddersMax: 30,
  criteriaMax: 12,
  scaleLevelsMin: 2,
  scaleLevelsMax: 10,
  seedMax: 100,
} as const;

export const ORGANISER_ROLES = ['owner', 'co-organiser'] as const;
export type OrganiserRole = (typeof ORGANISER_ROLES)[number];

// ---------- accounts ----------

export interface SignUpRequest {
  email: string;
  password: string;
  displayName: string;
  /** Name of the new resident network; required unless `inviteToken` is given. */
  networkName?: string;
  /** Joins the inviting network as co-organiser instead of creating a new one. */
  inviteToken?: string;
}

export interface LoginRequest {
  email: string;
  password: string;
}

export interface OrganiserView {
  id: string;
  email: string;
  displayName: string;
  role: OrganiserRole;
}

export interface NetworkView {
  id: string;
  name: string;
}

export interface SessionResponse {
  /** Bearer token: send as `Authorization: Bearer <token>`. */
  token: string;
  expiresAt: string;
  organiser: OrganiserView;
  network: NetworkView;
}

export interface MeResponse {
  organiser: OrganiserView;
  network: NetworkView;
}

export interface CreateInvitationRequest {
  email: string;
}

export interface InvitationView {
  id: string;
  email: string;
  invitedBy: string;
  createdAt: string;
  expiresAt: string;
}

/** Returned once, on creation: the link holds the secret token, which is stored only hashed. */
export interface CreatedInvitationResponse extends InvitationView {
  inviteUrl: string;
}

/** What the public invite page may show before sign-up. */
export interface InvitationPreview {
  networkName: string;
  email: string;
  expiresAt: string;
}

export interface MemberView {
  id: string;
  email: string;
  displayName: string;
  role: OrganiserRole;
  joinedAt: string;
}

export interface MetaResponse {
  /** Base URL that phones use to reach this server (for QR codes and posters). */
  publicUrl: string;
  version: string;
  /** Days after an evening's advice is issued after which its personal data is deleted (RETENTION_DAYS). */
  retentionDays: number;
}

// ---------- evenings ----------

export type EveningStatus = 'draft' | 'frozen';

export interface EveningSummary {
  id: string;
  title: string;
  joinCode: string;
  date: string;
  startTime: string;
  venue: string;
  language: Language;
  tenderName: string;
  municipality: string;
  status: EveningStatus;
  bidderCount: number;
  criterionCount: number;
}

export interface EveningDetail {
  id: string;
  title: string;
  joinCode: string;
  language: Language;
  venue: string;
  /** `YYYY-MM-DD` or empty. */
  date: string;
  /** `HH:MM` or empty. */
  startTime: string;
  tender: Tender;
  scale: Scale;
  bidders: Bidder[];
  criteria: Criterion[];
  orderMethod: OrderMethod;
  draws: LotDraw[];
  status: EveningStatus;
  frozenAt: string | null;
  frozenBy: string | null;
  /** SHA-256 (hex) of the canonical serialisation of the frozen setup, or null before freezing. */
  fingerprint: string | null;
  createdAt: string;
  updatedAt: string;
}

export interface CreateEveningRequest {
  title: string;
  language?: Language;
  venue?: string;
  date?: string;
  startTime?: string;
  tender?: Partial<Tender>;
}

/** Title, language, venue, date and start time may change after freezing; the tender may not (it is part of the fingerprint). */
export interface UpdateEveningRequest {
  title?: string;
  language?: Language;
  venue?: string;
  date?: string;
  startTime?: string;
  tender?: Partial<Tender>;
}

export interface BidderInput {
  name: string;
  contactPerson?: string;
  pitchTitle?: string;
  pitchSummary?: string;
  pitchMinutes: number;
  qaMinutes?: number;
}
export type UpdateBidderRequest = Partial<BidderInput>;

export interface RunningOrderRequest {
  bidderIds: string[];
}

export interface DrawRequest {
  /** Optional seed, for example the numbers of dice thrown in public; a random one is made if absent. */
  seed?: string;
}

export interface CriterionInput {
  name: string;
  explanation?: string;
  weight: number;
  awardCriterion?: string;
  levelDescriptors?: Record<string, string>;
}
export type UpdateCriterionRequest = Partial<CriterionInput>;

export interface CriteriaOrderRequest {
  criterionIds: string[];
}

export interface WeightsRequest {
  weights: { criterionId: string; weight: number }[];
}

export interface ScaleRequest {
  kind: ScaleKind;
  levels: ScaleLevel[];
}

/** The exact text whose SHA-256 is the fingerprint, so anyone can recompute it. */
export interface FingerprintResponse {
  fingerprint: string;
  algorithm: 'SHA-256 over RFC 8785 (JCS) canonical JSON';
  canonical: string;
}

// ---------- attendees ----------

export interface JoinRequest {
  joinCode: string;
  /** The token this phone got before for this evening, to stay the same anonymous voter. */
  attendeeToken?: string;
}

export interface JoinResponse {
  /** Keep on the phone; pass as `attendeeToken` in the socket's auth. */
  attendeeToken: string;
  eveningId: string;
  joinCode: string;
}

// ---------- results ----------

export interface ResultsResponse {
  /** SHA-256 of the report's canonical JSON (`resultsJson`). */
  fingerprint: string;
  report: ResultsReport;
}

// ---------- advice ----------

/** An attendee's remark about a bidder, masked, offered as a quote. */
export interface RemarkSuggestion {
  /** Opaque id; pass it in `BidderAdvice.quoteIds` to quote the remark. */
  id: string;
  bidderId: string;
  /** The remark with names, e-mail addresses and phone numbers masked. */
  text: string;
  /** How many parts were masked. */
  masked: number;
}

export interface AdviceDraftView {
  content: AdviceContent;
  /** Goes up by one with every save; a save must name the revision it started from. */
  revision: number;
  updatedAt: string | null;
  updatedBy: string | null;
}

export interface SaveAdviceRequest {
  content: AdviceContent;
  /** The revision the edit started from; 409 DRAFT_CHANGED when someone saved in between. */
  revision: number;
}

export const ADVICE_FILE_KINDS = ['pdf', 'docx'] as const;
export type AdviceFileKind = (typeof ADVICE_FILE_KINDS)[number];

/** One downloadable file of an issued version. */
export interface AdviceFileView {
  /** File name, also the last part of its download path, e.g. `advies-v2-nl.pdf`. */
  name: string;
  kind: AdviceFileKind | 'record-json' | 'record-csv' | 'results-json';
  language: Language | null;
  bytes: number;
  sha256: string;
}

export interface AdviceVersionView {
  number: number;
  issuedAt: string;
  issuedBy: string;
  /** What this version corrects, for versions after the first. */
  note: string;
  /** SHA-256 of the main document: the PDF in the evening's language. */
  documentSha256: string;
  /** SHA-256 of the anonymised ballot record (`record.json`). */
  recordSha256: string;
  /** SHA-256 of the results (`results.json`). */
  resultsSha256: string;
  setupFingerprint: string;
  files: AdviceFileView[];
}

export interface AdviceWorkspaceResponse {
  draft: AdviceDraftView;
  remarks: RemarkSuggestion[];
  versions: AdviceVersionView[];
  /** The evening's language: the main edition. */
  language: Language;
}

export interface IssueAdviceRequest {
  /** The draft revision the organiser saw; 409 DRAFT_CHANGED when it is no longer the latest. */
  revision: number;
  /** Required for a second or later version: what it corrects. */
  note?: string;
}

export interface AdviceDocumentResponse {
  document: AdviceDocument;
}

export interface CommitteeLinkView {
  id: string;
  label: string;
  createdAt: string;
  createdBy: string;
  revokedAt: string | null;
  openings: number;
  lastOpenedAt: string | null;
}

/** Only at creation: the link itself (the server keeps only a hash of its token). */
export interface CreatedCommitteeLinkResponse extends CommitteeLinkView {
  url: string;
}

export interface CreateCommitteeLinkRequest {
  label: string;
}

export interface CommitteeAccessView {
  at: string;
  linkLabel: string;
  /** `opened` (the overview), `document` (the in-app view), or a file name that was downloaded. */
  action: string;
  version: number | null;
}

export interface CommitteeLinksResponse {
  links: CommitteeLinkView[];
  accesses: CommitteeAccessView[];
}

/** What a committee member sees behind their link. */
export interface CommitteeOverview {
  evening: { title: string; date: string; venue: string; tenderName: string; municipality: string; committee: string; language: Language };
  network: string;
  versions: AdviceVersionView[];
}
