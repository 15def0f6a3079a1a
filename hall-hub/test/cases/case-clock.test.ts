import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { caseClock, type ClockInput } from '../../src/domain/cases/case-clock.js';
import { caseLight, DEFAULT_LIGHT_THRESHOLDS, severity, thresholdsFor } from '../../src/domain/cases/case-light.js';
import { CalendarSchema, type Calendar } from '../../src/domain/hall-vocabulary.js';
import { hallTime } from '../../src/domain/time/hall-time.js';
import { Value } from '@sinclair/typebox/value';

const SH = 'Asia/Shanghai';
const HOUR = 3_600_000;
const DAY = 24 * HOUR;

/** An instant given as hall time in Shanghai (UTC+8, no DST). */
const sh = (day: string, hhmm = '10:00') => Date.parse(`${day}T${hhmm}:00+08:00`);

/** National Day week as halls publish it: 1–7 October off, Saturday 10 October worked as a Friday. */
const calendar: Calendar = Value.Default(CalendarSchema, {
  holidays: ['2026-10-01', '2026-10-02', '2026-10-03', '2026-10-04', '2026-10-05', '2026-10-06', '2026-10-07'],
  extraWorkdays: [{ date: '2026-10-10', sameAs: 'fri' }],
}) as Calendar;

const open = (acceptedAt: number, limitWorkingDays: number, suspensions: ClockInput['suspensions'] = []): ClockInput => ({
  acceptedAt,
  limitWorkingDays,
  suspensions,
  finishedAt: null,
});

const endOf = (day: string) => sh(day, '00:00') + DAY - 1;

