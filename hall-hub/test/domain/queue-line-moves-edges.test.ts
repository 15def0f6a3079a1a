import { describe, expect, it } from 'vitest';
import { proposeLineMoves, redLines } from '../../src/domain/queue/line-moves.js';
import { thresholdsFor } from '../../src/domain/queue/rules.js';
import { MINUTE, smallHall } from '@hall/testkit/hall-fixture';
import { queueInMemory } from './queue-in-memory.js';

// 弹性窗口 proposals at their edges (docs/mutation.md: the engine test proposes one move on one red line): which
// lines are red to the millisecond, which windows are proposed and why, in which order, with which lines. Pure.

const base = smallHall();
type Overrides = Parameters<typeof queueInMemory>[0];

/** Windows 1–3 of 市场监管 (D1), 4 of 税务 (D2); 张伟 (S1) belongs to 税务, 王芳 (S2) has learnt the tax line. */
function flexHall(overrides: Overrides = {}) {
  return queueInMemory({
    windows: base.windows.map((w) => ({ ...w, dept: w.no === '4' ? 'D2' : 'D1' })),
    staff: base.staff.map((s) => ({ ...s, dept: s.no === 'S1' || s.no === 'S4' ? 'D2' : 'D1', ...(s.no === 'S2' ? { skills: ['tax'] } : {}) })),
    ...overrides,
  });
}

describe('red lines', () => {
  it('a line is red from the millisecond its oldest visitor has waited the red threshold, whoever else waits', () => {
    const h = flexHall();
    const red = thresholdsFor(h.rules, 'tax').waitRedMinutes * MINUTE;
    h.issue({ lineId: 'tax' });
    h.advance(red - 1);
    h.issue({ lineId: 'tax' });
    h.issue(); // general, just arrived
    expect(redLines(h.state, h.rules, h.now)).toEqual([]);
    h.advance(1);
    expect(redLines(h.state, h.rules, h.now)).toEqual(['tax']);
  });

  it('a green-channel visitor waiting counts too; a line whose visitors were all called is not red', () => {
    const h = flexHall();
    h.ok({ type: 'OpenWindow', windowNo: '1', staffNo: 'S1' });
    h.issue();
    h.ok({ type: 'CallNext', windowNo: '1' });
    h.issue({ lineId: 'tax', priorityGroup: 'elderly' });
    h.advance(thresholdsFor(h.rules, 'tax').waitRedMinutes * MINUTE);
    expect(redLines(h.state, h.rules, h.now)).toEqual(['tax']);
  });
});

