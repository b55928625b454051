import { applyDecorators, CanActivate, ExecutionContext, Inject, Injectable, SetMetadata, UseGuards } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { Request } from 'express';
import { RateLimiterMemory, RateLimiterRes } from 'rate-limiter-flexible';
import { APP_CONFIG, type AppConfig } from '../config/config';
import { retryAfterSeconds, TooManyRequests, waitText } from './app-error';

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
  join: {
    points: (c) => c.joinRateLimit,
    windowSeconds: 60,
    message: (wait) => `Too many phones joined from this network just now. Try again in ${wait}.`,
  },
} satisfies Record<string, Limit>;
export type RateLimitName = keyof typeof LIMITS;

const RATE_LIMIT = 'buurtjury:rate-limit';

/** Limits how often one address (req.ip; the app trusts a proxy on loopback) may call this route. */
export const RateLimit = (name: RateLimitName) => applyDecorators(SetMetadata(RATE_LIMIT, name), UseGuards(RateLimitGuard));

/**
 * Counts requests per address in memory (a restart clears the counts) and refuses the surplus with
 * 429 TOO_MANY_REQUESTS and `Retry-After`. Runs before validation, so malformed requests count too.
 */
@Injectable()
export class RateLimitGuard implements CanActivate {
  private readonly limiters = new Map<RateLimitName, RateLimiterMemory>();

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly reflector: Reflector,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const name = this.reflector.getAllAndOverride<RateLimitName | undefined>(RATE_LIMIT, [context.getHandler(), context.getClass()]);
    if (!name) return true;
    const address = context.switchToHttp().getRequest<Request>().ip ?? 'unknown';
    try {
      await this.limiter(name).consume(address);
      return true;
    } catch (rejection) {
      if (!(rejection instanceof RateLimiterRes)) throw rejection;
      throw new TooManyRequests('TOO_MANY_REQUESTS', LIMITS[name].message(waitText(rejection.msBeforeNext)), retryAfterSeconds(rejection.msBeforeNext));
    }
  }

  private limiter(name: RateLimitName): RateLimiterMemory {
    let limiter = this.limiters.get(name);
    if (!limiter) {
      const limit: Limit = LIMITS[name];
      limiter = new RateLimiterMemory({ points: limit.points(this.config), duration: limit.windowSeconds });
      this.limiters.set(name, limiter);
    }
    return limiter;
  }
}
