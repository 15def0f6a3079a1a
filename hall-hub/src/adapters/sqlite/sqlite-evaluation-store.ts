import type { FigureGrouping, RatingChannel, Satisfaction } from '@hall/shared';
import type { OutcomeCount } from '../../domain/evaluation/figures.js';
import { currentDue, type FollowUp } from '../../domain/evaluation/follow-up.js';
import type { EvaluationRecord, EvaluationStore, FollowUpRecord, ServedService } from '../../ports/evaluation-store.js';
import type { Db } from './database.js';

const KEY_OF: Record<FigureGrouping, string> = {
  window: 's.window_no',
  staff: "coalesce(s.staff_no, '-')",
  dept: "coalesce(s.dept, '-')",
  day: 's.day',
  month: 'substr(s.day, 1, 7)',
  hall: "'hall'",
};

interface EvaluationRow {
  ticket_id: string;
  day: string;
  ticket_number: string;
  line_id: string;
  window_no: string;
  staff_no: string | null;
  dept: string | null;
  level: string;
  channel: string;
  active: number;
  reasons: string;
  comment: string | null;
  served_at: number;
  rated_at: number;
}

const toRecord = (r: EvaluationRow): EvaluationRecord => ({
  ticketId: r.ticket_id,
  day: r.day,
  ticketNumber: r.ticket_number,
  lineId: r.line_id,
  windowNo: r.window_no,
  staffNo: r.staff_no,
  dept: r.dept,
  level: r.level as Satisfaction,
  channel: r.channel as RatingChannel,
  active: r.active === 1,
  reasons: JSON.parse(r.reasons) as string[],
  comment: r.comment,
  servedAt: r.served_at,
  ratedAt: r.rated_at,
});

export function createSqliteEvaluationStore(db: Db): EvaluationStore {
  const putServed = db.prepare(
    `INSERT OR IGNORE INTO served_services (ticket_id, day, ticket_number, line_id, window_no, staff_no, dept, finished_at, rate_by)
     VALUES (@ticketId, @day, @ticketNumber, @lineId, @windowNo, @staffNo, @dept, @finishedAt, @rateBy)`,
  );
  const served = db.prepare('SELECT * FROM served_services WHERE ticket_id = ?');
  const putEvaluation = db.prepare(
    `INSERT OR IGNORE INTO evaluations (ticket_id, day, ticket_number, line_id, window_no, staff_no, dept, level, channel, active, reasons, comment, served_at, rated_at)
     VALUES (@ticketId, @day, @ticketNumber, @lineId, @windowNo, @staffNo, @dept, @level, @channel, @active, @reasons, @comment, @servedAt, @ratedAt)`,
  );
  const evaluation = db.prepare('SELECT * FROM evaluations WHERE ticket_id = ?');
  const counts = new Map<FigureGrouping, ReturnType<Db['prepare']>>();
  const countsFor = (by: FigureGrouping) => {
    let s = counts.get(by);
    if (!s) {
      s = db.prepare(
        `SELECT ${KEY_OF[by]} AS key, e.level AS level, coalesce(e.active, 1) AS active,
                (e.ticket_id IS NULL AND s.rate_by < @now) AS unrated, count(*) AS n
           FROM served_services s LEFT JOIN evaluations e ON e.ticket_id = s.ticket_id
          WHERE s.day BETWEEN @from AND @to
          GROUP BY 1, 2, 3, 4`,
      );
      counts.set(by, s);
    }
    return s;
  };
  const putFollowUp = db.prepare(
    `INSERT INTO evaluation_follow_ups (ticket_id, ref, status, due, data) VALUES (?, ?, ?, ?, ?)
     ON CONFLICT (ticket_id) DO UPDATE SET status = excluded.status, due = excluded.due, data = excluded.data`,
  );
  const followUp = db.prepare('SELECT ticket_id, ref, data FROM evaluation_follow_ups WHERE ref = ?');
  const followUpsAll = db.prepare('SELECT ticket_id, ref, data FROM evaluation_follow_ups ORDER BY status = \'closed\', due LIMIT ?');
  const followUpsByStatus = db.prepare('SELECT ticket_id, ref, data FROM evaluation_follow_ups WHERE status = ? ORDER BY due LIMIT ?');
  const toFollowUp = (r: { ticket_id: string; ref: string; data: string }): FollowUpRecord => ({
    ticketId: r.ticket_id,
    ref: r.ref,
    followUp: JSON.parse(r.data) as FollowUp,
  });
  const servedRow = (r: Record<string, unknown> | undefined): ServedService | null =>
    r
      ? {
          ticketId: r.ticket_id as string,
          day: r.day as string,
          ticketNumber: r.ticket_number as string,
          lineId: r.line_id as string,
          windowNo: r.window_no as string,
          staffNo: r.staff_no as string | null,
          dept: r.dept as string | null,
          finishedAt: r.finished_at as number,
          rateBy: r.rate_by as number,
        }
      : null;

  return {
    transaction: <T>(fn: () => T): T => db.transaction(fn)(),
    putServed(s) {
      putServed.run(s);
    },
    served: (id) => servedRow(served.get(id) as Record<string, unknown> | undefined),
    putEvaluation(e) {
      const r = putEvaluation.run({ ...e, active: e.active ? 1 : 0, reasons: JSON.stringify(e.reasons) });
      return r.changes === 1;
    },
    evaluation(id) {
      const r = evaluation.get(id) as EvaluationRow | undefined;
      return r ? toRecord(r) : null;
    },
    list(q) {
      const where = ['day BETWEEN @fromDay AND @toDay'];
      if (q.windowNo !== undefined) where.push('window_no = @windowNo');
      if (q.staffNo !== undefined) where.push('staff_no = @staffNo');
      if (q.badOnly) where.push("level IN ('dissatisfied', 'very-dissatisfied')");
      const rows = db
        .prepare(`SELECT * FROM evaluations WHERE ${where.join(' AND ')} ORDER BY rated_at DESC LIMIT @limit`)
        .all({ fromDay: q.fromDay, toDay: q.toDay, windowNo: q.windowNo, staffNo: q.staffNo, limit: q.limit }) as EvaluationRow[];
      return rows.map(toRecord);
    },
    outcomeCounts(by, from, to, now) {
      const rows = countsFor(by).all({ from, to, now }) as Array<{ key: string; level: string | null; active: number; unrated: number; n: number }>;
      return rows.map(
        (r): OutcomeCount => ({ key: r.key, level: r.level as Satisfaction | null, active: r.active === 1, unrated: r.unrated === 1, n: r.n }),
      );
    },
    putFollowUp(r) {
      putFollowUp.run(r.ticketId, r.ref, r.followUp.status, currentDue(r.followUp), JSON.stringify(r.followUp));
    },
    followUp(ref) {
      const r = followUp.get(ref) as { ticket_id: string; ref: string; data: string } | undefined;
      return r ? toFollowUp(r) : null;
    },
    followUps(q) {
      const rows = (q.status === undefined ? followUpsAll.all(q.limit) : followUpsByStatus.all(q.status, q.limit)) as Array<{ ticket_id: string; ref: string; data: string }>;
      return rows.map(toFollowUp);
    },
  };
}
