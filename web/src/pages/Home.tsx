// The pool at a glance: live hash rate, miners, workers, network difficulty, last block, fee and
// scheme; the last 24 hours of pool hash rate; recent blocks; top miners; how to start.
import type { Block, BlockPage, HashrateHistory, LeaderboardEntry, PoolStats } from '../api/types';
import { BlockStatus } from '../components/BlockStatus';
import { HashrateChart } from '../components/HashrateChart';
import { Stat } from '../components/Stat';
import { Empty, Show } from '../components/States';
import { RelTime, When } from '../components/Time';
import { formatCount, formatDifficulty, formatHashrate } from '../format/hashrate';
import { shorten } from '../format/text';
import { withFoundBlock } from '../api/live-blocks';
import { useApi, useTitle } from '../hooks';
import { Amount, usePoolInfo } from '../pool';
import { Link } from '../router';

export const BLOCK_EVENTS = ['block.found', 'block.confirmed', 'block.orphaned', 'block.pending'];

export function Home() {
  useTitle('');
  const { info } = usePoolInfo();
  const stats = useApi<{ stats: PoolStats }>('/api/stats/pool', {
    refreshOn: ['pool.stats'],
    channel: 'pool',
    apply: (_d, m) => (m.type === 'pool.stats' && m.data && typeof m.data === 'object' ? { stats: m.data as PoolStats } : undefined),
    poll: 30_000,
  });
  const history = useApi<HashrateHistory>('/api/stats/hashrate?bucket=15m', { poll: 60_000 });
  const blocks = useApi<BlockPage>('/api/blocks?limit=5', {
    refreshOn: BLOCK_EVENTS,
    channel: 'blocks',
    poll: 60_000,
    apply: (d, m) => withFoundBlock(d, m, info?.payout.confirmations ?? 100),
    settleMs: 1500,
  });
  const top = useApi<{ miners: LeaderboardEntry[] }>('/api/stats/leaderboard?period=24h&limit=5', { poll: 60_000 });

  return (
    <div class="page home">
      <section class="hero">
        <h1>
          Viddhana <span class="accent">Pool</span>
        </h1>
        <p class="lead">
          {info ? `${info.coin[0].toUpperCase()}${info.coin.slice(1)} (${info.symbol}) · ${info.algorithm} · ` : ''}
          {info ? `${info.payout.scheme.toUpperCase()} payouts, ${info.payout.fee} % fee` : 'Mining pool'}
        </p>
        <div class="cta">
          <Link class="button primary" href="/guide">
            Start mining
          </Link>
          <Link class="button" href="/pools">
            Connection details
          </Link>
        </div>
      </section>

      <section aria-label="Pool statistics">
        <Show resource={stats} what="pool statistics">
          {({ stats: s }) => (
            <div class="stats">
              <Stat id="hashrate" label="Pool hash rate" value={formatHashrate(s.hashrate)} hint="last 10 min" />
              <Stat id="miners" label="Miners" value={formatCount(s.activeMiners)} />
              <Stat id="workers" label="Workers" value={formatCount(s.activeWorkers)} />
              <Stat id="difficulty" label="Network difficulty" value={formatDifficulty(s.difficulty)} hint={`network ${formatHashrate(s.networkHashrate)}`} />
              <Stat id="last-block" label="Last block" value={<RelTime t={s.lastBlockTime} />} hint={`${formatCount(s.blocksFound)} found`} />
              <Stat id="fee" label="Fee" value={`${s.poolFee} %`} hint={info ? `${info.payout.scheme.toUpperCase()} scheme` : undefined} />
              <Stat id="paid" label="Paid to miners" value={<Amount value={s.totalPaid} info={info} />} />
            </div>
          )}
        </Show>
      </section>

      <section class="card">
        <h2>Pool hash rate, 24 h</h2>
        <Show resource={history} what="the hash rate history">
          {(h) => <HashrateChart points={h.points} label="Pool hash rate" />}
        </Show>
      </section>

      <div class="columns">
        <section class="card">
          <h2>
            Recent blocks <Link href="/blocks">all blocks ›</Link>
          </h2>
          <Show resource={blocks} what="recent blocks">
            {(p) => (p.blocks.length === 0 ? <Empty>No blocks found yet.</Empty> : <RecentBlocks blocks={p.blocks} />)}
          </Show>
        </section>
        <section class="card">
          <h2>
            Top miners, 24 h <Link href="/leaderboard">leaderboard ›</Link>
          </h2>
          <Show resource={top} what="top miners">
            {(t) =>
              t.miners.length === 0 ? (
                <Empty>Nobody has mined in the last 24 hours.</Empty>
              ) : (
                <ol class="list top-miners">
                  {t.miners.map((m) => (
                    <li key={m.address}>
                      <Link class="mono" href={`/miner/${m.address}`} title={m.address}>
                        {shorten(m.address)}
                      </Link>
                      <span>{formatHashrate(m.hashrate)}</span>
                    </li>
                  ))}
                </ol>
              )
            }
          </Show>
        </section>
      </div>
    </div>
  );
}

function RecentBlocks({ blocks }: { blocks: Block[] }) {
  return (
    <ul class="list recent-blocks">
      {blocks.map((b) => (
        <li key={b.hash} data-height={b.height}>
          <span class="mono">#{b.height}</span>
          <BlockStatus block={b} />
          <When t={b.time} />
        </li>
      ))}
    </ul>
  );
}
