/**
 * The REST API's route table: every endpoint under `/api` once, with its method, its path and the
 * types of its request body, query and response. The backend's controllers take method and path
 * from here (`@Endpoint(ROUTES.addBidder)`), the frontend's client builds its requests from here
 * (`request(ROUTES.addBidder, { eveningId }, body)`), and an e2e test compares this table with the
 * routes the running application registers, both ways.
 */
import type { Language } from '../domain/setup';
import type { Declarations, Incident, IncidentRequest } from '../domain/procedure';
import type { ExpectedAttendanceRequest, ExpectedAttendanceResponse } from '../live/join-watch';
import type {
  AnnouncementView,
  ArrivalRequest,
  CreatedSignupResponse,
  MySignupView,
  SignupOverview,
  SignupRequest,
  SignupSettingsRequest,
  SignupView,
} from '../signup/signup';
import type {
  BidderContributionRequest,
  BidderDetailsRequest,
  BidderFeedbackView,
  BidderLinksOverview,
  BidderLinkView,
  BidderPageView,
  BidderRespondRequest,
  CreatedBidderLinkResponse,
  InviteBidderRequest,
} from '../bidder-portal/bidder-portal';
import type {
  AdviceDocumentResponse,
  AdviceDraftView,
  AdviceVersionView,
  AdviceWorkspaceResponse,
  AuditTrailResponse,
  BidderInput,
  ChangePasswordRequest,
  CommitteeLinksResponse,
  CommitteeLinkView,
  CommitteeOverview,
  CreateCommitteeLinkRequest,
  CreatedCommitteeLinkResponse,
  CreatedInvitationResponse,
  CopyEveningRequest,
  CreateEveningRequest,
  CreateInvitationRequest,
  CreateTicketsRequest,
  CriteriaOrderRequest,
  CriterionInput,
  DrawRequest,
  EndedSessionsResponse,
  EveningDetail,
  EveningSummary,
  FingerprintResponse,
  HealthLiveResponse,
  HealthReadyResponse,
  InvitationPreview,
  InvitationView,
  IssueAdviceRequest,
  JoinRequest,
  JoinResponse,
  LoginRequest,
  MemberView,
  MeResponse,
  MetaResponse,
  NetworkEventView,
  PaperEntryRequest,
  PaperEntryResponse,
  PaperOverview,
  PrintPaperCardsRequest,
  ReceiptLookupResponse,
  ReissueTicketsRequest,
  ReleaseTicketRequest,
  ResultsResponse,
  RunningOrderRequest,
  SaveAdviceRequest,
  ScaleRequest,
  AwardRequest,
  DrawCommitRequest,
  DrawContributionRequest,
  SessionResponse,
  SessionsResponse,
  SignUpRequest,
  TicketsResponse,
  TicketView,
  UpdateBidderRequest,
  UpdateCriterionRequest,
  UpdateEveningRequest,
  UpdateMemberRequest,
  VerificationReport,
  WeightsRequest,
} from './rest';

export const HTTP_METHODS = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'] as const;
export type HttpMethod = (typeof HTTP_METHODS)[number];

/** The response of a route that answers with a file (PDF, CSV, JSON export) rather than a JSON body. */
export interface FileDownload {
  readonly file: true;
}
/** No request body, or no response body (204). */
export type None = undefined;

/**
 * One endpoint: method and path (relative to `/api`, with `:name` placeholders). The type
 * parameters exist only for the compiler: `Res` is the response, `Body` the request body, `Query`
 * the query string.
 */
export interface Route<Res = unknown, Body = unknown, Query = unknown, P extends string = string> {
  readonly method: HttpMethod;
  readonly path: P;
  /** Not present at run time; carries the types. */
  readonly types?: { response: Res; body: Body; query: Query };
}

export type ResponseOf<R> = R extends Route<infer Res, unknown, unknown> ? Res : never;
export type BodyOf<R> = R extends Route<unknown, infer Body, unknown> ? Body : never;
export type QueryOf<R> = R extends Route<unknown, unknown, infer Query> ? Query : never;

