// Whether the numbers on screen follow the pool live (WebSocket connected) or not.
import { useLiveState } from '../hooks';

const TEXT = { live: 'Live', connecting: 'Connecting…', offline: 'Offline: retrying' } as const;

export function LiveBadge() {
  const state = useLiveState();
  return (
    <span class={`live-badge ${state}`} data-live={state} title="Live updates from the pool">
      <span class="dot" aria-hidden="true" />
      {TEXT[state]}
    </span>
  );
}
