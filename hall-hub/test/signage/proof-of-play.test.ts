import type { Campaign, PlayAck, PlayRecord, ProofOfPlayRow, ProofOfPlaySummary } from '@hall/shared';
import { afterEach, describe, expect, it } from 'vitest';
import { fakeClock } from '@hall/testkit/engine-fixture';
import { MONDAY_0900, smallHall } from '@hall/testkit/hall-fixture';
import { testHub, type TestHub } from '@hall/testkit/hub-fixture';
import { connectScreen, sceneWhere, uploadImage, type Screen } from './signage-screens.js';

let hub: TestHub;
const closers: Array<() => unknown> = [];
afterEach(async () => {
  for (const c of closers.splice(0)) await c();
  await hub?.close();
});

const at = (s: number) => new Date(MONDAY_0900 + 3_600_000 + s * 1000).toISOString(); // 10:00 in the hall, plus s seconds
const rec = (seq: number, campaignId: string | null, mediaId: string, from: number, to: number, over: Partial<PlayRecord> = {}): PlayRecord => ({
  seq, campaignId, mediaId, page: null, regionId: 'media', startedAt: at(from), endedAt: at(to), complete: true, ...over,
});
const send = (s: Screen, report: unknown) => s.socket.emitWithAck('proof-of-play', report) as Promise<PlayAck>;

async function setUp(): Promise<{ wall: Screen; other: Screen; img: string; campaign: Campaign }> {
  hub = await testHub(smallHall(), fakeClock(MONDAY_0900), { listen: true });
  const wall = connectScreen(hub, 'wall-1', closers);
  const other = connectScreen(hub, 'wall-2', closers);
  await sceneWhere(wall, () => true, 'wall-1 connected');
  await sceneWhere(other, () => true, 'wall-2 connected');
  const img = await uploadImage(hub, '办事指南海报');
  const r = await hub.app.inject({
    method: 'POST', url: '/api/signage/campaigns', headers: hub.as('boss'),
    payload: { name: '十点宣传', items: [{ mediaId: img, seconds: 10 }], startsAt: at(0), endsAt: at(300), dayparts: [], targets: { all: true } },
  });
  return { wall, other, img, campaign: r.json() as Campaign };
}
const rows = async (query = '') =>
  (await hub.app.inject({ url: `/api/signage/proof-of-play?from=${encodeURIComponent(at(-3600))}&to=${encodeURIComponent(at(3600))}${query}`, headers: hub.as('audit') })).json() as ProofOfPlayRow[];

