import type { Warning } from '@hall/shared';
import type { WarningThresholds } from '../hall-vocabulary.js';
import { thresholdsFor, type QueueRules } from './rules.js';
import { pickNext } from './selection.js';
import type { QueueState } from './state.js';
import { oldestWaitingAt } from './waiting-since.js';

const minutesSince = (now: number, at: number) => Math.floor((now - at) / 60_000);

function level(minutes: number, yellow: number, red: number): 'yellow' | 'red' | null {
  if (minutes >= red) return 'red';
  if (minutes >= yellow) return 'yellow';
  return null;
}

/**
 * 红黄灯预警: visitors waiting too long, services running too long, and windows idle while somebody they
 * could call is waiting. Computed from the state and the time, so a warning appears and clears by itself.
 */
export function currentWarnings(state: QueueState, rules: QueueRules, now: number): Warning[] {
  return [...ticketWarnings(state, rules, now), ...idleWindowWarnings(state, rules, now)];
}

/**
 * The red ones of `currentWarnings`, in its order: looked for after every event (the managers' SMS). Whether
 * any visitor waits past red is read from each line's longest wait, and any service past red from the windows'
 * tickets, so the pass over the day's tickets — thousands on a busy day — runs only when one of them is.
 */
export function redWarnings(state: QueueState, rules: QueueRules, now: number): Warning[] {
  const tickets = someTicketPastRed(state, rules, now) ? ticketWarnings(state, rules, now) : [];
  return [...tickets, ...idleWindowWarnings(state, rules, now)].filter((w) => w.level === 'red');
}

function someTicketPastRed(state: QueueState, rules: QueueRules, now: number): boolean {
  for (const lineId of state.waitingSince.keys()) {
    const at = oldestWaitingAt(state, lineId);
    if (at !== null && minutesSince(now, at) >= thresholdsFor(rules, lineId).waitRedMinutes) return true;
  }
  // A ticket being served is always some window's ticket in hand.
  for (const w of state.windows.values()) {
    const t = w.currentTicketId === null ? undefined : state.tickets.get(w.currentTicketId);
    if (t?.status !== 'serving' || t.startedAt === null) continue;
    if (minutesSince(now, t.startedAt) >= thresholdsFor(rules, t.lineId).serviceRedMinutes) return true;
  }
  return false;
}

function ticketWarnings(state: QueueState, rules: QueueRules, now: number): Warning[] {
  const out: Warning[] = [];
  // Once per line, not per ticket: the pass covers every ticket of the day, thousands on a busy one.
  const perLine = new Map<string, WarningThresholds>();
  for (const t of state.tickets.values()) {
    if (t.status !== 'waiting' && t.status !== 'serving') continue;
    let th = perLine.get(t.lineId);
    if (!th) perLine.set(t.lineId, (th = thresholdsFor(rules, t.lineId)));
    if (t.status === 'waiting') {
      const m = minutesSince(now, t.issuedAt);
      const lv = level(m, th.waitYellowMinutes, th.waitRedMinutes);
      if (lv) {
        out.push({
          kind: 'long-wait',
          level: lv,
          lineId: t.lineId,
          windowNo: null,
          ticketNumber: t.number,
          minutes: m,
          thresholdMinutes: lv === 'red' ? th.waitRedMinutes : th.waitYellowMinutes,
        });
      }
    } else if (t.status === 'serving' && t.startedAt !== null) {
      const m = minutesSince(now, t.startedAt);
      const lv = level(m, th.serviceYellowMinutes, th.serviceRedMinutes);
      if (lv) {
        out.push({
          kind: 'long-service',
          level: lv,
          lineId: t.lineId,
          windowNo: t.windowNo,
          ticketNumber: t.number,
          minutes: m,
          thresholdMinutes: lv === 'red' ? th.serviceRedMinutes : th.serviceYellowMinutes,
        });
      }
    }
  }
  return out;
}

function idleWindowWarnings(state: QueueState, rules: QueueRules, now: number): Warning[] {
  const out: Warning[] = [];
  for (const w of state.windows.values()) {
    if (w.status !== 'idle') continue;
    const next = pickNext(state, rules, w.no);
    if (!next) continue;
    // Idle "with a queue" starts when both were true: the later of the window going idle and the ticket arriving.
    const since = Math.max(w.since, next.issuedAt);
    const m = minutesSince(now, since);
    const th = thresholdsFor(rules, next.lineId);
    if (m >= th.idleWithQueueMinutes) {
      out.push({
        kind: 'idle-window',
        level: m >= th.idleWithQueueMinutes * 2 ? 'red' : 'yellow',
        lineId: next.lineId,
        windowNo: w.no,
        ticketNumber: null,
        minutes: m,
        thresholdMinutes: th.idleWithQueueMinutes,
      });
    }
  }
  return out;
}
