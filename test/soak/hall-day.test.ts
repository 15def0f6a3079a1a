import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { writeReport } from '../../soak/lib/report.js';
import { DEMO_HALL, FULL_DAY, nextWorkday, runHallDay } from '../../soak/lib/run-hall-day.js';

// The morning peak of the demo hall as a slice of the hall-day soak: the same simulator as `npm run soak`, with
// 400 visitors arriving 08:30–10:00 at 35× (about four minutes of real time), every fault once, and the day's
// scenes (issue #17): the morning rush, windows moved onto a red line, a B post's take-over.
const SLICE = { ...FULL_DAY, visitors: 400, speed: 35, from: '08:30', to: '10:00', drainHours: 1 };

describe('a slice of the hall day, through the real processes, with every fault', () => {
  it('loses and duplicates no ticket; shows and announces every call; sends every evaluation once; keeps the priority policy; raises exactly the warnings due; rush, red line and AB岗 hold', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'soak-test-'));
    const day = nextWorkday(JSON.parse(readFileSync(DEMO_HALL, 'utf8')), new Date());
    const report = await runHallDay({ ...SLICE, day, runDir: join(dir, 'run') });
    writeReport(report, join(dir, 'hall-day-soak.md'), join(dir, 'hall-day-soak.json'));

    // Every fault happened, and the hall came back from each.
    expect(report.faults.map((f) => f.kind).sort()).toEqual(
      ['bridge-kill', 'broker-kill', 'display-network-drop', 'hub-kill', 'hub-kill-mid-write', 'printer-paper-out', 'province-away'],
    );
    // A recovery that never came is null (timed out), never a number: each must have happened.
    for (const f of report.faults) {
      expect(Object.keys(f.recovery).length, `${f.kind}: no recovery measured`).toBeGreaterThan(0);
      for (const [what, ms] of Object.entries(f.recovery)) {
        expect(ms, `${f.kind} ${what} never happened`).not.toBeNull();
        expect(ms, `${f.kind} ${what}`).toBeGreaterThanOrEqual(0);
      }
    }
    for (const c of report.checks) expect(c.problems, c.name).toEqual([]);
    expect(report.checks.filter((c) => !c.ok).map((c) => c.name)).toEqual([]);
    const n = (check: string, key: string): number => {
      const v = report.checks.find((c) => c.id === check)?.counts[key];
      if (v === undefined) throw new Error(`no count ${check}.${key}`);
      return v;
    };
    const sum = (check: string, keys: string[]) => keys.reduce((s, k) => s + n(check, k), 0);

    // The day really happened: most visitors got a ticket, were called, served and rated; the faults bit.
    expect(n('tickets', 'acknowledged')).toBeGreaterThanOrEqual(380);
    expect(sum('tickets', ['lost', 'duplicateTickets', 'duplicateNumbers', 'orphanTickets', 'missingFromTable'])).toBe(0);
    expect(n('tickets', 'inFlightAtMidWriteKill')).toBeGreaterThan(0);
    expect(report.figures.servicesFinished).toBeGreaterThanOrEqual(350);
    expect(report.figures.ticketsStillOpenAtClose).toBe(0);
    expect(n('calls', 'callsExpectedOnScreens')).toBeGreaterThan(report.figures.calls ?? 0);
    expect(sum('calls', ['missing', 'outOfOrder', 'notAnnounced', 'wrongVoicePlan'])).toBe(0);
    expect(n('calls', 'announced')).toBeGreaterThan(0);
    expect(n('evaluations', 'recordedByTheHub')).toBeGreaterThan(250);
    expect(n('evaluations', 'heldByTheProvince')).toBe(n('evaluations', 'recordedByTheHub'));
    expect(sum('evaluations', ['missingUpstream', 'unknownUpstream', 'heldTwice', 'acknowledgedButNotRecorded'])).toBe(0);
    expect(n('priority', 'violations')).toBe(0);
    expect(n('priority', 'greenChannelCalls')).toBeGreaterThan(0);
    expect(n('warnings', 'consolePolls')).toBeGreaterThan(20);
    expect(sum('warnings', ['redNeverTexted', 'textedWithoutCause', 'consoleUnexpected', 'consoleMissing'])).toBe(0);
    expect(n('printing', 'printedWhilePaperOut')).toBe(0);
    expect(n('recoveries', 'recoveriesThatNeverCame')).toBe(0);
    // The morning rush: every window at work called at the bell, each call the policy's, none lost.
    expect(n('rush', 'windowsAtWork')).toBeGreaterThan(40);
    expect(n('rush', 'calledAtTheBell')).toBe(n('rush', 'windowsAtWork'));
    expect(n('rush', 'callsInLog')).toBe(n('rush', 'windowsAtWork'));
    expect(sum('rush', ['lost', 'calledToTwoWindows', 'outOfPolicyOrder', 'refusedOrUnanswered'])).toBe(0);
    // 弹性窗口: windows moved onto the red line served it only after the move, and the red cleared within its bound.
    expect(n('line-moves', 'movesInLog')).toBeGreaterThan(0);
    expect(n('line-moves', 'movesApplied')).toBe(n('line-moves', 'movesInLog'));
    expect(n('line-moves', 'callsOfTheLineAtMovedWindowsAfterTheirMove')).toBeGreaterThan(0);
    expect(sum('line-moves', ['movedWhileNotRed', 'callsOfTheLineAtMovedWindowsBeforeTheirMove', 'callsOfALineTheWindowDidNotServe'])).toBe(0);
    expect(n('line-moves', 'hallMinutesToClearAfterTheFirstMove')).toBeGreaterThanOrEqual(0);
    expect(n('line-moves', 'hallMinutesToClearAfterTheFirstMove')).toBeLessThanOrEqual(n('line-moves', 'clearBoundMinutes'));
    // AB岗: the right person on the screen, in the ratings and in the report.
    expect([n('takeover', 'takeOvers'), n('takeover', 'handBacks')]).toEqual([1, 1]);
    expect(n('takeover', 'screenShowedTheBPost')).toBe(1);
    expect(n('takeover', 'screenShowedTheAPostAfterHandBack')).toBeGreaterThan(0);
    expect(n('takeover', 'screenDutyChangesShownWrong')).toBe(0);
    expect(n('takeover', 'ratingsCreditedToTheBPost')).toBeGreaterThan(0);
    expect(n('takeover', 'ratingsCreditedToSomeoneElse')).toBe(0);
    expect(n('takeover', 'reportStaffRowsWrong')).toBe(0);
    expect(n('takeover', 'reportServedByTheBPost')).toBe(n('takeover', 'servicesByTheBPost'));
    expect(n('takeover', 'reportServedByTheBPost')).toBeGreaterThan(0);
    const paper = report.faults.find((f) => f.kind === 'printer-paper-out')!;
    expect(Number(paper.detail.jobsHeldWhilePaperOut)).toBeGreaterThan(0);
    expect(report.ok).toBe(true);
    console.log(`hall-day slice: ${report.realSeconds} s real; report in ${dir}`);
  }, 15 * 60_000);
});
