import type { KeypadReply, MobileTicketView, QueueOverview, TicketView, Warning, WindowView } from '@hall/shared';
import { mobileTicketView } from '../domain/queue/mobile-view.js';
import type { Ticket } from '../domain/queue/state.js';
import { currentPhase, lineView, queueOverview, ticketView, windowView } from '../domain/queue/views.js';
import { currentWarnings } from '../domain/queue/warnings.js';
import { servedLines } from '../domain/queue/window-lines.js';
import type { QueueEngine } from './queue-engine.js';

/**
 * What the adapters show of the queue, read from the engine's state: the answer of a route, a keypad's display,
 * a phone's page, a metric. Adapters read the queue only through here, never `engine.state` itself.
 */
export function createQueueViews(engine: QueueEngine) {
  const { rules } = engine;
  return {
    ticket: (t: Ticket): TicketView => ticketView(engine.state, rules, t),
    /** a ticket's view by its id, of today or any day */
    ticketById(id: string): TicketView | null {
      const t = engine.ticket(id);
      return t ? ticketView(engine.state, rules, t) : null;
    },
    hasWindow: (windowNo: string): boolean => rules.windows.has(windowNo),
    window: (windowNo: string): WindowView => windowView(engine.state, rules, windowNo),
    windows: (): WindowView[] => [...rules.windows.keys()].map((no) => windowView(engine.state, rules, no)),
    /** windows counted by status (idle, calling, serving, paused, closed) */
    windowStatusCounts(): Map<string, number> {
      const counts = new Map<string, number>();
      for (const w of engine.state.windows.values()) counts.set(w.status, (counts.get(w.status) ?? 0) + 1);
      return counts;
    },
    lines(now = engine.now()) {
      return [...rules.lines.keys()].map((id) => lineView(engine.state, rules, id, now));
    },
    overview: (hallId: string): QueueOverview => queueOverview(engine.state, rules, hallId, engine.now()),
    /** 红黄灯预警 of the queue (long waits and services, idle windows with visitors waiting) */
    warnings: (now = engine.now()): Warning[] => currentWarnings(engine.state, rules, now),
    phase: () => currentPhase(engine.state, rules, engine.now()),
    /** the business day the queue is in, or null before the first */
    day: (): string | null => engine.state.day,
    hasStaff: (staffNo: string): boolean => rules.staff.has(staffNo),
    /** the line a ticket waits on, from memory */
    lineOfTicket: (ticketId: string): string | undefined => engine.state.tickets.get(ticketId)?.lineId,
    /** the lines a window serves today (弹性窗口: as a manager changed them, else as configured) */
    linesOfWindow: (windowNo: string): string[] => servedLines(engine.state, rules, windowNo).map((l) => l.line),
    mobileTicket: (t: Ticket, hallName: string): MobileTicketView | null => mobileTicketView(engine.state, rules, t, hallName),

    /**
     * What a caller keypad's own display shows after a request. A call answers with the ticket *this* request
     * called: reading the window afterwards could show a later call of the same group commit (a double press).
     */
    keypad(windowNo: string, calledTicketId: string | null): KeypadReply {
      const w = windowView(engine.state, rules, windowNo);
      const called = calledTicketId === null ? null : (engine.ticket(calledTicketId)?.number ?? null);
      let waiting = 0;
      for (const { line } of servedLines(engine.state, rules, windowNo)) {
        const q = engine.state.lines.get(line);
        if (q) waiting += q.priority.length + q.normal.length;
      }
      return { windowNo, windowStatus: w.status, staffNo: w.staffNo, ticket: called ?? w.currentTicket, waiting, suspended: w.suspendedTickets };
    },
  };
}
export type QueueViews = ReturnType<typeof createQueueViews>;
