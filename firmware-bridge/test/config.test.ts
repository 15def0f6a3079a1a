import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { BridgeConfigError, bridgePassword, loadBridgeConfig, parseBridgeConfig } from '../src/config/load-bridge-config.js';
import { parseKeypadScript } from '../src/simulators/keypad-script.js';

const demoHall = join(import.meta.dirname, '..', '..', 'hall-hub', 'demo', 'hall.json');

describe('bridge configuration', () => {
  it('takes the demo hall’s bridge-1 devices from the hall configuration, at consecutive addresses', () => {
    const dir = mkdtempSync(join(tmpdir(), 'bridge-config-'));
    const file = join(dir, 'bridge.json');
    writeFileSync(
      file,
      JSON.stringify({
        bridgeId: 'bridge-1',
        mqtt: { url: 'mqtt://127.0.0.1:1883' },
        links: [
          { id: 'bus-1', kind: 'serial', path: '/dev/ttyUSB0' },
          { id: 'net', kind: 'tcp-server', port: 7000 },
        ],
        devices: [{ id: 'keypad-1', type: 'keypad', link: 'net', address: 9 }],
        fromHall: { file: demoHall, link: 'bus-1' },
      }),
    );
    const c = loadBridgeConfig(file);
    expect(c.hallId).toBe('ln-provincial-center');
    expect(c.devices).toHaveLength(165);
    expect(c.devices[0]).toEqual({ id: 'keypad-1', type: 'keypad', link: 'net', address: 9 });
    expect(c.devices.slice(1, 3)).toEqual([
      { id: 'evaluator-1', type: 'evaluator', link: 'bus-1', address: 1 },
      { id: 'led-1', type: 'led-strip', link: 'bus-1', address: 2 },
    ]);
    expect(c.pingIntervalMs).toBe(5000);
    expect(c.links[0]).toMatchObject({ baudRate: 9600 });
    writeFileSync(join(dir, 'pw'), 'secret\n');
    expect(bridgePassword({ ...c, mqtt: { ...c.mqtt, passwordFile: 'pw' } }, {}, dir)).toBe('secret');
    expect(bridgePassword(c, { HALL_BRIDGE_PASSWORD: 'p2' }, dir)).toBe('p2');
    expect(() => bridgePassword(c, {}, dir)).toThrow(/HALL_BRIDGE_PASSWORD/);
  });

  it('the example configuration in the package is valid, and every device in it is one the demo hall puts behind bridge-1', () => {
    const c = loadBridgeConfig(join(import.meta.dirname, '..', 'bridge.example.json'));
    expect(c.devices.filter((d) => d.link === 'net')).toHaveLength(164);
    expect(c.devices.find((d) => d.id === 'keypad-1')).toEqual({ id: 'keypad-1', type: 'keypad', link: 'bus-1', address: 1 });
    // The hub refuses a device its hall configuration does not put behind the bridge: the shipped files agree.
    const hall = JSON.parse(readFileSync(demoHall, 'utf8')) as { devices: Array<{ id: string; type: string; bridge?: string }> };
    const behind = new Map(hall.devices.filter((d) => d.bridge === c.bridgeId).map((d) => [d.id, d.type]));
    expect(c.devices.filter((d) => behind.get(d.id) !== d.type)).toEqual([]);
    expect(c.devices).toHaveLength(behind.size);
  });

  it('names every field at fault', () => {
    const bad = () =>
      parseBridgeConfig({
        hallId: 'h',
        bridgeId: 'b',
        mqtt: { url: 'http://nope' },
        links: [{ id: 'l', kind: 'serial', path: '/dev/x' }],
        devices: [{ id: 'k', type: 'keypad', link: 'l', address: 300 }],
      });
    expect(bad).toThrow(BridgeConfigError);
    expect(bad).toThrow(/\/mqtt\/url/);
    expect(bad).toThrow(/\/devices\/0\/address/);
    const clash = () =>
      parseBridgeConfig({
        hallId: 'h',
        bridgeId: 'b',
        mqtt: { url: 'mqtt://x' },
        links: [{ id: 'l', kind: 'serial', path: '/dev/x' }],
        devices: [
          { id: 'k', type: 'keypad', link: 'l', address: 1 },
          { id: 'e', type: 'evaluator', link: 'l', address: 1 },
          { id: 'r', type: 'id-reader', link: 'nope', address: 2 },
        ],
      });
    expect(clash).toThrow(/address 1 on l is taken/);
    expect(clash).toThrow(/no link nope/);
  });
});

describe('keypad scripts', () => {
  it('parses ops, waits and a final repeat; refuses what it does not understand', () => {
    expect(parseKeypadScript('login S1; call-next; wait 300; transfer window 5; pause 临时离开; finish; repeat')).toEqual([
      { kind: 'press', press: { op: 'login', staffNo: 'S1' } },
      { kind: 'press', press: { op: 'call-next' } },
      { kind: 'wait', ms: 300 },
      { kind: 'press', press: { op: 'transfer', toWindowNo: '5' } },
      { kind: 'press', press: { op: 'pause', reason: '临时离开' } },
      { kind: 'press', press: { op: 'finish' } },
      { kind: 'repeat' },
    ]);
    expect(() => parseKeypadScript('call-next; dance')).toThrow(/step 2/);
    expect(() => parseKeypadScript('repeat; call-next')).toThrow(/step 1/);
  });
});
