import type { Warning } from '@hall/shared';

/** One warning's identity: the same condition keeps its key while its minutes grow. */
const warningKey = (w: Warning): string => `${w.kind}|${w.lineId ?? ''}|${w.windowNo ?? ''}|${w.ticketNumber ?? ''}|${w.printerId ?? ''}|${w.level}`;

/**
 * The warnings that were not there before (pure): each one chimes once. A yellow that turns red is new
 * (its key has the level), so escalation is heard too.
 */
export function newWarnings(before: readonly Warning[], after: readonly Warning[]): Warning[] {
  const known = new Set(before.map(warningKey));
  return after.filter((w) => !known.has(warningKey(w)));
}

/** Red first, then the longest-lasting. */
export function sortWarnings(ws: readonly Warning[]): Warning[] {
  return [...ws].sort((a, b) => (a.level === b.level ? b.minutes - a.minutes : a.level === 'red' ? -1 : 1));
}
