import { may, type MeResponse, type Permission, type SessionResponse } from '@buurtjury/shared';
import { api, getToken, onUnauthorized, setToken } from './api';
import { navigate } from './router.svelte';

class Session {
  /** The logged-in organiser and network, or null. */
  me = $state<MeResponse | null>(null);
  /** False until we know whether a stored token is still valid. */
  ready = $state(false);
}

export const session = new Session();

/**
 * Whether the logged-in organiser's role allows `permission`. Only for hiding what the server
 * would refuse anyway; the server checks every request itself.
 */
export function can(permission: Permission): boolean {
  return !!session.me && may(session.me.organiser.role, permission);
}

onUnauthorized(() => {
  session.me = null;
  navigate('/login', { replace: true });
});

export async function restoreSession(): Promise<void> {
  if (!getToken()) {
    session.ready = true;
    return;
  }
  try {
    session.me = await api.me();
  } catch {
    session.me = null;
  } finally {
    session.ready = true;
  }
}

export function startSession(response: SessionResponse): void {
  setToken(response.token);
  session.me = { organiser: response.organiser, network: response.network };
}

export async function logout(): Promise<void> {
  try {
    await api.logout();
  } catch {
    // the token is dropped locally anyway
  }
  endLocalSession('/');
}

/** Forgets the session in this browser (the server ended it, or the organiser logged out) and goes to `to`. */
export function endLocalSession(to: string): void {
  setToken(null);
  session.me = null;
  navigate(to);
}
