// Data hooks shared by the pages: API reads that refresh on live events, the live connection's
// state, and a clock for relative times.
import { useCallback, useEffect, useRef, useState } from 'preact/hooks';
import { ApiError, get } from './api/client';
import { live, type AccountState, type LiveMessage, type LiveState } from './live/socket';
import { session, type SessionInfo } from './auth/session';

export interface Resource<T> {
  data: T | undefined;
  error: ApiError | Error | undefined;
  loading: boolean; // true until the first answer (refreshes keep showing the old data)
  reload: () => void;
}

export interface ApiOptions<T> {
  // Live message types after which the resource is fetched again (coalesced to one fetch).
  refreshOn?: string[];
  channel?: string; // a WebSocket channel to subscribe to while mounted
  // Refetch this often (ms) as well, for numbers that drift without events.
  poll?: number;
  // Apply a live message to the current data instead of refetching; return undefined to refetch.
  apply?: (data: T | undefined, msg: LiveMessage) => T | undefined;
  // After an applied message, fetch again this many ms later anyway (the event may arrive
  // before the database has the row).
  settleMs?: number;
}

// GET `path` (null: nothing to fetch yet) and keep it fresh.
export function useApi<T = unknown>(path: string | null, options: ApiOptions<T> = {}): Resource<T> {
  const [state, setState] = useState<{ data?: T; error?: Error; loading: boolean; path: string | null }>({
    loading: path !== null,
    path,
  });
  const seq = useRef(0);
  const opts = useRef(options);
  opts.current = options;
  const latest = useRef<T | undefined>(undefined);
  latest.current = state.data;

  const load = useCallback(() => {
    if (path === null) return;
    const mine = ++seq.current;
    const ctrl = new AbortController();
    get<T>(path, ctrl.signal).then(
      (data) => mine === seq.current && setState({ data, loading: false, path }),
      (error: Error) => {
        if (error.name === 'AbortError' || mine !== seq.current) return;
        setState((s) => ({ data: s.path === path ? s.data : undefined, error, loading: false, path }));
      },
    );
    return ctrl;
  }, [path]);

  useEffect(() => {
    setState((s) => (s.path === path ? s : { loading: path !== null, path }));
    const ctrl = load();
    return () => ctrl?.abort();
  }, [load]);

  const refreshKey = (options.refreshOn ?? []).join(',');
  useEffect(() => {
    if (path === null) return;
    let pending: ReturnType<typeof setTimeout> | null = null;
    const settleTimers: ReturnType<typeof setTimeout>[] = [];
    const refresh = () => {
      if (pending) return;
      pending = setTimeout(() => {
        pending = null;
        load();
      }, 250);
    };
    const offs = [...(refreshKey ? refreshKey.split(',') : []), 'reconnected'].map((type, i) =>
      live.on(
        type,
        (msg) => {
          const apply = opts.current.apply;
          if (apply && type !== 'reconnected') {
            const next = apply(latest.current, msg);
            if (next !== undefined) {
              latest.current = next;
              setState((s) => ({ ...s, data: next, loading: false }));
              const settle = opts.current.settleMs;
              if (settle) settleTimers.push(setTimeout(load, settle));
              return;
            }
          }
          refresh();
        },
        i === 0 ? opts.current.channel : undefined,
      ),
    );
    const poll = opts.current.poll;
    const timer = poll ? setInterval(load, poll) : null;
    return () => {
      offs.forEach((off) => off());
      if (pending) clearTimeout(pending);
      settleTimers.forEach(clearTimeout);
      if (timer) clearInterval(timer);
    };
  }, [path, refreshKey, load]);

  return { data: state.data, error: state.error, loading: state.loading && state.data === undefined, reload: load };
}

export function useSessionInfo(): SessionInfo | null {
  const [s, set] = useState(session.get());
  useEffect(() => session.subscribe(set), []);
  return s;
}

export function useLiveState(): LiveState {
  const [s, set] = useState<LiveState>(live.getState());
  useEffect(() => {
    live.start();
    set(live.getState());
    return live.onState(set);
  }, []);
  return s;
}

// Whether the private account channel is live (the server accepted the session's token).
export function useAccountLiveState(): AccountState {
  const [s, set] = useState<AccountState>(live.getAccountState());
  useEffect(() => {
    set(live.getAccountState());
    return live.onAccountState(set);
  }, []);
  return s;
}

// Calls `handler` for each live message of `type` while mounted.
export function useLiveEvent(type: string, handler: (m: LiveMessage) => void, channel?: string) {
  const h = useRef(handler);
  h.current = handler;
  useEffect(() => live.on(type, (m) => h.current(m), channel), [type, channel]);
}

// The current time, re-rendering every `interval` ms (for "5 s ago" labels).
export function useNow(interval = 5000): Date {
  const [now, set] = useState(() => new Date());
  useEffect(() => {
    const t = setInterval(() => set(new Date()), interval);
    return () => clearInterval(t);
  }, [interval]);
  return now;
}

export function useTitle(title: string) {
  useEffect(() => {
    document.title = title ? `${title} · Viddhana Pool` : 'Viddhana Pool';
  }, [title]);
}