describe('the approval clock of a case (working days on the hall calendar)', () => {
  it('counts from the day after acceptance and ends with the last counted working day', () => {
    // Accepted Monday 14 September; five working days are Tue–Fri and the next Monday.
    const c = caseClock(calendar, SH, open(sh('2026-09-14', '16:40'), 5), sh('2026-09-18'));
    expect(c.deadline).toBe(endOf('2026-09-21'));
    expect(c.usedWorkingDays).toBe(4);
    expect(c.remainingWorkingDays).toBe(1);
    expect(c.overdue).toBe(false);
  });

  it('skips holidays, counts a 调休 Saturday, and moves a limit that would end on a holiday to the next working day', () => {
    // Accepted Monday 28 September: 29 and 30 September count, 1–7 October do not, 8 October is the third day.
    expect(caseClock(calendar, SH, open(sh('2026-09-28'), 3), sh('2026-09-28')).deadline).toBe(endOf('2026-10-08'));
    // The fifth is the 调休 Saturday, 10 October.
    expect(caseClock(calendar, SH, open(sh('2026-09-28'), 5), sh('2026-09-28')).deadline).toBe(endOf('2026-10-10'));
    // In the middle of the holiday week no day is used up.
    expect(caseClock(calendar, SH, open(sh('2026-09-28'), 5), sh('2026-10-05')).usedWorkingDays).toBe(2);
  });

  it('gives a same-day case (即办件, limit 0) the end of its acceptance day', () => {
    const c = caseClock(calendar, SH, open(sh('2026-09-15', '09:00'), 0), sh('2026-09-15', '17:00'));
    expect(c.deadline).toBe(endOf('2026-09-15'));
    expect(caseClock(calendar, SH, open(sh('2026-09-15', '09:00'), 0), sh('2026-09-16', '00:00')).overdue).toBe(true);
  });

  it('does not count the days a suspension touches (补正 from Wednesday to Thursday)', () => {
    const suspended = [{ from: sh('2026-09-16', '10:00'), to: sh('2026-09-17', '15:00') }];
    const c = caseClock(calendar, SH, open(sh('2026-09-14'), 5, suspended), sh('2026-09-22'));
    // Tue 15, Fri 18, Mon 21, Tue 22 counted; Wed 23 is the fifth.
    expect(c.usedWorkingDays).toBe(4);
    expect(c.deadline).toBe(endOf('2026-09-23'));
  });

  it('waits while a suspension is open, and keeps a deadline already passed', () => {
    const waiting = caseClock(calendar, SH, open(sh('2026-09-14'), 5, [{ from: sh('2026-09-16'), to: null }]), sh('2026-11-30'));
    expect(waiting).toMatchObject({ deadline: null, paused: true, overdue: false, usedWorkingDays: 1 });
    const late = caseClock(calendar, SH, open(sh('2026-09-14'), 1, [{ from: sh('2026-09-17'), to: null }]), sh('2026-09-18'));
    expect(late.deadline).toBe(endOf('2026-09-15'));
    expect(late.overdue).toBe(true);
  });

  it('judges a finished case by its finish, not by today', () => {
    const done = { ...open(sh('2026-09-14'), 2), finishedAt: sh('2026-09-16', '16:59') };
    expect(caseClock(calendar, SH, done, sh('2026-12-01')).overdue).toBe(false);
    const lateDone = { ...open(sh('2026-09-14'), 2), finishedAt: sh('2026-09-17', '08:31') };
    expect(caseClock(calendar, SH, lateDone, sh('2026-12-01')).overdue).toBe(true);
  });

  it('draws day boundaries in the hall’s time zone, whatever the machine’s zone', () => {
    // 23:30 UTC on Monday is already Tuesday in Shanghai but still Monday in New York.
    const at = Date.UTC(2026, 8, 14, 23, 30);
    const inShanghai = caseClock(calendar, SH, open(at, 1), at);
    const inNewYork = caseClock(calendar, 'America/New_York', open(at, 1), at);
    expect(hallTime(inShanghai.deadline!, SH).day).toBe('2026-09-16');
    expect(hallTime(inNewYork.deadline!, 'America/New_York').day).toBe('2026-09-15');
    const before = process.env.TZ;
    try {
      process.env.TZ = 'Pacific/Kiritimati';
      expect(caseClock(calendar, SH, open(at, 1), at)).toEqual(inShanghai);
    } finally {
      if (before === undefined) delete process.env.TZ;
      else process.env.TZ = before;
    }
  });

  it('ends a day at local midnight across a DST change (Berlin, 29 March 2026)', () => {
    const berlin = Value.Default(CalendarSchema, {}) as Calendar;
    const accepted = Date.parse('2026-03-27T10:00:00+01:00'); // Friday, CET
    const c = caseClock(berlin, 'Europe/Berlin', open(accepted, 1), accepted);
    // The first working day after is Monday 30 March, in summer time (UTC+2).
    expect(c.deadline).toBe(Date.parse('2026-03-31T00:00:00+02:00') - 1);
  });
});

/** An oracle written apart from the clock: walk the hours, ask hall time for each, and count distinct days. */
function oracleDeadline(cal: Calendar, input: ClockInput): number | null {
  const acceptedDay = hallTime(input.acceptedAt, SH).day;
  const touched = (day: string) => input.suspensions.some((s) => day >= hallTime(s.from, SH).day && (s.to === null || day <= hallTime(s.to, SH).day));
  if (input.limitWorkingDays === 0) return endOf(acceptedDay);
  let counted = 0;
  let lastDay = acceptedDay;
  for (let t = input.acceptedAt; t < input.acceptedAt + 400 * DAY; t += HOUR) {
    const h = hallTime(t, SH);
    if (h.day === lastDay) continue;
    lastDay = h.day;
    if (input.suspensions.some((s) => s.to === null && h.day >= hallTime(s.from, SH).day)) return null;
    const holiday = cal.holidays.includes(h.day);
    const extra = cal.extraWorkdays.some((d) => d.date === h.day);
    const working = !holiday && (extra || (h.weekday !== 'sat' && h.weekday !== 'sun'));
    if (working && !touched(h.day)) counted += 1;
    if (counted === input.limitWorkingDays) return endOf(h.day);
  }
  return null;
}

