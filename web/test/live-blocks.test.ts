import { describe, expect, it } from 'vitest';
import { withFoundBlock } from '../src/api/live-blocks';
import type { BlockPage } from '../src/api/types';

const page: BlockPage = {
  page: 0,
  limit: 2,
  total: 1,
  blocks: [{ height: 5, hash: 'aa', status: 'confirmed', confirmations: 100, confirmationsRequired: 100, reward: 1, networkDifficulty: 1, effort: 1.2, finder: 'f', worker: 'w', scheme: 'pplns', time: 1, updated: 2 }],
};
const found = { type: 'block.found', data: { height: 6, hash: 'bb', finder: 'L1', worker: 'rig', reward: 5, networkDifficulty: 2, time: 9, status: 'pending' } };

describe('withFoundBlock', () => {
  it('puts the new block on top of the first page', () => {
    const next = withFoundBlock(page, found, 100)!;
    expect(next.blocks.map((b) => b.hash)).toEqual(['bb', 'aa']);
    expect(next.blocks[0]).toMatchObject({ status: 'pending', confirmations: 0, confirmationsRequired: 100, finder: 'L1' });
    expect(next.total).toBe(2);
  });
  it('keeps the page size and ignores blocks it already has', () => {
    const twice = withFoundBlock(withFoundBlock(page, found, 100), found, 100)!;
    expect(twice.blocks).toHaveLength(2);
    const third = withFoundBlock(twice, { type: 'block.found', data: { ...found.data, hash: 'cc', height: 7 } }, 100)!;
    expect(third.blocks.map((b) => b.hash)).toEqual(['cc', 'bb']);
  });
  it('leaves later pages, other messages and malformed data to a refetch', () => {
    expect(withFoundBlock({ ...page, page: 1 }, found, 100)).toBeUndefined();
    expect(withFoundBlock(page, { type: 'block.confirmed', data: found.data }, 100)).toBeUndefined();
    expect(withFoundBlock(page, { type: 'block.found', data: { hash: 5 } }, 100)).toBeUndefined();
    expect(withFoundBlock(undefined, found, 100)).toBeUndefined();
  });
});
