/** The browser tab's title for a page (in `<svelte:head><title>`): the page's own, then the app's name. */
export function pageTitle(text: string | null | undefined): string {
  return text ? `${text} – Buurtjury` : 'Buurtjury';
}
