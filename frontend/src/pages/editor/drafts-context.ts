import { getContext, setContext } from 'svelte';
import type { SetupDrafts } from './drafts.svelte';

/** The evening editor hands its SetupDrafts to every section and form below it. */
const CONTEXT = Symbol('setup-drafts');

export function provideDrafts(drafts: SetupDrafts): void {
  setContext(CONTEXT, drafts);
}

export function useDrafts(): SetupDrafts {
  const drafts = getContext<SetupDrafts | undefined>(CONTEXT);
  if (!drafts) throw new Error('The setup forms need the SetupDrafts of the evening editor.');
  return drafts;
}
