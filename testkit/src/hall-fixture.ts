import { parseHallConfig } from '@hall/hub/config/parse-hall-config';
import type { HallConfig } from '@hall/hub/config/hall-config-schema';

/** 2026-11-23 is a Monday. 09:00 China time = 01:00 UTC. */
export const MONDAY_0900 = Date.UTC(2026, 10, 23, 1, 0);
export const MINUTE = 60_000;

/**
 * A small hall: line A (综合) served by windows 1–3, line B (税务) by window 4, window 3 helps B when A is empty.
 * Staff S1..S4 posted at windows 1..4; S5 is the B post (AB岗) of S1. Window 1's keypad, evaluator and LED strip
 * sit behind bridge-1 (the strip takes text); window 2's keypad and strip (1-bit frames) are on MQTT directly; two hall walls, a window screen, a kiosk
 * with a virtual receipt printer.
 */
export function smallHall(overrides: Record<string, unknown> = {}): HallConfig {
  return parseHallConfig({
    server: {
      dataDir: '/tmp/unused',
      httpPort: 0,
      mqtt: { port: 0, host: '127.0.0.1' },
      // Tests issue tickets in bursts no kiosk could (all from 127.0.0.1); test/http/http-security.test.ts checks
      // the real rates.
      limits: { ticketsPerKioskPerMinute: 100_000, ticketsPerAccountPerMinute: 100_000, ticketsPerAddressPerMinute: 100_000 },
    },
    hall: { id: 'test-hall', name: '测试政务服务中心' },
    zones: [{ id: 'general', name: '综合受理区' }],
    lines: [
      { id: 'general', prefix: 'A', name: '综合业务', serves: { deptCodes: ['D1'] } },
      { id: 'tax', prefix: 'B', name: '税务业务', serves: { deptCodes: ['D2'] }, dailyCap: 50 },
    ],
    windows: [
      { no: '1', name: '综合窗口1', zone: 'general', lines: [{ line: 'general' }] },
      { no: '2', name: '综合窗口2', zone: 'general', lines: [{ line: 'general' }] },
      { no: '3', name: '综合窗口3', zone: 'general', lines: [{ line: 'general' }, { line: 'tax', order: 2 }] },
      { no: '4', name: '税务窗口', zone: 'general', lines: [{ line: 'tax' }] },
    ],
    staff: [
      { no: 'S1', name: '张伟', windows: ['1'], partner: 'S5' },
      { no: 'S2', name: '王芳', windows: ['2'] },
      { no: 'S3', name: '李娜', windows: ['3'] },
      { no: 'S4', name: '刘洋', windows: ['4'] },
      { no: 'S5', name: '陈静', windows: [] },
    ],
    priorityGroups: [
      { id: 'elderly', name: '老年人', nameEn: 'Elderly' },
      { id: 'military', name: '军人', nameEn: 'Military' },
    ],
    bridges: [{ id: 'bridge-1' }],
    devices: [
      { id: 'keypad-1', type: 'keypad', window: '1', bridge: 'bridge-1' },
      { id: 'evaluator-1', type: 'evaluator', window: '1', bridge: 'bridge-1' },
      // A strip controller with a Chinese font of its own (sent text); led-2 is sent frames the hub renders.
      { id: 'led-1', type: 'led-strip', window: '1', bridge: 'bridge-1', strip: { width: 128, height: 32, render: 'text' } },
      { id: 'keypad-2', type: 'keypad', window: '2' },
      { id: 'led-2', type: 'led-strip', window: '2' },
      { id: 'screen-1', type: 'window-screen', window: '1' },
      { id: 'wall-1', type: 'hall-wall' },
      { id: 'wall-2', type: 'hall-wall' },
      { id: 'kiosk-1', type: 'kiosk', printer: 'printer-kiosk-1', idReader: 'idreader-1' },
      { id: 'idreader-1', type: 'id-reader' },
    ],
    printers: [{ id: 'printer-kiosk-1', name: '1号自助机打印机', kind: 'virtual' }],
    ...overrides,
  });
}
