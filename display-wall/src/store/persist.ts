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

/** how long the page may wait for an idle moment to save in, after the second is up */
const IDLE_WAIT_MS = 2_000;

/**
 * Saves the state at most every second: cheap, and a power cut loses at most a moment of it. The write (a
 * synchronous JSON string of the hall and the scene) waits for an idle moment between frames, so it never holds
 * up the drawing of a call that has just come in.
 */
export function keepLastState(): void {
  let due = false;
  const save = () => {
    due = false;
    try {
      localStorage.setItem(KEY, JSON.stringify({ wall: wall.value, scene: scene.value }));
    } catch {
      // Storage full or disabled: the screen still works, it just cannot restore after a reload.
    }
  };
  effect(() => {
    const state = { wall: wall.value, scene: scene.value };
    if (due || !state.scene) return;
    due = true;
    setTimeout(() => (typeof requestIdleCallback === 'function' ? requestIdleCallback(save, { timeout: IDLE_WAIT_MS }) : save()), 1_000);
  });
}
