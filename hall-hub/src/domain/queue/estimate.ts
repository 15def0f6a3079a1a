import type { QueueRules } from './rules.js';
import type { QueueState } from './state.js';
import { servedLines, windowsServing } from './window-lines.js';

/**
 * Serving capacity for a line, in windows: an open window counts 1 if the line is among its first-order
 * lines and ½ if the window turns to it only when its own lines are empty. When no window is open yet
 * (visitors arriving before staff log in), the configured windows stand in.
 */
export function lineCapacity(state: QueueState, rules: QueueRules, lineId: string): { open: number; capacity: number } {
  const serving = windowsServing(state, rules, lineId);
  let open = 0;
  let openWeight = 0;
  let configuredWeight = 0;
  for (const { windowNo, order } of serving) {
    const firstOrder = Math.min(order, ...servedLines(state, rules, windowNo).map((l) => l.order));
    const weight = order === firstOrder ? 1 : 0.5;
    configuredWeight += weight;
    const status = state.windows.get(windowNo)?.status ?? 'closed';
    if (status !== 'closed' && status !== 'paused') {
      open += 1;
      openWeight += weight;
    }
  }
  return { open, capacity: openWeight > 0 ? openWeight : configuredWeight };
}

export function averageServiceMs(state: QueueState, rules: QueueRules, lineId: string): number {
  const recent = state.lines.get(lineId)?.recentServiceMs ?? [];
  if (recent.length === 0) return (rules.lines.get(lineId)?.avgServiceMinutes ?? 8) * 60_000;
  return recent.reduce((a, b) => a + b, 0) / recent.length;
}

/** Minutes until a visitor with `ahead` people before them is likely called; null if nobody serves the line. */
export function estimateWaitMinutes(state: QueueState, rules: QueueRules, lineId: string, ahead: number): number | null {
  const { capacity } = lineCapacity(state, rules, lineId);
  if (capacity === 0) return null;
  return Math.round((ahead * averageServiceMs(state, rules, lineId)) / capacity / 60_000);
}
