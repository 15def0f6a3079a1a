import { describe, expect, it } from 'vitest';
import { toSnapshot, fromSnapshot } from '../../src/domain/queue/snapshot.js';
import { proposeLineMoves } from '../../src/domain/queue/line-moves.js';
import { currentWarnings } from '../../src/domain/queue/warnings.js';
import { ticketView, windowView } from '../../src/domain/queue/views.js';
import { engineFor, fakeClock } from '@hall/testkit/engine-fixture';
import { MINUTE, smallHall } from '@hall/testkit/hall-fixture';
import { ok, issue, callNext } from './queue-engine-steps.js';

/** The small hall with departments: windows 1–3 市场监管 (D1), window 4 税务 (D2); 王芳 (S2) has learnt the tax line. */
function flexHall() {
  const base = smallHall();
  return {
    ...base,
    windows: base.windows.map((w) => ({ ...w, dept: w.no === '4' ? 'D2' : 'D1' })),
    staff: base.staff.map((s) => ({ ...s, dept: s.no === 'S4' ? 'D2' : 'D1', ...(s.no === 'S2' ? { skills: ['tax'] } : {}) })),
  };
}

describe('弹性窗口: a window’s lines change live, as a queue command', () => {
  it('from the next call on the window serves its new lines; the ticket in hand stays', () => {
    const { engine } = engineFor(flexHall());
    ok(engine, { type: 'OpenWindow', windowNo: '1', staffNo: 'S1' });
    issue(engine); // A001
    issue(engine, { lineId: 'tax' }); // B001
    issue(engine, { lineId: 'tax' }); // B002
    expect(callNext(engine, '1')).toBe('A001');
    ok(engine, { type: 'AssignWindowLines', windowNo: '1', lines: [{ line: 'tax', order: 1 }, { line: 'general', order: 2 }] });
    // A001 is still in hand; the change is for the next call.
    expect(windowView(engine.state, engine.rules, '1')).toMatchObject({ currentTicket: 'A001', lines: ['tax', 'general'] });
    expect(callNext(engine, '1')).toBe('B001');
    // The visitor's view of where the line is served follows the window.
    expect(ticketView(engine.state, engine.rules, engine.ticketByNumber('B002')!).servingWindows).toEqual(['1', '3', '4']);
  });

  it('a window that no longer serves a line does not call it, by next or by number', () => {
    const { engine } = engineFor(flexHall());
    ok(engine, { type: 'OpenWindow', windowNo: '3', staffNo: 'S3' });
    const b = issue(engine, { lineId: 'tax' });
    ok(engine, { type: 'AssignWindowLines', windowNo: '3', lines: [{ line: 'general', order: 1 }] });
    expect(callNext(engine, '3')).toBeNull();
    const r = engine.execute({ type: 'CallTicket', windowNo: '3', ticketId: b });
    expect(r.ok ? null : r.refusal.code).toBe('ticket_not_for_window');
  });

  it('is refused without lines, with a line twice, or with an unknown line or window', () => {
    const { engine } = engineFor(flexHall());
    const code = (lines: Array<{ line: string; order: number }>, windowNo = '1') => {
      const r = engine.execute({ type: 'AssignWindowLines', windowNo, lines });
      return r.ok ? null : r.refusal.code;
    };
    expect(code([])).toBe('window_lines_invalid');
    expect(code([{ line: 'tax', order: 1 }, { line: 'tax', order: 2 }])).toBe('window_lines_invalid');
    expect(code([{ line: 'nope', order: 1 }])).toBe('unknown_line');
    expect(code([{ line: 'tax', order: 1 }], '99')).toBe('unknown_window');
    expect(engine.state.assignedLines.size).toBe(0);
  });

  it('is replayed at a restart (from the log, and from a snapshot) and ends with the day', () => {
    const clock = fakeClock();
    const first = engineFor(flexHall(), clock);
    ok(first.engine, { type: 'OpenWindow', windowNo: '2', staffNo: 'S2' });
    ok(first.engine, { type: 'AssignWindowLines', windowNo: '2', lines: [{ line: 'general', order: 1 }, { line: 'tax', order: 1 }] });
    issue(first.engine, { lineId: 'tax' });
    first.engine.close();
    first.db.close();

    const again = engineFor(flexHall(), clock, first.dbFile);
    expect(windowView(again.engine.state, again.engine.rules, '2').lines).toEqual(['general', 'tax']);
    expect(callNext(again.engine, '2')).toBe('B001');
    expect(fromSnapshot(JSON.parse(JSON.stringify(toSnapshot(again.engine.state)))).assignedLines.get('2')).toEqual([
      { line: 'general', order: 1 },
      { line: 'tax', order: 1 },
    ]);
    clock.advance(24 * 60 * MINUTE);
    again.engine.ensureDay();
    expect(windowView(again.engine.state, again.engine.rules, '2').lines).toEqual(['general']);
    again.engine.close();
    again.db.close();
  });

  it('when a line turns red, idle windows whose department or staff skills allow it are proposed; applying one clears the red after calls', () => {
    const clock = fakeClock();
    const { engine } = engineFor(flexHall(), clock);
    for (const [w, s] of [['1', 'S1'], ['2', 'S2']] as const) ok(engine, { type: 'OpenWindow', windowNo: w, staffNo: s });
    issue(engine, { lineId: 'tax' });
    issue(engine, { lineId: 'tax' });
    clock.advance(45 * MINUTE);
    const red = () => currentWarnings(engine.state, engine.rules, clock.now()).filter((w) => w.lineId === 'tax' && w.level === 'red');
    expect(red()).toHaveLength(2);
    // Window 1 (市场监管, 张伟) may not take 税务; window 2's 王芳 has the skill.
    const moves = proposeLineMoves(engine.state, engine.rules, clock.now());
    expect(moves).toEqual([
      expect.objectContaining({ lineId: 'tax', windowNo: '2', staffNo: 'S2', because: 'skill', idleMinutes: 45, lines: [{ line: 'general', order: 1 }, { line: 'tax', order: 1 }] }),
    ]);
    ok(engine, { type: 'AssignWindowLines', windowNo: '2', lines: moves[0]!.lines });
    expect(proposeLineMoves(engine.state, engine.rules, clock.now())).toEqual([]);
    expect(callNext(engine, '2')).toBe('B001');
    expect(callNext(engine, '2')).toBe('B002');
    expect(red()).toEqual([]);
  });

  it('a window of the line’s own department is proposed because of its department', () => {
    const clock = fakeClock();
    const hall = flexHall();
    const { engine } = engineFor({ ...hall, windows: hall.windows.map((w) => (w.no === '1' ? { ...w, dept: 'D2' } : w)) }, clock);
    ok(engine, { type: 'OpenWindow', windowNo: '1', staffNo: 'S1' });
    issue(engine, { lineId: 'tax' });
    clock.advance(41 * MINUTE);
    expect(proposeLineMoves(engine.state, engine.rules, clock.now())).toEqual([expect.objectContaining({ windowNo: '1', because: 'department' })]);
  });
});
