import { describe, expect, it } from 'vitest';
import { campaignBody, draftOf, emptyDraft, moveItem, newDaypart, setClock, toggleDay, type CampaignDraft } from '../src/signage/campaign-draft.js';
import { hallLocalToIso, isoToHallLocal, periodOf } from '../src/signage/hall-time.js';

const SH = 'Asia/Shanghai';
const draft = (over: Partial<CampaignDraft> = {}): CampaignDraft => ({
  ...emptyDraft('2026-12-07T10:00'),
  name: ' 冬季办税提示 ',
  items: [
    { mediaId: 'm1', seconds: '15' },
    { mediaId: 'm2', seconds: '' },
  ],
  ...over,
});

describe('hall time in the campaign form', () => {
  it('reads a datetime field on the hall’s clock, not this PC’s', () => {
    expect(hallLocalToIso('2026-12-07T10:00', SH)).toBe('2026-12-07T02:00:00.000Z');
    expect(isoToHallLocal('2026-12-07T02:00:00.000Z', SH)).toBe('2026-12-07T10:00');
    // Across a DST change (a hall abroad, or a test in another zone): summer and winter both right.
    expect(hallLocalToIso('2026-07-01T10:00', 'Europe/Berlin')).toBe('2026-07-01T08:00:00.000Z');
    expect(hallLocalToIso('2026-12-01T10:00', 'Europe/Berlin')).toBe('2026-12-01T09:00:00.000Z');
    expect(hallLocalToIso('2026-12-07', SH)).toBeNull();
  });

  it('turns hall days into the report’s period: first midnight to the midnight after the last day', () => {
    expect(periodOf('2026-11-17', '2026-11-23', SH)).toEqual({ from: '2026-11-16T16:00:00.000Z', to: '2026-11-23T16:00:00.000Z' });
    // The last Sunday of October is 25 hours long in Berlin: the period still ends at the next midnight.
    expect(periodOf('2026-10-25', '2026-10-25', 'Europe/Berlin')).toEqual({ from: '2026-10-24T22:00:00.000Z', to: '2026-10-25T23:00:00.000Z' });
    expect(periodOf('2026-11-23', '2026-11-17', SH)).toBeNull();
    expect(periodOf('', '2026-11-17', SH)).toBeNull();
  });
});

describe('the campaign body built from the form', () => {
  it('trims, converts times and seconds (blank: the item’s own length), all screens by default', () => {
    const r = campaignBody(draft({ endsAt: '2026-12-07T10:05', dayparts: [newDaypart()] }), SH);
    expect(r).toEqual({
      ok: true,
      body: {
        name: '冬季办税提示',
        enabled: true,
        priority: 0,
        interrupt: false,
        items: [
          { mediaId: 'm1', seconds: 15 },
          { mediaId: 'm2', seconds: null },
        ],
        startsAt: '2026-12-07T02:00:00.000Z',
        endsAt: '2026-12-07T02:05:00.000Z',
        dayparts: [{ days: ['mon', 'tue', 'wed', 'thu', 'fri'], from: '09:00', to: '17:00' }],
        targets: { all: true, displays: [], groups: [], zones: [] },
      },
    });
  });

  it('names every reason it cannot be sent', () => {
    const r = campaignBody(
      draft({
        name: '  ',
        items: [{ mediaId: 'm1', seconds: '1' }],
        endsAt: '2026-12-07T09:00',
        dayparts: [{ days: [], from: '09:00', to: '10:00' }],
        targets: { all: false, displays: [], groups: [], zones: [] },
      }),
      SH,
    );
    expect(r).toEqual({ ok: false, problems: ['needName', 'badSeconds', 'endBeforeStart', 'daypartNoDays', 'needTargets'] });
    expect(campaignBody(draft({ items: [], startsAt: '' }), SH)).toEqual({ ok: false, problems: ['needItems', 'badStart'] });
  });

  it('targets groups, zones and single screens; a channel other than main is kept', () => {
    const r = campaignBody(draft({ channel: 'side', priority: 12, targets: { all: false, displays: ['wall-1'], groups: ['lobby'], zones: ['A'] } }), SH);
    expect(r.ok && r.body).toMatchObject({ channel: 'side', priority: 9, targets: { all: false, displays: ['wall-1'], groups: ['lobby'], zones: ['A'] } });
    // "All" drops the lists it hides.
    const all = campaignBody(draft({ targets: { all: true, displays: ['wall-1'], groups: [], zones: [] } }), SH);
    expect(all.ok && all.body.targets).toEqual({ all: true, displays: [], groups: [], zones: [] });
  });

  it('round-trips a stored campaign through the form', () => {
    const r = campaignBody(draft({ endsAt: '2026-12-31T18:00' }), SH);
    if (!r.ok) throw new Error('expected a body');
    expect(campaignBody(draftOf(r.body, SH), SH)).toEqual(r);
  });
});

describe('playlist order and dayparts', () => {
  it('moves an item up or down the playlist, clamped at the ends', () => {
    expect(moveItem(['a', 'b', 'c'], 2, 0)).toEqual(['c', 'a', 'b']);
    expect(moveItem(['a', 'b', 'c'], 0, 1)).toEqual(['b', 'a', 'c']);
    expect(moveItem(['a', 'b', 'c'], 0, 9)).toEqual(['b', 'c', 'a']);
    expect(moveItem(['a', 'b', 'c'], 5, 0)).toEqual(['a', 'b', 'c']);
  });

  it('toggles weekdays keeping the week’s order, and reads a cleared end as midnight', () => {
    const p = toggleDay(toggleDay(newDaypart(), 'sun'), 'mon');
    expect(p.days).toEqual(['tue', 'wed', 'thu', 'fri', 'sun']);
    expect(toggleDay({ ...p, days: ['sat'] }, 'sat').days).toEqual([]);
    expect(setClock(p, 'to', '00:00').to).toBe('24:00');
    expect(setClock(p, 'from', '').from).toBe('00:00');
    expect(setClock(p, 'from', '08:30').from).toBe('08:30');
  });
});
