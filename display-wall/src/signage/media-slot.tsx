import { signal } from '@preact/signals';
import type { MediaRegion, MediaRegionProps } from './media-region.js';

const player = signal<typeof MediaRegion | null>(null);
let asked = false;

/**
 * Where a media region goes: the player's code (media-region.tsx and what it needs) is fetched the first time a
 * layout has a media region, so a wall without one never loads it, and the queue regions beside it draw at once.
 */
export function MediaSlot(props: MediaRegionProps) {
  const Player = player.value;
  if (!Player) {
    if (!asked) {
      asked = true;
      void import('./media-region.js').then((m) => (player.value = m.MediaRegion)).catch(() => (asked = false));
    }
    return <div class="media media-idle" data-region-media="loading" />;
  }
  return <Player {...props} />;
}
