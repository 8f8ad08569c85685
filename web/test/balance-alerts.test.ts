import { describe, expect, it } from 'vitest';
import { balanceAlerts } from '../src/api/balance-alerts';

const miner = (address: string, pending: number, payoutThreshold: number) => ({ address, payoutThreshold, balance: { pending } });

describe('balanceAlerts', () => {
  it('warns from 90% of the threshold and says when a payout is due', () => {
    const alerts = balanceAlerts([miner('A', 89, 100), miner('B', 90, 100), miner('C', 100, 100), miner('D', 250, 100)]);
    expect(alerts).toEqual([
      { miner: 'B', kind: 'balance_near_threshold', pending: 90, threshold: 100 },
      { miner: 'C', kind: 'payout_due', pending: 100, threshold: 100 },
      { miner: 'D', kind: 'payout_due', pending: 250, threshold: 100 },
    ]);
  });
  it('ignores empty balances and missing thresholds', () => {
    expect(balanceAlerts([miner('A', 0, 100), miner('B', 50, 0), miner('C', -5, 10)])).toEqual([]);
  });
  it('takes another nearness', () => {
    expect(balanceAlerts([miner('A', 50, 100)], 0.5).map((a) => a.kind)).toEqual(['balance_near_threshold']);
  });
});