describe('proof of play (real socket.io screens, real SQLite)', () => {
  it('a batch resent after an outage is stored once; the answer is the highest seq stored; screens count seqs apart', async () => {
    const { wall, other, img, campaign } = await setUp();
    const batch = [rec(1, campaign.id, img, 0, 10), rec(2, campaign.id, img, 10, 20), rec(3, null, img, 20, 25, { complete: false })];
    expect(await send(wall, { records: batch })).toEqual({ ok: true, seq: 3, stored: 3 });
    // The ack was lost: a minute later the screen sends everything again, with what it played since.
    hub.clock.advance(60_000);
    expect(await send(wall, { records: [...batch, rec(4, campaign.id, img, 25, 35)] })).toEqual({ ok: true, seq: 4, stored: 1 });
    expect(await send(wall, { records: [batch[0]!] })).toEqual({ ok: true, seq: 4, stored: 0 });
    expect(await send(other, { records: [rec(1, campaign.id, img, 5, 15)] })).toEqual({ ok: true, seq: 1, stored: 1 });

    const all = await rows();
    expect(all.map((r) => `${r.displayId}#${r.startedAt}`)).toEqual([at(0), at(5), at(10), at(20), at(25)].map((t, i) => `${i === 1 ? 'wall-2' : 'wall-1'}#${t}`));
    expect(all[0]).toEqual({
      displayId: 'wall-1', displayName: 'wall-1', campaignId: campaign.id, campaignName: '十点宣传', mediaId: img, mediaName: '办事指南海报.png',
      page: null, regionId: 'media', startedAt: at(0), endedAt: at(10), complete: true, receivedAt: new Date(MONDAY_0900).toISOString(),
    });
    expect(all[3]).toMatchObject({ campaignId: null, campaignName: null, complete: false });
    expect((await rows('&display=wall-2')).map((r) => r.displayId)).toEqual(['wall-2']);
    expect(await rows(`&campaign=${campaign.id}`)).toHaveLength(4);
    expect(hub.app.rejections.get('socket_unknown_event')).toBeUndefined();
  }, 90_000);

  it('a bad batch is refused whole, counted, and nothing of it is stored', async () => {
    const { wall, img, campaign } = await setUp();
    const good = rec(1, campaign.id, img, 0, 10);
    const bad: unknown[] = [
      { records: [] },
      { records: [{ ...good, seq: 0 }] },
      { records: [{ ...good, extra: 1 }] },
      { records: [good, { ...rec(2, campaign.id, img, 10, 20), startedAt: 'yesterday' }] },
      { records: [good, rec(2, campaign.id, img, 20, 10)] },
      { records: [good, rec(1, campaign.id, img, 10, 20)] },
      'not a report',
    ];
    for (const b of bad) expect(await send(wall, b), JSON.stringify(b)).toMatchObject({ ok: false, error: { code: expect.any(String), message: expect.any(String) } });
    expect((await send(wall, { records: [good, rec(2, campaign.id, img, 20, 10)] })) as unknown).toEqual({
      ok: false, error: { code: 'invalid_play_report', message: '播放记录 2 的结束时间早于开始时间。', messageEn: 'Play record 2 ends before it starts.' },
    });
    expect(hub.app.rejections.get('socket_bad_play_report')).toBe(bad.length + 1);
    expect(await rows()).toEqual([]);
    // The screen is still welcome: a good batch is stored.
    expect(await send(wall, { records: [good] })).toEqual({ ok: true, seq: 1, stored: 1 });
  }, 90_000);

  it('reports per campaign and per screen, and the CSV, match what the screens sent; old records go after the retention period', async () => {
    const { wall, other, img, campaign } = await setUp();
    await send(wall, { records: [rec(1, campaign.id, img, 0, 10), rec(2, campaign.id, img, 10, 20), rec(3, null, img, 20, 24, { complete: false })] });
    await send(other, { records: [rec(7, campaign.id, img, 0, 10, { page: 2, regionId: 'side' })] });
    const period = `from=${encodeURIComponent(at(-60))}&to=${encodeURIComponent(at(60))}`;
    const summary = (by: string) => hub.app.inject({ url: `/api/signage/proof-of-play/summary?by=${by}&${period}`, headers: hub.as('audit') }).then((r) => r.json() as ProofOfPlaySummary);
    expect(await summary('campaign')).toEqual([
      { key: '', name: '（无活动）', plays: 1, seconds: 4, screens: 1 },
      { key: campaign.id, name: '十点宣传', plays: 3, seconds: 30, screens: 2 },
    ]);
    expect(await summary('display')).toEqual([
      { key: 'wall-1', name: 'wall-1', plays: 3, seconds: 24, screens: 1 },
      { key: 'wall-2', name: 'wall-2', plays: 1, seconds: 10, screens: 1 },
    ]);
    // A period that holds none of it.
    expect((await hub.app.inject({ url: `/api/signage/proof-of-play/summary?from=${encodeURIComponent(at(60))}`, headers: hub.as('audit') })).json()).toEqual([]);

    const csv = await hub.app.inject({ url: `/api/signage/proof-of-play.csv?${period}`, headers: hub.as('audit') });
    expect(csv.statusCode).toBe(200);
    expect(csv.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(csv.headers['content-disposition']).toContain("filename*=UTF-8''");
    const lines = csv.body.split('\r\n');
    expect(lines[0]!.startsWith('\uFEFF屏幕编号 Display id,屏幕 Display,活动编号 Campaign id')).toBe(true);
    expect(lines[0]).toContain('开始 Started (Asia/Shanghai)');
    expect(lines.slice(1, -1)).toEqual([
      `wall-1,wall-1,${campaign.id},十点宣传,${img},办事指南海报.png,,media,2026-11-23 10:00:00,2026-11-23 10:00:10,10,是 yes,2026-11-23 09:00:00`,
      `wall-2,wall-2,${campaign.id},十点宣传,${img},办事指南海报.png,2,side,2026-11-23 10:00:00,2026-11-23 10:00:10,10,是 yes,2026-11-23 09:00:00`,
      `wall-1,wall-1,${campaign.id},十点宣传,${img},办事指南海报.png,,media,2026-11-23 10:00:10,2026-11-23 10:00:20,10,是 yes,2026-11-23 09:00:00`,
      `wall-1,wall-1,,,${img},办事指南海报.png,,media,2026-11-23 10:00:20,2026-11-23 10:00:24,4,否 no,2026-11-23 09:00:00`,
    ]);
    const audit = (await hub.app.inject({ url: '/api/audit?actor=audit', headers: hub.as('audit') })).json() as Array<{ action: string }>;
    expect(audit.map((a) => a.action)).toContain('proof-of-play export');
    expect((await hub.app.inject({ url: `/api/signage/proof-of-play.csv?${period}` })).statusCode).toBe(401);

    // The campaign deleted: its plays keep the name it had.
    expect((await hub.app.inject({ method: 'DELETE', url: `/api/signage/campaigns/${campaign.id}`, headers: hub.as('boss') })).statusCode).toBe(204);
    expect((await summary('campaign')).find((s) => s.key === campaign.id)?.name).toBe('十点宣传');
    // 400 days (the default) on, the records are gone.
    hub.clock.advance(399 * 86_400_000);
    expect(hub.app.proofOfPlay.prune()).toBe(0);
    hub.clock.advance(2 * 86_400_000);
    expect(hub.app.proofOfPlay.prune()).toBe(4);
    expect(hub.app.proofOfPlay.rows({ from: 0, to: hub.clock.now(), limit: 100 })).toEqual([]);
  }, 90_000);
});