const START = sh('2026-09-01', '00:00');
const instant = (maxDays: number) => fc.integer({ min: 0, max: maxDays * 24 * 60 }).map((m) => START + m * 60_000);
const dayIn = fc.integer({ min: 0, max: 120 }).map((d) => new Date(Date.UTC(2026, 8, 1) + d * DAY).toISOString().slice(0, 10));
const calendarArb = fc
  .record({ holidays: fc.uniqueArray(dayIn, { maxLength: 15 }), saturdays: fc.uniqueArray(fc.integer({ min: 0, max: 16 }), { maxLength: 4 }) })
  .map(({ holidays, saturdays }) =>
    Value.Default(CalendarSchema, {
      holidays,
      // 5 September 2026 is a Saturday
      extraWorkdays: saturdays.map((w) => ({ date: new Date(Date.UTC(2026, 8, 5) + w * 7 * DAY).toISOString().slice(0, 10), sameAs: 'fri' })),
    }) as Calendar,
  );
const caseArb = fc
  .record({
    acceptedAt: instant(60),
    limit: fc.integer({ min: 0, max: 30 }),
    suspensions: fc.array(fc.record({ after: fc.integer({ min: 0, max: 40 * 24 * 60 }), length: fc.integer({ min: 1, max: 20 * 24 * 60 }), open: fc.boolean() }), { maxLength: 2 }),
  })
  .map(({ acceptedAt, limit, suspensions }): ClockInput => ({
    acceptedAt,
    limitWorkingDays: limit,
    suspensions: suspensions.map((s, i) => ({ from: acceptedAt + s.after * 60_000, to: s.open && i === suspensions.length - 1 ? null : acceptedAt + (s.after + s.length) * 60_000 })),
    finishedAt: null,
  }));

describe('红黄灯 properties', () => {
  it('the deadline agrees with an hour-by-hour oracle', () => {
    fc.assert(
      fc.property(calendarArb, caseArb, (cal, c) => {
        expect(caseClock(cal, SH, c, c.acceptedAt).deadline).toBe(oracleDeadline(cal, c));
      }),
      { numRuns: 150 },
    );
  });

  it('a light only ever gets worse as time passes, and is never green (nor yellow) past the limit', () => {
    fc.assert(
      fc.property(calendarArb, caseArb, fc.array(instant(200), { minLength: 2, maxLength: 8 }), (cal, c, times) => {
        const sorted = [...times].sort((a, b) => a - b);
        let worst = 0;
        for (const t of sorted) {
          const clock = caseClock(cal, SH, c, t);
          const light = caseLight(c.limitWorkingDays, clock, DEFAULT_LIGHT_THRESHOLDS);
          expect(severity(light)).toBeGreaterThanOrEqual(worst);
          worst = severity(light);
          if (clock.deadline !== null && t > clock.deadline) expect(light).toBe('red');
          if (clock.paused) expect(clock.usedWorkingDays).toBe(caseClock(cal, SH, c, t + 30 * DAY).usedWorkingDays);
        }
      }),
      { numRuns: 200 },
    );
  });
});

describe('the light', () => {
  it('turns yellow by days left or by share left, whichever comes first, and takes a department’s own thresholds', () => {
    const clock = (remaining: number) => ({ usedWorkingDays: 20 - remaining, remainingWorkingDays: remaining, deadline: 0, paused: false, overdue: false });
    expect(caseLight(20, clock(5), DEFAULT_LIGHT_THRESHOLDS)).toBe('green');
    expect(caseLight(20, clock(4), DEFAULT_LIGHT_THRESHOLDS)).toBe('yellow'); // 20 % of 20
    expect(caseLight(5, clock(2), DEFAULT_LIGHT_THRESHOLDS)).toBe('yellow'); // 2 days left
    expect(caseLight(5, clock(3), DEFAULT_LIGHT_THRESHOLDS)).toBe('green');
    const strict = thresholdsFor(DEFAULT_LIGHT_THRESHOLDS, { 'dept-tax': { yellowWorkingDays: 3 } }, 'dept-tax');
    expect(strict).toEqual({ yellowWorkingDays: 3, yellowPercent: 20 });
    expect(caseLight(5, clock(3), strict)).toBe('yellow');
    expect(caseLight(5, { ...clock(3), overdue: true }, strict)).toBe('red');
  });
});
