import type { DisplaySettings, Emergency, Notice, PowerSchedule } from '@hall/shared';
import { describe, expect, it } from 'vitest';
import { isDown } from '../../src/domain/displays/alerts.js';
import { powerAt } from '../../src/domain/displays/power.js';
import { activeEmergency, resolveScene, type SceneInputs } from '../../src/domain/displays/scene.js';
import { hallTime } from '../../src/domain/time/hall-time.js';
import { MONDAY_0900, MINUTE } from '@hall/testkit/hall-fixture';

const wall: DisplaySettings = { id: 'wall-1', name: '大厅屏', surface: 'hall-wall', layout: '1920x1080', zone: null, windowNo: null, groups: ['hall-wall', 'lobby'], voice: true, strip: null };
const screen: DisplaySettings = { ...wall, id: 'screen-1', surface: 'window-screen', windowNo: '1', groups: ['window-screen'], voice: false };
const at = (ms: number) => hallTime(ms, 'Asia/Shanghai');
const HOUR = 60 * MINUTE;

const officeHours: PowerSchedule = {
  id: 'p1',
  name: '工作日',
  targets: { all: false, displays: [], groups: ['lobby'] },
  rules: [
    { days: ['mon', 'tue', 'wed', 'thu', 'fri'], on: '08:00', off: '17:30', brightness: 80 },
    { days: ['mon'], on: '12:00', off: '13:00', brightness: 40 },
  ],
};

describe('power schedules', () => {
  it('keeps a display no schedule targets on at full brightness, and not "scheduled"', () => {
    expect(powerAt([officeHours], screen, at(MONDAY_0900))).toEqual({ on: true, brightness: 100, scheduled: false });
  });

  it('switches a targeted display on within a rule and off outside, on purpose', () => {
    expect(powerAt([officeHours], wall, at(MONDAY_0900))).toEqual({ on: true, brightness: 80, scheduled: true });
    expect(powerAt([officeHours], wall, at(MONDAY_0900 - 2 * HOUR))).toEqual({ on: false, brightness: 0, scheduled: true });
    // Saturday 09:00
    expect(powerAt([officeHours], wall, at(MONDAY_0900 + 5 * 24 * HOUR)).on).toBe(false);
  });

  it('takes the brightest of overlapping rules', () => {
    expect(powerAt([officeHours], wall, at(MONDAY_0900 + 3.5 * HOUR)).brightness).toBe(80);
  });

  it('runs a rule whose off time is before its on time past midnight, counted from its own day', () => {
    const night: PowerSchedule = { ...officeHours, rules: [{ days: ['mon'], on: '22:00', off: '02:00', brightness: 30 }] };
    expect(powerAt([night], wall, at(MONDAY_0900 + 13.5 * HOUR)).on).toBe(true); // Monday 22:30
    expect(powerAt([night], wall, at(MONDAY_0900 + 16 * HOUR)).on).toBe(true); // Tuesday 01:00
    expect(powerAt([night], wall, at(MONDAY_0900 + 17.5 * HOUR)).on).toBe(false); // Tuesday 02:30
    expect(powerAt([night], wall, at(MONDAY_0900 - 8 * HOUR)).on).toBe(false); // Monday 01:00 (Sunday not listed)
  });
});

const emergency = (id: string, startMin: number, extra: Partial<Emergency> = {}): Emergency => ({
  id,
  text: `紧急${id}`,
  textEn: null,
  startsAt: new Date(MONDAY_0900 + startMin * MINUTE).toISOString(),
  endsAt: null,
  clearedAt: null,
  targets: { all: true, displays: [], groups: [] },
  createdBy: 'boss',
  ...extra,
});

describe('emergency messages and notices', () => {
  it('shows the newest active emergency that targets the display; cleared or ended ones are gone', () => {
    const list = [emergency('a', -10), emergency('b', -5), emergency('c', -1, { clearedAt: new Date(MONDAY_0900).toISOString() })];
    expect(activeEmergency(list, wall, MONDAY_0900)?.id).toBe('b');
    const ended = emergency('d', -1, { endsAt: new Date(MONDAY_0900 - 1).toISOString() });
    expect(activeEmergency([ended], wall, MONDAY_0900)).toBeNull();
    const forLobby = emergency('e', -1, { targets: { all: false, displays: [], groups: ['lobby'] } });
    expect(activeEmergency([forLobby], wall, MONDAY_0900)?.id).toBe('e');
    expect(activeEmergency([forLobby], screen, MONDAY_0900)).toBeNull();
  });

  it('puts active notices for the display in the scene, oldest first, and none that start later', () => {
    const notice = (id: string, startMin: number, endMin: number | null, groups: string[]): Notice => ({
      id,
      text: `通知${id}`,
      startsAt: new Date(MONDAY_0900 + startMin * MINUTE).toISOString(),
      endsAt: endMin === null ? null : new Date(MONDAY_0900 + endMin * MINUTE).toISOString(),
      targets: { all: false, displays: [], groups },
      createdBy: 'boss',
    });
    const inputs: SceneInputs = {
      hallName: '测试大厅',
      timeZone: 'Asia/Shanghai',
      zones: [],
      templates: { voice: 'v', voiceRecall: 'r', voiceShort: 'v', voiceSameWindow: 'v', voiceBrief: 'v', voiceBriefItem: 'v', voiceNumbers: 'v' },
      voice: { windows: [], rules: { repeat: 1, briefAbove: 2, numbersOnlyAbove: 6, briskFromWaiting: 2, briskAfterSeconds: 6, behindNumbersOnlyAbove: 1, maxPerAnnouncement: 10, chimeInRun: false, lateAfterSeconds: 10 } },
      noShow: { zh: '过号', en: 'missed' },
      notices: [notice('later', 10, null, ['lobby']), notice('two', -5, 30, ['lobby']), notice('one', -30, null, ['hall-wall']), notice('other', -5, null, ['window-screen'])],
      emergencies: [],
      schedules: [],
      media: [],
      staff: [{ no: 'S1', name: '张伟', title: null, partyMember: false, photoUrl: null }],
    };
    const scene = resolveScene(wall, MONDAY_0900, at(MONDAY_0900), inputs);
    expect(scene.notices.map((n) => n.id)).toEqual(['one', 'two']);
    expect(scene.staff).toEqual([]);
    expect(resolveScene(screen, MONDAY_0900, at(MONDAY_0900), inputs).staff.map((s) => s.no)).toEqual(['S1']);
  });
});

describe('down alerts', () => {
  const base = { online: false, offlineSince: MONDAY_0900, now: MONDAY_0900 + 2 * MINUTE, phase: 'open' as const, scheduledOff: false, graceMs: MINUTE };
  it('reports a display offline past the grace period during opening hours', () => {
    expect(isDown(base)).toBe(true);
    expect(isDown({ ...base, now: MONDAY_0900 + 30_000 })).toBe(false);
  });
  it('never reports a display that is switched off on purpose, or one offline while the hall is closed', () => {
    expect(isDown({ ...base, scheduledOff: true })).toBe(false);
    expect(isDown({ ...base, phase: 'closed' })).toBe(false);
    expect(isDown({ ...base, online: true, offlineSince: null })).toBe(false);
  });
});
