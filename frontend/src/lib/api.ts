/**
 * The one typed client for the REST API under /api. Requests and responses use the shared
 * interfaces; a refusal throws an ApiError carrying the server's ApiErrorBody.
 */
import type {
  ApiErrorBody,
  BidderInput,
  CreatedInvitationResponse,
  CreateEveningRequest,
  CriterionInput,
  EveningDetail,
  EveningSummary,
  FingerprintResponse,
  InvitationPreview,
  InvitationView,
  JoinRequest,
  JoinResponse,
  LoginRequest,
  MemberView,
  MeResponse,
  MetaResponse,
  ScaleRequest,
  SessionResponse,
  SignUpRequest,
  UpdateBidderRequest,
  UpdateCriterionRequest,
  UpdateEveningRequest,
} from '@buurtjury/shared';

const TOKEN_KEY = 'buurtjury.token';

export class ApiError extends Error {
  readonly body: ApiErrorBody;
  constructor(body: ApiErrorBody) {
    super(body.message);
    this.name = 'ApiError';
    this.body = body;
  }
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

async function send(method: Method, path: string, body?: unknown): Promise<Response> {
  const token = getToken();
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
    throw new ApiError(errorBodyFromServer);
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

const e = (id: string) => `/evenings/${encodeURIComponent(id)}`;

export const api = {
  meta: () => json<MetaResponse>('GET', '/meta'),

  signUp: (body: SignUpRequest) => json<SessionResponse>('POST', '/auth/signup', body),
  login: (body: LoginRequest) => json<SessionResponse>('POST', '/auth/login', body),
  logout: () => json<void>('POST', '/auth/logout'),
  me: () => json<MeResponse>('GET', '/auth/me'),

  invitationPreview: (token: string) => json<InvitationPreview>('GET', `/invitations/${encodeURIComponent(token)}`),
  members: () => json<MemberView[]>('GET', '/network/members'),
  invitations: () => json<InvitationView[]>('GET', '/network/invitations'),
  invite: (email: string) => json<CreatedInvitationResponse>('POST', '/network/invitations', { email }),
  revokeInvitation: (id: string) => json<void>('DELETE', `/network/invitations/${encodeURIComponent(id)}`),

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
};

let metaPromise: Promise<MetaResponse> | null = null;

/** The server's public address, fetched once. */
export function loadMeta(): Promise<MetaResponse> {
  metaPromise ??= api.meta().catch((error: unknown) => {
    metaPromise = null;
    throw error;
  });
  return metaPromise;
}
