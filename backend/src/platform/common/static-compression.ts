import compression from 'compression';
import type { Request, RequestHandler, Response } from 'express';

/**
 * Compresses the static frontend (the page, its scripts and styles) for a browser that asks for it
 * (Accept-Encoding: gzip): a phone on a venue's network downloads the gzip bytes the bundle budget
 * counts (scripts/bundle-size.js), not three times as many. API answers are left as they are
 * (downloads, documents and small JSON); socket.io answers its own requests before Express sees them.
 */
export function staticCompression(): RequestHandler {
  return compression({
    filter: (req: Request, res: Response) => !isApiPath(req.path) && compression.filter(req, res),
  });
}

function isApiPath(path: string): boolean {
  return path === '/api' || path.startsWith('/api/') || path.startsWith('/socket.io/');
}
