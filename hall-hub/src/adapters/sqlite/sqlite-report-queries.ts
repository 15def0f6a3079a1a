import type { Satisfaction, TicketStatus } from '@hall/shared';
import type { ReportSource } from '../../app/report-service.js';
import type { ShiftEventRow, TicketRow } from '../../domain/reports/report-input.js';
import type { Db } from './database.js';

/** The columns of the tickets query, in order. */
type TicketTuple = [
  id: string,
  day: string,
  number: string,
  lineId: string,
  status: TicketStatus,
  windowNo: string | null,
  issuedAt: number,
  calledAt: number | null,
  startedAt: number | null,
  finishedAt: number | null,
  transferCount: number,
  rating: Satisfaction | null,
];

interface ShiftSql {
  type: ShiftEventRow['type'];
  at: number;
  window_no: string | null;
  staff_no: string | null;
  covering_for: string | null;
}

/**
 * The read side of reports: the tickets of a range of days (the tickets table is the read model the engine
 * keeps), and the window events that say who sat where (a partial index holds just those).
 */
export function createSqliteReportQueries(db: Db): ReportSource {
  const tickets = db.prepare(`
    SELECT id, day, number, line_id, status, window_no, issued_at, called_at, started_at, finished_at, transfer_count,
      json_extract(data, '$.rating') AS rating
    FROM tickets WHERE day BETWEEN ? AND ?`);
  const shifts = db.prepare(`
    SELECT type, at, json_extract(data, '$.windowNo') AS window_no, json_extract(data, '$.staffNo') AS staff_no,
      json_extract(data, '$.coveringFor') AS covering_for
    FROM events WHERE type IN ('DayStarted', 'WindowOpened', 'WindowClosed') AND at BETWEEN ? AND ?
    ORDER BY seq`);
  return {
    tickets(fromDay, toDay): TicketRow[] {
      // all() in raw (array) mode: a month is ~60,000 rows, and iterate() pays a round trip per row.
      return (tickets.raw(true).all(fromDay, toDay) as TicketTuple[]).map((r) => ({
        id: r[0],
        day: r[1],
        number: r[2],
        lineId: r[3],
        status: r[4],
        windowNo: r[5],
        issuedAt: r[6],
        calledAt: r[7],
        startedAt: r[8],
        finishedAt: r[9],
        transferCount: r[10],
        rating: r[11],
      }));
    },
    shiftEvents(fromMs, toMs): ShiftEventRow[] {
      return (shifts.all(fromMs, toMs) as ShiftSql[]).map((r): ShiftEventRow => {
        if (r.type === 'DayStarted') return { type: 'DayStarted', at: r.at };
        if (r.type === 'WindowClosed') return { type: 'WindowClosed', at: r.at, windowNo: r.window_no! };
        return { type: 'WindowOpened', at: r.at, windowNo: r.window_no!, staffNo: r.staff_no!, coveringFor: r.covering_for };
      });
    },
  };
}
