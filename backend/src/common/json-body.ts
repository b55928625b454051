import { json, type NextFunction, type Request, type RequestHandler, type Response } from 'express';
import type { ApiErrorBody } from '@buurtjury/shared';
import { jsonShapeProblem } from './json-shape';

/**
 * Parses JSON bodies and answers parser errors (malformed JSON, body too large) itself with an
 * ApiErrorBody. Left to Express, such errors would skip Nest's exception filter and end up in
 * whatever handler comes next (the static frontend answers 404). Bodies nested too deeply or
 * holding reserved keys (see jsonShapeProblem) are refused here too, before validation.
 */
export function jsonBody(limit: string): RequestHandler {
  const parse = json({ limit });
  return (req: Request, res: Response, next: NextFunction) => {
    parse(req, res, (error?: unknown) => {
      const refusal = error ? parserRefusal(error, limit) : shapeRefusal(req.body);
      if (!refusal) return next();
      res.status(refusal.statusCode).json(refusal);
    });
  };
}

function parserRefusal(error: unknown, limit: string): ApiErrorBody {
  return (error as { status?: unknown }).status === 413
    ? { statusCode: 413, code: 'PAYLOAD_TOO_LARGE', message: `The request body is larger than ${limit}.` }
    : { statusCode: 400, code: 'VALIDATION_FAILED', message: 'The request body is not valid JSON.' };
}

function shapeRefusal(body: unknown): ApiErrorBody | null {
  const problem = jsonShapeProblem(body);
  return problem ? { statusCode: 400, code: 'VALIDATION_FAILED', message: `The request body is not valid: ${problem}.` } : null;
}
