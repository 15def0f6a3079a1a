import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config/load-config.js';
import { ConfigError, parseHallConfig } from '../../src/config/parse-hall-config.js';
import { spawnHub } from '@hall/testkit/spawn-hub';

const minimal = {
  hall: { id: 'h1', name: '测试大厅' },
  zones: [{ id: 'z', name: '综合区' }],
  lines: [{ id: 'a', prefix: 'A', name: '综合' }],
  windows: [{ no: '1', name: '窗口1', zone: 'z', lines: [{ line: 'a' }] }],
};

function problemsOf(input: unknown): string[] {
  try {
    parseHallConfig(input);
    return [];
  } catch (err) {
    if (err instanceof ConfigError) return err.problems;
    throw err;
  }
}

describe('the hall configuration', () => {
  it('fills sensible defaults: Shanghai time, office hours, interleave 3:1, 30-minute cut-off', () => {
    const c = parseHallConfig(minimal);
    expect(c.hall.timeZone).toBe('Asia/Shanghai');
    expect(c.calendar.weekly.mon).toEqual([{ open: '08:30', close: '11:30' }, { open: '13:00', close: '17:00' }]);
    expect(c.calendar.weekly.sat).toEqual([]);
    expect(c.calendar.ticketingCutoffMinutes).toBe(30);
    expect(c.policy.priority).toEqual({ mode: 'interleave', priority: 3, normal: 1 });
    expect(c.server.httpPort).toBe(8080);
  });

  it('takes the strict priority policy (green channel always first) as written', () => {
    const c = parseHallConfig({ ...minimal, policy: { priority: { mode: 'strict' } } });
    expect(c.policy.priority).toEqual({ mode: 'strict' });
  });

  it('names the field and what is wrong', () => {
    expect(problemsOf({ ...minimal, lines: [{ id: 'a', prefix: 'a1', name: '综合' }] })).toEqual([
      expect.stringMatching(/^lines\.0\.prefix: Expected string to match .* \(got "a1"\)$/),
    ]);
    expect(problemsOf({ ...minimal, windows: [{ no: '1', name: 'w', zone: 'nowhere', lines: [{ line: 'x' }] }] })).toEqual([
      'windows.0.zone: no zone "nowhere" (window 1)',
      'windows.0.lines.0.line: no line "x" (window 1)',
    ]);
    expect(problemsOf({ ...minimal, hall: { id: 'h1', name: 'x', timeZone: 'Mars/Olympus' } })).toEqual([
      'hall.timeZone: unknown time zone "Mars/Olympus"',
    ]);
    expect(problemsOf({ ...minimal, calendar: { weekly: { mon: [{ open: '17:00', close: '08:00' }], tue: [], wed: [], thu: [], fri: [], sat: [], sun: [] } } })).toEqual([
      'calendar.weekly.mon.0: closes (08:00) before it opens (17:00)',
    ]);
    expect(problemsOf({ ...minimal, lines: [...minimal.lines, { id: 'b', prefix: 'A', name: '重复' }] })).toEqual([
      'lines: prefix "A" is used by two lines',
    ]);
  });

  it('takes environment overrides, and refuses a bad port', () => {
    const dir = mkdtempSync(join(tmpdir(), 'hall-cfg-'));
    const file = join(dir, 'hall.json');
    writeFileSync(file, JSON.stringify({ ...minimal, server: { catalog: ['cat.json'] } }));
    const loaded = loadConfig({ HALL_CONFIG: file, HALL_HTTP_PORT: '0', HALL_DATA_DIR: '/var/lib/hall' }, '/nope');
    expect(loaded.config.server.httpPort).toBe(0);
    expect(loaded.dataDir).toBe('/var/lib/hall');
    expect(loaded.catalogFiles).toEqual([join(dir, 'cat.json')]);
    expect(() => loadConfig({ HALL_CONFIG: file, HALL_HTTP_PORT: 'eighty' }, '/nope')).toThrow(/HALL_HTTP_PORT/);
  });

  it('an invalid configuration stops the hub at start-up with the message', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'hall-cfg-'));
    const file = join(dir, 'hall.json');
    writeFileSync(file, JSON.stringify({ ...minimal, lines: [{ id: 'a', prefix: 'A', name: '综合', dailyCap: 'lots' }] }));
    const started = spawnHub({ HALL_CONFIG: file, HALL_DATA_DIR: join(dir, 'data') });
    await expect(started).rejects.toThrow(/lines\.0\.dailyCap/);
  });
});
