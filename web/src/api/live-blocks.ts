// Applies a block.found live message to a page of blocks: the new block goes on top at once
// (the page fetches again shortly after, for the stored row's full details).
import type { Block, BlockPage } from './types';
import type { LiveMessage } from '../live/socket';

export function withFoundBlock(page: BlockPage | undefined, msg: LiveMessage, confirmationsRequired: number): BlockPage | undefined {
  if (!page || msg.type !== 'block.found' || page.page !== 0) return undefined;
  const d = msg.data as Partial<Block> | null;
  if (!d || typeof d.hash !== 'string' || typeof d.height !== 'number') return undefined;
  if (page.blocks.some((b) => b.hash === d.hash)) return page;
  const block: Block = {
    height: d.height,
    hash: d.hash,
    status: d.status ?? 'pending',
    confirmations: d.confirmations ?? 0,
    confirmationsRequired: d.confirmationsRequired ?? confirmationsRequired,
    reward: d.reward ?? 0,
    networkDifficulty: d.networkDifficulty ?? 0,
    // As the API answers for a block whose round is not credited yet.
    effort: d.effort ?? 0,
    finder: d.finder ?? '',
    worker: d.worker ?? '',
    scheme: d.scheme ?? '',
    time: d.time ?? Date.now(),
    updated: d.updated ?? d.time ?? Date.now(),
  };
  return { ...page, blocks: [block, ...page.blocks].slice(0, page.limit), total: page.total + 1 };
}
