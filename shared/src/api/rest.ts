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
  AwardFrame,
  DrawCommitment,
  EveningAnnounced,
} from '../domain/setup';
import type { Declarations } from '../domain/procedure';
import type { AccessMode, AdviceFileKind, EveningStatus, PaperCardStatus, TicketStatus } from '../domain/evening';
import type { InvitedRole, NetworkEventType, OrganiserRole } from '../domain/roles';
import type { ResultsReport } from '../results/types';
import type { AdviceContent } from '../advice/content';
import type { AdviceAuthorship } from '../advice/authorship';
import type { AdviceDocument } from '../advice/document';
import type { ErrorParams } from './errors';
import type { VerifyNote, VerifyReason } from '../audit/verify-reasons';

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
  /** Default co-organiser. */
  role?: InvitedRole;
  /** The language of the invitation mail (with SMTP_URL set); the inviter's interface language, Dutch by default. */
  language?: Language;
}

/**
 * What became of the mail that goes with a link: `off` without SMTP_URL (pass the link on
 * yourself), `sent` when the mail server accepted it, `failed` when it did not (the link exists
 * all the same; pass it on yourself).
 */
export type MailDelivery = 'off' | 'sent' | 'failed';

export interface InvitationView {
  id: string;
  email: string;
  role: InvitedRole;
  invitedBy: string;
  createdAt: string;
  expiresAt: string;
}

/** Returned once, on creation: the link holds the secret token, which is stored only hashed. */
export interface CreatedInvitationResponse extends InvitationView {
  inviteUrl: string;
  mail: MailDelivery;
}

/** What the public invite page may show before sign-up. */
export interface InvitationPreview {
  networkName: string;
  role: InvitedRole;
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

/** Changes a member's role. Only an owner may make someone owner or change an owner's role; a network always keeps an owner. */
export interface UpdateMemberRequest {
  role: OrganiserRole;
}

export interface ChangePasswordRequest {
  currentPassword: string;
  newPassword: string;
}

/** One log-in of the organiser (a browser or device that holds a session token). */
export interface SessionView {
  id: string;
  createdAt: string;
  expiresAt: string;
  /** The session this request was made with. */
  current: boolean;
}

export interface SessionsResponse {
  sessions: SessionView[];
}

export interface EndedSessionsResponse {
  /** How many sessions were ended (their open connections are closed too). */
  ended: number;
}

export interface NetworkEventView {
  id: string;
  type: NetworkEventType;
  /** Name of the organiser who made the change (kept when they are removed later). */
  actor: string;
  /** Name of the member it concerns. */
  subject: string;
  /** role-changed: from and to; member-removed: role; sessions-ended: count. */
  detail: Record<string, string | number>;
  at: string;
}

export interface MetaResponse {
  /** Base URL that phones use to reach this server (for QR codes and posters). */
  publicUrl: string;
  version: string;
  /** Days after an evening's advice is issued after which its personal data is deleted (RETENTION_DAYS). */
  retentionDays: number;
  /** Whether Buurtjury sends mail itself (SMTP_URL is set). */
  mail: boolean;
}

/** `GET /api/health/live`: the process is up and answering (for a container's or balancer's liveness check). */
export interface HealthLiveResponse {
  live: true;
}

/**
 * `GET /api/health/ready`: whether this node should get traffic: its database answers and it is
 * not stopping. 200 when ready, 503 when not. Redis (several nodes) is not a condition: without it
 * a node still stores and acknowledges every ballot, so it stays ready and says it is `degraded`
 * (broadcasts to other nodes wait, limits count in memory); see docs/architecture.md, Failures.
 */
export interface HealthReadyResponse {
  ready: boolean;
  /** Ready, but Redis cannot be reached: serving with reduced guarantees across nodes. */
  degraded: boolean;
  database: 'ok' | 'unreachable';
  redis: 'ok' | 'unreachable' | 'not-configured';
  stopping: boolean;
}

// ---------- evenings ----------

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
  /** The tender's own award criteria and whether the tender announced the evening; frozen with the setup. */
  award: AwardFrame;
  scale: Scale;
  bidders: Bidder[];
  criteria: Criterion[];
  orderMethod: OrderMethod;
  draws: LotDraw[];
  /** A seed committed to for the next draw (only its SHA-256), with the contributions so far; null when none. */
  drawCommitment: DrawCommitment | null;
  status: EveningStatus;
  frozenAt: string | null;
  frozenBy: string | null;
  /** SHA-256 (hex) of the canonical serialisation of the frozen setup, or null before freezing. */
  fingerprint: string | null;
  rules: EveningRules;
  /** Declarations of interest of the network, its moderators and the venue; part of the frozen setup. */
  declarations: Declarations;
  /**
   * When the first advice version was issued: from then on title, date, start time, venue and
   * language are sealed (a change is refused with 409 EVENING_SEALED), or null before that.
   */
  sealedAt: string | null;
  /** SHA-256 of the sealed frame's canonical text (setup + sealed details + rules), or null before the seal. */
  frameFingerprint: string | null;
  /**
   * The bidders' answers on their own pages (confirmed or declined to take part), by bidder id; not
   * part of the frozen setup. A declined bidder stands in the freeze checklist.
   */
  bidderResponses?: BidderResponseEntry[];
  createdAt: string;
  updatedAt: string;
}

