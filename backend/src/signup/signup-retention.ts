import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnModuleDestroy } from '@nestjs/common';
import { EveningsQuery } from '../evenings/evenings.query';
import { APP_CONFIG, type AppConfig } from '../platform/config/config';
import { DatabaseWriter } from '../infrastructure/database/database-writer';
import { SignupRepository } from './signup.repository';

const DAY_MS = 24 * 60 * 60 * 1000;
const DATE = /^\d{4}-\d{2}-\d{2}$/;
/** How often the sweep looks for evenings that have become due (as the evenings' retention does). */
export const SIGNUP_RETENTION_INTERVAL_MS = 60 * 60 * 1000;

/**
 * Retention of sign-ups of evenings that were never frozen. A frozen evening's sign-ups go with its
 * other personal data (the `eveningPurged` event, see SignupService); an evening that was
 * announced but never frozen never gets that far, so its sign-ups (names, e-mail addresses) go
 * here once RETENTION_DAYS have passed since the end of its date, or, without a date, since the
 * last sign-up came in or was cancelled. Runs at startup and then every hour.
 */
@Injectable()
export class SignupRetention implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger('Signup');
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<unknown> = Promise.resolve();

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly repo: SignupRepository,
    private readonly writer: DatabaseWriter,
    private readonly evenings: EveningsQuery,
  ) {}

  onApplicationBootstrap(): void {
    this.runSafely();
    this.timer = setInterval(() => this.runSafely(), SIGNUP_RETENTION_INTERVAL_MS);
    this.timer.unref();
  }

  async onModuleDestroy(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    await this.running;
  }

  /** Deletes the sign-ups of every never-frozen evening that is due at `now`; answers how many per evening. */
  async purgeDue(now = new Date()): Promise<{ eveningId: string; deleted: number }[]> {
    const cutoff = now.getTime() - this.config.retentionDays * DAY_MS;
    const done: { eveningId: string; deleted: number }[] = [];
    for (const eveningId of await this.repo.eveningsWithSignups()) {
      const evening = await this.evenings.byId(eveningId);
      // A frozen evening's sign-ups go with the rest of its personal data (`eveningPurged`).
      if (evening?.frozenAt) continue;
      const from = evening && DATE.test(evening.date) ? Date.parse(`${evening.date}T00:00:00Z`) + DAY_MS : await this.repo.lastActivity(eveningId);
      if (from === null || from >= cutoff) continue;
      const deleted = await this.writer.write((m) => this.repo.deleteSignups(m, eveningId));
      if (deleted > 0) {
        this.logger.log(`Retention: ${deleted} sign-ups of evening ${eveningId} (never frozen) deleted`);
        done.push({ eveningId, deleted });
      }
    }
    return done;
  }

  private runSafely(): void {
    this.running = this.purgeDue().catch((error: unknown) => this.logger.error(`Retention of sign-ups failed: ${String(error)}`));
  }
}
