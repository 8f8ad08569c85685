// One WebSocket to the API for live updates, shared by every page: reconnects with backoff,
// re-sends its subscriptions after a reconnect, and tells listeners its state so the header can
// show whether the numbers on screen are live. The private "account" channel is subscribed with
// the session's access token, again whenever the token changes; when the server refuses or ends
// it (token expired), the session is renewed once and the subscription follows the new token.
import { config } from '../config';
import { session } from '../auth/session';

export type LiveState = 'connecting' | 'live' | 'offline';
export interface LiveMessage {
  type: string;
  channel?: string;
  data: unknown;
  error?: { code: string; message: string };
}
export type AccountState = 'off' | 'pending' | 'live' | 'refused';
const PRIVATE = 'account';
type Handler = (msg: LiveMessage) => void;

class LiveSocket {
  private ws: WebSocket | null = null;
  private state: LiveState = 'connecting';
  private stateListeners = new Set<(s: LiveState) => void>();
  private handlers = new Map<string, Set<Handler>>();
  private channels = new Map<string, number>(); // channel → subscriber count
  private retry = 0;
  private timer: ReturnType<typeof setTimeout> | null = null;
  private started = false;
  private account: AccountState = 'off';
  private accountListeners = new Set<(s: AccountState) => void>();
  private token: string | null = session.get()?.accessToken ?? null;
  private renewed = false; // one renewal per refusal, not a loop

  start() {
    if (this.started) return;
    this.started = true;
    session.subscribe((s) => this.tokenChanged(s?.accessToken ?? null));
    this.connect();
  }

  private connect() {
    this.setState('connecting');
    let ws: WebSocket;
    try {
      ws = new WebSocket(`${config.wsUrl}/ws`);
    } catch {
      this.scheduleReconnect();
      return;
    }
    this.ws = ws;
    ws.onopen = () => {
      this.retry = 0;
      this.setState('live');
      const open = [...this.channels.keys()].filter((c) => c !== PRIVATE);
      if (open.length) this.send({ type: 'subscribe', channels: open });
      this.subscribeAccount();
      // Anything may have changed while offline: let pages refresh.
      this.dispatch({ type: 'reconnected', data: null });
    };
    ws.onmessage = (ev) => {
      let msg: unknown;
      try {
        msg = JSON.parse(typeof ev.data === 'string' ? ev.data : '');
      } catch {
        return;
      }
      if (msg && typeof msg === 'object' && typeof (msg as LiveMessage).type === 'string') {
        this.dispatch(msg as LiveMessage);
      }
    };
    ws.onclose = () => {
      if (this.ws !== ws) return;
      this.ws = null;
      this.scheduleReconnect();
    };
    ws.onerror = () => ws.close();
  }

  private scheduleReconnect() {
    this.setState('offline');
    if (this.channels.has(PRIVATE)) this.setAccount('pending');
    if (this.timer) return;
    const delay = Math.min(30_000, 1000 * 2 ** this.retry) * (0.75 + Math.random() * 0.5);
    this.retry = Math.min(this.retry + 1, 5);
    this.timer = setTimeout(() => {
      this.timer = null;
      this.connect();
    }, delay);
  }

  private send(msg: unknown) {
    if (this.ws && this.ws.readyState === WebSocket.OPEN) this.ws.send(JSON.stringify(msg));
  }

  private subscribeAccount() {
    if (!this.channels.has(PRIVATE)) return this.setAccount('off');
    if (!this.token) return this.setAccount('refused');
    this.setAccount('pending');
    this.send({ op: 'subscribe', channel: PRIVATE, token: this.token });
  }

  // The session changed (signed in, renewed, signed out).
  private tokenChanged(token: string | null) {
    if (token === this.token) return;
    this.token = token;
    if (this.channels.has(PRIVATE)) {
      if (token) this.subscribeAccount();
      else {
        this.send({ op: 'unsubscribe', channel: PRIVATE });
        this.setAccount('refused');
      }
    }
  }

  private accountMessage(msg: LiveMessage) {
    if (msg.type === 'subscribed' && msg.channel === PRIVATE) {
      this.renewed = false;
      this.setAccount('live');
    } else if (msg.type === 'error' && (msg.error?.code === 'unauthorized' || msg.error?.code === 'token_expired')) {
      if (!this.channels.has(PRIVATE)) return;
      this.setAccount('refused');
      if (this.renewed) return;
      this.renewed = true;
      // The new token arrives through the session's listeners and subscribes again.
      void session.renew();
    }
  }

  private setAccount(s: AccountState) {
    if (s === this.account) return;
    this.account = s;
    for (const l of this.accountListeners) l(s);
  }

  getAccountState() {
    return this.account;
  }

  onAccountState(l: (s: AccountState) => void): () => void {
    this.accountListeners.add(l);
    return () => void this.accountListeners.delete(l);
  }

  private dispatch(msg: LiveMessage) {
    this.accountMessage(msg);
    for (const key of [msg.type, '*']) {
      const set = this.handlers.get(key);
      if (set) for (const h of [...set]) h(msg);
    }
  }

  private setState(s: LiveState) {
    if (s === this.state) return;
    this.state = s;
    for (const l of this.stateListeners) l(s);
  }

  getState() {
    return this.state;
  }

  onState(l: (s: LiveState) => void): () => void {
    this.stateListeners.add(l);
    return () => void this.stateListeners.delete(l);
  }

  // Listens for messages of `type` ('*' for all); subscribes to `channel` on the server while at
  // least one listener wants it.
  on(type: string, handler: Handler, channel?: string): () => void {
    this.start();
    let set = this.handlers.get(type);
    if (!set) this.handlers.set(type, (set = new Set()));
    set.add(handler);
    if (channel) {
      const n = this.channels.get(channel) ?? 0;
      this.channels.set(channel, n + 1);
      if (n === 0) {
        if (channel === PRIVATE) this.subscribeAccount();
        else this.send({ type: 'subscribe', channels: [channel] });
      }
    }
    return () => {
      set!.delete(handler);
      if (channel) {
        const n = (this.channels.get(channel) ?? 1) - 1;
        if (n <= 0) {
          this.channels.delete(channel);
          this.send({ type: 'unsubscribe', channels: [channel] });
          if (channel === PRIVATE) this.setAccount('off');
        } else this.channels.set(channel, n);
      }
    };
  }
}

export const live = new LiveSocket();
