import fc from 'fast-check';
import type { Warning } from '@hall/shared';
import { describe, expect, it } from 'vitest';
import type { QueueEvent } from '../../src/domain/queue/events.js';
import type { Ticket } from '../../src/domain/queue/state.js';
import { backoffDelay } from '../../src/domain/uplink/backoff.js';
import { encodeBatch } from '../../src/domain/uplink/batch.js';
import { diskVerdict } from '../../src/domain/uplink/disk-policy.js';
import { maskPhone, redWarningNotice, turnNearNotice, warningKey } from '../../src/domain/uplink/notices.js';
import { PROFILES, resolveProfile } from '../../src/domain/uplink/province-profiles.js';
import { attendanceRecord, deviceHealthRecord, queueRecord, type PersonalData } from '../../src/domain/uplink/streams.js';
import { signatureHeader, verifySignature } from '../../src/adapters/uplink/sign.js';

// The pure half of the uplink: what each outbox row says, and the relay's arithmetic. No database, no hub —
// these are the tests the mutation run (scripts/mutation-modules.mjs, module `uplink`) relies on.

const MB = 1024 * 1024;
const AT = Date.UTC(2026, 10, 23, 2, 0, 0);
const iso = (ms: number) => new Date(ms).toISOString();

describe('backoff', () => {
  it('doubles up to the cap, with jitter, and is never immediate', () => {
    const o = { baseMs: 100, maxMs: 1000 };
    expect([1, 2, 3, 4, 5, 10].map((n) => backoffDelay(n, o, 1))).toEqual([100, 200, 400, 800, 1000, 1000]);
    expect([1, 2, 3, 4, 5, 10].map((n) => backoffDelay(n, o, 0))).toEqual([50, 100, 200, 400, 500, 500]);
    expect(backoffDelay(0, o, 0.5)).toBe(0);
    expect(backoffDelay(-3, o, 0.5)).toBe(0);
  });

  it('stays within [half the step, the step] for any failure count, however large (no Infinity, no NaN)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 10_000 }), fc.double({ min: 0, max: 1, noNaN: true }), (n, r) => {
        const d = backoffDelay(n, { baseMs: 250, maxMs: 60_000 }, r);
        const step = Math.min(60_000, 250 * 2 ** (n - 1));
        expect(d).toBeGreaterThanOrEqual(Math.floor(step / 2));
        expect(d).toBeLessThanOrEqual(step);
        expect(Number.isFinite(d)).toBe(true);
      }),
    );
    // The exponent is capped: a cap above 2^30 steps is reached, not overflowed.
    expect(backoffDelay(40, { baseMs: 1, maxMs: 2 ** 40 }, 1)).toBe(2 ** 30);
  });
});

describe('batch body', () => {
  it('is valid JSON carrying the rows in order; the signature covers every byte', () => {
    const body = encodeBatch('h', 'queue', '2026-11-23T01:00:00.000Z', [
      { id: 7, key: 'h:queue:7', type: 'issued', at: 1, payload: '{"ticketNumber":"A001"}' },
      { id: 9, key: 'h:queue:9', type: 'called', at: 2, payload: '{"windowNo":"3"}' },
    ]);
    expect(JSON.parse(body)).toEqual({
      hallId: 'h',
      stream: 'queue',
      sentAt: '2026-11-23T01:00:00.000Z',
      events: [
        { key: 'h:queue:7', seq: 7, type: 'issued', at: 1, data: { ticketNumber: 'A001' } },
        { key: 'h:queue:9', seq: 9, type: 'called', at: 2, data: { windowNo: '3' } },
      ],
    });
    expect(JSON.parse(encodeBatch('h', 'queue', 's', []))).toEqual({ hallId: 'h', stream: 'queue', sentAt: 's', events: [] });
    const key = Buffer.from('k'.repeat(20));
    const sig = signatureHeader(key, body);
    expect(verifySignature(key, body, sig)).toBe(true);
    expect(verifySignature(key, body.replace('A001', 'A002'), sig)).toBe(false);
    expect(verifySignature(Buffer.from('x'.repeat(20)), body, sig)).toBe(false);
    expect(verifySignature(key, body, undefined)).toBe(false);
  });
});

