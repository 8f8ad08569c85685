// Where the API and its WebSocket live. At start the app reads /config.json from the server that
// serves it (the pool's web role writes it from web.api_url / web.ws_url / NEXT_PUBLIC_* settings),
// so one build works for any deployment. Without it: build-time settings (VITE_* / NEXT_PUBLIC_*),
// then the page's own host on port 4444.

export interface AppConfig {
  apiUrl: string; // no trailing slash
  wsUrl: string; // no trailing slash
  chainId: number; // the EVM chain id wallets sign in on
}

type Env = Record<string, string | undefined>;

export function resolveConfig(env: Env, location: { protocol: string; hostname: string }): AppConfig {
  const host = location.hostname.includes(':') ? `[${location.hostname}]` : location.hostname;
  const secure = location.protocol === 'https:';
  const api = env.VITE_API_URL || env.NEXT_PUBLIC_API_URL || `${secure ? 'https' : 'http'}://${host}:4444`;
  const ws =
    env.VITE_WS_URL ||
    env.NEXT_PUBLIC_WS_URL ||
    (env.VITE_API_URL || env.NEXT_PUBLIC_API_URL ? api.replace(/^http/, 'ws') : `${secure ? 'wss' : 'ws'}://${host}:4444`);
  const chainId = Number(env.VITE_CHAIN_ID || env.NEXT_PUBLIC_CHAIN_ID || '1');
  return {
    apiUrl: api.replace(/\/+$/, ''),
    wsUrl: ws.replace(/\/+$/, ''),
    chainId: Number.isInteger(chainId) && chainId > 0 ? chainId : 1,
  };
}

// Applies the server's /config.json over `base`: only well-formed values are taken.
export function mergeServerConfig(base: AppConfig, server: unknown): AppConfig {
  if (!server || typeof server !== 'object') return base;
  const s = server as Record<string, unknown>;
  const url = (v: unknown, schemes: RegExp) => (typeof v === 'string' && schemes.test(v) ? v.replace(/\/+$/, '') : undefined);
  const apiUrl = url(s.apiUrl, /^https?:\/\//) ?? base.apiUrl;
  const wsUrl =
    url(s.wsUrl, /^wss?:\/\//) ?? (url(s.apiUrl, /^https?:\/\//) ? apiUrl.replace(/^http/, 'ws') : base.wsUrl);
  const id = typeof s.chainId === 'string' ? Number(s.chainId) : s.chainId;
  const chainId = typeof id === 'number' && Number.isInteger(id) && id > 0 ? id : base.chainId;
  return { apiUrl, wsUrl, chainId };
}

export const config: AppConfig =
  typeof window === 'undefined'
    ? resolveConfig({}, { protocol: 'http:', hostname: 'localhost' })
    : resolveConfig(import.meta.env as unknown as Env, window.location);

// Reads /config.json once before the first render; a missing or broken file keeps the defaults.
export async function loadServerConfig(): Promise<void> {
  try {
    const res = await fetch('/config.json', { headers: { Accept: 'application/json' }, cache: 'no-store' });
    if (!res.ok) return;
    Object.assign(config, mergeServerConfig(config, await res.json()));
  } catch {
    /* keep the defaults */
  }
}
