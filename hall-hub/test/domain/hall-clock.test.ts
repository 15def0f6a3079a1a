import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { hallPhase } from '../../src/domain/time/hall-phase.js';
import { hallTime } from '../../src/domain/time/hall-time.js';
import { anybodyInHall, currentPhase } from '../../src/domain/queue/views.js';
import { engineFor, fakeClock } from '@hall/testkit/engine-fixture';
import { MINUTE, MONDAY_0900, smallHall } from '@hall/testkit/hall-fixture';

/** What Intl says, asked afresh (no remembered answer), for comparison with hallTime's. */
function fresh(epochMs: number, timeZone: string): { day: string; weekday: string; minutes: number } {
  const parts: Record<string, string> = {};
  const f = new Intl.DateTimeFormat('en-US', { timeZone, hourCycle: 'h23', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', weekday: 'short' });
  for (const p of f.formatToParts(epochMs)) parts[p.type] = p.value;
  return { day: `${parts.year}-${parts.month}-${parts.day}`, weekday: parts.weekday!.toLowerCase(), minutes: Number(parts.hour) * 60 + Number(parts.minute) };
}

describe('hall time', () => {
  it('is right at every step across midnight, a DST change and back in time, although it remembers its last answer', () => {
    const instants = [
      Date.UTC(2026, 10, 23, 15, 59, 59, 999), // 23:59:59.999 in Shanghai
      Date.UTC(2026, 10, 23, 16, 0, 0, 0), // the next day's 00:00
      Date.UTC(2026, 10, 23, 16, 0, 59, 999),
      Date.UTC(2026, 10, 23, 16, 1, 0, 0),
      Date.UTC(2026, 10, 23, 15, 59, 30, 0), // a clock set back
    ];
    for (const zone of ['Asia/Shanghai', 'Europe/Berlin', 'Asia/Kolkata']) {
      for (const t of instants) expect(hallTime(t, zone)).toEqual(fresh(t, zone));
    }
    // Berlin springs forward at 01:00 UTC on 2026-03-29: 01:59 CET is followed by 03:00 CEST.
    const before = Date.UTC(2026, 2, 29, 0, 59, 30);
    const after = Date.UTC(2026, 2, 29, 1, 0, 0);
    expect(hallTime(before, 'Europe/Berlin').minutes).toBe(1 * 60 + 59);
    expect(hallTime(after, 'Europe/Berlin').minutes).toBe(3 * 60);
    // Two zones asked in turn do not mix their answers.
    expect(hallTime(after, 'Asia/Shanghai')).toEqual(fresh(after, 'Asia/Shanghai'));
    expect(hallTime(after, 'Europe/Berlin')).toEqual(fresh(after, 'Europe/Berlin'));
  });

  it('agrees with Intl at any instant in zones with DST, half-hour DST and 45-minute offsets, asked in any order', () => {
    // hallTime remembers each zone's offset per UTC hour; an hour that holds an offset change must not be trusted.
    const zones = ['Asia/Shanghai', 'America/New_York', 'Europe/Berlin', 'Australia/Lord_Howe', 'Asia/Kathmandu', 'Pacific/Chatham', 'America/St_Johns'];
    const instant = fc.integer({ min: Date.UTC(2024, 0, 1), max: Date.UTC(2028, 11, 31) });
    // Instants within a few hours of the 2026 changes, where a wrong hour would show.
    const nearChange = fc.tuple(
      fc.constantFrom(Date.UTC(2026, 2, 8, 7), Date.UTC(2026, 10, 1, 6), Date.UTC(2026, 2, 29, 1), Date.UTC(2026, 3, 4, 15), Date.UTC(2026, 9, 3, 15, 30)),
      fc.integer({ min: -3 * 3_600_000, max: 3 * 3_600_000 }),
    ).map(([at, d]) => at + d);
    fc.assert(
      fc.property(fc.constantFrom(...zones), fc.array(fc.oneof(instant, nearChange), { minLength: 1, maxLength: 20 }), (zone, instants) => {
        for (const t of instants) expect(hallTime(t, zone)).toEqual(fresh(t, zone));
      }),
      { numRuns: 300 },
    );
  });
});

describe('the phase of the hall', () => {
  it('is, minute by minute through a whole day, what the calendar and the people still in the hall make it', () => {
    const clock = fakeClock(MONDAY_0900);
    const { engine } = engineFor(smallHall(), clock);
    engine.execute({ type: 'IssueTicket', lineId: 'general', channel: 'kiosk' });
    const seen = new Set<string>();
    for (const waiting of [true, false]) {
      if (!waiting) engine.execute({ type: 'OpenWindow', windowNo: '1', staffNo: 'S1' });
      if (!waiting) engine.execute({ type: 'CallNext', windowNo: '1' });
      if (!waiting) engine.execute({ type: 'FinishService', windowNo: '1' });
      expect(anybodyInHall(engine.state)).toBe(waiting);
      const midnight = MONDAY_0900 - 9 * 60 * MINUTE;
      for (let m = 0; m < 24 * 60; m++) {
        const now = midnight + m * MINUTE;
        const expected = hallPhase(engine.rules.calendar, hallTime(now, engine.rules.timeZone), waiting);
        expect(currentPhase(engine.state, engine.rules, now)).toBe(expected);
        seen.add(expected);
      }
    }
    // The walk covered every phase a working day has, so the shortcut was checked against each.
    expect([...seen].sort()).toEqual(['before-open', 'break', 'closed', 'cut-off', 'extended', 'open']);
  });
});
