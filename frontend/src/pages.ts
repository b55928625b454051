/**
 * Which page a route shows, loaded on demand: each page is its own chunk, so a phone that opens
 * /j/CODE downloads the phone page and nothing of the organisers' pages.
 *
 * `page()` checks the props against the page component's own props type, so a route that passes
 * the wrong props does not compile even though the table stores components untyped.
 */
import type { Component } from 'svelte';
import type { Route } from './lib/router.svelte';
import { loadAllMessages } from './lib/i18n';

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- the table holds pages of every props type; page() checks them
type AnyPage = Component<any>;

export interface LazyPage {
  /** Names the chunk: a loaded page is kept, so coming back to it renders at once. */
  chunk: Route['name'];
  load: () => Promise<{ default: AnyPage }>;
  props: Record<string, unknown>;
  /** A change of key remounts the page (another evening, another code). */
  key: string;
}

/** Pages a phone opens from the QR code: they need only the phone's messages (lib/message-parts.ts). */
const PHONE_PAGES: readonly Route['name'][] = ['join', 'not-found'];

function page<P extends Record<string, unknown>>(
  chunk: Route['name'],
  load: () => Promise<{ default: Component<P> }>,
  props: P,
  key = '',
): LazyPage {
  const code = load as LazyPage['load'];
  if (PHONE_PAGES.includes(chunk)) return { chunk, load: code, props, key };
  // The other pages show once their messages are here too.
  return { chunk, load: () => Promise.all([code(), loadAllMessages()]).then(([module]) => module), props, key };
}

export function pageFor(r: Route): LazyPage {
  switch (r.name) {
    case 'home':
      return page(r.name, () => import('./pages/Home.svelte'), {});
    case 'login':
      return page(r.name, () => import('./pages/Login.svelte'), {});
    case 'signup':
      return page(r.name, () => import('./pages/Signup.svelte'), {});
    case 'invite':
      return page(r.name, () => import('./pages/Invite.svelte'), { token: r.token }, r.token);
    case 'evenings':
      return page(r.name, () => import('./pages/Evenings.svelte'), {});
    case 'evening':
      return page(r.name, () => import('./pages/editor/EveningEditor.svelte'), { id: r.id }, r.id);
    case 'live':
      return page(r.name, () => import('./pages/live/HostConsole.svelte'), { id: r.id }, r.id);
    case 'advice':
      return page(r.name, () => import('./pages/advice/AdvicePage.svelte'), { id: r.id }, r.id);
    case 'tickets':
      return page(r.name, () => import('./pages/tickets/TicketsPage.svelte'), { id: r.id }, r.id);
    case 'paper':
      return page(r.name, () => import('./pages/paper/PaperPage.svelte'), { id: r.id }, r.id);
    case 'audit':
      return page(r.name, () => import('./pages/audit/AuditPage.svelte'), { id: r.id }, r.id);
    case 'receipt':
      return page(r.name, () => import('./pages/receipt/ReceiptPage.svelte'), { code: r.code }, r.code);
    case 'committee':
      return page(r.name, () => import('./pages/committee/CommitteePage.svelte'), { token: r.token }, r.token);
    case 'join':
      return page(r.name, () => import('./pages/live/Phone.svelte'), { code: r.code }, r.code);
    case 'screen':
      return page(r.name, () => import('./pages/live/BigScreen.svelte'), { code: r.code }, r.code);
    case 'check':
      return page(r.name, () => import('./pages/check/RoomCheck.svelte'), { code: r.code }, r.code);
    case 'network':
      return page(r.name, () => import('./pages/Network.svelte'), {});
    case 'account':
      return page(r.name, () => import('./pages/Account.svelte'), {});
    case 'privacy':
      return page(r.name, () => import('./pages/Privacy.svelte'), {});
    case 'announcement':
      return page(r.name, () => import('./pages/signup/AnnouncementPage.svelte'), { code: r.code }, r.code);
    case 'my-signup':
      return page(r.name, () => import('./pages/signup/MySignupPage.svelte'), { token: r.token }, r.token);
    case 'signups':
      return page(r.name, () => import('./pages/signup/SignupsPage.svelte'), { id: r.id }, r.id);
    case 'bidder-page':
      return page(r.name, () => import('./pages/bidder/BidderPage.svelte'), { token: r.token }, r.token);
    case 'not-found':
      return page(r.name, () => import('./pages/NotFound.svelte'), {});
  }
}

const loaded = new Map<Route['name'], AnyPage>();

/** The page's component: at once when it was loaded before, otherwise a promise (for `{#await}`). */
export function componentOf(lazy: LazyPage): AnyPage | Promise<AnyPage> {
  const known = loaded.get(lazy.chunk);
  if (known) return known;
  return lazy.load().then((module) => {
    loaded.set(lazy.chunk, module.default);
    return module.default;
  });
}
