/**
 * The one typed client for the REST API under /api. Requests and responses use the shared
 * interfaces; a refusal throws an ApiError carrying the server's ApiErrorBody.
 */
import type {
  ExpectedAttendanceResponse,
  AdviceDocument,
  AdviceDocumentResponse,
  AdviceDraftView,
  AdviceVersionView,
  AdviceWorkspaceResponse,
  ApiErrorBody,
  AuditTrailResponse,
  BidderInput,
  ChangePasswordRequest,
  CommitteeLinksResponse,
  CommitteeLinkView,
  CommitteeOverview,
  CreatedCommitteeLinkResponse,
  CreatedInvitationResponse,
  CreateEveningRequest,
  EndedSessionsResponse,
  CriterionInput,
  EveningDetail,
  EveningSummary,
  FingerprintResponse,
  InvitationPreview,
  InvitationView,
  InvitedRole,
  JoinRequest,
  JoinResponse,
  LoginRequest,
  MemberView,
  MeResponse,
  NetworkEventView,
  OrganiserRole,
  IssueAdviceRequest,
  Language,
  MetaResponse,
  PaperEntryRequest,
  PaperEntryResponse,
  PaperOverview,
  ReceiptLookupResponse,
  ResultsResponse,
  SaveAdviceRequest,
  ScaleRequest,
  SessionResponse,
  SessionsResponse,
  SignUpRequest,
  TicketsResponse,
  TicketView,
  UpdateBidderRequest,
  UpdateCriterionRequest,
  UpdateEveningRequest,
  VerificationReport,
} from '@buurtjury/shared';

const TOKEN_KEY = 'buurtjury.token';

export class ApiError extends Error {
  readonly body: ApiErrorBody;
  /** Seconds the server asked to wait (`Retry-After` of a 429), or null. */
  readonly retryAfter: number | null;
  constructor(body: ApiErrorBody, retryAfter: number | null = null) {
    super(body.message);
    this.name = 'ApiError';
    this.body = body;
    this.retryAfter = retryAfter;
  }
}

/** The wait a refusal asked for (`Retry-After`, in seconds), or null. */
export function retryAfterOf(error: unknown): number | null {
  return error instanceof ApiError ? error.retryAfter : null;
}

/** Turns anything thrown into an ApiErrorBody the UI can show. */
export function errorBody(error: unknown): ApiErrorBody {
  if (error instanceof ApiError) return error.body;
  return { statusCode: 0, code: 'INTERNAL', message: error instanceof Error ? error.message : String(error) };
}

export function getToken(): string | null {
  try {
    return localStorage.getItem(TOKEN_KEY);
  } catch {
    return null;
  }
}

export function setToken(token: string | null): void {
  try {
    if (token) localStorage.setItem(TOKEN_KEY, token);
    else localStorage.removeItem(TOKEN_KEY);
  } catch {
    // storage unavailable (private mode): the session lasts until the page is reloaded
  }
}

let unauthorizedHandler: () => void = () => {};

/** Called when an authenticated request comes back 401 (after the token has been cleared). */
export function onUnauthorized(handler: () => void): void {
  unauthorizedHandler = handler;
}

type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

