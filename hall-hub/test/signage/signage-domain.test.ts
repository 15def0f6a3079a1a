import type { Campaign, DisplaySettings, MediaAsset, SignageTargets, Surface } from '@hall/shared';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { patchSettings, type KnownNames } from '../../src/domain/displays/settings-rules.js';
import { campaignProblem, type SignageNames } from '../../src/domain/signage/campaign-rules.js';
import { DEFAULT_LAYOUTS } from '../../src/domain/signage/default-layouts.js';
import { proofOfPlayCsv } from '../../src/domain/signage/play-csv.js';
import { playReportProblem } from '../../src/domain/signage/play-report.js';
import { resolveItem, resolveSignage } from '../../src/domain/signage/scene-signage.js';
import { invalidLayout } from '../../src/domain/signage/signage-refusals.js';
import { campaignReaches, signageZone } from '../../src/domain/signage/targeting.js';
import type { MediaCatalog } from '../../src/ports/media-catalog.js';

const asset = (id: string, over: Partial<MediaAsset> = {}): MediaAsset => ({
  id, name: `素材${id}`, kind: 'image', mime: 'image/webp', bytes: 1000, width: 1920, height: 1080, durationMs: null,
  url: `/media/${id}.webp`, pageUrls: [], sha256: 'x', createdAt: '2026-11-01T00:00:00.000Z', createdBy: 'boss', ...over,
});
/** An in-memory media library: the unit tests' stand-in for the hub's (the integration tests use the real one). */
const library = (...assets: MediaAsset[]): MediaCatalog => ({ asset: (id) => assets.find((a) => a.id === id) ?? null });

const display = (id: string, surface: Surface, over: Partial<DisplaySettings> = {}): DisplaySettings => ({
  id, name: id, surface, layout: '1920x1080', zone: null, windowNo: null, groups: [surface], voice: false, strip: null, ...over,
});
const campaign = (id: string, over: Partial<Campaign> = {}): Campaign => ({
  id, name: `活动${id}`, createdBy: 'boss', updatedAt: '2026-11-01T00:00:00.000Z', enabled: true, priority: 0, interrupt: false,
  items: [{ mediaId: 'img', seconds: null }], startsAt: '2026-11-01T00:00:00.000Z', endsAt: null, dayparts: [],
  targets: { all: true, displays: [], groups: [], zones: [] }, ...over,
});
const ZONE_OF_WINDOW: Record<string, string> = { '1': 'general', '2': 'general', '4': 'tax' };
const zoneOfWindow = (no: string) => ZONE_OF_WINDOW[no] ?? null;
const NOV_23 = Date.parse('2026-11-23T01:00:00.000Z');

describe('a campaign item as a screen plays it', () => {
  it('a PDF becomes one entry per page, 10 s each unless the item says; a video lasts its length; an image 10 s or its seconds', () => {
    const pdf = asset('p', { kind: 'pdf', url: '/m/p-1.webp', pageUrls: ['/m/p-1.webp', '/m/p-2.webp', '/m/p-3.webp'] });
    expect(resolveItem({ mediaId: 'p', seconds: null }, pdf)).toEqual([
      { mediaId: 'p', kind: 'pdf', url: '/m/p-1.webp', page: 1, ms: 10_000 },
      { mediaId: 'p', kind: 'pdf', url: '/m/p-2.webp', page: 2, ms: 10_000 },
      { mediaId: 'p', kind: 'pdf', url: '/m/p-3.webp', page: 3, ms: 10_000 },
    ]);
    expect(resolveItem({ mediaId: 'p', seconds: 4 }, pdf).map((i) => i.ms)).toEqual([4000, 4000, 4000]);
    expect(resolveItem({ mediaId: 'v', seconds: null }, asset('v', { kind: 'video', durationMs: 31_500 }))).toEqual([{ mediaId: 'v', kind: 'video', url: '/media/v.webp', page: null, ms: 31_500 }]);
    expect(resolveItem({ mediaId: 'i', seconds: null }, asset('i'))[0]!.ms).toBe(10_000);
    expect(resolveItem({ mediaId: 'w', seconds: 30 }, asset('w', { kind: 'widget' }))[0]).toMatchObject({ kind: 'widget', ms: 30_000 });
    expect(resolveItem({ mediaId: 'gone', seconds: null }, null)).toEqual([]);
  });
});

