import type { SceneCampaign } from '@hall/shared';
import { describe, expect, it } from 'vitest';
import { initialPlayer, nextItem, stepPlayer, type PlayerContext, type PlayerState, type UnnumberedRecord } from '../src/signage/play-order.js';

const T0 = Date.parse('2026-12-07T02:00:00.000Z'); // Monday 10:00 in Shanghai
const MIN = 60_000;

const campaign = (id: string, items: string[], extra: Partial<SceneCampaign> = {}): SceneCampaign => ({
  id,
  name: id,
  priority: 0,
  interrupt: false,
  channel: 'main',
  startsAt: '2026-12-01T00:00:00.000Z',
  endsAt: null,
  dayparts: [],
  items: items.map((m) => ({ mediaId: m, kind: 'image', url: `/api/media/${m}/file`, page: null, ms: 10_000 })),
  ...extra,
});
const ctx = (campaigns: SceneCampaign[]): PlayerContext => ({ campaigns, channel: 'main', timeZone: 'Asia/Shanghai', regionId: 'm1' });

/** Runs a player through its events; what it showed, in order, and what it reported. */
function run(c: PlayerContext, events: Parameters<typeof stepPlayer>[2][]): { shown: string[]; records: UnnumberedRecord[]; state: PlayerState } {
  let state = initialPlayer;
  const shown: string[] = [];
  const records: UnnumberedRecord[] = [];
  for (const e of events) {
    const before = state.current;
    const r = stepPlayer(state, c, e);
    state = r.state;
    records.push(...r.records);
    if (state.current && state.current !== before) shown.push(state.current.item.mediaId);
  }
  return { shown, records, state };
}
const ends = (n: number, from = T0) => Array.from({ length: n }, (_, i) => ({ type: 'ended' as const, at: from + (i + 1) * 10_000, shown: true }));

describe('a media region plays its channel’s campaigns in turn', () => {
  it('equal-priority campaigns take turns item by item, each keeping its own place in its list', () => {
    const c = ctx([campaign('b', ['b1', 'b2', 'b3']), campaign('a', ['a1', 'a2'])]);
    const { shown } = run(c, [{ type: 'schedule', at: T0 }, ...ends(7)]);
    expect(shown).toEqual(['a1', 'b1', 'a2', 'b2', 'a1', 'b3', 'a2', 'b1']);
  });

  it('only the highest priority live plays; other channels and campaigns not yet started play nothing here', () => {
    const c = ctx([
      campaign('low', ['l1']),
      campaign('high', ['h1', 'h2'], { priority: 5 }),
      campaign('side', ['s1'], { priority: 9, channel: 'side' }),
      campaign('later', ['x1'], { priority: 9, startsAt: '2026-12-07T03:00:00.000Z' }),
    ]);
    expect(run(c, [{ type: 'schedule', at: T0 }, ...ends(3)]).shown).toEqual(['h1', 'h2', 'h1', 'h2']);
  });

  it('each item shown becomes a record from its start to its end, in the region it played in', () => {
    const { records } = run(ctx([campaign('a', ['a1', 'a2'])]), [{ type: 'schedule', at: T0 }, ...ends(2)]);
    expect(records).toEqual([
      { campaignId: 'a', mediaId: 'a1', page: null, regionId: 'm1', startedAt: new Date(T0).toISOString(), endedAt: new Date(T0 + 10_000).toISOString(), complete: true },
      { campaignId: 'a', mediaId: 'a2', page: null, regionId: 'm1', startedAt: new Date(T0 + 10_000).toISOString(), endedAt: new Date(T0 + 20_000).toISOString(), complete: true },
    ]);
  });

  it('an item that never loaded is not reported as shown, and the next one plays', () => {
    const r = run(ctx([campaign('a', ['a1', 'a2'])]), [{ type: 'schedule', at: T0 }, { type: 'ended', at: T0 + 10_000, shown: false }]);
    expect(r.records).toEqual([]);
    expect(r.state.current?.item.mediaId).toBe('a2');
  });

  it('nextItem: the turn goes to the campaign after the last one by id, even when the set of campaigns changed', () => {
    const n = nextItem([campaign('a', ['a1']), campaign('c', ['c1'])], { last: 'b', next: {} });
    expect(n?.item.mediaId).toBe('c1');
    expect(nextItem([], { last: null, next: {} })).toBeNull();
  });
});

