import { Inject, Injectable, Logger, type OnApplicationShutdown } from '@nestjs/common';
import { createHmac, randomBytes } from 'node:crypto';
import { APP_CONFIG, type AppConfig } from '../config/config';

/** What was refused or closed; each gets one count per window. */
export const FLOOD_KINDS = {
  'half-open': 'half-open socket sessions closed (no log-in within the time allowed, or too many at once)',
  connections: 'socket connections refused (server full)',
  'socket-auth': 'socket connections refused after too many failed log-ins',
  'attendee-sockets': 'socket connections refused (too many for one phone)',
  screens: 'big-screen connections refused (too many for one evening)',
  snapshots: 'screen snapshots refused (too many for one evening)',
  join: 'joins refused (too many new phones from one address that did not connect)',
  'join-ceiling': 'joins refused (too many phones that joined and did not connect, for one evening)',
  'join-recycled': 'joined phones that never connected dropped to make room',
  login: 'log-ins refused (rate limit)',
  signup: 'sign-ups refused (rate limit)',
  anonymous: 'anonymous requests refused (rate limit)',
  receipt: 'receipt look-ups refused (rate limit)',
  eveningSignup: 'sign-ups for evenings refused (rate limit)',
  verify: "committee verifications refused (rate limit)",
  health: "health checks refused (rate limit)",
} as const;
export type FloodKind = keyof typeof FLOOD_KINDS;

/** Fewer than this many in a window is ordinary life, not a flood (a phone whose connection dropped mid-handshake). */
const QUIET_BELOW: Partial<Record<FloodKind, number>> = { 'half-open': 10 };

interface Tally {
  count: number;
  /** Per address tag, how often. */
  sources: Map<string, number>;
}

/**
 * Floods are logged once per window (FLOOD_LOG_SECONDS), with counts, never per request: a flood
 * of 20,000 requests makes one warning, not 20,000 lines. No personal data: an address appears
 * only as a tag, the first 8 hex digits of an HMAC with a key made at start-up and never stored,
 * so the log shows whether one source or many flooded, and nobody can turn a tag back into an
 * address (not even by trying all 4 billion IPv4 addresses). Tags change at each restart.
 */
@Injectable()
export class FloodLog implements OnApplicationShutdown {
  private readonly logger = new Logger('Floods');
  private readonly key = randomBytes(32);
  private tallies = new Map<FloodKind, Tally>();
  private timer: NodeJS.Timeout | null = null;
  private started = 0;

  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {}

  /** Counts `n` refusals of one kind from one address (already reduced by addressKey), or from no particular address. */
  record(kind: FloodKind, address: string | null, n = 1): void {
    let tally = this.tallies.get(kind);
    if (!tally) {
      tally = { count: 0, sources: new Map() };
      this.tallies.set(kind, tally);
    }
    tally.count += n;
    if (address !== null) {
      const tag = this.tag(address);
      tally.sources.set(tag, (tally.sources.get(tag) ?? 0) + n);
    }
    if (!this.timer) {
      this.started = Date.now();
      this.timer = setTimeout(() => this.flush(), this.config.floodLogSeconds * 1000);
      this.timer.unref();
    }
  }

  /** The tag an address gets in the log (see the class comment). */
  tag(address: string): string {
    return createHmac('sha256', this.key).update(address).digest('hex').slice(0, 8);
  }

  /** Writes the window's one line (if anything was refused) and starts a new window. */
  flush(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    const floods = [...this.tallies].filter(([kind, t]) => t.count >= (QUIET_BELOW[kind] ?? 1));
    this.tallies = new Map();
    if (floods.length === 0) return;
    const seconds = Math.max(1, Math.round((Date.now() - this.started) / 1000));
    const parts = floods.map(([kind, t]) => {
      const top = [...t.sources].sort((a, b) => b[1] - a[1]).slice(0, 3);
      const from =
        t.sources.size === 0
          ? ''
          : ` from ${t.sources.size} address${t.sources.size === 1 ? '' : 'es'} (${top.map(([tag, n]) => `#${tag}: ${n}`).join(', ')}${t.sources.size > 3 ? ', …' : ''})`;
      return `${t.count} ${FLOOD_KINDS[kind]}${from}`;
    });
    this.logger.warn(`Flood in the last ${seconds} s: ${parts.join('; ')}.`);
  }

  onApplicationShutdown(): void {
    this.flush();
  }
}