describe('the windows proposed', () => {
  it('idle longest first, each with why, its names and its lines; windows closed or with somebody to call are not', () => {
    const h = flexHall();
    h.ok({ type: 'OpenWindow', windowNo: '1', staffNo: 'S1' });
    h.ok({ type: 'OpenWindow', windowNo: '2', staffNo: 'S2' });
    const opened = h.now;
    h.issue();
    h.ok({ type: 'CallNext', windowNo: '1' });
    h.advance(MINUTE);
    h.ok({ type: 'FinishService', windowNo: '1' }); // window 1 idle since now, window 2 since it opened
    h.issue({ lineId: 'tax' });
    h.advance(thresholdsFor(h.rules, 'tax').waitRedMinutes * MINUTE);
    const idle = Math.floor((h.now - opened) / MINUTE);
    expect(proposeLineMoves(h.state, h.rules, h.now)).toEqual([
      { lineId: 'tax', lineName: '税务业务', windowNo: '2', windowName: '综合窗口2', staffNo: 'S2', staffName: '王芳', because: 'skill', idleMinutes: idle, lines: [{ line: 'general', order: 1 }, { line: 'tax', order: 1 }] },
      { lineId: 'tax', lineName: '税务业务', windowNo: '1', windowName: '综合窗口1', staffNo: 'S1', staffName: '张伟', because: 'department', idleMinutes: idle - 1, lines: [{ line: 'general', order: 1 }, { line: 'tax', order: 1 }] },
    ]);
    // somebody of their own to call: neither is proposed
    h.issue();
    expect(proposeLineMoves(h.state, h.rules, h.now)).toEqual([]);
  });

  it('a paused window is not proposed, nor one calling or serving', () => {
    const h = flexHall();
    h.ok({ type: 'OpenWindow', windowNo: '1', staffNo: 'S1' });
    h.ok({ type: 'OpenWindow', windowNo: '2', staffNo: 'S2' });
    h.ok({ type: 'PauseWindow', windowNo: '2', reason: '休息' });
    h.issue();
    h.ok({ type: 'CallNext', windowNo: '1' });
    h.issue({ lineId: 'tax' });
    h.advance(thresholdsFor(h.rules, 'tax').waitRedMinutes * MINUTE);
    expect(proposeLineMoves(h.state, h.rules, h.now)).toEqual([]);
    h.ok({ type: 'StartService', windowNo: '1' });
    expect(proposeLineMoves(h.state, h.rules, h.now)).toEqual([]);
    h.ok({ type: 'ResumeWindow', windowNo: '2' });
    expect(proposeLineMoves(h.state, h.rules, h.now).map((m) => m.windowNo)).toEqual(['2']);
  });

  it('a window that serves the red line already is not proposed, even when it may not call its visitors', () => {
    // 李娜 (S3) at window 3 has learnt tax; window 3 serves tax second but, of 市场监管, not a 一口受理 ticket led by 税务
    const h = flexHall({
      staff: base.staff.map((s) => ({ ...s, dept: s.no === 'S4' ? 'D2' : 'D1', ...(s.no === 'S3' ? { skills: ['tax'] } : {}) })),
    });
    h.ok({ type: 'OpenWindow', windowNo: '3', staffNo: 'S3' });
    h.issue({ lineId: 'tax', leadDept: 'D2' });
    h.advance(thresholdsFor(h.rules, 'tax').waitRedMinutes * MINUTE);
    expect(redLines(h.state, h.rules, h.now)).toEqual(['tax']);
    expect(proposeLineMoves(h.state, h.rules, h.now)).toEqual([]);
  });

  it('of windows idle equally long, the lower number first: 9 before 10', () => {
    const extra = (no: string) => ({ no, name: `综合窗口${no}`, zone: 'general', dept: 'D2', lines: [{ line: 'general', order: 1 }] });
    const h = flexHall({
      windows: [...base.windows, extra('10'), extra('9')],
      staff: [...base.staff, { no: 'S9', name: '周杰', windows: ['9'] }, { no: 'S10', name: '吴磊', windows: ['10'] }],
    });
    h.ok({ type: 'OpenWindow', windowNo: '10', staffNo: 'S10' });
    h.ok({ type: 'OpenWindow', windowNo: '9', staffNo: 'S9' });
    h.issue({ lineId: 'tax' });
    h.advance(thresholdsFor(h.rules, 'tax').waitRedMinutes * MINUTE);
    expect(proposeLineMoves(h.state, h.rules, h.now).map((m) => [m.windowNo, m.because])).toEqual([
      ['9', 'department'],
      ['10', 'department'],
    ]);
  });

  it('the red line joins the window’s lines at its first order', () => {
    const h = flexHall({
      lines: [...base.lines, { id: 'visa', prefix: 'C', name: '出入境', serves: { deptCodes: ['D3'] } }],
      windows: base.windows.map((w) => ({ ...w, dept: w.no === '4' ? 'D2' : 'D1', ...(w.no === '2' ? { lines: [{ line: 'visa', order: 3 }, { line: 'general', order: 2 }] } : {}) })),
    });
    h.ok({ type: 'OpenWindow', windowNo: '2', staffNo: 'S2' });
    h.issue({ lineId: 'tax' });
    h.advance(thresholdsFor(h.rules, 'tax').waitRedMinutes * MINUTE);
    expect(proposeLineMoves(h.state, h.rules, h.now)).toMatchObject([
      { windowNo: '2', because: 'skill', lines: [{ line: 'visa', order: 3 }, { line: 'general', order: 2 }, { line: 'tax', order: 2 }] },
    ]);
  });
});
