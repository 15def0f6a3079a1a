import { FINISHED_CASE_STATES, type SupervisedCase } from '@hall/shared';
import type { CaseLight } from '../../domain/cases/case-light.js';
import type { CaseWarningRow, SupervisedCaseStore } from '../../ports/supervised-case-store.js';
import type { TextSealer } from '../crypto/text-sealer.js';
import type { Db } from './database.js';

interface WarningDbRow {
  id: number;
  caseNo: string;
  departmentCode: string;
  light: 'yellow' | 'red';
  at: number;
  handledAt: number | null;
  handledBy: string | null;
  note: string | null;
}

const WARNING_COLUMNS = 'id, case_no AS caseNo, department_code AS departmentCode, light, at, handled_at AS handledAt, handled_by AS handledBy, note';

/** Cases rest sealed: a person's name is in the record (the department and times stay plain for the indexes). */
export function createSqliteSupervisedCases(db: Db, sealer: TextSealer): SupervisedCaseStore {
  const upsert = db.prepare(
    `INSERT INTO supervised_cases (case_no, department_code, finished, accepted_at, finished_at, record) VALUES (?, ?, ?, ?, ?, ?)
     ON CONFLICT (case_no) DO UPDATE SET department_code = excluded.department_code, finished = excluded.finished,
       accepted_at = excluded.accepted_at, finished_at = excluded.finished_at, record = excluded.record`,
  );
  const setCursor = db.prepare('INSERT INTO case_feed_cursor (id, cursor) VALUES (1, ?) ON CONFLICT (id) DO UPDATE SET cursor = excluded.cursor');
  const getCursor = db.prepare('SELECT cursor FROM case_feed_cursor WHERE id = 1');
  const allRows = db.prepare('SELECT record, light FROM supervised_cases');
  const updateLight = db.prepare('UPDATE supervised_cases SET light = ?, light_at = ? WHERE case_no = ?');
  const departmentOf = db.prepare('SELECT department_code AS d FROM supervised_cases WHERE case_no = ?');
  const raise = db.prepare('INSERT INTO case_warnings (case_no, department_code, light, at) VALUES (?, ?, ?, ?) ON CONFLICT (case_no, light) DO NOTHING');
  const warningById = db.prepare(`SELECT ${WARNING_COLUMNS} FROM case_warnings WHERE id = ?`);
  const warningsSince = db.prepare(`SELECT ${WARNING_COLUMNS} FROM case_warnings WHERE at >= ? ORDER BY at, id`);
  const openWarnings = db.prepare(`SELECT ${WARNING_COLUMNS} FROM case_warnings WHERE handled_at IS NULL AND at >= ? ORDER BY at, id`);
  const finishedBefore = db.prepare('SELECT case_no AS caseNo FROM supervised_cases WHERE finished = 1 AND finished_at < ?');
  const dropCase = db.prepare('DELETE FROM supervised_cases WHERE case_no = ?');
  const markHandled = db.prepare('UPDATE case_warnings SET handled_at = ?, handled_by = ?, note = ? WHERE id = ? AND handled_at IS NULL');

  return {
    all() {
      return (allRows.all() as Array<{ record: string; light: CaseLight | null }>).map((r) => ({ record: JSON.parse(sealer.open(r.record)) as SupervisedCase, light: r.light }));
    },
    put: db.transaction((cases: readonly SupervisedCase[], cursor: string) => {
      for (const c of cases) {
        const finished = FINISHED_CASE_STATES.includes(c.state) ? 1 : 0;
        upsert.run(c.caseNo, c.departmentCode, finished, Date.parse(c.acceptedAt), c.finishedAt === null ? null : Date.parse(c.finishedAt), sealer.seal(JSON.stringify(c)));
      }
      setCursor.run(cursor);
    }) as SupervisedCaseStore['put'],
    cursor: () => (getCursor.get() as { cursor: string } | undefined)?.cursor ?? null,
    setLight: db.transaction((caseNo: string, light: CaseLight, at: number, warn: { alongside: () => void } | null): CaseWarningRow | null => {
      updateLight.run(light, at, caseNo);
      if (light === 'green' || warn === null) return null;
      const dept = (departmentOf.get(caseNo) as { d: string } | undefined)?.d;
      if (dept === undefined) return null;
      const r = raise.run(caseNo, dept, light, at);
      if (r.changes === 0) return null;
      warn.alongside();
      return warningById.get(r.lastInsertRowid) as WarningDbRow;
    }) as SupervisedCaseStore['setLight'],
    warnings: ({ since = 0, openOnly = false }) => (openOnly ? openWarnings : warningsSince).all(since) as WarningDbRow[],
    dropFinished: db.transaction((before: number): string[] => {
      const gone = (finishedBefore.all(before) as Array<{ caseNo: string }>).map((r) => r.caseNo);
      for (const caseNo of gone) dropCase.run(caseNo);
      return gone;
    }) as SupervisedCaseStore['dropFinished'],
    handle(id, by, note, at) {
      const r = markHandled.run(at, by, note, id);
      return r.changes === 0 ? null : (warningById.get(id) as WarningDbRow);
    },
  };
}
