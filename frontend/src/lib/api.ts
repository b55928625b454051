/**
 * The one typed client for the REST API under /api. Every request goes to a route of the shared
 * route table (`ROUTES`, shared/src/api/routes.ts), so method, path, request body and response
 * have the table's types; a refusal throws an ApiError carrying the server's ApiErrorBody.
 */
import {
  ROUTES,
  routePath,
  type AdviceDocument,
  type AdviceDocumentResponse,
  type ApiErrorBody,
  type BidderInput,
  type BidderContributionRequest,
  type BidderDetailsRequest,
  type BidderRespondRequest,
  type InviteBidderRequest,
  type Declarations,
  type IncidentRequest,
  type SignupRequest,
  type SignupSettingsRequest,
  type BodyOf,
  type ChangePasswordRequest,
  type CreateCommitteeLinkRequest,
  type CopyEveningRequest,
  type CreateEveningRequest,
  type CreateInvitationRequest,
  type CreateTicketsRequest,
  type CriteriaOrderRequest,
  type CriterionInput,
  type DrawRequest,
  type DrawCommitRequest,
  type DrawContributionRequest,
  type ExpectedAttendanceRequest,
  type FileDownload,
  type HttpMethod,
  type IssueAdviceRequest,
  type JoinRequest,
  type Language,
  type LoginRequest,
  type MetaResponse,
  type PaperEntryRequest,
  type ParamsOf,
  type PrintPaperCardsRequest,
  type QueryOf,
  type ReissueTicketsRequest,
  type ReleaseTicketRequest,
  type ResponseOf,
  type Route,
  type RunningOrderRequest,
  type SaveAdviceRequest,
  type ScaleRequest,
  type AwardRequest,
  type SignUpRequest,
  type UpdateBidderRequest,
  type UpdateCriterionRequest,
  type UpdateEveningRequest,
  type UpdateMemberRequest,
  type WeightsRequest,
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

/** `anonymous`: send no bearer token (the committee's public pages). */
async function send(method: HttpMethod, path: string, body?: unknown, anonymous = false): Promise<Response> {
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
      // The reason and its params (and the problems' reasons) are what the interface renders in its language.
      return {
        statusCode: parsed.statusCode ?? response.status,
        code: parsed.code,
        message: parsed.message,
        ...(typeof parsed.reason === 'string' ? { reason: parsed.reason } : {}),
        ...(parsed.params && typeof parsed.params === 'object' ? { params: parsed.params } : {}),
        ...(Array.isArray(parsed.details) ? { details: parsed.details } : {}),
        ...(Array.isArray(parsed.problems) ? { problems: parsed.problems } : {}),
      };
    }
  } catch {
    // not JSON
  }
  return { statusCode: response.status, code: 'INTERNAL', message: response.statusText || `HTTP ${response.status}` };
}

/** What a route takes after its path parameters: its body, or (for a GET with a query) nothing and the query. */
type Extra<R extends Route> = [BodyOf<R>] extends [undefined] ? ([QueryOf<R>] extends [undefined] ? [] : [body: undefined, query: QueryOf<R>]) : [body: BodyOf<R>];

/** `/api`-relative URL of a route with its parameters and query filled in. */
function urlOf<R extends Route>(route: R, params: ParamsOf<R>, query?: unknown): string {
  const search = query ? `?${new URLSearchParams(query as Record<string, string>).toString()}` : '';
  return `${routePath(route, params)}${search}`;
}

/** A request to a route of the shared table; the body and the answer have the table's types. */
async function json<R extends Route>(route: R, params: ParamsOf<R>, ...extra: Extra<R>): Promise<ResponseOf<R>> {
  const [body, query] = extra as [unknown, unknown];
  const response = await send(route.method, urlOf(route, params, query), body);
  if (response.status === 204) return undefined as ResponseOf<R>;
  return (await response.json()) as ResponseOf<R>;
}

