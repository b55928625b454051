import type { NextFunction, Request, RequestHandler, Response } from 'express';
import helmet from 'helmet';

/** The Content-Security-Policy both ways of reaching the app share (Helmet's defaults plus these). */
const DIRECTIVES = {
  'img-src': ["'self'", 'data:', 'blob:'],
  'connect-src': ["'self'", 'ws:', 'wss:'],
  'frame-src': ["'self'", 'blob:'],
  'object-src': ["'self'", 'blob:'],
};

/** How long a browser that saw the app over https insists on https for this host. */
export const HSTS_MAX_AGE_SECONDS = 180 * 24 * 3600;

/**
 * Security headers that depend on how the request reached the app.
 *
 * At a venue the app is often reached over plain http on a LAN address (a laptop on the Wi-Fi).
 * There Helmet's defaults break the page: `upgrade-insecure-requests` and HSTS make the browser
 * fetch the app's own scripts and styles over https, which the laptop does not serve, and the
 * phone shows a white page (localhost and 127.0.0.1 are exempt, so it only shows on a real
 * network). So over plain http: no `upgrade-insecure-requests`, no HSTS, and no
 * Cross-Origin-Opener-Policy (browsers ignore it on an untrustworthy origin and log an error).
 * Over https (`req.secure`: TLS to this process, or a proxy trusted by TRUST_PROXY that sends
 * `X-Forwarded-Proto: https`) the full set applies, HSTS included. The rest of the policy is the
 * same both ways.
 */
export function securityHeaders(): RequestHandler {
  const overHttps = helmet({
    contentSecurityPolicy: { directives: DIRECTIVES },
    strictTransportSecurity: { maxAge: HSTS_MAX_AGE_SECONDS, includeSubDomains: false },
  });
  const overHttp = helmet({
    contentSecurityPolicy: { directives: { ...DIRECTIVES, 'upgrade-insecure-requests': null } },
    strictTransportSecurity: false,
    crossOriginOpenerPolicy: false,
  });
  return (req: Request, res: Response, next: NextFunction) => (req.secure ? overHttps : overHttp)(req, res, next);
}
