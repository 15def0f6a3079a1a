import { describe, expect, it } from 'vitest';
import { evaluationFigures } from '../../src/domain/evaluation/figures.js';
import { advanceFollowUp, openFollowUp, urgency, type FollowUp } from '../../src/domain/evaluation/follow-up.js';
import { ratingState } from '../../src/domain/evaluation/rating-rules.js';
import { addWorkingDays } from '../../src/domain/evaluation/working-days.js';
import { smallHall, MINUTE } from '@hall/testkit/hall-fixture';

const TZ = 'Asia/Shanghai';
// Friday 2026-09-25 10:00 China time; 2026-10-01…07 is the National Day holiday, Sunday 2026-09-27 a 调休 workday.
const FRIDAY = Date.UTC(2026, 8, 25, 2, 0);

describe('未评价: the time to rate', () => {
  it('open until the deadline, then unrated for good; not served is not ratable; rated stays rated', () => {
    const done = { status: 'done' as const, finishedAt: 1_000_000 };
    expect(ratingState(done, false, 1_000_000 + 29 * MINUTE, 30)).toBe('open');
    expect(ratingState(done, false, 1_000_000 + 31 * MINUTE, 30)).toBe('unrated');
    expect(ratingState(done, true, 1_000_000 + 31 * MINUTE, 30)).toBe('rated');
    expect(ratingState({ status: 'serving', finishedAt: null }, false, 0, 30)).toBe('not-served');
  });
});

describe('working-day deadlines follow the hall calendar', () => {
  it('skips weekends and holidays, counts 调休 days', () => {
    const calendar = smallHall({
      calendar: { holidays: ['2026-10-01', '2026-10-02', '2026-10-05', '2026-10-06', '2026-10-07'], extraWorkdays: [{ date: '2026-09-27', sameAs: 'mon' }] },
    }).calendar;
    // 1 working day after Friday: Sunday the 27th is a make-up workday.
    expect(new Date(addWorkingDays(calendar, TZ, FRIDAY, 1)).toISOString()).toBe('2026-09-27T15:59:59.999Z');
    // 5 working days: 27, 28, 29, 30, then the holiday week until Thursday the 8th.
    expect(new Date(addWorkingDays(calendar, TZ, FRIDAY, 5)).toISOString()).toBe('2026-10-08T15:59:59.999Z');
  });
});

describe('差评 follow-up state machine', () => {
  const f0: FollowUp = openFollowUp(0, { verifyDue: 100, rectifyDue: 1000, replyDue: 2000 });
  const step = (f: FollowUp, a: Parameters<typeof advanceFollowUp>[1]) => {
    const r = advanceFollowUp(f, a);
    if (!r.ok) throw new Error(r.refusal.code);
    return r.followUp;
  };
  it('confirmed: verify → rectify → reply; unfounded: verify → reply; other orders refused', () => {
    const v = step(f0, { type: 'verify', finding: 'confirmed', note: 'n', by: 'm', at: 10 });
    expect(advanceFollowUp(v, { type: 'reply', note: 'n', by: 'm', at: 11 }).ok).toBe(false);
    const closed = step(step(v, { type: 'rectify', note: 'n', by: 'm', at: 12 }), { type: 'reply', note: 'n', by: 'm', at: 13 });
    expect(closed.status).toBe('closed');
    expect(advanceFollowUp(closed, { type: 'verify', finding: 'confirmed', note: 'n', by: 'm', at: 14 }).ok).toBe(false);
    const unfounded = step(f0, { type: 'verify', finding: 'unfounded', note: 'n', by: 'm', at: 10 });
    expect(advanceFollowUp(unfounded, { type: 'rectify', note: 'n', by: 'm', at: 11 }).ok).toBe(false);
    expect(step(unfounded, { type: 'reply', note: 'n', by: 'm', at: 11 }).status).toBe('closed');
    expect(advanceFollowUp(f0, { type: 'rectify', note: 'n', by: 'm', at: 1 }).ok).toBe(false);
  });
  it('warns before the deadline of the step it waits for, and is overdue after it', () => {
    expect(urgency(f0, 50, 40)).toEqual({ overdue: false, dueSoon: false });
    expect(urgency(f0, 70, 40)).toEqual({ overdue: false, dueSoon: true });
    expect(urgency(f0, 101, 40)).toEqual({ overdue: true, dueSoon: false });
    const v = step(f0, { type: 'verify', finding: 'confirmed', note: 'n', by: 'm', at: 90 });
    expect(urgency(v, 101, 40)).toEqual({ overdue: false, dueSoon: false }); // now waiting for rectification (due 1000)
  });
});

describe('figures', () => {
  it('好评率 over ratings, 主动评价好评率 over active ratings, 未评价率 over services; pending in no numerator', () => {
    const { rows, total } = evaluationFigures([
      { key: 'w1', level: 'very-satisfied', active: true, unrated: false, n: 6 },
      { key: 'w1', level: 'basic', active: false, unrated: false, n: 2 }, // default ratings imported from elsewhere
      { key: 'w1', level: 'dissatisfied', active: true, unrated: false, n: 2 },
      { key: 'w1', level: null, active: true, unrated: true, n: 5 },
      { key: 'w1', level: null, active: true, unrated: false, n: 5 },
    ]);
    expect(rows[0]).toMatchObject({ served: 20, rated: 10, active: 8, good: 8, activeGood: 6, bad: 2, unrated: 5, pending: 5, goodRate: 0.8, activeGoodRate: 0.75, unratedRate: 0.25 });
    expect(total.served).toBe(20);
  });
});
