import { applyDecorators, CanActivate, ExecutionContext, Inject, Injectable, SetMetadata, UseGuards } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { Request } from 'express';
import { RateLimiterMemory, RateLimiterRedis, RateLimiterRes, type RateLimiterAbstract } from 'rate-limiter-flexible';
import { APP_CONFIG, type AppConfig } from '../config/config';
import { RedisConnections } from '../redis/redis.service';
import { retryAfterSeconds, TooManyRequests, waitText } from './app-error';
import { addressKey } from './client-address';
import { FloodLog } from './flood-log';

interface Limit {
  /** Requests one address may make per window. */
  points: (config: AppConfig) => number;
  windowSeconds: number;
  /** What to tell the person refused, given how long to wait. */
  message: (wait: string) => string;
}

/** The per-address limits, by name; see README "Configuration". */
const LIMITS = {
  login: {
    points: (c) => c.loginRateLimit,
    windowSeconds: 60,
    message: (wait) => `Too many log-in attempts from this address. Try again in ${wait}.`,
  },
  signup: {
    points: (c) => c.signupRateLimit,
    windowSeconds: 60 * 60,
    message: (wait) => `Too many accounts were created from this address. Try again in ${wait}.`,
  },
  /** Residents signing up for an evening on its public page. */
  eveningSignup: {
    points: (c) => c.signupRateLimit,
    windowSeconds: 60 * 60,
    message: (wait) => `Too many sign-ups for evenings from this address. Try again in ${wait}.`,
  },
  /** New phones (no valid token for the evening) per address; a point is given back when the phone connects (see JoinGate). */
  join: {
    points: (c) => c.joinRateLimit,
    windowSeconds: 60,
    message: (wait) => `Too many phones joined from this network just now without connecting. Try again in ${wait}.`,
  },
  /** Every anonymous route without a limit of its own: meta, invitation preview, the committee's pages. */
  anonymous: {
    points: (c) => c.anonymousRateLimit,
    windowSeconds: 60,
    message: (wait) => `Too many requests from this address. Try again in ${wait}.`,
  },
  receipt: {
    points: (c) => c.receiptRateLimit,
    windowSeconds: 60,
    message: (wait) => `Too many receipt look-ups from this address. Try again in ${wait}.`,
  },
  /** The balancer's health checks (every few seconds per node; a refusal would take the node out). */
  health: {
    points: () => 600,
    windowSeconds: 60,
    message: (wait) => `Too many health checks from this address. Try again in ${wait}.`,
  },
  /** The committee's verification recomputes the whole evening (about 0.5 s of CPU at 400 voters). */
  verify: {
    points: (c) => c.verifyRateLimit,
    windowSeconds: 60,
    message: (wait) => `The evening was verified several times from this address just now. Try again in ${wait}.`,
  },
} satisfies Record<string, Limit>;
export type RateLimitName = keyof typeof LIMITS;

const RATE_LIMIT = 'buurtjury:rate-limit';
/** Set on a request once counted: a route limited on its class and its method runs the guard twice. */
const COUNTED = Symbol('rate-limit counted');

/**
 * Limits how often one address (req.ip, the app trusts a proxy on loopback; IPv6 by /64) may call
 * this route. Several names may be given: each is counted, the first exhausted refuses.
 */
export const RateLimit = (...names: RateLimitName[]) => applyDecorators(SetMetadata(RATE_LIMIT, names), UseGuards(RateLimitGuard));

/**
 * A limiter kept in Redis when several nodes share one (REDIS_URL), so neither another node nor a
 * restart resets it; while Redis cannot be reached, each node counts in memory until it is back.
 * Without Redis: in memory (a restart clears it).
 */
export function sharedLimiter(redis: RedisConnections, name: string, options: { points: number; duration: number }): RateLimiterAbstract {
  const memory = new RateLimiterMemory(options);
  if (!redis.counters) return memory;
  return new RateLimiterRedis({ ...options, storeClient: redis.counters, keyPrefix: redis.key(`limit:${name}`), insuranceLimiter: memory });
}

/** The per-address counters, shared by the guard and the services that count by hand. */
@Injectable()
export class RateLimits {
  private readonly limiters = new Map<RateLimitName, RateLimiterAbstract>();

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly floods: FloodLog,
    private readonly redis: RedisConnections,
  ) {}

  /** Counts one request of `address` (as given by the client, not yet reduced); throws a 429 with Retry-After when over the limit. */
  async consume(name: RateLimitName, address: string): Promise<void> {
    const key = addressKey(address);
    try {
      await this.limiter(name).consume(key);
    } catch (rejection) {
      if (!(rejection instanceof RateLimiterRes)) throw rejection;
      this.floods.record(name, key);
      throw new TooManyRequests('TOO_MANY_REQUESTS', LIMITS[name].message(waitText(rejection.msBeforeNext)), retryAfterSeconds(rejection.msBeforeNext));
    }
  }

  /** Gives a counted request back (a new phone that connected was not part of a flood). */
  async refund(name: RateLimitName, address: string): Promise<void> {
    await this.limiter(name).reward(addressKey(address), 1);
  }

  private limiter(name: RateLimitName): RateLimiterAbstract {
    let limiter = this.limiters.get(name);
    if (!limiter) {
      const limit: Limit = LIMITS[name];
      limiter = sharedLimiter(this.redis, name, { points: limit.points(this.config), duration: limit.windowSeconds });
      this.limiters.set(name, limiter);
    }
    return limiter;
  }
}

/**
 * Counts requests per address and refuses the surplus with 429 TOO_MANY_REQUESTS and
 * `Retry-After`. Runs before validation, so malformed requests count too.
 */
@Injectable()
export class RateLimitGuard implements CanActivate {
  constructor(
    private readonly limits: RateLimits,
    private readonly reflector: Reflector,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const names = this.reflector.getAllAndOverride<RateLimitName[] | undefined>(RATE_LIMIT, [context.getHandler(), context.getClass()]);
    const req = context.switchToHttp().getRequest<Request & { [COUNTED]?: true }>();
    if (!names || req[COUNTED]) return true;
    req[COUNTED] = true;
    for (const name of names) await this.limits.consume(name, req.ip ?? 'unknown');
    return true;
  }
}
