import type { ApiErrorBody } from '@buurtjury/shared';
import { errorBody } from './api';

export type SaveStatus = 'idle' | 'saving' | 'saved' | 'error';

/** Tracks one form's save: shown next to the form as "Opgeslagen" or the error. */
export class SaveState {
  status = $state<SaveStatus>('idle');
  error = $state<ApiErrorBody | null>(null);

  get busy(): boolean {
    return this.status === 'saving';
  }

  reset(): void {
    this.status = 'idle';
    this.error = null;
  }

  /** Runs `action`; returns its result, or undefined when it failed (the error is kept). */
  async run<T>(action: () => Promise<T>): Promise<T | undefined> {
    this.status = 'saving';
    this.error = null;
    try {
      const result = await action();
      this.status = 'saved';
      return result;
    } catch (error) {
      this.error = errorBody(error);
      this.status = 'error';
      return undefined;
    }
  }
}
