// The pool's connection and payout facts (GET /api/pool), read once and shared: every amount on
// screen needs the coin's symbol and decimals from it.
import { useEffect, useState } from 'preact/hooks';
import { get } from './api/client';
import type { PoolInfo } from './api/types';
import { formatAmount, type BaseUnits } from './format/amount';

let cached: Promise<PoolInfo> | null = null;

export function poolInfo(): Promise<PoolInfo> {
  if (!cached) {
    cached = get<PoolInfo>('/api/pool');
    cached.catch(() => (cached = null)); // try again on the next use
  }
  return cached;
}

export function usePoolInfo(): { info?: PoolInfo; error?: Error } {
  const [state, set] = useState<{ info?: PoolInfo; error?: Error }>({});
  useEffect(() => {
    let alive = true;
    poolInfo().then(
      (info) => alive && set({ info }),
      (error: Error) => alive && set({ error }),
    );
    return () => void (alive = false);
  }, []);
  return state;
}

// Decimals of the base unit: 100000000 base units per coin → 8.
export function decimalsOf(info?: PoolInfo): number {
  const units = info?.payout.coinUnits ?? 100_000_000;
  const d = Math.round(Math.log10(units));
  return Number.isFinite(d) && d >= 0 ? d : 8;
}

// An amount with 8 (the coin's) decimals and its symbol.
export function Amount({ value, info }: { value: BaseUnits | null | undefined; info?: PoolInfo }) {
  if (value === null || value === undefined) return <span class="muted">—</span>;
  return (
    <span class="amount mono" data-amount={String(value)}>
      {formatAmount(value, decimalsOf(info), { symbol: info?.symbol ?? '' }).trim()}
    </span>
  );
}
