import { HttpException, HttpStatus } from '@nestjs/common';
import type { ApiErrorBody, ErrorCode } from '@buurtjury/shared';

/** A refusal with a stable code and a message a person can act on. */
export class AppError extends HttpException {
  constructor(status: HttpStatus, code: ErrorCode, message: string, details?: string[]) {
    const body: ApiErrorBody = { statusCode: status, code, message, ...(details ? { details } : {}) };
    super(body, status);
  }
}

export const notFound = (what: string) => new AppError(HttpStatus.NOT_FOUND, 'NOT_FOUND', `${what} was not found.`);
export const forbidden = (message: string, code: ErrorCode = 'FORBIDDEN') => new AppError(HttpStatus.FORBIDDEN, code, message);
export const unauthenticated = (message = 'Log in first.') => new AppError(HttpStatus.UNAUTHORIZED, 'UNAUTHENTICATED', message);
export const conflict = (code: ErrorCode, message: string, details?: string[]) => new AppError(HttpStatus.CONFLICT, code, message, details);
export const badRequest = (code: ErrorCode, message: string, details?: string[]) => new AppError(HttpStatus.BAD_REQUEST, code, message, details);
export const unprocessable = (code: ErrorCode, message: string, details?: string[]) =>
  new AppError(HttpStatus.UNPROCESSABLE_ENTITY, code, message, details);

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