describe('disk policy', () => {
  const limits = { warnFreeMb: 2048, criticalFreeMb: 512, warnOutboxMb: 256, warnDaysOfRoom: 14 };

  it('warns long before the disk is full, and says why', () => {
    expect(diskVerdict({ freeBytes: 50_000 * MB, outboxBytes: 10 * MB, outboxGrowthPerDay: 0 }, limits)).toEqual({
      level: 'ok',
      daysOfRoom: null,
      zh: '磁盘空间充足。',
      en: 'Disk space is fine.',
    });
    // 50 GB free, the backlog growing 5 GB a day: full in 10 days — warn now.
    expect(diskVerdict({ freeBytes: 50_000 * MB, outboxBytes: 100 * MB, outboxGrowthPerDay: 5_000 * MB }, limits)).toEqual({
      level: 'warn',
      daysOfRoom: 10,
      zh: '省级平台积压数据持续增长，按当前速度约 10 天后磁盘将满。',
      en: 'The backlog for the provincial platform keeps growing; at this rate the disk is full in about 10 days.',
    });
    expect(diskVerdict({ freeBytes: 50_000 * MB, outboxBytes: 300 * MB, outboxGrowthPerDay: 0 }, limits)).toEqual({
      level: 'warn',
      daysOfRoom: null,
      zh: '待上报数据已达 300 MB，请检查与省级平台的连接。',
      en: '300 MB waits to be sent; check the link to the provincial platform.',
    });
    expect(diskVerdict({ freeBytes: 1_000 * MB, outboxBytes: 0, outboxGrowthPerDay: 0 }, limits)).toEqual({
      level: 'warn',
      daysOfRoom: null,
      zh: '磁盘剩余空间 1000 MB，低于预警值 2048 MB。',
      en: '1000 MB of disk left, below the warning level of 2048 MB.',
    });
    expect(diskVerdict({ freeBytes: 100 * MB, outboxBytes: 0, outboxGrowthPerDay: 0 }, limits)).toEqual({
      level: 'critical',
      daysOfRoom: null,
      zh: '磁盘剩余空间仅 100 MB，请立即清理或扩容。',
      en: 'Only 100 MB of disk left: free space or add disk now.',
    });
  });

  it('draws each line exactly at its limit (strictly below / above warns; at the limit does not)', () => {
    const v = (freeMb: number, outboxMb = 0, growthMbPerDay = 0) =>
      diskVerdict({ freeBytes: freeMb * MB, outboxBytes: outboxMb * MB, outboxGrowthPerDay: growthMbPerDay * MB }, limits).level;
    expect([v(511), v(512), v(2047), v(2048)]).toEqual(['critical', 'warn', 'warn', 'ok']);
    // a part-megabyte of free space counts down (floor), never up
    expect(diskVerdict({ freeBytes: 512 * MB - 1, outboxBytes: 0, outboxGrowthPerDay: 0 }, limits).level).toBe('critical');
    expect([v(10_000, 256), v(10_000, 256.1)]).toEqual(['ok', 'warn']);
    // 14 days of room is enough; 13.9 is not
    expect([v(14_000, 0, 1000), v(13_900, 0, 1000)]).toEqual(['ok', 'warn']);
    // a shrinking or still backlog gives no days-of-room figure
    expect(diskVerdict({ freeBytes: 10 * MB, outboxBytes: 0, outboxGrowthPerDay: -5 }, limits).daysOfRoom).toBeNull();
    expect(diskVerdict({ freeBytes: 10 * MB, outboxBytes: 0, outboxGrowthPerDay: 0 }, limits).daysOfRoom).toBeNull();
    // one decimal: 10,000 MB at 3,000 MB a day is 3.3 days
    expect(diskVerdict({ freeBytes: 10_000 * MB, outboxBytes: 0, outboxGrowthPerDay: 3_000 * MB }, limits).daysOfRoom).toBe(3.3);
    expect(diskVerdict({ freeBytes: 10_000 * MB, outboxBytes: 123.45 * MB, outboxGrowthPerDay: 0 }, { ...limits, warnOutboxMb: 1 }).zh).toContain('123.5 MB');
  });
});

