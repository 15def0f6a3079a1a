import { afterEach, describe, expect, it } from 'vitest';
import { createScreenshotChunks } from '../../src/adapters/socket/screenshot-chunks.js';
import { refusalError } from '../../src/adapters/http/errors.js';
import { refuse } from '../../src/domain/queue/refusals.js';
import { fakeClock } from '@hall/testkit/engine-fixture';
import { smallHall } from '@hall/testkit/hall-fixture';
import { testHub, type TestHub } from '@hall/testkit/hub-fixture';

let hub: TestHub | undefined;
afterEach(async () => {
  await hub?.close();
  hub = undefined;
});

describe('display control refusals keep their wire shape (code, message, messageEn)', () => {
  it('unknown displays, zones, groups and emergencies; a reserved group; a period that ends before it starts', async () => {
    hub = await testHub(smallHall(), fakeClock());
    const as = hub.as('boss');
    const ask = async (method: 'GET' | 'POST' | 'PATCH' | 'PUT', url: string, payload?: object) => {
      const r = await hub!.app.inject({ method, url, headers: as, ...(payload ? { payload } : {}) });
      return { status: r.statusCode, body: r.json() as unknown };
    };
    expect(await ask('PATCH', '/api/displays/nope', { layout: '1920x1080' })).toEqual({ status: 404, body: { code: 'not_found', message: '没有找到这个显示屏。', messageEn: 'No such display.' } });
    expect(await ask('GET', '/api/displays/nope/scene')).toEqual({ status: 404, body: { code: 'not_found', message: '没有找到这个显示屏。', messageEn: 'No such display.' } });
    expect(await ask('POST', '/api/displays/nope/screenshot', {})).toEqual({ status: 404, body: { code: 'not_found', message: '没有找到这个显示屏。', messageEn: 'No such display.' } });
    expect(await ask('PATCH', '/api/displays/wall-1', { zone: 'z9' })).toEqual({ status: 422, body: { code: 'invalid_display_request', message: '没有这个区域：z9', messageEn: 'No such zone: z9' } });
    expect(await ask('PATCH', '/api/displays/led-1', { surface: 'hall-wall' })).toEqual({
      status: 422,
      body: { code: 'invalid_display_request', message: 'LED 条屏与屏幕的显示类型不能互换。', messageEn: 'An LED strip cannot become a screen, nor a screen a strip.' },
    });
    expect(await ask('PUT', '/api/display-groups/led-strip', { name: '条屏' })).toEqual({ status: 422, body: { code: 'invalid_display_request', message: '这个分组名由系统保留。', messageEn: 'This group id is reserved.' } });
    expect(await ask('POST', '/api/display-notices', { text: '通知', targets: { groups: ['nobody'] } })).toEqual({
      status: 422,
      body: { code: 'invalid_display_request', message: '没有这个显示屏分组：nobody', messageEn: 'No such display group: nobody' },
    });
    expect(await ask('POST', '/api/display-emergencies', { text: '紧急', endsAt: '2000-01-01T00:00:00.000Z' })).toEqual({
      status: 422,
      body: { code: 'invalid_display_request', message: '结束时间必须晚于开始时间。', messageEn: 'The end time must be after the start time.' },
    });
    expect(await ask('POST', '/api/display-emergencies/nope/clear', {})).toEqual({ status: 404, body: { code: 'not_found', message: '没有找到这条紧急通知。', messageEn: 'No such emergency message.' } });
  });

  it('a display that does not answer in time is a 504 display_timeout', () => {
    const e = refusalError(refuse('display_timeout'));
    expect([e.statusCode, e.code, e.zh, e.en]).toEqual([504, 'display_timeout', '显示屏没有及时返回截图。', 'The display did not send its screenshot in time.']);
  });
});

describe('screenshot chunks (socket adapter)', () => {
  it('puts chunks back together in any order, only from the display asked, and answers timeout when they stop', async () => {
    const shots = createScreenshotChunks();
    const data = Buffer.from('a picture of the hall wall').toString('base64');
    const whole = shots.expect('wall-1', 'r1', 60_000);
    const part = (index: number) => ({ requestId: 'r1', mime: 'image/png' as const, index, count: 2, data: index === 0 ? data.slice(0, 8) : data.slice(8) });
    expect(shots.receive('wall-2', part(0))).toBe(false);
    expect(shots.receive('wall-1', { ...part(1), index: 2 })).toBe(false);
    expect(shots.receive('wall-1', part(1))).toBe(true);
    expect(shots.receive('wall-1', part(0))).toBe(true);
    expect(await whole).toEqual({ mime: 'image/png', bytes: Buffer.from('a picture of the hall wall') });
    expect(shots.receive('wall-1', part(0))).toBe(false);
    expect(await shots.expect('wall-1', 'r2', 1)).toBe('timeout');
    shots.close();
  });
});