/** `anonymous`: send no bearer token (the committee's public pages). */
async function send(method: Method, path: string, body?: unknown, anonymous = false): Promise<Response> {
  const token = anonymous ? null : getToken();
  const headers: Record<string, string> = { Accept: 'application/json' };
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  if (token) headers.Authorization = `Bearer ${token}`;
  let response: Response;
  try {
    response = await fetch(`/api${path}`, {
      method,
      headers,
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  } catch (error) {
    throw new ApiError({
      statusCode: 0,
      code: 'INTERNAL',
      message: error instanceof Error ? error.message : 'Network error',
    });
  }
  if (!response.ok) {
    const errorBodyFromServer = await readError(response);
    if (response.status === 401 && token) {
      setToken(null);
      unauthorizedHandler();
    }
    const retryAfter = Number(response.headers.get('Retry-After'));
    throw new ApiError(errorBodyFromServer, Number.isFinite(retryAfter) && retryAfter > 0 ? retryAfter : null);
  }
  return response;
}

async function readError(response: Response): Promise<ApiErrorBody> {
  try {
    const parsed = (await response.json()) as Partial<ApiErrorBody>;
    if (parsed && typeof parsed.message === 'string' && typeof parsed.code === 'string') {
      return {
        statusCode: parsed.statusCode ?? response.status,
        code: parsed.code,
        message: parsed.message,
        ...(Array.isArray(parsed.details) ? { details: parsed.details } : {}),
      };
    }
  } catch {
    // not JSON
  }
  return { statusCode: response.status, code: 'INTERNAL', message: response.statusText || `HTTP ${response.status}` };
}

async function json<T>(method: Method, path: string, body?: unknown): Promise<T> {
  const response = await send(method, path, body);
  if (response.status === 204) return undefined as T;
  return (await response.json()) as T;
}

async function blob(path: string): Promise<Blob> {
  const response = await send('GET', path);
  return response.blob();
}

/** A POST whose answer is a file (the ticket cards: made by the request, shown only in that answer). */
async function postBlob(path: string, body: unknown): Promise<Blob> {
  const response = await send('POST', path, body);
  return response.blob();
}

async function publicJson<T>(path: string): Promise<T> {
  const response = await send('GET', path, undefined, true);
  return (await response.json()) as T;
}

async function documentOf(promise: Promise<AdviceDocumentResponse>): Promise<AdviceDocument> {
  return (await promise).document;
}

const e = (id: string) => `/evenings/${encodeURIComponent(id)}`;
const advice = (id: string) => `${e(id)}/advice`;
const lang = (language: Language) => `?lang=${encodeURIComponent(language)}`;
const committee = (token: string) => `/committee/${encodeURIComponent(token)}`;
const versionPath = (n: number) => `/versions/${encodeURIComponent(String(n))}`;

export const api = {
  meta: () => json<MetaResponse>('GET', '/meta'),

  signUp: (body: SignUpRequest) => json<SessionResponse>('POST', '/auth/signup', body),
  login: (body: LoginRequest) => json<SessionResponse>('POST', '/auth/login', body),
  logout: () => json<void>('POST', '/auth/logout'),
  me: () => json<MeResponse>('GET', '/auth/me'),
  /** Ends every other session of the account; 422 PASSWORD_INCORRECT when the current password is wrong. */
  changePassword: (body: ChangePasswordRequest) => json<EndedSessionsResponse>('POST', '/auth/password', body),
  sessions: () => json<SessionsResponse>('GET', '/auth/sessions'),
  endSession: (sessionId: string) => json<void>('DELETE', `/auth/sessions/${encodeURIComponent(sessionId)}`),
  endOtherSessions: () => json<EndedSessionsResponse>('POST', '/auth/sessions/end-others'),

  invitationPreview: (token: string) => json<InvitationPreview>('GET', `/invitations/${encodeURIComponent(token)}`),
  members: () => json<MemberView[]>('GET', '/network/members'),
  invitations: () => json<InvitationView[]>('GET', '/network/invitations'),
  invite: (email: string, role: InvitedRole) => json<CreatedInvitationResponse>('POST', '/network/invitations', { email, role }),
  revokeInvitation: (id: string) => json<void>('DELETE', `/network/invitations/${encodeURIComponent(id)}`),
  changeRole: (memberId: string, role: OrganiserRole) => json<MemberView>('PATCH', `/network/members/${encodeURIComponent(memberId)}`, { role }),
  removeMember: (memberId: string) => json<void>('DELETE', `/network/members/${encodeURIComponent(memberId)}`),
  networkEvents: () => json<NetworkEventView[]>('GET', '/network/events'),

  evenings: () => json<EveningSummary[]>('GET', '/evenings'),
  createEvening: (body: CreateEveningRequest) => json<EveningDetail>('POST', '/evenings', body),
  evening: (id: string) => json<EveningDetail>('GET', e(id)),
  updateEvening: (id: string, body: UpdateEveningRequest) => json<EveningDetail>('PATCH', e(id), body),
  deleteEvening: (id: string) => json<void>('DELETE', e(id)),

  addBidder: (id: string, body: BidderInput) => json<EveningDetail>('POST', `${e(id)}/bidders`, body),
  updateBidder: (id: string, bidderId: string, body: UpdateBidderRequest) =>
    json<EveningDetail>('PATCH', `${e(id)}/bidders/${encodeURIComponent(bidderId)}`, body),
  deleteBidder: (id: string, bidderId: string) =>
    json<EveningDetail>('DELETE', `${e(id)}/bidders/${encodeURIComponent(bidderId)}`),
  setRunningOrder: (id: string, bidderIds: string[]) =>
    json<EveningDetail>('PUT', `${e(id)}/running-order`, { bidderIds }),
  drawRunningOrder: (id: string, seed?: string) =>
    json<EveningDetail>('POST', `${e(id)}/running-order/draw`, seed ? { seed } : {}),

  addCriterion: (id: string, body: CriterionInput) => json<EveningDetail>('POST', `${e(id)}/criteria`, body),
  updateCriterion: (id: string, criterionId: string, body: UpdateCriterionRequest) =>
    json<EveningDetail>('PATCH', `${e(id)}/criteria/${encodeURIComponent(criterionId)}`, body),
  deleteCriterion: (id: string, criterionId: string) =>
    json<EveningDetail>('DELETE', `${e(id)}/criteria/${encodeURIComponent(criterionId)}`),
  setCriteriaOrder: (id: string, criterionIds: string[]) =>
    json<EveningDetail>('PUT', `${e(id)}/criteria-order`, { criterionIds }),
  setWeights: (id: string, weights: { criterionId: string; weight: number }[]) =>
    json<EveningDetail>('PUT', `${e(id)}/weights`, { weights }),

  setScale: (id: string, body: ScaleRequest) => json<EveningDetail>('PUT', `${e(id)}/scale`, body),

  freeze: (id: string) => json<EveningDetail>('POST', `${e(id)}/freeze`),
  fingerprint: (id: string) => json<FingerprintResponse>('GET', `${e(id)}/fingerprint`),
  poster: (id: string) => blob(`${e(id)}/poster.pdf`),

  join: (body: JoinRequest) => json<JoinResponse>('POST', '/join', body),

  tickets: (id: string) => json<TicketsResponse>('GET', `${e(id)}/tickets`),
  /** Makes tickets; the answer is the PDF with their cards, the only place their codes appear. */
  createTickets: (id: string, count: number) => postBlob(`${e(id)}/tickets/cards.pdf`, { count }),
  /** New codes for unused tickets (the old ones stop working); the answer is the PDF with the new cards. */
  reissueTickets: (id: string, numbers: number[]) => postBlob(`${e(id)}/tickets/reissue.pdf`, { numbers }),
  releaseTicket: (id: string, ticketId: string, reason: string) =>
    json<TicketView>('POST', `${e(id)}/tickets/${encodeURIComponent(ticketId)}/release`, { reason }),

  setExpectedAttendance: (id: string, expected: number | null) => json<ExpectedAttendanceResponse>('PUT', `${e(id)}/expected-attendance`, { expected }),

  paper: (id: string) => json<PaperOverview>('GET', `${e(id)}/paper`),
  printPaperCards: (id: string, cardsPerPitch: number) => json<PaperOverview>('PUT', `${e(id)}/paper/cards`, { cardsPerPitch }),
  paperCards: (id: string) => blob(`${e(id)}/paper/cards.pdf`),
  enterPaper: (id: string, body: PaperEntryRequest) => json<PaperEntryResponse>('POST', `${e(id)}/paper/entries`, body),
  withdrawPaper: (id: string, entryId: string) =>
    json<PaperEntryResponse>('DELETE', `${e(id)}/paper/entries/${encodeURIComponent(entryId)}`),

  audit: (id: string) => json<AuditTrailResponse>('GET', `${e(id)}/audit`),
  verifyAudit: (id: string) => json<VerificationReport>('GET', `${e(id)}/audit/verify`),

  results: (id: string) => json<ResultsResponse>('GET', `${e(id)}/results`),

  /** The draft, the masked remarks and the issued versions; 409 EVENING_NOT_ENDED before the end. */
  adviceWorkspace: (id: string) => json<AdviceWorkspaceResponse>('GET', advice(id)),
  /** 409 DRAFT_CHANGED when someone saved after `revision`. */
  saveAdviceDraft: (id: string, body: SaveAdviceRequest) => json<AdviceDraftView>('PUT', `${advice(id)}/draft`, body),
  advicePreview: (id: string, language: Language) =>
    documentOf(json<AdviceDocumentResponse>('GET', `${advice(id)}/preview${lang(language)}`)),
  advicePreviewPdf: (id: string, language: Language) => blob(`${advice(id)}/preview.pdf${lang(language)}`),
  issueAdvice: (id: string, body: IssueAdviceRequest) => json<AdviceVersionView>('POST', `${advice(id)}/versions`, body),
  adviceVersionDocument: (id: string, n: number, language: Language) =>
    documentOf(json<AdviceDocumentResponse>('GET', `${advice(id)}${versionPath(n)}/document${lang(language)}`)),
  /** A file of an issued version; needs the organiser's token, so it comes as a blob (see `saveBlob`). */
  adviceVersionFile: (id: string, n: number, name: string) =>
    blob(`${advice(id)}${versionPath(n)}/files/${encodeURIComponent(name)}`),
  committeeLinks: (id: string) => json<CommitteeLinksResponse>('GET', `${advice(id)}/links`),
  createCommitteeLink: (id: string, label: string) =>
    json<CreatedCommitteeLinkResponse>('POST', `${advice(id)}/links`, { label }),
  revokeCommitteeLink: (id: string, linkId: string) =>
    json<CommitteeLinkView>('POST', `${advice(id)}/links/${encodeURIComponent(linkId)}/revoke`),

  /** The committee's read-only view: public, opened with the link's token (no login). */
  committeeOverview: (token: string) => publicJson<CommitteeOverview>(committee(token)),
  committeeDocument: (token: string, n: number, language: Language) =>
    documentOf(publicJson<AdviceDocumentResponse>(`${committee(token)}${versionPath(n)}/document${lang(language)}`)),
  committeeVerify: (token: string) => publicJson<VerificationReport>(`${committee(token)}/verify`),

  /** Public: an attendee finds their ballot in the published record; 409 ADVICE_NOT_ISSUED before publication. */
  receipt: (joinCode: string, receipt: string) =>
    publicJson<ReceiptLookupResponse>(`/receipts/${encodeURIComponent(joinCode)}/${encodeURIComponent(receipt)}`),
};

/** Where the committee downloads a file of a version (a plain link: no token header needed). */
/** The sealed frame's or the frozen setup's canonical text: its SHA-256 is the fingerprint in the advice. */
export function committeeCanonicalUrl(token: string, name: 'frame.json' | 'setup.json'): string {
  return `/api${committee(token)}/${name}`;
}

export function committeeFileUrl(token: string, n: number, name: string): string {
  return `/api${committee(token)}${versionPath(n)}/files/${encodeURIComponent(name)}`;
}

/** Offers a fetched file to the browser as a download under `name`. */
export function saveBlob(blob: Blob, name: string): void {
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = name;
  document.body.appendChild(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}

let metaPromise: Promise<MetaResponse> | null = null;

/** The server's public address, fetched once. */
export function loadMeta(): Promise<MetaResponse> {
  metaPromise ??= api.meta().catch((error: unknown) => {
    metaPromise = null;
    throw error;
  });
  return metaPromise;
}
