/**
 * A tiny history-API router: `route.path` is reactive, `navigate()` pushes a new entry, and
 * `interceptLinks()` turns clicks on same-origin links into client-side navigation.
 */

class RouteState {
  path = $state(normalise(window.location.pathname));
}

function normalise(path: string): string {
  if (path.length > 1 && path.endsWith('/')) return path.slice(0, -1);
  return path || '/';
}

export const route = new RouteState();

/** Set when the path changed through navigation (not the first load), so focus can move to the new page. */
export const navigation = { count: 0 };

export function navigate(to: string, options: { replace?: boolean } = {}): void {
  const url = new URL(to, window.location.origin);
  if (options.replace) window.history.replaceState(null, '', url.pathname + url.search + url.hash);
  else window.history.pushState(null, '', url.pathname + url.search + url.hash);
  navigation.count++;
  route.path = normalise(url.pathname);
  if (!url.hash) window.scrollTo(0, 0);
}

window.addEventListener('popstate', () => {
  navigation.count++;
  route.path = normalise(window.location.pathname);
});

/** Handles clicks on `<a href="/…">` anywhere in the document without a full page load. */
export function interceptLinks(root: Document = document): () => void {
  const onClick = (event: MouseEvent) => {
    if (event.defaultPrevented || event.button !== 0) return;
    if (event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
    const anchor = (event.target as Element | null)?.closest?.('a');
    if (!anchor || anchor.target || anchor.hasAttribute('download')) return;
    const href = anchor.getAttribute('href');
    if (!href || !href.startsWith('/') || href.startsWith('//') || href.startsWith('/api')) return;
    event.preventDefault();
    navigate(href);
  };
  root.addEventListener('click', onClick);
  return () => root.removeEventListener('click', onClick);
}

export type Route =
  | { name: 'home' }
  | { name: 'login' }
  | { name: 'signup' }
  | { name: 'invite'; token: string }
  | { name: 'evenings' }
  | { name: 'evening'; id: string }
  | { name: 'live'; id: string }
  | { name: 'advice'; id: string }
  | { name: 'tickets'; id: string }
  | { name: 'paper'; id: string }
  | { name: 'audit'; id: string }
  | { name: 'receipt'; code: string }
  | { name: 'committee'; token: string }
  | { name: 'join'; code: string }
  | { name: 'screen'; code: string }
  | { name: 'check'; code: string }
  | { name: 'network' }
  | { name: 'account' }
  | { name: 'privacy' }
  | { name: 'announcement'; code: string }
  | { name: 'my-signup'; token: string }
  | { name: 'signups'; id: string }
  | { name: 'bidder-page'; token: string }
  | { name: 'not-found' };

export function matchRoute(path: string): Route {
  if (path === '/') return { name: 'home' };
  if (path === '/login') return { name: 'login' };
  if (path === '/signup') return { name: 'signup' };
  if (path === '/evenings') return { name: 'evenings' };
  if (path === '/network') return { name: 'network' };
  if (path === '/account') return { name: 'account' };
  if (path === '/privacy') return { name: 'privacy' };
  let m = /^\/invite\/([^/]+)$/.exec(path);
  if (m) return { name: 'invite', token: decodeURIComponent(m[1]!) };
  m = /^\/evenings\/([^/]+)\/live$/.exec(path);
  if (m) return { name: 'live', id: decodeURIComponent(m[1]!) };
  m = /^\/evenings\/([^/]+)\/advice$/.exec(path);
  if (m) return { name: 'advice', id: decodeURIComponent(m[1]!) };
  m = /^\/evenings\/([^/]+)\/(tickets|paper|audit)$/.exec(path);
  if (m) return { name: m[2] as 'tickets' | 'paper' | 'audit', id: decodeURIComponent(m[1]!) };
  m = /^\/r\/([^/]+)$/.exec(path);
  if (m) return { name: 'receipt', code: decodeURIComponent(m[1]!) };
  m = /^\/c\/([^/]+)$/.exec(path);
  if (m) return { name: 'committee', token: decodeURIComponent(m[1]!) };
  if (path === '/check') return { name: 'check', code: '' };
  m = /^\/check\/([^/]+)$/.exec(path);
  if (m) return { name: 'check', code: decodeURIComponent(m[1]!) };
  m = /^\/a\/([^/]+)$/.exec(path);
  if (m) return { name: 'announcement', code: decodeURIComponent(m[1]!) };
  m = /^\/s\/([^/]+)$/.exec(path);
  if (m) return { name: 'my-signup', token: decodeURIComponent(m[1]!) };
  m = /^\/b\/([^/]+)$/.exec(path);
  if (m) return { name: 'bidder-page', token: decodeURIComponent(m[1]!) };
  m = /^\/evenings\/([^/]+)\/signups$/.exec(path);
  if (m) return { name: 'signups', id: decodeURIComponent(m[1]!) };
  m = /^\/j\/([^/]+)$/.exec(path);
  if (m) return { name: 'join', code: decodeURIComponent(m[1]!) };
  m = /^\/screen\/([^/]+)$/.exec(path);
  if (m) return { name: 'screen', code: decodeURIComponent(m[1]!) };
  m = /^\/evenings\/([^/]+)$/.exec(path);
  if (m) return { name: 'evening', id: decodeURIComponent(m[1]!) };
  return { name: 'not-found' };
}

const ORGANISER_ROUTES: readonly Route['name'][] = ['evenings', 'evening', 'live', 'advice', 'tickets', 'paper', 'audit', 'network', 'account', 'signups'];

/** Routes that need a logged-in organiser. */
export function needsLogin(r: Route): boolean {
  return ORGANISER_ROUTES.includes(r.name);
}

/** A query parameter of the current address (read once, when a page opens), or ''. */
export function queryParam(name: string): string {
  return new URLSearchParams(window.location.search).get(name) ?? '';
}
