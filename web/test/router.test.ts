import { describe, expect, it } from 'vitest';
import { matchRoute } from '../src/router';

describe('matchRoute', () => {
  it('matches fixed paths exactly', () => {
    expect(matchRoute('/', '/')).toEqual({});
    expect(matchRoute('/blocks', '/blocks')).toEqual({});
    expect(matchRoute('/blocks', '/blocks/')).toEqual({});
    expect(matchRoute('/blocks', '/pools')).toBeNull();
    expect(matchRoute('/dashboard', '/dashboard/workers')).toBeNull();
  });
  it('captures and decodes parameters', () => {
    expect(matchRoute('/miner/:address', '/miner/rltc1qabc')).toEqual({ address: 'rltc1qabc' });
    expect(matchRoute('/miner/:address', '/miner/a%20b')).toEqual({ address: 'a b' });
    expect(matchRoute('/miner/:address', '/miner/%E0%A4%A')).toBeNull();
    expect(matchRoute('/miner/:address', '/miner')).toBeNull();
  });
});
