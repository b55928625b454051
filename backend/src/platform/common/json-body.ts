import { json, type NextFunction, type Request, type RequestHandler, type Response } from 'express';
import { cleanJsonStrings, type ApiErrorBody } from '@buurtjury/shared';
import { jsonShapeProblem } from './json-shape';

/** Body limits: organisers' requests (a full advice draft), and anything anonymous (join, log-in, sign-up: a few hundred bytes). */
export const BODY_LIMITS = { organiser: '256kb', anonymous: '8kb' } as const;

/** The routes anyone may post to: their bodies are small whatever headers come with them. */
const ANONYMOUS_POSTS = new Set(['/api/join', '/api/auth/login', '/api/auth/signup']);

/**
 * Parses JSON bodies and answers parser errors (malformed JSON, body too large) itself with an
 * ApiErrorBody. Left to Express, such errors would skip Nest's exception filter and end up in
 * whatever handler comes next (the static frontend answers 404). A request without an
 * organiser's bearer token, and any request to an anonymous route, may send at most
 * BODY_LIMITS.anonymous. Bodies nested too deeply, with too many fields or holding reserved keys
 * (see jsonShapeProblem) are refused here too, before validation; every string of an accepted
 * body is cleaned by the one Unicode policy (`cleanText`) before any DTO, hash or database sees it.
 */
export function jsonBody(limits: { organiser: string; anonymous: string } = BODY_LIMITS): RequestHandler {
  const organiser = json({ limit: limits.organiser });
  const anonymous = json({ limit: limits.anonymous });
  return (req: Request, res: Response, next: NextFunction) => {
    const small = ANONYMOUS_POSTS.has(req.path) || !/^Bearer\s/i.test(req.headers.authorization ?? '');
    const limit = small ? limits.anonymous : limits.organiser;
    (small ? anonymous : organiser)(req, res, (error?: unknown) => {
      const refusal = error ? parserRefusal(error, limit) : shapeRefusal(req.body);
      if (refusal) {
        res.status(refusal.statusCode).json(refusal);
        return;
      }
      if (req.body !== undefined) req.body = cleanJsonStrings(req.body);
      next();
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