type ParamNames<P extends string> = P extends `${string}:${infer Name}/${infer Rest}` ? Name | ParamNames<`/${Rest}`> : P extends `${string}:${infer Name}` ? Name : never;
/** The path parameters of a route, e.g. `{ eveningId: string; bidderId: string }`. */
export type ParamsOf<R> = R extends Route<unknown, unknown, unknown, infer P> ? { [K in ParamNames<P>]: string | number } : never;

/** A route with its types: `route<Response, Body, Query>()('POST', '/path')`. */
const route =
  <Res, Body = None, Query = None>() =>
  <P extends string>(method: HttpMethod, path: P): Route<Res, Body, Query, P> => ({ method, path });

type LangQuery = { lang: Language };

export const ROUTES = {
  meta: route<MetaResponse>()('GET', '/meta'),
  healthLive: route<HealthLiveResponse>()('GET', '/health/live'),
  healthReady: route<HealthReadyResponse>()('GET', '/health/ready'),

  // accounts
  signUp: route<SessionResponse, SignUpRequest>()('POST', '/auth/signup'),
  login: route<SessionResponse, LoginRequest>()('POST', '/auth/login'),
  logout: route<None>()('POST', '/auth/logout'),
  me: route<MeResponse>()('GET', '/auth/me'),
  changePassword: route<EndedSessionsResponse, ChangePasswordRequest>()('POST', '/auth/password'),
  sessions: route<SessionsResponse>()('GET', '/auth/sessions'),
  endOtherSessions: route<EndedSessionsResponse>()('POST', '/auth/sessions/end-others'),
  endSession: route<None>()('DELETE', '/auth/sessions/:sessionId'),

  // network
  members: route<MemberView[]>()('GET', '/network/members'),
  invitations: route<InvitationView[]>()('GET', '/network/invitations'),
  invite: route<CreatedInvitationResponse, CreateInvitationRequest>()('POST', '/network/invitations'),
  revokeInvitation: route<None>()('DELETE', '/network/invitations/:invitationId'),
  changeRole: route<MemberView, UpdateMemberRequest>()('PATCH', '/network/members/:memberId'),
  removeMember: route<None>()('DELETE', '/network/members/:memberId'),
  networkEvents: route<NetworkEventView[]>()('GET', '/network/events'),
  invitationPreview: route<InvitationPreview>()('GET', '/invitations/:token'),

  // evenings and their setup
  evenings: route<EveningSummary[]>()('GET', '/evenings'),
  createEvening: route<EveningDetail, CreateEveningRequest>()('POST', '/evenings'),
  evening: route<EveningDetail>()('GET', '/evenings/:eveningId'),
  updateEvening: route<EveningDetail, UpdateEveningRequest>()('PATCH', '/evenings/:eveningId'),
  deleteEvening: route<None>()('DELETE', '/evenings/:eveningId'),
  freeze: route<EveningDetail>()('POST', '/evenings/:eveningId/freeze'),
  copyEvening: route<EveningDetail, CopyEveningRequest>()('POST', '/evenings/:eveningId/copy'),
  fingerprint: route<FingerprintResponse>()('GET', '/evenings/:eveningId/fingerprint'),
  addBidder: route<EveningDetail, BidderInput>()('POST', '/evenings/:eveningId/bidders'),
  updateBidder: route<EveningDetail, UpdateBidderRequest>()('PATCH', '/evenings/:eveningId/bidders/:bidderId'),
  deleteBidder: route<EveningDetail>()('DELETE', '/evenings/:eveningId/bidders/:bidderId'),
  setRunningOrder: route<EveningDetail, RunningOrderRequest>()('PUT', '/evenings/:eveningId/running-order'),
  drawRunningOrder: route<EveningDetail, DrawRequest>()('POST', '/evenings/:eveningId/running-order/draw'),
  commitDraw: route<EveningDetail, DrawCommitRequest>()('POST', '/evenings/:eveningId/running-order/commitment'),
  addDrawContribution: route<EveningDetail, DrawContributionRequest>()('POST', '/evenings/:eveningId/running-order/commitment/contributions'),
  addCriterion: route<EveningDetail, CriterionInput>()('POST', '/evenings/:eveningId/criteria'),
  updateCriterion: route<EveningDetail, UpdateCriterionRequest>()('PATCH', '/evenings/:eveningId/criteria/:criterionId'),
  deleteCriterion: route<EveningDetail>()('DELETE', '/evenings/:eveningId/criteria/:criterionId'),
  setCriteriaOrder: route<EveningDetail, CriteriaOrderRequest>()('PUT', '/evenings/:eveningId/criteria-order'),
  setWeights: route<EveningDetail, WeightsRequest>()('PUT', '/evenings/:eveningId/weights'),
  setScale: route<EveningDetail, ScaleRequest>()('PUT', '/evenings/:eveningId/scale'),
  setAward: route<EveningDetail, AwardRequest>()('PUT', '/evenings/:eveningId/award'),
  poster: route<FileDownload>()('GET', '/evenings/:eveningId/poster.pdf'),
  setDeclarations: route<EveningDetail, Declarations>()('PUT', '/evenings/:eveningId/declarations'),

  // incidents, recorded from the freeze until the advice is first issued
  incidents: route<Incident[]>()('GET', '/evenings/:eveningId/incidents'),
  addIncident: route<Incident[], IncidentRequest>()('POST', '/evenings/:eveningId/incidents'),
  updateIncident: route<Incident[], IncidentRequest>()('PUT', '/evenings/:eveningId/incidents/:incidentId'),
  deleteIncident: route<Incident[]>()('DELETE', '/evenings/:eveningId/incidents/:incidentId'),

  // joining, tickets, expected attendance, paper ballots
  join: route<JoinResponse, JoinRequest>()('POST', '/join'),
  tickets: route<TicketsResponse>()('GET', '/evenings/:eveningId/tickets'),
  createTickets: route<FileDownload, CreateTicketsRequest>()('POST', '/evenings/:eveningId/tickets/cards.pdf'),
  reissueTickets: route<FileDownload, ReissueTicketsRequest>()('POST', '/evenings/:eveningId/tickets/reissue.pdf'),
  releaseTicket: route<TicketView, ReleaseTicketRequest>()('POST', '/evenings/:eveningId/tickets/:ticketId/release'),
  setExpectedAttendance: route<ExpectedAttendanceResponse, ExpectedAttendanceRequest>()('PUT', '/evenings/:eveningId/expected-attendance'),
  paper: route<PaperOverview>()('GET', '/evenings/:eveningId/paper'),
  printPaperCards: route<PaperOverview, PrintPaperCardsRequest>()('PUT', '/evenings/:eveningId/paper/cards'),
  paperCards: route<FileDownload>()('GET', '/evenings/:eveningId/paper/cards.pdf'),
  enterPaper: route<PaperEntryResponse, PaperEntryRequest>()('POST', '/evenings/:eveningId/paper/entries'),
  withdrawPaper: route<PaperEntryResponse>()('DELETE', '/evenings/:eveningId/paper/entries/:entryId'),

  // the record: audit trail, results, exports
  audit: route<AuditTrailResponse>()('GET', '/evenings/:eveningId/audit'),
  verifyAudit: route<VerificationReport>()('GET', '/evenings/:eveningId/audit/verify'),
  results: route<ResultsResponse>()('GET', '/evenings/:eveningId/results'),
  /** record.json, record.csv or results.json. */
  resultsExport: route<FileDownload>()('GET', '/evenings/:eveningId/exports/:name'),

  // the advice
  adviceWorkspace: route<AdviceWorkspaceResponse>()('GET', '/evenings/:eveningId/advice'),
  saveAdviceDraft: route<AdviceDraftView, SaveAdviceRequest>()('PUT', '/evenings/:eveningId/advice/draft'),
  advicePreview: route<AdviceDocumentResponse, None, LangQuery>()('GET', '/evenings/:eveningId/advice/preview'),
  advicePreviewPdf: route<FileDownload, None, LangQuery>()('GET', '/evenings/:eveningId/advice/preview.pdf'),
  issueAdvice: route<AdviceVersionView, IssueAdviceRequest>()('POST', '/evenings/:eveningId/advice/versions'),
  adviceVersionDocument: route<AdviceDocumentResponse, None, LangQuery>()('GET', '/evenings/:eveningId/advice/versions/:number/document'),
  adviceVersionFile: route<FileDownload>()('GET', '/evenings/:eveningId/advice/versions/:number/files/:name'),
  committeeLinks: route<CommitteeLinksResponse>()('GET', '/evenings/:eveningId/advice/links'),
  createCommitteeLink: route<CreatedCommitteeLinkResponse, CreateCommitteeLinkRequest>()('POST', '/evenings/:eveningId/advice/links'),
  revokeCommitteeLink: route<CommitteeLinkView>()('POST', '/evenings/:eveningId/advice/links/:linkId/revoke'),

  // public: the committee's link and an attendee's receipt
  committeeOverview: route<CommitteeOverview>()('GET', '/committee/:token'),
  committeeVerify: route<VerificationReport>()('GET', '/committee/:token/verify'),
  committeeDocument: route<AdviceDocumentResponse, None, LangQuery>()('GET', '/committee/:token/versions/:number/document'),
  committeeFile: route<FileDownload>()('GET', '/committee/:token/versions/:number/files/:name'),
  /** The sealed frame's and the frozen setup's canonical texts: their SHA-256 are the fingerprints printed in the advice. */
  committeeFrame: route<FileDownload>()('GET', '/committee/:token/frame.json'),
  committeeSetup: route<FileDownload>()('GET', '/committee/:token/setup.json'),
  receipt: route<ReceiptLookupResponse>()('GET', '/receipts/:joinCode/:receipt'),

  // announcement and sign-up: the organisers' side
  signups: route<SignupOverview>()('GET', '/evenings/:eveningId/signups'),
  signupSettings: route<SignupOverview, SignupSettingsRequest>()('PUT', '/evenings/:eveningId/signups/settings'),
  signupsCsv: route<FileDownload, None, LangQuery>()('GET', '/evenings/:eveningId/signups/export.csv'),
  signupArrival: route<SignupView, ArrivalRequest>()('POST', '/evenings/:eveningId/signups/:signupId/arrival'),
  // public: the announcement, signing up, and the resident's own sign-up by its personal link
  announcement: route<AnnouncementView>()('GET', '/announcements/:announcementCode'),
  signUpForEvening: route<CreatedSignupResponse, SignupRequest>()('POST', '/announcements/:announcementCode/signups'),
  mySignup: route<MySignupView>()('GET', '/signups/:signupToken'),
  mySignupCalendar: route<FileDownload>()('GET', '/signups/:signupToken/calendar.ics'),
  cancelSignup: route<MySignupView>()('POST', '/signups/:signupToken/cancel'),

  // the bidders' own page: the organisers' side (a personal link per bidder, its status)
  bidderLinks: route<BidderLinksOverview>()('GET', '/evenings/:eveningId/bidder-links'),
  inviteBidder: route<CreatedBidderLinkResponse, InviteBidderRequest>()('POST', '/evenings/:eveningId/bidders/:bidderId/link'),
  revokeBidderLink: route<BidderLinkView>()('POST', '/evenings/:eveningId/bidders/:bidderId/link/revoke'),
  // public: the bidder's page by its personal link
  bidderPage: route<BidderPageView>()('GET', '/bidder-pages/:bidderToken'),
  bidderRespond: route<BidderPageView, BidderRespondRequest>()('POST', '/bidder-pages/:bidderToken/response'),
  bidderDetails: route<BidderPageView, BidderDetailsRequest>()('PUT', '/bidder-pages/:bidderToken/details'),
  bidderContribution: route<BidderPageView, BidderContributionRequest>()('POST', '/bidder-pages/:bidderToken/contribution'),
  bidderFeedback: route<BidderFeedbackView, None, LangQuery>()('GET', '/bidder-pages/:bidderToken/feedback'),
} as const;

export type RouteName = keyof typeof ROUTES;

/** The route's path with each `:name` replaced by its percent-encoded value, e.g. `/evenings/abc/bidders/def`. */
export function routePath<R extends Route>(r: R, params: ParamsOf<R>): string {
  const values = params as Record<string, string | number>;
  return r.path.replace(/:([A-Za-z0-9_]+)/g, (_, name: string) => {
    const value = values[name];
    if (value === undefined) throw new Error(`${r.method} ${r.path}: no value for :${name}`);
    return encodeURIComponent(String(value));
  });
}
