/** Sets the browser tab title; call from an $effect so it follows the language. */
export function setTitle(text: string | null | undefined): void {
  document.title = text ? `${text} – Buurtjury` : 'Buurtjury';
}
