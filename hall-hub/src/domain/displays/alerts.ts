import type { HallPhase } from '@hall/shared';

/** Phases in which the hall is open to visitors, so a dark screen is a failure someone must see. */
const OPENING: readonly HallPhase[] = ['open', 'break', 'cut-off', 'extended'];

export interface DownCheck {
  online: boolean;
  /** since when the display has been offline (ms), or null when online */
  offlineSince: number | null;
  now: number;
  phase: HallPhase;
  /** the display is switched off on purpose by its power schedule */
  scheduledOff: boolean;
  graceMs: number;
}

/**
 * Whether a display counts as down: offline for longer than the grace period, during opening hours, and not
 * switched off on purpose. A screen that is off by schedule is never reported as failed.
 */
export function isDown(c: DownCheck): boolean {
  if (c.online || c.offlineSince === null || c.scheduledOff) return false;
  if (!OPENING.includes(c.phase)) return false;
  return c.now - c.offlineSince >= c.graceMs;
}
