import { Injectable } from '@nestjs/common';
import { RateLimiterMemory, RateLimiterRes } from 'rate-limiter-flexible';
import { retryAfterSeconds, TooManyRequests, waitText } from '../common/app-error';

/** Failed log-ins for one e-mail address within the window that lock it. */
export const MAX_FAILED_LOGINS = 5;
const WINDOW_SECONDS = 15 * 60;
const LOCK_SECONDS = 15 * 60;

/**
 * Locks an e-mail address for 15 minutes after 5 failed log-ins within 15 minutes; while locked even
 * the right password is refused. Addresses without an account are counted and locked the same way,
 * so a refusal says nothing about whether an account exists. Kept in memory: a restart unlocks.
 */
@Injectable()
export class LoginLockout {
  private readonly failures = new RateLimiterMemory({ points: MAX_FAILED_LOGINS, duration: WINDOW_SECONDS });

  /**
   * Counts the attempt as a failure until `succeeded` says otherwise, so simultaneous guesses
   * cannot slip past the limit; refuses with ACCOUNT_LOCKED while the address is locked.
   */
  async begin(email: string): Promise<void> {
    try {
      await this.failures.consume(email);
    } catch (rejection) {
      if (!(rejection instanceof RateLimiterRes)) throw rejection;
      const wait = rejection.msBeforeNext;
      throw new TooManyRequests(
        'ACCOUNT_LOCKED',
        `Logging in with this e-mail address is locked after ${MAX_FAILED_LOGINS} failed attempts. Try again in ${waitText(wait)}.`,
        retryAfterSeconds(wait),
      );
    }
  }

  /** The attempt failed: its count stands, and the fifth failure locks the address for the full period. */
  async failed(email: string): Promise<void> {
    const state = await this.failures.get(email);
    if (state && state.consumedPoints >= MAX_FAILED_LOGINS) await this.failures.block(email, LOCK_SECONDS);
  }

  /** The password was right: the address starts again with a clean slate. */
  async succeeded(email: string): Promise<void> {
    await this.failures.delete(email);
  }
}
