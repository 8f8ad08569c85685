// The signed-in session: the API's access and refresh tokens and the wallet they belong to, kept
// in localStorage so a reload stays signed in. An expired access token is renewed once with the
// refresh token (refreshes are serialised: the API ends a session whose refresh token is used
// twice).
import { config } from '../config';

export interface SessionInfo {
  accessToken: string;
  refreshToken: string;
  walletAddress: string;
}

const KEY = 'viddhana.session';
type Listener = (s: SessionInfo | null) => void;
const listeners = new Set<Listener>();

function load(): SessionInfo | null {
  try {
    const raw = globalThis.localStorage?.getItem(KEY);
    const s = raw ? (JSON.parse(raw) as SessionInfo) : null;
    return s && s.accessToken && s.refreshToken ? s : null;
  } catch {
    return null;
  }
}

let current: SessionInfo | null = load();
let refreshing: Promise<boolean> | null = null;

function set(s: SessionInfo | null) {
  current = s;
  try {
    if (s) globalThis.localStorage?.setItem(KEY, JSON.stringify(s));
    else globalThis.localStorage?.removeItem(KEY);
  } catch {
    /* private mode: the session lasts for this page only */
  }
  for (const l of listeners) l(s);
}

async function refresh(): Promise<boolean> {
  const s = current;
  if (!s) return false;
  try {
    const res = await fetch(`${config.apiUrl}/api/auth/refresh`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Accept: 'application/json' },
      body: JSON.stringify({ refreshToken: s.refreshToken }),
    });
    if (!res.ok) {
      set(null);
      return false;
    }
    const t = await res.json();
    set({ accessToken: t.accessToken, refreshToken: t.refreshToken, walletAddress: s.walletAddress });
    return true;
  } catch {
    return false;
  }
}

export const session = {
  get: () => current,
  signIn(s: SessionInfo) {
    set(s);
  },
  signOut() {
    set(null);
  },
  // After a 401: a new access token, once at a time; false when the session is over.
  renew(): Promise<boolean> {
    if (!refreshing) refreshing = refresh().finally(() => (refreshing = null));
    return refreshing;
  },
  subscribe(l: Listener): () => void {
    listeners.add(l);
    return () => void listeners.delete(l);
  },
};
