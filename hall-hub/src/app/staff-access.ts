import type { QueueRules } from '../domain/queue/rules.js';
import type { QueueState, Ticket } from '../domain/queue/state.js';
import type { Principal } from './auth-service.js';
import type { QueueEngine } from './queue-engine.js';
import { deny, notFoundRefusal, type RequestRefusal } from './request-refusals.js';

/** Where a staff member works (the hall's posts, AB岗), asked with the queue's state (who is signed in where). */
export interface StaffPosts {
  mayOperate(p: Principal, windowNo: string, state?: QueueState): boolean;
  mayHandleTicket(p: Principal, t: Ticket, state: QueueState, rules: QueueRules): boolean;
  /** AB岗: a B post at a colleague's open window must take it over before serving there */
  mustTakeOverFirst(p: Principal, windowNo: string, state: QueueState): boolean;
}

/** Who may do what at which window, by the hall's posts and who is signed in where now. */
export function createStaffAccess(engine: QueueEngine, posts: StaffPosts) {
  return {
    /** Why this account may not operate this window, if not: managers may anywhere, staff where posted or signed in. */
    refuseOperating(p: Principal, windowNo: string): RequestRefusal | null {
      if (!engine.rules.windows.has(windowNo)) return notFoundRefusal('window', '这个窗口');
      return posts.mayOperate(p, windowNo, engine.state) ? null : deny('not_posted_here');
    },

    /** Why this account must take the window over (AB岗) before this operation, if it must. */
    refuseWithoutTakeOver(p: Principal, windowNo: string, op: string): RequestRefusal | null {
      if (op === 'open' || op === 'hand-back') return null;
      return posts.mustTakeOverFirst(p, windowNo, engine.state) ? deny('take_over_first') : null;
    },

    /**
     * The staff number an account signs in at a window with: a manager may name anybody (or be themselves),
     * staff only themselves.
     */
    signInAs(p: Principal, asked: string | undefined): { staffNo: string } | RequestRefusal {
      const staffNo = p.role === 'manager' ? (asked ?? p.staffNo) : p.staffNo;
      if (!staffNo) return deny('staff_number_required');
      if (p.role !== 'manager' && asked !== undefined && asked !== p.staffNo) return deny('own_staff_number_only');
      return { staffNo };
    },

    /** Why this account may not cancel or reinstate this ticket, if not: staff only at windows they work; managers any. */
    refuseHandling(p: Principal, ticketId: string): RequestRefusal | null {
      const t = engine.ticket(ticketId);
      if (!t) return notFoundRefusal('ticket', '这张号票');
      return posts.mayHandleTicket(p, t, engine.state, engine.rules) ? null : deny('not_your_ticket');
    },
  };
}
export type StaffAccess = ReturnType<typeof createStaffAccess>;
