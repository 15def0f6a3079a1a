import type { PriorityPolicy } from '../hall-vocabulary.js';
import type { QueueRules } from './rules.js';
import type { LineQueue, QueueKind, QueueState, Ticket } from './state.js';
import { servedLines } from './window-lines.js';

/**
 * Who is called next. The policy, stated once:
 *
 * 1. A window serves its lines in `order`: lines with a lower order are called first; a higher-order line
 *    only when every lower-order line has nobody this window may call.
 * 2. Within one line the green channel (priority) and everybody else are two FIFO lists. `strict` always
 *    takes the green channel first; `interleave {priority: P, normal: N}` takes P green-channel tickets,
 *    then N others, and so on, while both lists have somebody. A list that is empty is skipped, and the
 *    run goes on counting — so a green-channel visitor arriving after a long run of normal calls is next.
 * 3. Between lines of the same order, a priority pick beats a normal pick; otherwise the ticket issued
 *    first is called first.
 * 4. A ticket transferred to a named window is called only by that window; a 一口受理 ticket only by a window
 *    of its lead department.
 *
 * The lines are the window's now (弹性窗口: a manager may have changed them today), not only the configuration's.
 */
export function pickNext(state: QueueState, rules: QueueRules, windowNo: string): Ticket | null {
  const lines = servedLines(state, rules, windowNo);
  const orders = [...new Set(lines.map((l) => l.order))].sort((a, b) => a - b);
  for (const order of orders) {
    let best: Ticket | null = null;
    for (const { line } of lines.filter((l) => l.order === order)) {
      const q = state.lines.get(line);
      if (!q) continue;
      const pick = pickInLine(state, q, rules.policy.priority, windowNo, rules.windows.get(windowNo)?.dept);
      if (pick && (!best || better(pick, best))) best = pick;
    }
    if (best) return best;
  }
  return null;
}

function better(a: Ticket, b: Ticket): boolean {
  const ap = a.priorityGroup !== null;
  const bp = b.priorityGroup !== null;
  if (ap !== bp) return ap;
  return a.issuedAt < b.issuedAt || (a.issuedAt === b.issuedAt && a.serial < b.serial);
}

/**
 * Whether this window may call the ticket: a ticket reserved for a named window only there, and a 一口受理
 * ticket only at a window of its lead department.
 */
export function mayCallHere(t: Ticket, windowNo: string, windowDept: string | undefined): boolean {
  return (t.reservedWindow === null || t.reservedWindow === windowNo) && (!t.leadDept || t.leadDept === windowDept);
}

function firstCallable(state: QueueState, ids: readonly string[], windowNo: string, windowDept: string | undefined): Ticket | null {
  for (const id of ids) {
    const t = state.tickets.get(id);
    if (t && mayCallHere(t, windowNo, windowDept)) return t;
  }
  return null;
}

export function pickInLine(state: QueueState, q: LineQueue, policy: PriorityPolicy, windowNo: string, windowDept?: string): Ticket | null {
  const p = firstCallable(state, q.priority, windowNo, windowDept);
  const n = firstCallable(state, q.normal, windowNo, windowDept);
  if (!p || !n) return p ?? n;
  return kindToCall(q.run, policy) === 'priority' ? p : n;
}

/** With both lists non-empty, which kind the policy calls now. */
export function kindToCall(run: LineQueue['run'], policy: PriorityPolicy): QueueKind {
  if (policy.mode === 'strict') return 'priority';
  if (run.kind === 'priority') return run.count < policy.priority ? 'priority' : 'normal';
  return run.count < policy.normal && run.count > 0 ? 'normal' : 'priority';
}

/**
 * How many tickets of the line would be called before this one, if the line's lists were called by the
 * policy from now on (other lines and reservations aside). What the visitor is told as "people ahead".
 */
export function peopleAhead(state: QueueState, q: LineQueue, policy: PriorityPolicy, ticket: Ticket): number {
  const isPriority = ticket.priorityGroup !== null;
  const own = isPriority ? q.priority : q.normal;
  // A ticket just issued, the one asked about most, is last in its list: no search through the whole list.
  const pos = own[own.length - 1] === ticket.id ? own.length - 1 : own.indexOf(ticket.id);
  if (pos < 0) return 0;
  const other = isPriority ? q.normal.length : q.priority.length;
  let ahead = 0;
  let ownLeft = pos;
  let otherLeft = other;
  const run = { ...q.run };
  // Walk the call sequence until our ticket comes up; bounded by the two list lengths. Once the other list is
  // used up, everybody left before us in our own list comes first: no need to walk them one by one.
  for (;;) {
    if (otherLeft === 0) return ahead + ownLeft;
    const kind = kindToCall(run, policy);
    const ours = (kind === 'priority') === isPriority;
    if (ours) {
      if (ownLeft === 0) return ahead;
      ownLeft -= 1;
    } else {
      otherLeft -= 1;
    }
    ahead += 1;
    run.count = run.kind === kind ? run.count + 1 : 1;
    run.kind = kind;
  }
}
