import { json, type NextFunction, type Request, type RequestHandler, type Response } from 'express';
import type { ApiErrorBody } from '@buurtjury/shared';

/**
 * Parses JSON bodies and answers parser errors (malformed JSON, body too large) itself with an
 * ApiErrorBody. Left to Express, such errors would skip Nest's exception filter and end up in
 * whatever handler comes next (the static frontend answers 404).
 */
export function jsonBody(limit: string): RequestHandler {
  const parse = json({ limit });
  return (req: Request, res: Response, next: NextFunction) => {
    parse(req, res, (error?: unknown) => {
      if (!error) return next();
      const status = (error as { status?: unknown }).status;
      const body: ApiErrorBody =
        status === 413
          ? { statusCode: 413, code: 'PAYLOAD_TOO_LARGE', message: `The request body is larger than ${limit}.` }
          : { statusCode: 400, code: 'VALIDATION_FAILED', message: 'The request body is not valid JSON.' };
      res.status(body.statusCode).json(body);
    });
  };
}
