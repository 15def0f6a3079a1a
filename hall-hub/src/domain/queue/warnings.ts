import type { Warning } from '@hall/shared';
import type { WarningThresholds } from '../hall-vocabulary.js';
import { thresholdsFor, type QueueRules } from './rules.js';
import { pickNext } from './selection.js';
import type { QueueState } from './state.js';

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