describe('interrupts, schedule changes and emergencies', () => {
  const base = campaign('base', ['b1', 'b2']);
  const notice = campaign('notice', ['n1'], { priority: 5, interrupt: true, startsAt: new Date(T0 + 3_000).toISOString(), endsAt: new Date(T0 + 5 * MIN).toISOString() });
  const polite = campaign('polite', ['p1'], { priority: 5, startsAt: new Date(T0 + 3_000).toISOString() });

  it('an interrupting campaign that goes live cuts the item playing (reported cut short) and plays at once', () => {
    const r = run(ctx([base, notice]), [{ type: 'schedule', at: T0 }, { type: 'schedule', at: T0 + 3_000 }]);
    expect(r.state.current?.item.mediaId).toBe('n1');
    expect(r.records).toEqual([expect.objectContaining({ mediaId: 'b1', complete: false, endedAt: new Date(T0 + 3_000).toISOString() })]);
  });

  it('a higher-priority campaign that does not interrupt waits for the item playing to end', () => {
    const r = run(ctx([base, polite]), [{ type: 'schedule', at: T0 }, { type: 'schedule', at: T0 + 3_000 }]);
    expect(r.state.current?.item.mediaId).toBe('b1');
    expect(r.records).toEqual([]);
    const after = stepPlayer(r.state, ctx([base, polite]), { type: 'ended', at: T0 + 10_000, shown: true });
    expect(after.state.current?.item.mediaId).toBe('p1');
    expect(after.records).toEqual([expect.objectContaining({ mediaId: 'b1', complete: true })]);
  });

  it('an interrupting campaign already live does not cut again at the next look at the schedule', () => {
    const r = run(ctx([base, notice]), [{ type: 'schedule', at: T0 }, { type: 'schedule', at: T0 + 3_000 }, { type: 'ended', at: T0 + 13_000, shown: true }, { type: 'schedule', at: T0 + MIN }]);
    expect(r.shown).toEqual(['b1', 'n1', 'n1']);
    expect(r.records.filter((x) => !x.complete).map((x) => x.mediaId)).toEqual(['b1']);
  });

  it('when the schedule ends a campaign, the region goes back to what plays then', () => {
    const r = run(ctx([base, notice]), [{ type: 'schedule', at: T0 + 3_000 }, { type: 'ended', at: T0 + 5 * MIN + 1, shown: true }]);
    expect(r.shown).toEqual(['n1', 'b1']);
  });

  it('an emergency stops playback (the item cut short) and nothing plays until it is cleared', () => {
    const c = ctx([base]);
    const r = run(c, [{ type: 'schedule', at: T0 }, { type: 'stop', at: T0 + 4_000 }, { type: 'ended', at: T0 + 10_000, shown: true }, { type: 'schedule', at: T0 + MIN }]);
    expect(r.state.current).toBeNull();
    expect(r.records).toEqual([expect.objectContaining({ mediaId: 'b1', complete: false, endedAt: new Date(T0 + 4_000).toISOString() })]);
    const resumed = stepPlayer(r.state, c, { type: 'resume', at: T0 + 2 * MIN });
    expect(resumed.state.current?.item.mediaId).toBe('b2');
  });

  it('nothing live: the region is empty, and starts when a campaign goes live', () => {
    const later = campaign('later', ['x1'], { startsAt: new Date(T0 + MIN).toISOString() });
    const r = run(ctx([later]), [{ type: 'schedule', at: T0 }]);
    expect(r.state.current).toBeNull();
    expect(stepPlayer(r.state, ctx([later]), { type: 'schedule', at: T0 + MIN }).state.current?.item.mediaId).toBe('x1');
  });
});
