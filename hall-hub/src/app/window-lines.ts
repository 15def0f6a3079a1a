import type { LineMove, ServedLine } from '@hall/shared';
import { proposeLineMoves } from '../domain/queue/line-moves.js';
import { refuse } from '../domain/queue/refusals.js';
import type { Principal } from './auth-service.js';
import type { ExecuteResult, QueueEngine } from './queue-engine.js';

/**
 * 弹性窗口: who may change which lines a window serves, and the moves the console proposes while a line is red.
 * The change itself is a queue command (AssignWindowLines): written to the event log, replayed at a restart,
 * and effective at the window's next call; the HTTP adapter audits who asked.
 */
export function createWindowLines(deps: { engine: QueueEngine }) {
  const { engine } = deps;

  /** Managers always; a staff member only with `mayAssignLines` (the adapter has checked they work the window). */
  function mayAssign(p: Principal): boolean {
    if (p.role === 'manager') return true;
    return p.role === 'staff' && p.staffNo !== null && engine.rules.staff.get(p.staffNo)?.mayAssignLines === true;
  }

  return {
    mayAssign,
    async assign(p: Principal, windowNo: string, lines: ServedLine[], requestId?: string): Promise<ExecuteResult> {
      if (!mayAssign(p)) return { ok: false, refusal: refuse('may_not_assign_lines') };
      return engine.submit({ type: 'AssignWindowLines', windowNo, lines, requestId });
    },
    /** Idle windows that could take on each red line now; applying one is `assign(…, move.lines)`. */
    proposals(): LineMove[] {
      engine.ensureDay();
      return proposeLineMoves(engine.state, engine.rules, engine.now());
    },
  };
}

export type WindowLines = ReturnType<typeof createWindowLines>;