describe('notices', () => {
  const f = { hallId: 'h1', hallName: '沈阳市政务服务中心', toCipher: ['c1', 'c2'], at: AT };

  it('a phone number shows its first three and last four digits only', () => {
    expect(maskPhone('13812341234')).toBe('138****1234');
    expect(maskPhone('8613812341234')).toBe('861******1234');
    expect(maskPhone('12345678')).toBe('123*5678');
    expect([maskPhone('1234567'), maskPhone('')]).toEqual(['*******', '']);
  });

  it('turn-near: one stable key per ticket and day, the people ahead in both languages', () => {
    const t = { day: '2026-11-23', number: 'A017', lineId: 'general', lineName: '综合窗口' };
    expect(turnNearNotice(f, t, 3)).toEqual({
      stream: 'notices',
      key: 'h1:notice:turn-near:2026-11-23:A017',
      type: 'turn-near',
      at: AT,
      data: {
        toCipher: ['c1', 'c2'],
        day: '2026-11-23',
        ticketNumber: 'A017',
        lineId: 'general',
        peopleAhead: 3,
        text: '【沈阳市政务服务中心】您的A017号（综合窗口）前面还有3人，请回到大厅留意叫号。',
        textEn: '沈阳市政务服务中心: ticket A017 (综合窗口) — 3 people are ahead of you. Please come back to the hall and watch for your number.',
      },
    });
    expect(turnNearNotice(f, t, 0).data.text).toContain('下一位就是您');
    expect(turnNearNotice(f, t, 0).data.textEn).toContain('— you are next.');
    expect(turnNearNotice(f, t, 1).data.text).toContain('前面还有1人');
    expect(turnNearNotice(f, t, 1).data.textEn).toContain('— 1 person is ahead of you.');
  });

  it('red warning: keyed per day and condition, telling where and for how long', () => {
    const w: Warning = { kind: 'long-service', level: 'red', lineId: 'general', windowNo: '3', ticketNumber: 'A017', minutes: 42, thresholdMinutes: 30 };
    expect(warningKey('2026-11-23', w)).toBe('2026-11-23:long-service:general:3:A017');
    expect(warningKey('2026-11-23', { ...w, kind: 'printer', lineId: null, windowNo: null, ticketNumber: null })).toBe('2026-11-23:printer:-:-:-');
    expect(redWarningNotice(f, '2026-11-23', w)).toEqual({
      stream: 'notices',
      key: 'h1:notice:warning:2026-11-23:long-service:general:3:A017',
      type: 'red-warning',
      at: AT,
      data: {
        toCipher: ['c1', 'c2'],
        day: '2026-11-23',
        kind: 'long-service',
        level: 'red',
        lineId: 'general',
        windowNo: '3',
        ticketNumber: 'A017',
        minutes: 42,
        text: '【沈阳市政务服务中心】红灯预警：办理超时（3号窗口，A017号），已42分钟（阈值30分钟）。',
        textEn: '沈阳市政务服务中心: red warning — service running long (window 3, ticket A017), 42 min (threshold 30 min).',
      },
    });
    const texts = (x: Warning) => [redWarningNotice(f, 'd', x).data.text, redWarningNotice(f, 'd', x).data.textEn];
    expect(texts({ ...w, kind: 'long-wait', windowNo: null })).toEqual([
      '【沈阳市政务服务中心】红灯预警：等候超时（A017号），已42分钟（阈值30分钟）。',
      '沈阳市政务服务中心: red warning — waiting too long (ticket A017), 42 min (threshold 30 min).',
    ]);
    expect(texts({ ...w, kind: 'idle-window', ticketNumber: null })).toEqual([
      '【沈阳市政务服务中心】红灯预警：窗口空闲但有人排队（3号窗口），已42分钟（阈值30分钟）。',
      '沈阳市政务服务中心: red warning — window idle while people wait (window 3), 42 min (threshold 30 min).',
    ]);
    expect(texts({ ...w, kind: 'printer', windowNo: null, ticketNumber: null })).toEqual([
      '【沈阳市政务服务中心】红灯预警：打印机无法打印，已42分钟（阈值30分钟）。',
      '沈阳市政务服务中心: red warning — printer cannot print, 42 min (threshold 30 min).',
    ]);
  });
});

