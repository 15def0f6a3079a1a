import type { Principal } from '../../app/auth-service.js';
import type { HallConfig } from '../../config/hall-config-schema.js';
import type { QueueState, Ticket } from '../../domain/queue/state.js';
import type { QueueRules } from '../../domain/queue/rules.js';
import { windowsServing } from '../../domain/queue/window-lines.js';

/**
 * Where a staff member works: the windows they are posted to (their own, or as the B post of a colleague, AB岗)
 * and any window they are signed in at now. Managers work everywhere.
 */
export function staffPosts(config: HallConfig) {
  const staffOf = new Map(config.staff.map((s) => [s.no, s]));
  function mayOperate(p: Principal, windowNo: string, state?: QueueState): boolean {
    if (p.role === 'manager') return true;
    if (p.role !== 'staff' || !p.staffNo) return false;
    if (state?.windows.get(windowNo)?.staffNo === p.staffNo) return true;
    const me = staffOf.get(p.staffNo);
    if (!me) return false;
    if (me.windows.includes(windowNo)) return true;
    return config.staff.some((s) => s.partner === me.no && s.windows.includes(windowNo));
  }
  return {
    mayOperate,
    /**
     * AB岗: a B post at a window where somebody else is on duty must take it over first (sign in there), so
     * the screen, ratings and reports name the person actually serving.
     */
    mustTakeOverFirst(p: Principal, windowNo: string, state: QueueState): boolean {
      if (p.role !== 'staff' || !p.staffNo) return false;
      const w = state.windows.get(windowNo);
      if (!w || w.status === 'closed' || w.staffNo === p.staffNo) return false;
      return !(staffOf.get(p.staffNo)?.windows.includes(windowNo) ?? false);
    },
    /**
     * A ticket is a staff member's to cancel or reinstate when it was called at a window they work, or — not
     * yet called — when one of their windows serves its line.
     */
    mayHandleTicket(p: Principal, t: Ticket, state: QueueState, rules: QueueRules): boolean {
      if (p.role === 'manager') return true;
      if (t.windowNo !== null) return mayOperate(p, t.windowNo, state);
      return windowsServing(state, rules, t.lineId).some((w) => mayOperate(p, w.windowNo, state));
    },
  };
}