/** A bidder's answer on its own page. */
export interface BidderResponseEntry {
  bidderId: string;
  response: 'confirmed' | 'declined';
  at: string;
}

/** Who may score; set before freezing and fixed with the setup. */
export interface EveningRules {
  accessMode: AccessMode;
  /**
   * The presence rule (on by default): a phone scores a pitch only when it joined no later than
   * `presenceGraceMinutes` after that pitch started; whoever joins later scores from the next pitch on.
   */
  presenceRule: boolean;
  /**
   * Minutes after a pitch's start within which a phone may still join and score it: 0 to
   * `LIMITS.presenceGraceMax`; new evenings 5. Evenings set up before this setting existed have 0
   * (the rule as it was then: only phones there at the start).
   */
  presenceGraceMinutes: number;
}

export interface CreateEveningRequest {
  title: string;
  language?: Language;
  venue?: string;
  date?: string;
  startTime?: string;
  tender?: Partial<Tender>;
}

/**
 * Copies an evening (frozen or not) as the start of a new one: its criteria, scale, rules and
 * tender come along; results, attendees, ballots, sign-ups and advice never do; the bidders
 * (name and contact person only) when `bidders` is true.
 */
export interface CopyEveningRequest {
  /** The new evening's title; the copied one's with "(kopie)"/"(copy)" by default. */
  title?: string;
  bidders: boolean;
}