describe('the signage part of a scene', () => {
  const media = library(asset('img'), asset('vid', { kind: 'video', durationMs: 20_000 }));
  const inputs = (campaigns: Campaign[]) => ({ layouts: new Map([[DEFAULT_LAYOUTS[0]!.id, { id: DEFAULT_LAYOUTS[0]!.id, updatedAt: '2026-11-01T00:00:00.000Z', ...DEFAULT_LAYOUTS[0]!.body }]]), campaigns, asset: media.asset, zoneOfWindow });

  it('lists enabled campaigns that reach the display and have not ended — whole schedules, highest priority first', () => {
    const wall = display('wall-1', 'hall-wall', { layoutId: 'default-1920x1080' });
    const later = campaign('later', { startsAt: '2026-12-01T00:00:00.000Z', dayparts: [{ days: ['mon'], from: '10:00', to: '10:05' }], priority: 5, channel: 'side' });
    const s = resolveSignage(wall, NOV_23, inputs([
      campaign('a'),
      later,
      campaign('off', { enabled: false }),
      campaign('ended', { endsAt: '2026-11-20T00:00:00.000Z' }),
      campaign('other', { targets: { all: false, displays: ['wall-2'], groups: [], zones: [] } }),
      campaign('nothing-left', { items: [{ mediaId: 'deleted', seconds: null }] }),
    ]))!;
    expect(s.layout?.id).toBe('default-1920x1080');
    expect(s.campaigns.map((c) => c.id)).toEqual(['later', 'a']);
    // A campaign not yet live is sent with its schedule, so the screen starts it on time without the hub.
    expect(s.campaigns[0]).toMatchObject({ startsAt: '2026-12-01T00:00:00.000Z', dayparts: later.dayparts, channel: 'side', priority: 5 });
    expect(s.campaigns[1]).toMatchObject({ channel: 'main', items: [{ mediaId: 'img', kind: 'image', ms: 10_000 }] });
  });

  it('a display without a layout gets null (its built-in arrangement); a strip gets no signage at all', () => {
    expect(resolveSignage(display('wall-2', 'hall-wall'), NOV_23, inputs([campaign('a')]))?.layout).toBeNull();
    expect(resolveSignage(display('led-1', 'led-strip', { windowNo: '1' }), NOV_23, inputs([campaign('a')]))).toBeUndefined();
  });
});

describe('campaign targeting', () => {
  it('a zone reaches its zone wall and the window screens and strips of its windows, never hall walls', () => {
    const zoneT: SignageTargets = { all: false, displays: [], groups: [], zones: ['tax'] };
    expect(campaignReaches(zoneT, display('zw', 'zone-wall', { zone: 'tax' }), zoneOfWindow)).toBe(true);
    expect(campaignReaches(zoneT, display('zw2', 'zone-wall', { zone: 'general' }), zoneOfWindow)).toBe(false);
    expect(campaignReaches(zoneT, display('s4', 'window-screen', { windowNo: '4' }), zoneOfWindow)).toBe(true);
    expect(campaignReaches(zoneT, display('s1', 'window-screen', { windowNo: '1' }), zoneOfWindow)).toBe(false);
    expect(campaignReaches(zoneT, display('hw', 'hall-wall', { zone: 'tax' }), zoneOfWindow)).toBe(false);
  });

  it('property: a display is reached exactly when the targets say all, name it, name one of its groups, or name its zone', () => {
    const ids = ['d1', 'd2', 'd3'];
    const groups = ['g1', 'g2', 'hall-wall', 'window-screen', 'zone-wall'];
    const zones = ['general', 'tax', 'empty'];
    const targetsArb = fc.record({ all: fc.boolean(), displays: fc.subarray(ids), groups: fc.subarray(groups), zones: fc.subarray(zones) });
    const displayArb = fc.record({
      id: fc.constantFrom(...ids),
      surface: fc.constantFrom<Surface>('hall-wall', 'zone-wall', 'window-screen', 'led-strip', 'case-board'),
      extra: fc.subarray(['g1', 'g2']),
      zone: fc.constantFrom(null, 'general', 'tax'),
      windowNo: fc.constantFrom(null, '1', '2', '4', '9'),
    });
    fc.assert(
      fc.property(targetsArb, displayArb, (t, d) => {
        const settings = display(d.id, d.surface, { groups: [d.surface, ...d.extra], zone: d.zone, windowNo: d.windowNo });
        // Written apart from the product's rule: where the display stands in the hall, spelled out per surface.
        const zone = d.surface === 'zone-wall' ? d.zone : d.surface === 'window-screen' || d.surface === 'led-strip' ? (d.windowNo === null ? null : (ZONE_OF_WINDOW[d.windowNo] ?? null)) : null;
        const expected = t.all || t.displays.includes(d.id) || settings.groups.some((g) => t.groups.includes(g)) || (zone !== null && t.zones.includes(zone));
        expect(signageZone(settings, zoneOfWindow)).toBe(zone);
        expect(campaignReaches(t, settings, zoneOfWindow)).toBe(expected);
      }),
      { numRuns: 500, seed: 20 },
    );
  });
});

