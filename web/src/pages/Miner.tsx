// One miner: hash rate and its history, workers online and offline, balance (immature, pending,
// paid), payments with their transactions, and earnings per day. An address the pool does not
// know, or text that is not an address, gets a page saying which.
import { ApiError } from '../api/client';
import type { DailyEarning, HashrateHistory, MinerSummary, Payment, Worker } from '../api/types';
import { Copyable } from '../components/Copy';
import { HashrateChart } from '../components/HashrateChart';
import { Stat } from '../components/Stat';
import { Empty, Failed, Loading, Show } from '../components/States';
import { RelTime, When } from '../components/Time';
import { formatCount, formatHashrate } from '../format/hashrate';
import { useApi, useTitle } from '../hooks';
import { Amount, usePoolInfo } from '../pool';
import { Link } from '../router';
import type { PoolInfo } from '../api/types';

export function Miner({ address }: { address: string }) {
  useTitle(`Miner ${address}`);
  const { info } = usePoolInfo();
  const base = `/api/miners/${encodeURIComponent(address)}`;
  const channel = `miner:${address}`;
  const summary = useApi<MinerSummary>(base, {
    refreshOn: ['miner.hashrate', 'miner.payment', 'block.found', 'block.confirmed', 'block.orphaned'],
    channel,
    poll: 30_000,
  });
  const known = summary.data !== undefined;
  const workers = useApi<{ workers: Worker[] }>(known ? `${base}/workers` : null, { refreshOn: ['miner.hashrate'], poll: 30_000 });
  const history = useApi<HashrateHistory>(known ? `${base}/hashrate?bucket=15m` : null, { poll: 60_000 });
  const payments = useApi<{ payments: Payment[] }>(known ? `${base}/payments?limit=25` : null, { refreshOn: ['miner.payment'] });
  const earnings = useApi<{ days: DailyEarning[] }>(known ? `${base}/earnings/daily?days=14` : null, {
    refreshOn: ['block.confirmed', 'miner.payment'],
  });

  if (!known) {
    if (summary.error) return <MinerError address={address} error={summary.error} retry={summary.reload} />;
    return <Loading what="the miner" />;
  }
  const m = summary.data!;
  return (
    <div class="page miner">
      <h1>Miner</h1>
      <p class="address">
        <Copyable value={m.address} />
      </p>
      <div class="stats">
        <Stat id="miner-hashrate" label="Hash rate" value={formatHashrate(m.hashrate)} hint={`1 h: ${formatHashrate(m.hashrate1h)}`} />
        <Stat id="miner-workers" label="Workers online" value={`${m.workersOnline} / ${m.workers}`} />
        <Stat id="miner-shares" label="Shares" value={formatCount(m.acceptedShares)} hint={`${formatCount(m.rejectedShares)} rejected`} />
        <Stat id="miner-last-share" label="Last share" value={<RelTime t={m.lastShare} />} />
        <Stat id="miner-blocks" label="Blocks found" value={formatCount(m.blocksFound)} />
      </div>

      <section class="card">
        <h2>Balance</h2>
        <div class="stats balance">
          <Stat id="immature" label="Immature" value={<Amount value={m.balance.immature} info={info} />} hint="waiting for block maturity" />
          <Stat
            id="pending"
            label="Pending"
            value={<Amount value={m.balance.pending} info={info} />}
            hint={
              <>
                paid from <Amount value={m.balance.payoutThreshold} info={info} />
              </>
            }
          />
          <Stat id="paid" label="Paid" value={<Amount value={m.balance.paid} info={info} />} />
        </div>
      </section>

      <section class="card">
        <h2>Hash rate, 24 h</h2>
        <Show resource={history} what="the hash rate history">
          {(h) => <HashrateChart points={h.points} label="Miner hash rate" />}
        </Show>
      </section>

      <section class="card">
        <h2>Workers</h2>
        <Show resource={workers} what="workers">
          {(w) => (w.workers.length === 0 ? <Empty>No workers yet.</Empty> : <WorkerTable workers={w.workers} />)}
        </Show>
      </section>

      <section class="card">
        <h2>Payments</h2>
        <Show resource={payments} what="payments">
          {(p) =>
            p.payments.length === 0 ? (
              <Empty>No payments yet: the pool pays once the pending balance reaches the payout threshold.</Empty>
            ) : (
              <PaymentTable payments={p.payments} info={info} />
            )
          }
        </Show>
      </section>

      <section class="card">
        <h2>Earnings per day (UTC)</h2>
        <Show resource={earnings} what="earnings">
          {(e) =>
            e.days.every((d) => d.amount === 0) ? (
              <Empty>No earnings in the last {e.days.length} days yet.</Empty>
            ) : (
              <EarningsTable days={e.days} info={info} />
            )
          }
        </Show>
      </section>
    </div>
  );
}

