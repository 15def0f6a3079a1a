import type { QueueCommand } from './commands.js';
import { accept, no, type DecideContext, type Decision } from './decision.js';
import { refuse } from './refusals.js';
import type { QueueRules } from './rules.js';
import type { QueueState, ServedLine } from './state.js';

/**
 * 弹性窗口: which lines a window serves. The hall configuration says it for the start of the day; a manager
 * (or staff with the right) changes it live with AssignWindowLines, and every call from then on uses the new
 * lines — selection, transfers, estimates, screens all ask here rather than reading the configuration.
 */
export function servedLines(state: QueueState, rules: QueueRules, windowNo: string): readonly ServedLine[] {
  return state.assignedLines.get(windowNo) ?? rules.windows.get(windowNo)?.lines ?? [];
}

/** The windows serving a line now, with the order each gives it. */
export function windowsServing(state: QueueState, rules: QueueRules, lineId: string): Array<{ windowNo: string; order: number }> {
  if (state.assignedLines.size === 0) return [...(rules.windowsByLine.get(lineId) ?? [])];
  const out: Array<{ windowNo: string; order: number }> = [];
  for (const windowNo of rules.windows.keys()) {
    const l = servedLines(state, rules, windowNo).find((x) => x.line === lineId);
    if (l) out.push({ windowNo, order: l.order });
  }
  return out;
}

/** The new lines are checked, then recorded; a ticket in hand stays (the change applies at the next call). */
export function assignWindowLines(
  state: QueueState,
  cmd: Extract<QueueCommand, { type: 'AssignWindowLines' }>,
  ctx: DecideContext,
): Decision {
  if (!ctx.rules.windows.has(cmd.windowNo)) return no(refuse('unknown_window', { windowNo: cmd.windowNo }));
  const ids = cmd.lines.map((l) => l.line);
  if (ids.length === 0 || new Set(ids).size !== ids.length) return no(refuse('window_lines_invalid'));
  const unknown = ids.find((id) => !ctx.rules.lines.has(id));
  if (unknown !== undefined) return no(refuse('unknown_line', { lineId: unknown }));
  const lines = cmd.lines.map((l) => ({ line: l.line, order: l.order })).sort((a, b) => a.order - b.order);
  const now = [...servedLines(state, ctx.rules, cmd.windowNo)].sort((a, b) => a.order - b.order);
  const same = now.length === lines.length && lines.every((l, i) => now[i]?.line === l.line && now[i]?.order === l.order);
  if (same) return accept([]);
  return accept([{ type: 'WindowLinesAssigned', at: ctx.now, windowNo: cmd.windowNo, lines }]);
}
