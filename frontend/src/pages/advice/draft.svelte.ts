import type { AdviceContent, AdviceDraftView, ApiErrorBody } from '@buurtjury/shared';
import { api, errorBody } from '../../lib/api';

/** Milliseconds after the last keystroke before the draft saves itself. */
export const AUTOSAVE_DELAY = 2500;

export type DraftStatus = 'idle' | 'saving' | 'saved' | 'error' | 'conflict';

/**
 * The organisers' draft of the advice while it is being edited: the editable content, the
 * revision it is based on, and its saving. Saving sends the revision; when someone else saved in
 * between the server answers 409 DRAFT_CHANGED and the draft stops saving (status `conflict`)
 * until it is reloaded, so nobody's text is overwritten silently.
 */
export class AdviceDraft {
  content = $state<AdviceContent>({ summary: '', recommendation: '', minorityViews: '', incidents: '', limitations: '', bidders: [] });
  revision = $state(0);
  updatedAt = $state<string | null>(null);
  updatedBy = $state<string | null>(null);
  status = $state<DraftStatus>('idle');
  error = $state<ApiErrorBody | null>(null);
  /** The content as last saved or loaded, as JSON; the draft is dirty while it differs. */
  private saved = $state('');
  readonly dirty = $derived(JSON.stringify(this.content) !== this.saved);

  private timer: ReturnType<typeof setTimeout> | null = null;
  private inFlight: Promise<boolean> | null = null;
  private again = false;

  /** `eveningId` is read at each save (the page's id prop). */
  constructor(private readonly eveningId: () => string) {}

  /** Takes the server's draft as the starting point (on load and on reload after a conflict). */
  load(view: AdviceDraftView): void {
    this.cancel();
    this.content = { ...view.content, quoteReviews: view.content.quoteReviews ?? {} };
    this.saved = JSON.stringify(view.content);
    this.revision = view.revision;
    this.updatedAt = view.updatedAt;
    this.updatedBy = view.updatedBy;
    this.status = 'idle';
    this.error = null;
  }

  /** Saves a little while after the last change (call on every edit). */
  schedule(): void {
    if (this.status === 'conflict') return;
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.timer = null;
      void this.save();
    }, AUTOSAVE_DELAY);
  }

  /** Stops a pending autosave. */
  cancel(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
  }

  /** Saves now; resolves true when the content on the server is the content here. */
  async save(): Promise<boolean> {
    this.cancel();
    if (this.status === 'conflict') return false;
    if (this.inFlight) {
      // A save is under way: save again afterwards with whatever was typed meanwhile.
      this.again = true;
      return this.inFlight;
    }
    if (!this.dirty) return true;
    const content = $state.snapshot(this.content);
    const text = JSON.stringify(content);
    this.status = 'saving';
    this.error = null;
    this.inFlight = api.saveAdviceDraft(this.eveningId(), { content, revision: this.revision }).then(
      (view) => {
        this.revision = view.revision;
        this.updatedAt = view.updatedAt;
        this.updatedBy = view.updatedBy;
        this.saved = text;
        this.status = 'saved';
        return true;
      },
      (e: unknown) => {
        const body = errorBody(e);
        this.error = body;
        this.status = body.code === 'DRAFT_CHANGED' ? 'conflict' : 'error';
        return false;
      },
    );
    const ok = await this.inFlight;
    this.inFlight = null;
    if (this.again) {
      this.again = false;
      if (ok && this.dirty) return this.save();
    }
    return ok;
  }
}
