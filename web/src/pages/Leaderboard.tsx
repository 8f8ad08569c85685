// Miners ranked by hash rate over a chosen period, with their shares and blocks.
import type { LeaderboardEntry } from '../api/types';
import { Empty, Show } from '../components/States';
import { formatCount, formatHashrate } from '../format/hashrate';
import { shorten } from '../format/text';
import { useApi, useTitle } from '../hooks';
import { Link, navigate, useLocation } from '../router';

const PERIODS = ['1h', '24h', '7d', '30d'];

export function Leaderboard() {
  useTitle('Leaderboard');
  const { query } = useLocation();
  const period = PERIODS.includes(query.get('period') ?? '') ? query.get('period')! : '24h';
  const board = useApi<{ miners: LeaderboardEntry[] }>(`/api/stats/leaderboard?period=${period}&limit=100`, { poll: 60_000 });
  return (
    <div class="page leaderboard">
      <h1>Leaderboard</h1>
      <div class="tabs" role="tablist" aria-label="Period">
        {PERIODS.map((p) => (
          <button
            key={p}
            type="button"
            role="tab"
            aria-selected={p === period}
            class={p === period ? 'active' : ''}
            onClick={() => navigate(p === '24h' ? '/leaderboard' : `/leaderboard?period=${p}`, { replace: true })}
          >
            {p}
          </button>
        ))}
      </div>
      <Show resource={board} what="the leaderboard">
        {(b) =>
          b.miners.length === 0 ? (
            <Empty>Nobody mined in the last {period}.</Empty>
          ) : (
            <div class="table-wrap">
              <table>
                <thead>
                  <tr>
                    <th>#</th>
                    <th>Miner</th>
                    <th>Hash rate</th>
                    <th>Shares</th>
                    <th>Blocks</th>
                  </tr>
                </thead>
                <tbody>
                  {b.miners.map((m) => (
                    <tr key={m.address}>
                      <td>{m.rank}</td>
                      <td>
                        <Link class="mono" href={`/miner/${m.address}`} title={m.address}>
                          {shorten(m.address, 10, 8)}
                        </Link>
                      </td>
                      <td>{formatHashrate(m.hashrate)}</td>
                      <td>
                        {formatCount(m.acceptedShares)}
                        {m.rejectedShares > 0 && <small class="muted"> ({formatCount(m.rejectedShares)} rejected)</small>}
                      </td>
                      <td>{formatCount(m.blocksFound)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )
        }
      </Show>
    </div>
  );
}
