import type { QueueCommand } from '@hall/hub/domain/queue/commands';
import type { HallConfig } from '@hall/hub/config/hall-config-schema';
import { basic, doc } from './exchange-fixture.js';
import { MINUTE, MONDAY_0900, smallHall } from './hall-fixture.js';
import type { TestHub } from './hub-fixture.js';

export const MARKET = { code: 'D1', name: '辽宁省市场监督管理局' };
export const TAX = { code: 'D2', name: '国家税务总局辽宁省税务局' };

/**
 * The small hall with departments: windows 1–3 and staff S1–S3, S5 are 市场监管 (D1), window 4 and S4 税务 (D2).
 * Its seeded day is tiny, so the ranking's minimum samples are one of each (a real hall's are larger).
 */
export function reportHall(): HallConfig {
  const base = smallHall();
  return {
    ...base,
    windows: base.windows.map((w) => ({ ...w, dept: w.no === '4' ? TAX.code : MARKET.code })),
    staff: base.staff.map((s) => ({ ...s, dept: s.no === 'S4' ? TAX.code : MARKET.code })),
    reports: { minimumSample: { served: 1, rated: 1, finishedCases: 1, rongque: 1 } },
  };
}

/** The department names come from the catalog, as in the hall: one business type per department. */
export function importDepartments(hub: TestHub): void {
  hub.catalog.import(
    doc({
      task_general_basic: [
        basic('g-1', 'T0001', '001', '营业执照核发', { dept_code: MARKET.code, dept_name: MARKET.name }),
        basic('g-2', 'T0002', '001', '发票领用', { dept_code: TAX.code, dept_name: TAX.name }),
      ],
    }),
    'test',
  );
}

/** Runs a command at an instant of the day (minutes after 09:00), failing loudly on a refusal. */
export function driver(hub: TestHub, dayStart = MONDAY_0900) {
  return async (atMinute: number, cmd: QueueCommand): Promise<string | null> => {
    hub.clock.set(dayStart + atMinute * MINUTE);
    const r = await hub.engine.submit(cmd);
    if (!r.ok) throw new Error(`${cmd.type} at +${atMinute} min refused: ${r.refusal.code}`);
    return r.ticketId;
  };
}

/**
 * Monday 2026-11-23, from 09:00 (minute 0):
 *  A001 issued 0, called at window 1 (S1) 5, started 6, finished 16 — wait 5, service 10, 非常满意
 *  A002 issued 0, called at window 2 (S2) 10, finished 22 without a start — wait 10, service 12, 不满意
 *  A003 issued 0, called at window 1 (S1) 30, no-show 31 — wait 30 (yellow)
 *  B001 issued 0, called at window 4 (S4) 45, started 45, finished 90 — wait 45 (red), service 45 (red), unrated
 *  at 60 S1 leaves window 1 and S5 (B post) takes it over
 *  A004 issued 65, called at window 1 (S5) 70, started 70, finished 78 — wait 5, service 8, 满意
 *  A005 issued 80, still waiting when the report is made at 110 — waiting 30 (yellow)
 *  B002 issued 85, cancelled 86
 */
export async function seedMonday(hub: TestHub): Promise<void> {
  const at = driver(hub);
  for (const [no, staffNo] of [['1', 'S1'], ['2', 'S2'], ['4', 'S4']] as const) await at(0, { type: 'OpenWindow', windowNo: no, staffNo });
  for (const lineId of ['general', 'general', 'general', 'tax']) await at(0, { type: 'IssueTicket', lineId, channel: 'kiosk' });
  await at(5, { type: 'CallNext', windowNo: '1' });
  await at(6, { type: 'StartService', windowNo: '1' });
  await at(10, { type: 'CallNext', windowNo: '2' });
  await at(16, { type: 'FinishService', windowNo: '1' });
  await at(16, { type: 'RateService', windowNo: '1', level: 'very-satisfied', channel: 'evaluator' });
  await at(22, { type: 'FinishService', windowNo: '2' });
  await at(22, { type: 'RateService', windowNo: '2', level: 'dissatisfied', channel: 'evaluator' });
  await at(30, { type: 'CallNext', windowNo: '1' });
  await at(31, { type: 'MarkNoShow', windowNo: '1' });
  await at(45, { type: 'CallNext', windowNo: '4' });
  await at(45, { type: 'StartService', windowNo: '4' });
  await at(60, { type: 'CloseWindow', windowNo: '1' });
  await at(60, { type: 'OpenWindow', windowNo: '1', staffNo: 'S5' });
  await at(65, { type: 'IssueTicket', lineId: 'general', channel: 'kiosk' });
  await at(70, { type: 'CallNext', windowNo: '1' });
  await at(70, { type: 'StartService', windowNo: '1' });
  await at(78, { type: 'FinishService', windowNo: '1' });
  await at(78, { type: 'RateService', windowNo: '1', level: 'satisfied', channel: 'evaluator' });
  await at(80, { type: 'IssueTicket', lineId: 'general', channel: 'kiosk' });
  const b002 = await at(85, { type: 'IssueTicket', lineId: 'tax', channel: 'kiosk' });
  await at(86, { type: 'CancelTicket', ticketId: b002!, reason: '访客离开' });
  await at(90, { type: 'FinishService', windowNo: '4' });
  hub.clock.set(MONDAY_0900 + 110 * MINUTE);
}