const ticket = (over: Partial<Ticket> = {}): Ticket => ({
  id: 'secret-ticket-id',
  number: 'A017',
  serial: 17,
  day: '2026-11-23',
  lineId: 'general',
  channel: 'kiosk',
  priorityGroup: null,
  appointmentCode: null,
  idKey: 'k',
  idMasked: '2101**********1234',
  idCipher: 'cipher-of-the-id',
  status: 'done',
  windowNo: '3',
  reservedWindow: null,
  issuedAt: AT,
  calledAt: AT + 60_000,
  startedAt: AT + 90_000,
  finishedAt: AT + 600_000,
  missedAt: null,
  recallCount: 0,
  transferCount: 0,
  rating: null,
  ...over,
});

const issued = (at = AT): QueueEvent => ({
  type: 'TicketIssued',
  at,
  ticket: { id: 'secret-ticket-id', number: 'A017', serial: 17, lineId: 'general', channel: 'kiosk', priorityGroup: null, appointmentCode: null, idKey: null, idMasked: null, idCipher: null },
  placement: { queue: 'normal', index: 0 },
});

describe('queue stream records', () => {
  const ctx = (personalData: PersonalData) => ({ hallId: 'h1', personalData });

  it('issued, called, served, no-show: day and number, never the ticket id; staff only once a window has it', () => {
    expect(queueRecord(5, issued(), ticket({ calledAt: null, startedAt: null, finishedAt: null, windowNo: null }), 'S9', ctx('none'))).toEqual({
      stream: 'queue',
      key: 'h1:queue:5',
      type: 'issued',
      at: AT,
      data: {
        day: '2026-11-23',
        ticketNumber: 'A017',
        lineId: 'general',
        channel: 'kiosk',
        priority: false,
        windowNo: null,
        staffNo: null,
        issuedAt: iso(AT),
        calledAt: null,
        finishedAt: null,
        at: iso(AT),
      },
    });
    const called = queueRecord(6, { type: 'TicketCalled', at: AT + 60_000, ticketId: 'x', windowNo: '3', outOfOrder: false, auto: false }, ticket({ priorityGroup: 'elderly' }), 'S9', ctx('full'));
    expect(called).toEqual({
      stream: 'queue',
      key: 'h1:queue:6',
      type: 'called',
      at: AT + 60_000,
      data: {
        day: '2026-11-23',
        ticketNumber: 'A017',
        lineId: 'general',
        channel: 'kiosk',
        priority: true,
        windowNo: '3',
        staffNo: 'S9',
        issuedAt: iso(AT),
        calledAt: iso(AT + 60_000),
        finishedAt: iso(AT + 600_000),
        at: iso(AT + 60_000),
      },
    });
    expect(JSON.stringify(called)).not.toContain('secret-ticket-id');
    const at = AT + 1;
    expect(queueRecord(7, { type: 'ServiceFinished', at, ticketId: 'x', windowNo: '3' }, ticket(), 'S9', ctx('none'))?.type).toBe('served');
    expect(queueRecord(8, { type: 'TicketMissed', at, ticketId: 'x', windowNo: '3' }, ticket(), 'S9', ctx('none'))?.type).toBe('no-show');
  });

  it('other events, and events of an unknown ticket, go nowhere', () => {
    expect(queueRecord(1, { type: 'ServiceStarted', at: AT, ticketId: 'x', windowNo: '3' }, ticket(), null, ctx('none'))).toBeNull();
    expect(queueRecord(1, { type: 'WindowClosed', at: AT, windowNo: '3' }, ticket(), null, ctx('none'))).toBeNull();
    expect(queueRecord(1, issued(), undefined, null, ctx('full'))).toBeNull();
  });

  it('personal data: none sends no ID; masked the masked number; full adds the cipher for the relay — only on issue', () => {
    const id = (mode: PersonalData, t = ticket(), e = issued()) => {
      const d = queueRecord(1, e, t, null, ctx(mode))?.data ?? {};
      return [d.idNumber, d.idCipher];
    };
    expect(id('none')).toEqual([undefined, undefined]);
    expect(id('masked')).toEqual(['2101**********1234', undefined]);
    expect(id('full')).toEqual(['2101**********1234', 'cipher-of-the-id']);
    expect(id('full', ticket({ idMasked: null, idCipher: null }))).toEqual([undefined, undefined]);
    expect(id('full', ticket({ idCipher: null }))).toEqual(['2101**********1234', undefined]);
    expect(id('full', ticket(), { type: 'ServiceFinished', at: AT, ticketId: 'x', windowNo: '3' })).toEqual([undefined, undefined]);
  });
});

