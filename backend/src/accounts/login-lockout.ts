import { Injectable } from '@nestjs/common';
import { RateLimiterRes, type RateLimiterAbstract } from 'rate-limiter-flexible';
import { retryAfterSeconds, TooManyRequests, waitText } from '../platform/common/app-error';
import { sharedLimiter } from '../platform/common/rate-limit';
import { RedisConnections } from '../platform/redis/redis.service';

/** Failed log-ins for one e-mail address from one network address within the window that lock that pair. */
export const MAX_FAILED_LOGINS = 5;
const WINDOW_SECONDS = 15 * 60;
const LOCK_SECONDS = 15 * 60;

/**
 * Locks an e-mail address *for one network address* for 15 minutes after 5 failed log-ins from
 * that address within 15 minutes; while locked even the right password is refused from there.
 * Counting per address and account means a stranger elsewhere who knows an organiser's e-mail
 * address can lock only themselves out, never the organiser; guessing from many addresses is
 * slowed by the per-address limit on the log-in route (LOGIN_RATE_LIMIT) and scrypt. Addresses
 * without an account are counted and locked the same way, so a refusal says nothing about whether
 * an account exists. Kept in Redis when nodes share one (neither a restart nor another node
 * unlocks), otherwise in memory (a restart unlocks).
 */
@Injectable()
export class LoginLockout {
  private readonly failures: RateLimiterAbstract;

  constructor(redis: RedisConnections) {
    this.failures = sharedLimiter(redis, 'login-failures', { points: MAX_FAILED_LOGINS, duration: WINDOW_SECONDS });
  }

  /**
   * Counts the attempt as a failure until `succeeded` says otherwise, so simultaneous guesses
   * cannot slip past the limit; refuses with ACCOUNT_LOCKED while the pair is locked.
   */
  async begin(address: string, email: string): Promise<void> {
    try {
      await this.failures.consume(key(address, email));
    } catch (rejection) {
      if (!(rejection instanceof RateLimiterRes)) throw rejection;
      const wait = rejection.msBeforeNext;
      throw new TooManyRequests(
        'ACCOUNT_LOCKED',
        `Logging in with this e-mail address from your network address is locked after ${MAX_FAILED_LOGINS} failed attempts. Try again in ${waitText(wait)}.`,
        retryAfterSeconds(wait),
      );
    }
  }

  /** The attempt failed: its count stands, and the fifth failure locks the pair for the full period. */
  async failed(address: string, email: string): Promise<void> {
    const state = await this.failures.get(key(address, email));
    if (state && state.consumedPoints >= MAX_FAILED_LOGINS) await this.failures.block(key(address, email), LOCK_SECONDS);
  }

  /** The password was right: the pair starts again with a clean slate. */
  async succeeded(address: string, email: string): Promise<void> {
    await this.failures.delete(key(address, email));
  }
}

const key = (address: string, email: string) => `${address}\n${email}`;