/** Title, language, venue, date and start time may change after freezing; the tender and the rules may not. */
export interface UpdateEveningRequest {
  rules?: Partial<EveningRules>;
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

/** Replaces the award frame as a whole (before the freeze). */
export interface AwardRequest {
  criteria: { name: string; weight: number; description?: string }[];
  publishedIn?: string;
  eveningAnnounced: EveningAnnounced;
  announcedWhere?: string;
}

/** Commits to the seed of the next draw by its SHA-256 (the seed itself stays with the host until the draw). */
export interface DrawCommitRequest {
  hash: string;
}

/** A contribution to the committed draw: its text and who gives it. */
export interface DrawContributionRequest {
  text: string;
  by: string;
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
  /** Required when the evening admits by ticket: the code on the ticket card. */
  ticket?: string;
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
  /** The remark with names, e-mail and web addresses, handles, phone, bank account and BSN numbers masked. */
  text: string;
  /** How many parts were masked. */
  masked: number;
  /** Words in `text` that may still be a name (UTF-16 offsets): highlighted for the host, who confirms each quote. */
  possibleNames: { start: number; end: number }[];
  /** Identifies this masking of the remark; a `QuoteReview` holds it. */
  check: string;
  /** Typed on a phone, or written on a paper card (entered alike by two moderators). */
  channel: 'phone' | 'paper';
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
  /** SHA-256 of the frame this version was issued in (null for versions issued before frames existed). */
  frameFingerprint: string | null;
  /** Who issued it and to whom, as printed on its first page (null for versions issued before this was asked). */
  authorship: AdviceAuthorship | null;
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
  /**
   * The issuer saw which parts are empty and issues them as not written (see `emptyAdviceSections`).
   * Without it, a draft with such parts is refused: 422 ADVICE_EMPTY_SECTIONS, with the parts as `problems`.
   */
  acceptEmpty?: boolean;
  /** Who issues it, to whom, and where the committee's reply goes: printed on the first page. */
  authorship: AdviceAuthorship;
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
  /** The version whose document prints this link's address, or null for a link made by hand. */
  printedInVersion: number | null;
  openings: number;
  lastOpenedAt: string | null;
}

/** Only at creation: the link itself (the server keeps only a hash of its token). */
export interface CreatedCommitteeLinkResponse extends CommitteeLinkView {
  url: string;
  /** `off` also when no e-mail address was given. */
  mail: MailDelivery;
}

export interface CreateCommitteeLinkRequest {
  label: string;
  /** With SMTP_URL set: the link is mailed to this address (it is not stored). */
  email?: string;
  /** The mail's language; Dutch by default. */
  language?: Language;
}

export interface CommitteeAccessView {
  at: string;
  linkLabel: string;
  /** `opened` (the overview), `document` (the in-app view), or a file name that was downloaded. */
  action: string;
  version: number | null;
}

export interface CommitteeLinksResponse {
  /** Links made by hand, oldest first. */
  links: CommitteeLinkView[];
  /** The links whose address is printed in an issued version of the advice (one per version), oldest first; they can be withdrawn like the others. */
  printed: CommitteeLinkView[];
  accesses: CommitteeAccessView[];
}

/** What a committee member sees behind their link. */
export interface CommitteeOverview {
  evening: { title: string; date: string; venue: string; tenderName: string; municipality: string; committee: string; language: Language };
  network: string;
  versions: AdviceVersionView[];
  /** The sealed frame and the frozen setup, downloadable as `frame.json` and `setup.json` to recompute both fingerprints. */
  seal: { frameFingerprint: string | null; setupFingerprint: string | null; sealedAt: string | null };
}

// ---------- tickets ----------

/**
 * A ticket as the organisers see it. The code is not part of it: it exists only on the printed
 * card (the server keeps a hash), so nobody can read it back afterwards.
 */
export interface TicketView {
  id: string;
  /** Printed on the card, e.g. 007. */
  number: number;
  status: TicketStatus;
  /** When the card with the current code was printed (a reissue prints a new code and voids the old one). */
  issuedAt: string;
  /** How many times the card was printed again with a new code. */
  reissued: number;
  usedAt: string | null;
  releasedAt: string | null;
}

export interface TicketsResponse {
  accessMode: AccessMode;
  tickets: TicketView[];
}

/** Makes new tickets; the answer is the PDF with their cards, the only place their codes ever appear. */
export interface CreateTicketsRequest {
  /** How many new tickets to add (the numbers continue after the existing ones). */
  count: number;
}

/**
 * Prints unused tickets again with new codes (a lost or spoiled card, a download that failed);
 * their old codes stop working. The answer is the PDF with the new cards.
 */
export interface ReissueTicketsRequest {
  numbers: number[];
}

export interface ReleaseTicketRequest {
  /** Why the ticket is freed, for the audit trail (for example "phone battery empty"). */
  reason: string;
}

// ---------- paper ballots ----------

export interface PaperEntryView {
  id: string;
  enteredBy: string;
  /** Whether the person asking made this entry (only they may withdraw it). */
  mine: boolean;
  grades: Record<string, number>;
  remark: string;
  enteredAt: string;
}

export interface PaperCardView {
  bidderId: string;
  cardNumber: number;
  /** Printed on the card: pitch position and card number, e.g. "2-017". */
  label: string;
  status: PaperCardStatus;
  entries: PaperEntryView[];
  /** Criterion ids (and "remark") where the two entries differ. */
  differences: string[];
}

export interface PaperOverview {
  /** Cards printed per pitch. */
  cardsPerPitch: number;
  /** Whether entries are still accepted: until the evening ends. */
  open: boolean;
  /** When entry closed (the end of the evening), or null while it is open. */
  closedAt: string | null;
  /**
   * Per bidder id: the cards that existed when that pitch started (entries must name a card from 1
   * to this), or null while the pitch has not started.
   */
  cardsPerBidder: Record<string, number | null>;
  /** Cards with at least one entry. */
  cards: PaperCardView[];
  counted: Record<string, number>;
}

export interface PrintPaperCardsRequest {
  /** Cards per pitch; raising it adds cards, the existing numbers stay valid. */
  cardsPerPitch: number;
}

export interface PaperEntryRequest {
  bidderId: string;
  cardNumber: number;
  /** Criterion id to grade value, as ticked on the card; criteria left blank are omitted. */
  grades: Record<string, number>;
  remark?: string;
}

export interface PaperEntryResponse {
  card: PaperCardView;
}

// ---------- audit trail ----------

export interface AuditEntryView {
  sequence: number;
  type: string;
  /** Organiser name, "system", "attendee" (ballots: no identity) or "committee". */
  actor: string;
  /** For an organiser: their role in the network now, or `removed` for a member who was removed since. */
  actorRole?: OrganiserRole | 'removed';
  detail: Record<string, string | number | boolean | null>;
  at: string;
  previousHash: string;
  hash: string;
}

export interface AuditTrailResponse {
  entries: AuditEntryView[];
  head: string | null;
}

export interface VerificationCheck {
  name: string;
  ok: boolean;
  /** In English, for API clients and `npm run verify`: the notes joined. */
  detail: string;
  /** What the check found, one sentence each, as reasons with params for the UI's language (`verify.note.<reason>`). */
  notes: VerifyNote[];
}

/** The first entry that does not match: `problem` in English, `reason` and `params` for the UI's language. */
export interface VerificationMismatch {
  sequence: number;
  type: string;
  problem: string;
  reason: VerifyReason;
  params?: ErrorParams;
}

/** The outcome of recomputing an evening's audit chain and its tallies from the stored ballots. */
export interface VerificationReport {
  eveningId: string;
  ok: boolean;
  entries: number;
  /** Hash of the last entry. */
  head: string | null;
  checks: VerificationCheck[];
  /** The first entry that does not match, or null when everything matches. */
  firstMismatch: VerificationMismatch | null;
  verifiedAt: string;
}

// ---------- receipts ----------

/** What an attendee finds with their receipt code in the published anonymised record. */
export interface ReceiptLookupResponse {
  receipt: string;
  versionNumber: number;
  /** SHA-256 of the record.json it was found in (as listed in the advice). */
  recordSha256: string;
  /** Always true: an unknown receipt, an unknown code and an unpublished record all get 404 RECEIPT_NOT_FOUND (the same answer). */
  found: true;
  ballot: { voter: string; bidderName: string; channel: 'phone' | 'paper'; grades: { criterion: string; value: number; label: string }[] };
}
