// Every block the pool found, newest first, a page at a time; new blocks and confirmations
// appear without a reload.
import type { BlockPage } from '../api/types';
import { BlockStatus } from '../components/BlockStatus';
import { Copyable } from '../components/Copy';
import { Pager } from '../components/Pager';
import { Empty, Show } from '../components/States';
import { When } from '../components/Time';
import { formatDifficulty, formatPercent } from '../format/hashrate';
import { shorten } from '../format/text';
import { withFoundBlock } from '../api/live-blocks';
import { useApi, useTitle } from '../hooks';
import { Amount, usePoolInfo } from '../pool';
import { Link, navigate, useLocation } from '../router';
import { BLOCK_EVENTS } from './Home';

const PER_PAGE = 25;

export function Blocks() {
  useTitle('Blocks');
  const { query } = useLocation();
  const page = Math.max(1, Number.parseInt(query.get('page') ?? '1', 10) || 1);
  const { info } = usePoolInfo();
  const blocks = useApi<BlockPage>(`/api/blocks?page=${page - 1}&limit=${PER_PAGE}`, {
    refreshOn: BLOCK_EVENTS,
    channel: 'blocks',
    poll: 60_000,
    apply: (d, m) => withFoundBlock(d, m, info?.payout.confirmations ?? 100),
    settleMs: 1500,
  });
  return (
    <div class="page blocks">
      <h1>Blocks</h1>
      <Show resource={blocks} what="blocks">
        {(p) =>
          p.blocks.length === 0 ? (
            <Empty>{page > 1 ? 'No blocks on this page.' : 'The pool has not found a block yet.'}</Empty>
          ) : (
            <>
              <p class="muted">{p.total} blocks found</p>
              <div class="table-wrap">
                <table class="blocks-table">
                  <thead>
                    <tr>
                      <th>Height</th>
                      <th>Status</th>
                      <th>Reward</th>
                      <th>Effort</th>
                      <th>Finder</th>
                      <th>Time</th>
                      <th>Hash</th>
                    </tr>
                  </thead>
                  <tbody>
                    {p.blocks.map((b) => (
                      <tr key={b.hash} data-height={b.height} data-hash={b.hash}>
                        <td class="mono">{b.height}</td>
                        <td>
                          <BlockStatus block={b} />
                        </td>
                        <td>
                          <Amount value={b.reward} info={info} />
                        </td>
                        <td title={`network difficulty ${formatDifficulty(b.networkDifficulty)}`}>
                          {b.effort === null || b.effort === undefined ? '—' : formatPercent(b.effort, 0)}
                        </td>
                        <td>
                          <Link class="mono" href={`/miner/${b.finder}`} title={b.finder}>
                            {shorten(b.finder)}
                          </Link>
                          {b.worker && <small class="muted">.{b.worker}</small>}
                        </td>
                        <td>
                          <When t={b.time} />
                        </td>
                        <td>
                          <Copyable value={b.hash} short />
                        </td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
              <Pager page={page} pages={Math.max(1, Math.ceil(p.total / PER_PAGE))} onPage={(n) => navigate(`/blocks?page=${n}`)} />
            </>
          )
        }
      </Show>
    </div>
  );
}
