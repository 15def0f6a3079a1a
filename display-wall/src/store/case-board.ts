import type { CaseBoard } from '@hall/shared';
import { signal } from '@preact/signals';

const KEY = 'hall.display.case-board';

function kept(): CaseBoard | null {
  try {
    return JSON.parse(localStorage.getItem(KEY) ?? 'null') as CaseBoard | null;
  } catch {
    return null;
  }
}

/**
 * The 办件公示 board as the hub last pushed it (on connect and whenever a case or a light changes); the last one
 * is kept, so after a reload while the hub is away the wall shows it under the offline mark.
 */
export const caseBoard = signal<CaseBoard | null>(kept());

export function boardPushed(b: CaseBoard): void {
  caseBoard.value = b;
  try {
    localStorage.setItem(KEY, JSON.stringify(b));
  } catch {
    // Storage full or disabled: the board still shows, it just cannot come back after a reload.
  }
}