/** A route whose answer is a file (PDF, export): the file as a Blob. */
async function blob<R extends Route<FileDownload>>(route: R, params: ParamsOf<R>, ...extra: Extra<R>): Promise<Blob> {
  const [body, query] = extra as [unknown, unknown];
  const response = await send(route.method, urlOf(route, params, query), body);
  return response.blob();
}

/** A public GET (the committee's link, a receipt): sent without the organiser's token. */
async function publicJson<R extends Route>(route: R, params: ParamsOf<R>, ...extra: Extra<R>): Promise<ResponseOf<R>> {
  const [, query] = extra as [unknown, unknown];
  const response = await send(route.method, urlOf(route, params, query), undefined, true);
  return (await response.json()) as ResponseOf<R>;
}

/** A public POST (signing up, cancelling): sent without the organiser's token. */
async function publicPost<R extends Route>(route: R, params: ParamsOf<R>, body?: BodyOf<R>): Promise<ResponseOf<R>> {
  const response = await send(route.method, urlOf(route, params), body ?? {}, true);
  return (await response.json()) as ResponseOf<R>;
}

async function documentOf(promise: Promise<AdviceDocumentResponse>): Promise<AdviceDocument> {
  return (await promise).document;
}

const R = ROUTES;

export const api = {
  meta: () => json(R.meta, {}),

  signUp: (body: SignUpRequest) => json(R.signUp, {}, body),
  login: (body: LoginRequest) => json(R.login, {}, body),
  logout: () => json(R.logout, {}),
  me: () => json(R.me, {}),
  /** Ends every other session of the account; 422 PASSWORD_INCORRECT when the current password is wrong. */
  changePassword: (body: ChangePasswordRequest) => json(R.changePassword, {}, body),
  sessions: () => json(R.sessions, {}),
  endSession: (sessionId: string) => json(R.endSession, { sessionId }),
  endOtherSessions: () => json(R.endOtherSessions, {}),

  invitationPreview: (token: string) => json(R.invitationPreview, { token }),
  members: () => json(R.members, {}),
  invitations: () => json(R.invitations, {}),
  invite: (body: CreateInvitationRequest) => json(R.invite, {}, body),
  revokeInvitation: (invitationId: string) => json(R.revokeInvitation, { invitationId }),
  changeRole: (memberId: string, body: UpdateMemberRequest) => json(R.changeRole, { memberId }, body),
  removeMember: (memberId: string) => json(R.removeMember, { memberId }),
  networkEvents: () => json(R.networkEvents, {}),

  evenings: () => json(R.evenings, {}),
  createEvening: (body: CreateEveningRequest) => json(R.createEvening, {}, body),
  evening: (eveningId: string) => json(R.evening, { eveningId }),
  updateEvening: (eveningId: string, body: UpdateEveningRequest) => json(R.updateEvening, { eveningId }, body),
  deleteEvening: (eveningId: string) => json(R.deleteEvening, { eveningId }),
  copyEvening: (eveningId: string, body: CopyEveningRequest) => json(R.copyEvening, { eveningId }, body),

  addBidder: (eveningId: string, body: BidderInput) => json(R.addBidder, { eveningId }, body),
  updateBidder: (eveningId: string, bidderId: string, body: UpdateBidderRequest) => json(R.updateBidder, { eveningId, bidderId }, body),
  deleteBidder: (eveningId: string, bidderId: string) => json(R.deleteBidder, { eveningId, bidderId }),
  setRunningOrder: (eveningId: string, body: RunningOrderRequest) => json(R.setRunningOrder, { eveningId }, body),
  drawRunningOrder: (eveningId: string, body: DrawRequest) => json(R.drawRunningOrder, { eveningId }, body),
  commitDraw: (eveningId: string, body: DrawCommitRequest) => json(R.commitDraw, { eveningId }, body),
  addDrawContribution: (eveningId: string, body: DrawContributionRequest) => json(R.addDrawContribution, { eveningId }, body),

  addCriterion: (eveningId: string, body: CriterionInput) => json(R.addCriterion, { eveningId }, body),
  updateCriterion: (eveningId: string, criterionId: string, body: UpdateCriterionRequest) => json(R.updateCriterion, { eveningId, criterionId }, body),
  deleteCriterion: (eveningId: string, criterionId: string) => json(R.deleteCriterion, { eveningId, criterionId }),
  setCriteriaOrder: (eveningId: string, body: CriteriaOrderRequest) => json(R.setCriteriaOrder, { eveningId }, body),
  setWeights: (eveningId: string, body: WeightsRequest) => json(R.setWeights, { eveningId }, body),

  setScale: (eveningId: string, body: ScaleRequest) => json(R.setScale, { eveningId }, body),
  setAward: (eveningId: string, body: AwardRequest) => json(R.setAward, { eveningId }, body),

  setDeclarations: (eveningId: string, body: Declarations) => json(R.setDeclarations, { eveningId }, body),
  incidents: (eveningId: string) => json(R.incidents, { eveningId }),
  addIncident: (eveningId: string, body: IncidentRequest) => json(R.addIncident, { eveningId }, body),
  updateIncident: (eveningId: string, incidentId: string, body: IncidentRequest) => json(R.updateIncident, { eveningId, incidentId }, body),
  deleteIncident: (eveningId: string, incidentId: string) => json(R.deleteIncident, { eveningId, incidentId }),

  freeze: (eveningId: string) => json(R.freeze, { eveningId }),
  fingerprint: (eveningId: string) => json(R.fingerprint, { eveningId }),
  poster: (eveningId: string) => blob(R.poster, { eveningId }),

  join: (body: JoinRequest) => json(R.join, {}, body),

  tickets: (eveningId: string) => json(R.tickets, { eveningId }),
  /** Makes tickets; the answer is the PDF with their cards, the only place their codes appear. */
  createTickets: (eveningId: string, body: CreateTicketsRequest) => blob(R.createTickets, { eveningId }, body),
  /** New codes for unused tickets (the old ones stop working); the answer is the PDF with the new cards. */
  reissueTickets: (eveningId: string, body: ReissueTicketsRequest) => blob(R.reissueTickets, { eveningId }, body),
  releaseTicket: (eveningId: string, ticketId: string, body: ReleaseTicketRequest) => json(R.releaseTicket, { eveningId, ticketId }, body),

  setExpectedAttendance: (eveningId: string, body: ExpectedAttendanceRequest) => json(R.setExpectedAttendance, { eveningId }, body),

  paper: (eveningId: string) => json(R.paper, { eveningId }),
  printPaperCards: (eveningId: string, body: PrintPaperCardsRequest) => json(R.printPaperCards, { eveningId }, body),
  paperCards: (eveningId: string) => blob(R.paperCards, { eveningId }),
  enterPaper: (eveningId: string, body: PaperEntryRequest) => json(R.enterPaper, { eveningId }, body),
  withdrawPaper: (eveningId: string, entryId: string) => json(R.withdrawPaper, { eveningId, entryId }),

  audit: (eveningId: string) => json(R.audit, { eveningId }),
  verifyAudit: (eveningId: string) => json(R.verifyAudit, { eveningId }),

  results: (eveningId: string) => json(R.results, { eveningId }),

  /** The draft, the masked remarks and the issued versions; 409 EVENING_NOT_ENDED before the end. */
  adviceWorkspace: (eveningId: string) => json(R.adviceWorkspace, { eveningId }),
  /** 409 DRAFT_CHANGED when someone saved after `revision`. */
  saveAdviceDraft: (eveningId: string, body: SaveAdviceRequest) => json(R.saveAdviceDraft, { eveningId }, body),
  advicePreview: (eveningId: string, lang: Language) => documentOf(json(R.advicePreview, { eveningId }, undefined, { lang })),
  advicePreviewPdf: (eveningId: string, lang: Language) => blob(R.advicePreviewPdf, { eveningId }, undefined, { lang }),
  issueAdvice: (eveningId: string, body: IssueAdviceRequest) => json(R.issueAdvice, { eveningId }, body),
  adviceVersionDocument: (eveningId: string, number: number, lang: Language) =>
    documentOf(json(R.adviceVersionDocument, { eveningId, number }, undefined, { lang })),
  /** A file of an issued version; needs the organiser's token, so it comes as a blob (see `saveBlob`). */
  adviceVersionFile: (eveningId: string, number: number, name: string) => blob(R.adviceVersionFile, { eveningId, number, name }),
  committeeLinks: (eveningId: string) => json(R.committeeLinks, { eveningId }),
  createCommitteeLink: (eveningId: string, body: CreateCommitteeLinkRequest) => json(R.createCommitteeLink, { eveningId }, body),
  revokeCommitteeLink: (eveningId: string, linkId: string) => json(R.revokeCommitteeLink, { eveningId, linkId }),

  /** The committee's read-only view: public, opened with the link's token (no login). */
  committeeOverview: (token: string) => publicJson(R.committeeOverview, { token }),
  committeeDocument: (token: string, number: number, lang: Language) =>
    documentOf(publicJson(R.committeeDocument, { token, number }, undefined, { lang })),
  committeeVerify: (token: string) => publicJson(R.committeeVerify, { token }),

  /** Public: an attendee finds their ballot in the published record; 409 ADVICE_NOT_ISSUED before publication. */
  receipt: (joinCode: string, receipt: string) => publicJson(R.receipt, { joinCode, receipt }),

  // announcement and sign-up
  signups: (eveningId: string) => json(R.signups, { eveningId }),
  saveSignupSettings: (eveningId: string, body: SignupSettingsRequest) => json(R.signupSettings, { eveningId }, body),
  signupsCsv: (eveningId: string, lang: Language) => blob(R.signupsCsv, { eveningId }, undefined, { lang }),
  signupArrival: (eveningId: string, signupId: string, arrived: boolean) => json(R.signupArrival, { eveningId, signupId }, { arrived }),
  announcement: (announcementCode: string) => publicJson(R.announcement, { announcementCode }),
  signUpForEvening: (announcementCode: string, body: SignupRequest) => publicPost(R.signUpForEvening, { announcementCode }, body),
  mySignup: (signupToken: string) => publicJson(R.mySignup, { signupToken }),
  cancelSignup: (signupToken: string) => publicPost(R.cancelSignup, { signupToken }),

  // the bidders' own page: the host's links, and the bidder's side by its personal link
  bidderLinks: (eveningId: string) => json(R.bidderLinks, { eveningId }),
  inviteBidder: (eveningId: string, bidderId: string, body: InviteBidderRequest) => json(R.inviteBidder, { eveningId, bidderId }, body),
  revokeBidderLink: (eveningId: string, bidderId: string) => json(R.revokeBidderLink, { eveningId, bidderId }),
  bidderPage: (bidderToken: string) => publicJson(R.bidderPage, { bidderToken }),
  bidderRespond: (bidderToken: string, body: BidderRespondRequest) => publicPost(R.bidderRespond, { bidderToken }, body),
  bidderDetails: (bidderToken: string, body: BidderDetailsRequest) => publicPost(R.bidderDetails, { bidderToken }, body),
  bidderContribution: (bidderToken: string, body: BidderContributionRequest) => publicPost(R.bidderContribution, { bidderToken }, body),
  bidderFeedback: (bidderToken: string, lang: Language) => publicJson(R.bidderFeedback, { bidderToken }, undefined, { lang }),
};

/** The resident's calendar file (a plain link: the token is in the path). */
export function signupCalendarUrl(signupToken: string): string {
  return `/api${routePath(ROUTES.mySignupCalendar, { signupToken })}`;
}

/** Where the committee downloads a file of a version (a plain link: no token header needed). */
/** The sealed frame's or the frozen setup's canonical text: its SHA-256 is the fingerprint in the advice. */
export function committeeCanonicalUrl(token: string, name: 'frame.json' | 'setup.json'): string {
  return `/api${routePath(name === 'frame.json' ? ROUTES.committeeFrame : ROUTES.committeeSetup, { token })}`;
}

export function committeeFileUrl(token: string, number: number, name: string): string {
  return `/api${routePath(ROUTES.committeeFile, { token, number, name })}`;
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
