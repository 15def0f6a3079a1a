import type { DisplayScene } from '@hall/shared';
import { effect } from '@preact/signals';
import { scene, wall } from './store.js';
import type { WallView } from './wall-view.js';

const KEY = 'hall.display.last';

/** After a reload while the hub is away, the screen shows what it showed before (marked offline). */
export function restoreLastState(): void {
  try {
    const saved = JSON.parse(localStorage.getItem(KEY) ?? 'null') as { wall: WallView; scene: DisplayScene } | null;
    if (saved?.wall && saved.scene) {
      // The sequence is not restored: the hub sends a fresh snapshot on connect.
      wall.value = { ...saved.wall, seq: -1 };
      scene.value = saved.scene;
    }
  } catch {
    localStorage.removeItem(KEY);
  }
}

/** Saves the state at most every second: cheap, and a power cut loses at most a moment of it. */
export function keepLastState(): void {
  let timer: ReturnType<typeof setTimeout> | null = null;
  effect(() => {
    const state = { wall: wall.value, scene: scene.value };
    if (timer || !state.scene) return;
    timer = setTimeout(() => {
      timer = null;
      try {
        localStorage.setItem(KEY, JSON.stringify({ wall: wall.value, scene: scene.value }));
      } catch {
        // Storage full or disabled: the screen still works, it just cannot restore after a reload.
      }
    }, 1_000);
  });
}
