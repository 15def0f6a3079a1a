import type { Campaign, DisplaySettings, MediaAsset } from '@hall/shared';
import { describe, expect, it } from 'vitest';
import { sceneCampaign, targetsDisplay, whatPlays } from '../src/signage/targeting.js';

const SH = 'Asia/Shanghai';
const screen = (over: Partial<DisplaySettings> = {}): DisplaySettings => ({
  id: 'wall-1', name: '一楼大屏', surface: 'hall-wall', layout: '1920x1080', zone: null, windowNo: null, groups: ['lobby'], voice: false, strip: null, ...over,
});
const campaign = (id: string, over: Partial<Campaign> = {}): Campaign => ({
  id, name: id, createdBy: 'boss', updatedAt: '2026-12-01T00:00:00Z', enabled: true, priority: 0, interrupt: false,
  items: [{ mediaId: 'm1', seconds: null }], startsAt: '2026-12-01T00:00:00Z', endsAt: null, dayparts: [],
  targets: { all: false, displays: [], groups: [], zones: [] }, ...over,
});
const zoneOf = (s: DisplaySettings) => s.zone ?? (s.windowNo === '3' ? 'B' : null);

describe('which campaigns reach a screen and play there', () => {
  it('reaches by all, by the screen itself, by its group and by its (window’s) zone', () => {
    const to = (t: Partial<Campaign['targets']>) => campaign('c', { targets: { all: false, displays: [], groups: [], zones: [], ...t } });
    expect(targetsDisplay(to({ all: true }), screen(), zoneOf)).toBe(true);
    expect(targetsDisplay(to({ displays: ['wall-1'] }), screen(), zoneOf)).toBe(true);
    expect(targetsDisplay(to({ groups: ['lobby'] }), screen(), zoneOf)).toBe(true);
    expect(targetsDisplay(to({ groups: ['upstairs'] }), screen(), zoneOf)).toBe(false);
    expect(targetsDisplay(to({ zones: ['B'] }), screen({ surface: 'window-screen', windowNo: '3' }), zoneOf)).toBe(true);
    expect(targetsDisplay(to({ zones: ['B'] }), screen(), zoneOf)).toBe(false);
  });

  it('at 10:02 hall time the 10:00–10:05 daypart campaign of the group wins over the all-day one below it', () => {
    const cs = [
      campaign('always', { targets: { all: true, displays: [], groups: [], zones: [] } }),
      campaign('morning', { priority: 5, dayparts: [{ days: ['mon'], from: '10:00', to: '10:05' }], targets: { all: false, displays: [], groups: ['lobby'], zones: [] } }),
      campaign('off', { enabled: false, priority: 9, targets: { all: true, displays: [], groups: [], zones: [] } }),
      campaign('side', { channel: 'side', targets: { all: true, displays: [], groups: [], zones: [] } }),
    ];
    const at = (hhmm: string) => Date.parse(`2026-12-07T${hhmm}:00+08:00`); // a Monday
    const names = (r: ReturnType<typeof whatPlays>) => r.map((c) => `${c.channel}:${c.playing.map((p) => p.id).join(',')}`);
    expect(names(whatPlays(cs, screen(), zoneOf, at('10:02'), SH))).toEqual(['main:morning', 'side:side']);
    expect(names(whatPlays(cs, screen(), zoneOf, at('10:05'), SH))).toEqual(['main:always', 'side:side']);
    expect(names(whatPlays(cs, screen({ groups: [] }), zoneOf, at('10:02'), SH))).toEqual(['main:always', 'side:side']);
  });

  it('resolves items against the library for the preview: a video its length, a PDF a page each', () => {
    const asset = (id: string, kind: MediaAsset['kind'], over: Partial<MediaAsset> = {}): MediaAsset => ({
      id, name: id, kind, mime: 'image/webp', bytes: 1, width: null, height: null, durationMs: null, url: `/api/media/${id}/file`, pageUrls: [], sha256: '', createdAt: '', createdBy: 'boss', ...over,
    });
    const lib = [asset('v', 'video', { durationMs: 12_500 }), asset('p', 'pdf', { pageUrls: ['/p1', '/p2'] }), asset('i', 'image')];
    const c = campaign('c', { items: [{ mediaId: 'v', seconds: null }, { mediaId: 'p', seconds: null }, { mediaId: 'i', seconds: 4 }, { mediaId: 'gone', seconds: null }] });
    expect(sceneCampaign(c, lib).items).toEqual([
      { mediaId: 'v', kind: 'video', url: '/api/media/v/file', page: null, ms: 12_500 },
      { mediaId: 'p', kind: 'pdf', url: '/p1', page: 1, ms: 10_000 },
      { mediaId: 'p', kind: 'pdf', url: '/p2', page: 2, ms: 10_000 },
      { mediaId: 'i', kind: 'image', url: '/api/media/i/file', page: null, ms: 4_000 },
    ]);
  });
});
