// A block's state: pending with its confirmation progress, confirmed, or orphaned.
import type { Block } from '../api/types';

export function BlockStatus({ block }: { block: Block }) {
  if (block.status === 'pending') {
    const need = Math.max(1, block.confirmationsRequired);
    const have = Math.min(need, Math.max(0, block.confirmations));
    return (
      <span class="status pending" data-status="pending">
        <progress max={need} value={have} aria-label={`${have} of ${need} confirmations`} />
        <span>
          {have}/{need}
        </span>
      </span>
    );
  }
  return (
    <span class={`status ${block.status}`} data-status={block.status}>
      {block.status === 'confirmed' ? 'Confirmed' : 'Orphaned'}
    </span>
  );
}
