import type { Satisfaction, SupervisedCase, TicketStatus } from '@hall/shared';
import type { ReportSource } from '../../app/report-service.js';
import { caseRowOf } from '../../domain/reports/case-figures.js';
import type { CaseRow, RongqueRow, ShiftEventRow, TicketRow } from '../../domain/reports/report-input.js';
import type { TextSealer } from '../crypto/text-sealer.js';
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
 * keeps), the window events that say who sat where (a partial index holds just those), the 容缺 acceptances'
 * plain columns (window, times; their sealed record is never opened for a report), and the supervised cases that
 * can matter to the period (accepted by its end, not finished before it), opened from their sealed form.
 */
export function createSqliteReportQueries(db: Db, sealer: TextSealer): ReportSource {
  const tickets = db.prepare(`
    SELECT id, day, number, line_id, status, window_no, issued_at, called_at, started_at, finished_at, transfer_count,
      json_extract(data, '$.rating') AS rating
    FROM tickets WHERE day BETWEEN ? AND ?`);
  const shifts = db.prepare(`
    SELECT type, at, json_extract(data, '$.windowNo') AS window_no, json_extract(data, '$.staffNo') AS staff_no,
      json_extract(data, '$.coveringFor') AS covering_for
    FROM events WHERE type IN ('DayStarted', 'WindowOpened', 'WindowClosed') AND at BETWEEN ? AND ?
    ORDER BY seq`);
  const rongque = db.prepare(`
    SELECT window_no AS windowNo, accepted_at AS acceptedAt, supply_deadline AS supplyDeadline, supplied_at AS suppliedAt
    FROM rongque_cases WHERE accepted_at BETWEEN ? AND ?`);
  const cases = db.prepare('SELECT record FROM supervised_cases WHERE accepted_at <= ? AND (finished_at IS NULL OR finished_at >= ?)');
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
    rongque: (fromMs, toMs) => rongque.all(fromMs, toMs) as RongqueRow[],
    cases: (fromMs, toMs): CaseRow[] => (cases.raw(true).all(toMs, fromMs) as Array<[string]>).map(([sealed]) => caseRowOf(JSON.parse(sealer.open(sealed)) as SupervisedCase)),
  };
}
