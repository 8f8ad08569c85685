import { describe, expect, it } from 'vitest';
import { mergeServerConfig, resolveConfig } from '../src/config';

describe('resolveConfig', () => {
  it('defaults to the page host on port 4444', () => {
    const c = resolveConfig({}, { protocol: 'http:', hostname: 'pool.example' });
    expect(c).toEqual({ apiUrl: 'http://pool.example:4444', wsUrl: 'ws://pool.example:4444', chainId: 1 });
  });
  it('uses TLS schemes on an https page and brackets IPv6 hosts', () => {
    const c = resolveConfig({}, { protocol: 'https:', hostname: '::1' });
    expect(c.apiUrl).toBe('https://[::1]:4444');
    expect(c.wsUrl).toBe('wss://[::1]:4444');
  });
  it('honours the NEXT_PUBLIC_ names and lets VITE_ names win', () => {
    const loc = { protocol: 'http:', hostname: 'x' };
    const next = resolveConfig(
      { NEXT_PUBLIC_API_URL: 'http://localhost:4444/', NEXT_PUBLIC_WS_URL: 'ws://localhost:4444', NEXT_PUBLIC_CHAIN_ID: '5' },
      loc,
    );
    expect(next).toEqual({ apiUrl: 'http://localhost:4444', wsUrl: 'ws://localhost:4444', chainId: 5 });
    const vite = resolveConfig({ NEXT_PUBLIC_API_URL: 'http://a:1', VITE_API_URL: 'https://b:2' }, loc);
    expect(vite.apiUrl).toBe('https://b:2');
    expect(vite.wsUrl).toBe('wss://b:2');
  });
  it('ignores a chain id that is not a positive integer', () => {
    expect(resolveConfig({ VITE_CHAIN_ID: 'abc' }, { protocol: 'http:', hostname: 'x' }).chainId).toBe(1);
  });
});

describe('mergeServerConfig', () => {
  const base = { apiUrl: 'http://h:4444', wsUrl: 'ws://h:4444', chainId: 1 };
  it('takes the server values', () => {
    expect(mergeServerConfig(base, { apiUrl: 'https://api.example/', wsUrl: 'wss://api.example', chainId: 7 })).toEqual({
      apiUrl: 'https://api.example',
      wsUrl: 'wss://api.example',
      chainId: 7,
    });
  });
  it('derives the WebSocket URL from the API URL when only that is given', () => {
    expect(mergeServerConfig(base, { apiUrl: 'http://x:1' }).wsUrl).toBe('ws://x:1');
  });
  it('ignores malformed values and non-objects', () => {
    expect(mergeServerConfig(base, { apiUrl: 'ftp://x', wsUrl: 5, chainId: -2 })).toEqual(base);
    expect(mergeServerConfig(base, null)).toEqual(base);
    expect(mergeServerConfig(base, { chainId: '42' }).chainId).toBe(42);
  });
});
