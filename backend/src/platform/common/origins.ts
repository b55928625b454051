/** `host[:port]` of an origin such as `https://jury.example.nl`, or null when it is not one (`null`, garbage). */
function hostOf(origin: string): string | null {
  try {
    return new URL(origin).host;
  } catch {
    return null;
  }
}

/**
 * Which browser pages may use the API and open sockets: pages of this server itself, and pages of
 * the origins in ALLOWED_ORIGINS (PUBLIC_URL's origin included). Clients that send no `Origin`
 * (not a browser: scripts, tests, socket.io-client in node) are not restricted by it.
 */
export class OriginPolicy {
  private readonly allowed: ReadonlySet<string>;

  constructor(allowedOrigins: readonly string[]) {
    this.allowed = new Set(allowedOrigins);
  }

  get allowedOrigins(): string[] {
    return [...this.allowed];
  }

  /** For CORS: only a configured origin gets `Access-Control-Allow-Origin` (same-origin pages need none). */
  allowsCrossOrigin(origin: string | undefined): boolean {
    return origin !== undefined && this.allowed.has(origin);
  }

  /** For a socket handshake: no Origin, the page's own origin (its host is the Host header), or a configured one. */
  admitsHandshake(origin: string | undefined, host: string | undefined): boolean {
    if (origin === undefined || this.allowed.has(origin)) return true;
    const originHost = hostOf(origin);
    return originHost !== null && host !== undefined && originHost === host.toLowerCase();
  }
}
