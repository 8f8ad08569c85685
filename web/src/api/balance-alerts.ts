// Alerts the dashboard raises from the account's own balances, without the analytics service: a
// linked miner whose mature balance is close to its payout threshold, or already at it (paid at
// the next payment pass).
export interface MinerBalance {
  address: string;
  payoutThreshold: number; // base units
  balance: { pending: number };
}

export interface BalanceAlert {
  miner: string;
  kind: 'balance_near_threshold' | 'payout_due';
  pending: number;
  threshold: number;
}

// `near`: the share of the threshold from which a balance counts as close to it.
export function balanceAlerts(miners: MinerBalance[], near = 0.9): BalanceAlert[] {
  const out: BalanceAlert[] = [];
  for (const m of miners) {
    const pending = m.balance.pending;
    const threshold = m.payoutThreshold;
    if (!(threshold > 0) || !(pending > 0)) continue;
    if (pending >= threshold) out.push({ miner: m.address, kind: 'payout_due', pending, threshold });
    else if (pending >= near * threshold) out.push({ miner: m.address, kind: 'balance_near_threshold', pending, threshold });
  }
  return out;
}