describe('signage rules', () => {
  const names: SignageNames = { display: (id) => id === 'wall-1', group: (g) => g === 'lobby', zone: (z) => z === 'general', media: (id) => id === 'img' };
  const body = (over: Partial<Campaign> = {}) => {
    const { id: _id, createdBy: _b, updatedAt: _u, ...rest } = campaign('x', over);
    return rest;
  };
  it('refuses a campaign that ends before it starts, plays media not in the library, or targets nobody or the unknown', () => {
    expect(campaignProblem(body(), names)).toBeNull();
    expect(campaignProblem(body({ endsAt: '2026-10-01T00:00:00.000Z' }), names)?.zh).toBe('结束时间必须晚于开始时间。');
    expect(campaignProblem(body({ items: [{ mediaId: 'img', seconds: null }, { mediaId: 'nope', seconds: 5 }] }), names)).toMatchObject({ code: 'unknown_media', details: { mediaIds: ['nope'] } });
    const t = (over: Partial<SignageTargets>) => body({ targets: { all: false, displays: [], groups: [], zones: [], ...over } });
    expect(campaignProblem(t({}), names)?.code).toBe('invalid_campaign');
    expect(campaignProblem(t({ displays: ['wall-9'] }), names)?.zh).toBe('没有这个显示屏：wall-9');
    expect(campaignProblem(t({ groups: ['attic'] }), names)?.zh).toBe('没有这个显示屏分组：attic');
    expect(campaignProblem(t({ zones: ['moon'] }), names)?.zh).toBe('没有这个区域：moon');
    expect(campaignProblem(t({ zones: ['general'] }), names)).toBeNull();
  });

  it('the built-in layouts are all usable; a broken one is refused with every problem the contract names', () => {
    for (const d of DEFAULT_LAYOUTS) expect(invalidLayout(d.body), d.id).toBeNull();
    const bad = invalidLayout({ columns: 4, rows: 4, regions: [{ id: 'a', kind: 'media', x: 0, y: 0, w: 3, h: 3 }, { id: 'a', kind: 'ticker', x: 2, y: 2, w: 3, h: 1 }] });
    expect(bad?.code).toBe('invalid_layout');
    expect(bad?.zh).toBe('布局有误：区域编号 a 重复；区域 a 超出 4×4 网格；区域 a 与 a 重叠');
  });

  it('a display takes only a layout that exists, is for its size, and is not a strip; its size cannot move away from its layout', () => {
    const known: KnownNames = { display: () => true, group: () => true, zone: () => true, window: () => true, layoutSize: (id) => ({ big: '1920x1080', tall: '1080x1920' })[id] ?? null };
    const wall = display('wall-1', 'hall-wall');
    const ok = patchSettings(wall, { layoutId: 'big' }, known);
    expect(ok).toMatchObject({ ok: true, settings: { layoutId: 'big' } });
    expect(patchSettings(wall, { layoutId: 'none' }, known)).toMatchObject({ ok: false, refusal: { code: 'unknown_layout' } });
    expect(patchSettings(wall, { layoutId: 'tall' }, known)).toMatchObject({ ok: false, refusal: { code: 'layout_size_mismatch', zh: '布局尺寸 1080x1920 与显示屏尺寸 1920x1080 不一致。' } });
    expect(patchSettings(wall, { layoutId: 'tall', layout: '1080x1920' }, known)).toMatchObject({ ok: true, settings: { layoutId: 'tall', layout: '1080x1920' } });
    if (!ok.ok) throw new Error('unreachable');
    expect(patchSettings(ok.settings, { layout: '3840x1080' }, known)).toMatchObject({ ok: false, refusal: { code: 'layout_size_mismatch' } });
    expect(patchSettings(ok.settings, { layout: '3840x1080', layoutId: null }, known)).toMatchObject({ ok: true, settings: { layoutId: null } });
    expect(patchSettings(display('led-1', 'led-strip'), { layoutId: 'big' }, known)).toMatchObject({ ok: false, refusal: { zh: 'LED 条屏不使用布局。' } });
  });

  it('a play batch whose record ends before it starts, or names a seq twice, is refused whole', () => {
    const rec = (seq: number, startedAt: string, endedAt: string) => ({ seq, campaignId: 'a', mediaId: 'img', page: null, regionId: 'media', startedAt, endedAt, complete: true });
    expect(playReportProblem([rec(1, '2026-11-23T01:00:00Z', '2026-11-23T01:00:10Z')])).toBeNull();
    expect(playReportProblem([rec(1, '2026-11-23T01:00:10Z', '2026-11-23T01:00:00Z')])?.code).toBe('invalid_play_report');
    expect(playReportProblem([rec(1, '2026-11-23T01:00:00Z', '2026-11-23T01:00:10Z'), rec(1, '2026-11-23T01:00:10Z', '2026-11-23T01:00:20Z')])?.en).toBe('Play record seq 1 appears twice.');
  });

  it('proof-of-play CSV: a byte-order mark, the hall’s clock in the times, spreadsheet formulas defused', () => {
    const csv = proofOfPlayCsv(
      [{ displayId: 'wall-1', displayName: '大厅,主屏', campaignId: 'c1', campaignName: '=HYPERLINK()', mediaId: 'img', mediaName: '办事指南', page: 2, regionId: 'media', startedAt: '2026-11-23T01:00:00.000Z', endedAt: '2026-11-23T01:00:12.500Z', complete: false, receivedAt: '2026-11-23T01:05:00.000Z' }],
      'Asia/Shanghai',
    );
    expect(csv.startsWith('\uFEFF屏幕编号 Display id,')).toBe(true);
    expect(csv.split('\r\n')[1]).toBe(`wall-1,"大厅,主屏",c1,'=HYPERLINK(),img,办事指南,2,media,2026-11-23 09:00:00,2026-11-23 09:00:12,12.5,否 no,2026-11-23 09:05:00`);
  });
});
