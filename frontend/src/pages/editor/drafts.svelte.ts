/**
 * Input typed into the setup and not saved yet. The setup has one form per section (and one per
 * bidder or criterion being added or edited), each with its own *Opslaan*; saving one never
 * touches another's input. Every form's unsaved input is kept on this computer (localStorage,
 * per evening and form) until it is saved or discarded, so a reload, a closed tab or a trip to
 * another page brings it back; the page marks each section with unsaved input and asks before
 * the browser leaves it.
 *
 * No autosave: after the freeze every change of a detail is an audit-trail entry, a half-typed
 * bidder would be created on the server, and a weight total is only valid when it is complete.
 */
const PREFIX = 'buurtjury.setup-draft.';

function storage(): Storage | null {
  try {
    return typeof localStorage === 'undefined' ? null : localStorage;
  } catch {
    return null;
  }
}

/** What the page needs to know of a form: whether it has unsaved input, and how to throw it away. */
export interface Unsaved {
  /** The form's key ("tender", "criteria.weights", "bidders.new"…). */
  readonly key: string;
  readonly dirty: boolean;
  reset(): void;
}

/** One form's input: starts from what is saved (or the input kept from before), dirty while it differs. */
export class DraftForm<T> implements Unsaved {
  value = $state() as T;
  readonly dirty: boolean = $derived.by(() => this.differs(this.value, this.saved()));

  constructor(
    readonly key: string,
    private readonly storageKey: string,
    /** What the server has now (read again after every save, of this form or another). */
    private readonly saved: () => T,
    restored: T | undefined,
    private readonly differs: (value: T, saved: T) => boolean,
  ) {
    this.value = restored ?? saved();
    // Keep the unsaved input on this computer, and drop it once it equals what is saved. Runs with
    // the component that owns the form, so leaving the page leaves the input stored.
    $effect(() => {
      const store = storage();
      if (!store) return;
      try {
        if (this.dirty) store.setItem(this.storageKey, JSON.stringify($state.snapshot(this.value)));
        else store.removeItem(this.storageKey);
      } catch {
        // A full or blocked storage only loses the reload safety net; the form keeps working.
      }
    });
  }

  /**
   * Back to what is saved, and nothing kept any more: after a successful save (the server may have
   * trimmed the input) or to discard the input. Forgets the stored input at once, also when the
   * form closes right after (an edit form that is done).
   */
  reset(): void {
    this.value = this.saved();
    try {
      storage()?.removeItem(this.storageKey);
    } catch {
      // nothing kept
    }
  }
}

/**
 * The form's fields as text, with an empty field the same as a missing one: a bound input writes
 * '' back for a field that had no value (a date never set, a grade without a description).
 */
const canonical = (value: unknown): string => JSON.stringify(value, (_key, v: unknown) => (v === null || v === '' ? undefined : v));
const differ = (a: unknown, b: unknown) => canonical(a) !== canonical(b);

/** The setup's forms of one evening, and which sections have unsaved input. */
export class SetupDrafts {
  /** The forms on the page now, by key (a $state record: forms come and go with their components). */
  private readonly forms = $state<Record<string, Unsaved>>({});

  constructor(private readonly eveningId: () => string) {}

  private storageKey(key: string): string {
    return `${PREFIX}${this.eveningId()}.${key}`;
  }

  /** The input kept for a form from before (a reload), or undefined. */
  private restored<T>(key: string): T | undefined {
    try {
      const text = storage()?.getItem(this.storageKey(key));
      return text ? (JSON.parse(text) as T) : undefined;
    } catch {
      return undefined;
    }
  }

  /**
   * A form's input, registered under `key` ("<section>" or "<section>.<form>"). Call while the
   * form's component is created; it unregisters when that component goes.
   */
  form<T>(key: string, saved: () => T, differs: (value: T, saved: T) => boolean = differ): DraftForm<T> {
    const form = new DraftForm<T>(key, this.storageKey(key), saved, this.restored<T>(key), differs);
    this.forms[key] = form;
    $effect(() => () => {
      if (this.forms[key] === form) delete this.forms[key];
    });
    return form;
  }

  /** Keys of forms kept from before under `section.` (for example a bidder's edit form to reopen). */
  keptUnder(section: string): string[] {
    const store = storage();
    if (!store) return [];
    const start = this.storageKey(`${section}.`);
    const keys: string[] = [];
    for (let i = 0; i < store.length; i++) {
      const k = store.key(i);
      if (k?.startsWith(start)) keys.push(k.slice(start.length));
    }
    return keys;
  }

  /** Forgets a form's kept input (a bidder or criterion that was deleted, an edit that was cancelled). */
  forget(key: string): void {
    try {
      storage()?.removeItem(this.storageKey(key));
    } catch {
      // nothing kept, nothing to forget
    }
  }

  /** The sections with unsaved input, in no particular order. */
  readonly sections: ReadonlySet<string> = $derived.by(() => {
    const found = new Set<string>();
    for (const [key, form] of Object.entries(this.forms)) if (form.dirty) found.add(key.split('.')[0]!);
    return found;
  });

  get dirty(): boolean {
    return this.sections.size > 0;
  }
}
