import type { ConsoleSetup } from '@hall/shared';
import { effect } from '@preact/signals';
import type { FloorView } from '../store/floor-view.js';
import { floor, setup } from '../store/store.js';

export const TAB_KEY = 'hall-console-last';

/** What this tab last showed, for a reload while the hub is away (sessionStorage: this tab only, gone on close). */
export function restoreTab(): { setup: ConsoleSetup; floor: FloorView | null } | null {
  try {
    const kept = JSON.parse(sessionStorage.getItem(TAB_KEY) ?? 'null') as { setup: ConsoleSetup | null; floor: FloorView | null } | null;
    if (!kept?.setup) return null;
    // The sequence is not kept: the hub sends a fresh snapshot when the link is back.
    return { setup: kept.setup, floor: kept.floor ? { ...kept.floor, seq: -1 } : null };
  } catch {
    return null;
  }
}

/** Saves the hall's shape and the floor at most once a second while signed in; returns how to stop. */
export function keepTab(): () => void {
  let timer: ReturnType<typeof setTimeout> | null = null;
  const save = () => {
    timer = null;
    try {
      sessionStorage.setItem(TAB_KEY, JSON.stringify({ setup: setup.value, floor: floor.value.seq >= 0 ? floor.value : null }));
    } catch {
      // Storage full: the console works, it just cannot reopen offline.
    }
  };
  const dispose = effect(() => {
    void setup.value;
    void floor.value;
    timer ??= setTimeout(save, 1_000);
  });
  return () => {
    dispose();
    if (timer) clearTimeout(timer);
  };
}