function MinerError({ address, error, retry }: { address: string; error: Error; retry: () => void }) {
  const api = error instanceof ApiError ? error : null;
  if (api && (api.status === 404 || api.status === 400)) {
    return (
      <div class="page miner-error" data-error={api.status === 404 ? 'unknown-miner' : 'invalid-address'}>
        <h1>{api.status === 404 ? 'Unknown miner' : 'Not an address'}</h1>
        <p class="state failed" role="alert">
          {api.message}
        </p>
        <p>
          <code class="mono break">{address}</code>
        </p>
        <p>
          {api.status === 404
            ? 'A miner appears here after its first accepted share. '
            : 'Check the address: it is the part of your Stratum login before the dot. '}
          <Link href="/guide">How to connect ›</Link>
        </p>
      </div>
    );
  }
  return <Failed error={error} retry={retry} />;
}

function WorkerTable({ workers }: { workers: Worker[] }) {
  const sorted = [...workers].sort((a, b) => Number(b.online) - Number(a.online) || a.name.localeCompare(b.name));
  return (
    <div class="table-wrap">
      <table class="workers-table">
        <thead>
          <tr>
            <th>Worker</th>
            <th>State</th>
            <th>Hash rate</th>
            <th>Shares</th>
            <th>Last share</th>
          </tr>
        </thead>
        <tbody>
          {sorted.map((w) => (
            <tr key={w.name} data-worker={w.name} data-online={String(w.online)}>
              <td class="mono">{w.name || '(default)'}</td>
              <td>
                <span class={`status ${w.online ? 'confirmed' : 'orphaned'}`}>{w.online ? 'online' : 'offline'}</span>
              </td>
              <td>{formatHashrate(w.hashrate)}</td>
              <td>
                {formatCount(w.acceptedShares)}
                {w.rejectedShares > 0 && <small class="muted"> ({formatCount(w.rejectedShares)} rejected)</small>}
              </td>
              <td>
                <When t={w.lastShare} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function PaymentTable({ payments, info }: { payments: Payment[]; info?: PoolInfo }) {
  return (
    <div class="table-wrap">
      <table>
        <thead>
          <tr>
            <th>Time</th>
            <th>Amount</th>
            <th>Status</th>
            <th>Transaction</th>
          </tr>
        </thead>
        <tbody>
          {payments.map((p) => (
            <tr key={p.id}>
              <td>
                <When t={p.time} />
              </td>
              <td>
                <Amount value={p.amount} info={info} />
              </td>
              <td>
                <span class={`status ${p.status === 'confirmed' ? 'confirmed' : p.status === 'failed' ? 'orphaned' : 'pending'}`}>{p.status}</span>
              </td>
              <td>{p.txid ? <Copyable value={p.txid} short /> : <span class="muted">not sent yet</span>}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function EarningsTable({ days, info }: { days: DailyEarning[]; info?: PoolInfo }) {
  return (
    <div class="table-wrap">
      <table>
        <thead>
          <tr>
            <th>Day</th>
            <th>Earned</th>
          </tr>
        </thead>
        <tbody>
          {[...days].reverse().map((d) => (
            <tr key={d.date}>
              <td class="mono">{d.date}</td>
              <td>
                <Amount value={d.amount} info={info} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