describe('attendance and device-health records', () => {
  it('open, close, pause, resume: who was at the window, and when', () => {
    const rec = (e: QueueEvent) => attendanceRecord(4, e, 'S-before', 'h1');
    expect(rec({ type: 'WindowOpened', at: AT, windowNo: '3', staffNo: 'S2', coveringFor: 'S1' })).toEqual({
      stream: 'attendance',
      key: 'h1:attendance:4',
      type: 'open',
      at: AT,
      data: { windowNo: '3', staffNo: 'S2', coveringFor: 'S1', at: iso(AT) },
    });
    expect(rec({ type: 'WindowClosed', at: AT, windowNo: '3' })).toEqual({ stream: 'attendance', key: 'h1:attendance:4', type: 'close', at: AT, data: { windowNo: '3', staffNo: 'S-before', at: iso(AT) } });
    expect(rec({ type: 'WindowPaused', at: AT, windowNo: '3', reason: 'lunch' })).toEqual({
      stream: 'attendance',
      key: 'h1:attendance:4',
      type: 'pause',
      at: AT,
      data: { windowNo: '3', staffNo: 'S-before', reason: 'lunch', at: iso(AT) },
    });
    expect(rec({ type: 'WindowResumed', at: AT, windowNo: '3' })).toEqual({ stream: 'attendance', key: 'h1:attendance:4', type: 'resume', at: AT, data: { windowNo: '3', staffNo: 'S-before', at: iso(AT) } });
    expect(rec(issued())).toBeNull();
  });

  it('a device going on- or offline: one key per device, moment and direction', () => {
    const d = { id: 'kiosk-1', type: 'kiosk', windowNo: null };
    expect(deviceHealthRecord('h1', d, true, AT, 'socket')).toEqual({
      stream: 'device-health',
      key: `h1:device-health:kiosk-1:${AT}:1`,
      type: 'online',
      at: AT,
      data: { deviceId: 'kiosk-1', deviceType: 'kiosk', windowNo: null, online: true, via: 'socket', at: iso(AT) },
    });
    const off = deviceHealthRecord('h1', { ...d, windowNo: '3' }, false, AT, 'mqtt');
    expect([off.key, off.type, off.data.online, off.data.windowNo]).toEqual([`h1:device-health:kiosk-1:${AT}:0`, 'offline', false, '3']);
  });
});

describe('province profiles', () => {
  it('the national and Zhejiang presets: every channel code of GB/T 39046 Table 9 the hall uses', () => {
    expect(PROFILES['gbt-39046'].pf).toEqual({ mobile: '2', qr: '3', tablet: '4', 'window-screen': '5', evaluator: '5' });
    expect(PROFILES.zhejiang.pf).toEqual(PROFILES['gbt-39046'].pf);
    expect(PROFILES['gbt-39046'].fields.staffNo).toBe('workNo');
    expect(PROFILES.zhejiang.constants).toEqual({ dataSource: '133' });
    expect(PROFILES['gbt-39046'].constants).toEqual({});
  });

  it('overrides lay over the preset; the refusal names the unknown fields and the known ones', () => {
    const p = resolveProfile({ preset: 'zhejiang', satisfaction: { basic: '0' }, constants: { version: '2' } });
    expect(p.satisfaction).toEqual({ 'very-satisfied': '5', satisfied: '4', basic: '0', dissatisfied: '2', 'very-dissatisfied': '1' });
    expect(p.constants).toEqual({ dataSource: '133', version: '2' });
    expect(resolveProfile({ preset: 'gbt-39046' })).toEqual(PROFILES['gbt-39046']);
    expect(() => resolveProfile({ preset: 'gbt-39046', fields: { colour: 'x', windowNo: 'w', size: null } })).toThrow(
      'uplink.evaluationMapping.fields: unknown field(s) colour, size; known: projectNo, taskCode, taskHandleItem, taskName, deptCode, areaCode, pf, satisfaction, evalDetail, writingEvaluation, assessTime, assessNumber, windowNo, staffNo, hallCode',
    );
  });
});
