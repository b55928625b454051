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
