import type { SeriesPoint } from '@hall/shared';
import { hallTime } from '../time/hall-time.js';
import type { TicketFacts } from './figures.js';
import type { TicketRow } from './report-input.js';

const QUARTER = 15 * 60_000;
const minutes = (ms: number): number => Math.round((ms / 60_000) * 10) / 10;

interface Bucket {
  issued: number;
  served: number;
  waitSum: number;
  waitN: number;
  serviceSum: number;
  serviceN: number;
}

/**
 * Tickets per hour (daily) or per day (monthly): issued by the hour they were taken, served and service
 * times by the hour they finished, waits by the hour they were called.
 */
export function createSeries(unit: 'hour' | 'day', timeZone: string, days: readonly string[]) {
  const buckets = new Map<string, Bucket>();
  // Every zone's offset is a whole number of quarter hours: the local hour of a quarter is computed once.
  const hourOfQuarter = new Map<number, string>();
  const hourLabel = (ms: number): string => {
    const q = Math.floor(ms / QUARTER);
    let label = hourOfQuarter.get(q);
    if (label === undefined) {
      label = `${String(Math.floor(hallTime(q * QUARTER, timeZone).minutes / 60)).padStart(2, '0')}:00`;
      hourOfQuarter.set(q, label);
    }
    return label;
  };
  const bucket = (label: string): Bucket => {
    let b = buckets.get(label);
    if (!b) {
      b = { issued: 0, served: 0, waitSum: 0, waitN: 0, serviceSum: 0, serviceN: 0 };
      buckets.set(label, b);
    }
    return b;
  };
  // A ticket's whole life lies within its business day, so a monthly report buckets by the ticket's day.
  const label = (t: TicketRow, ms: number) => (unit === 'day' ? t.day : hourLabel(ms));

  return {
    add(t: TicketRow, f: TicketFacts): void {
      bucket(label(t, t.issuedAt)).issued += 1;
      if (f.waitMs !== null && t.calledAt !== null) {
        const b = bucket(label(t, t.calledAt));
        b.waitSum += f.waitMs;
        b.waitN += 1;
      }
      if (t.status === 'done' && t.finishedAt !== null) {
        const b = bucket(label(t, t.finishedAt));
        b.served += 1;
        if (f.serviceMs !== null) {
          b.serviceSum += f.serviceMs;
          b.serviceN += 1;
        }
      }
    },
    points(): SeriesPoint[] {
      let labels: string[];
      if (unit === 'day') {
        labels = [...days];
      } else {
        // Office hours at least (08–17), widened to any hour with activity (延时服务 runs late).
        const hours = [...buckets.keys()].map((l) => Number(l.slice(0, 2)));
        const first = Math.min(8, ...hours);
        const last = Math.max(17, ...hours);
        labels = [];
        for (let h = first; h <= last; h++) labels.push(`${String(h).padStart(2, '0')}:00`);
      }
      return labels.map((l) => {
        const b = buckets.get(l);
        return {
          label: l,
          issued: b?.issued ?? 0,
          served: b?.served ?? 0,
          avgWaitMinutes: b?.waitN ? minutes(b.waitSum / b.waitN) : null,
          avgServiceMinutes: b?.serviceN ? minutes(b.serviceSum / b.serviceN) : null,
        };
      });
    },
  };
}
