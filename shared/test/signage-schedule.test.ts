import { describe, expect, it } from 'vitest';
import { campaignLiveAt, daypartCovers, hallWeekMinute, layoutProblems, nextScheduleChange, playingCampaigns } from '../src/index.js';

const SH = 'Asia/Shanghai';
// 2026-12-07 is a Monday; 10:00 in Shanghai is 02:00 UTC.
const at = (local: string) => Date.parse(`${local}+08:00`);

describe('signage schedule', () => {
  it('reads the weekday and minute on the hall’s clock, not the machine’s', () => {
    expect(hallWeekMinute(at('2026-12-07T10:00:00'), SH)).toEqual({ day: 'mon', minute: 600 });
    expect(hallWeekMinute(at('2026-12-07T07:30:00'), 'Asia/Urumqi')).toEqual({ day: 'mon', minute: 330 });
    expect(hallWeekMinute(at('2026-12-07T00:30:00'), 'Europe/London')).toEqual({ day: 'sun', minute: 16 * 60 + 30 });
  });

  it('covers a daypart from its start (inclusive) to its end (exclusive), and over midnight', () => {
    const day = { days: ['mon' as const], from: '10:00', to: '10:05' };
    expect(daypartCovers(day, 'mon', 599)).toBe(false);
    expect(daypartCovers(day, 'mon', 600)).toBe(true);
    expect(daypartCovers(day, 'mon', 604)).toBe(true);
    expect(daypartCovers(day, 'mon', 605)).toBe(false);
    expect(daypartCovers(day, 'tue', 600)).toBe(false);
    const night = { days: ['fri' as const], from: '22:00', to: '06:00' };
    expect(daypartCovers(night, 'fri', 22 * 60)).toBe(true);
    expect(daypartCovers(night, 'sat', 5 * 60 + 59)).toBe(true);
    expect(daypartCovers(night, 'sat', 6 * 60)).toBe(false);
    expect(daypartCovers(night, 'fri', 5 * 60)).toBe(false);
    expect(daypartCovers({ days: ['mon'], from: '00:00', to: '24:00' }, 'mon', 1439)).toBe(true);
  });

  it('plays a campaign only inside its dates and dayparts, in the hall’s time zone', () => {
    const c = { startsAt: '2026-12-01T00:00:00Z', endsAt: '2026-12-31T00:00:00Z', dayparts: [{ days: ['mon' as const], from: '10:00', to: '10:05' }] };
    expect(campaignLiveAt(c, at('2026-12-07T10:00:00'), SH)).toBe(true);
    expect(campaignLiveAt(c, at('2026-12-07T10:05:00'), SH)).toBe(false);
    expect(campaignLiveAt(c, at('2026-12-07T09:59:59'), SH)).toBe(false);
    // the same instant read in another zone is another hour
    expect(campaignLiveAt(c, at('2026-12-07T10:00:00'), 'UTC')).toBe(false);
    expect(campaignLiveAt({ ...c, dayparts: [] }, Date.parse('2026-12-31T00:00:00Z'), SH)).toBe(false);
    expect(campaignLiveAt({ ...c, dayparts: [] }, Date.parse('2026-11-30T23:59:59Z'), SH)).toBe(false);
  });

  it('plays the highest priority among the live campaigns of a channel, equal ones in a stable order', () => {
    const base = { startsAt: '2026-12-01T00:00:00Z', endsAt: null, dayparts: [], channel: 'main' };
    const cs = [
      { ...base, id: 'b', priority: 1 },
      { ...base, id: 'a', priority: 1 },
      { ...base, id: 'low', priority: 0 },
      { ...base, id: 'other', priority: 9, channel: 'side' },
      { ...base, id: 'later', priority: 9, startsAt: '2027-01-01T00:00:00Z' },
    ];
    expect(playingCampaigns(cs, 'main', at('2026-12-07T10:00:00'), SH).map((c) => c.id)).toEqual(['a', 'b']);
    expect(playingCampaigns(cs, 'side', at('2026-12-07T10:00:00'), SH).map((c) => c.id)).toEqual(['other']);
    expect(playingCampaigns(cs, 'none', at('2026-12-07T10:00:00'), SH)).toEqual([]);
  });

  it('names the next instant the schedule may change', () => {
    const now = Date.parse('2026-12-07T02:00:30Z');
    expect(nextScheduleChange([{ startsAt: '2026-12-07T03:00:00Z', endsAt: null, dayparts: [] }], now)).toBe(Date.parse('2026-12-07T03:00:00Z'));
    expect(nextScheduleChange([{ startsAt: '2026-12-01T00:00:00Z', endsAt: null, dayparts: [{ days: ['mon'], from: '10:00', to: '11:00' }] }], now)).toBe(Date.parse('2026-12-07T02:01:00Z'));
    expect(nextScheduleChange([{ startsAt: '2026-12-01T00:00:00Z', endsAt: '2026-12-02T00:00:00Z', dayparts: [] }], now)).toBeNull();
  });
});

describe('layout problems', () => {
  it('refuses regions outside the grid, overlapping or with the same id', () => {
    const r = (id: string, x: number, y: number, w: number, h: number) => ({ id, kind: 'media' as const, x, y, w, h });
    expect(layoutProblems({ columns: 12, rows: 6, regions: [r('a', 0, 0, 8, 6), r('b', 8, 0, 4, 6)] })).toEqual([]);
    expect(layoutProblems({ columns: 12, rows: 6, regions: [r('a', 0, 0, 8, 6), r('b', 7, 0, 5, 6)] }).map((p) => p.code)).toEqual(['overlap']);
    expect(layoutProblems({ columns: 12, rows: 6, regions: [r('a', 0, 0, 13, 6)] }).map((p) => p.code)).toEqual(['outside_grid']);
    expect(layoutProblems({ columns: 12, rows: 6, regions: [r('a', 0, 0, 1, 1), r('a', 1, 1, 1, 1)] }).map((p) => p.code)).toEqual(['duplicate_id']);
  });
});
