import { HttpException, HttpStatus } from '@nestjs/common';
import { problem, type ApiErrorBody, type ErrorCode, type ErrorParams, type ErrorReason, type Problem } from '@buurtjury/shared';

/** The English message, or a reason of the shared vocabulary with its params and English message (`problem(...)`). */
export type Refusal = string | Problem;

/** A refusal with a stable code, a reason with params where known, and a message a person can act on. */
export class AppError extends HttpException {
  constructor(status: HttpStatus, code: ErrorCode, refusal: Refusal, details?: string[] | Problem[]) {
    const said: Partial<Problem> & { message: string } = typeof refusal === 'string' ? { message: refusal } : refusal;
    const problems = details?.filter((d): d is Problem => typeof d !== 'string') ?? [];
    const body: ApiErrorBody = {
      statusCode: status,
      code,
      ...(said.reason ? { reason: said.reason } : {}),
      ...(said.params ? { params: said.params } : {}),
      message: said.message,
      ...(details ? { details: details.map((d) => (typeof d === 'string' ? d : d.message)) } : {}),
      ...(problems.length > 0 ? { problems } : {}),
    };
    super(body, status);
  }
}

/** The things a 404 names; each is a reason `notFound.<thing>` of the shared vocabulary. */
type NotFoundThing = Extract<ErrorReason, `notFound.${string}`> extends `notFound.${infer T}` ? T : never;
export const notFound = (thing: NotFoundThing, params?: ErrorParams) => new AppError(HttpStatus.NOT_FOUND, 'NOT_FOUND', problem(`notFound.${thing}`, params));
export const forbidden = (refusal: Refusal, code: ErrorCode = 'FORBIDDEN') => new AppError(HttpStatus.FORBIDDEN, code, refusal);
export const unauthenticated = (message = 'Log in first.') => new AppError(HttpStatus.UNAUTHORIZED, 'UNAUTHENTICATED', message);
export const conflict = (code: ErrorCode, refusal: Refusal, details?: string[] | Problem[]) => new AppError(HttpStatus.CONFLICT, code, refusal, details);
export const badRequest = (code: ErrorCode, refusal: Refusal, details?: string[] | Problem[]) => new AppError(HttpStatus.BAD_REQUEST, code, refusal, details);
export const unprocessable = (code: ErrorCode, refusal: Refusal, details?: string[] | Problem[]) =>
  new AppError(HttpStatus.UNPROCESSABLE_ENTITY, code, refusal, details);

/** A 429 refusal: too many requests, a locked account, or too many documents being made. The exception filter sends the wait as `Retry-After`. */
export class TooManyRequests extends AppError {
  constructor(code: Extract<ErrorCode, 'TOO_MANY_REQUESTS' | 'ACCOUNT_LOCKED' | 'JOIN_BUSY' | 'RENDER_BUSY'>, message: string, readonly retryAfterSeconds: number) {
    super(HttpStatus.TOO_MANY_REQUESTS, code, message);
  }
}

/** Whole seconds to wait, at least 1, for `Retry-After`. */
export const retryAfterSeconds = (ms: number) => Math.max(1, Math.ceil(ms / 1000));

/** "3 minutes", "1 minute", "20 seconds": how long to wait, for a refusal's message. */
export function waitText(ms: number): string {
  const seconds = retryAfterSeconds(ms);
  if (seconds < 60) return seconds === 1 ? '1 second' : `${seconds} seconds`;
  const minutes = Math.ceil(seconds / 60);
  return minutes === 1 ? '1 minute' : `${minutes} minutes`;
}
