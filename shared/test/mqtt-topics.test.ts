import { describe, expect, it } from 'vitest';
import { parseTopic, topics } from '../src/topics.js';

// Topics are built in one place and read back by the inverse parser: whatever one side builds, the other reads.
describe('MQTT topics', () => {
  it('every builder’s topic parses back to what it was built from', () => {
    expect(parseTopic(topics.device('hall-1', 'keypad-3', 'event'))).toEqual({ kind: 'device', hallId: 'hall-1', deviceId: 'keypad-3', channel: 'event' });
    expect(parseTopic(topics.device('hall-1', 'strip-3', 'availability'))).toEqual({ kind: 'device', hallId: 'hall-1', deviceId: 'strip-3', channel: 'availability' });
    expect(parseTopic(topics.deviceRequest('hall-1', 'keypad-3', 'call-next'))).toEqual({ kind: 'device-request', hallId: 'hall-1', deviceId: 'keypad-3', op: 'call-next' });
    expect(parseTopic(topics.deviceResponse('hall-1', 'keypad-3', 'call-next'))).toEqual({ kind: 'device-response', hallId: 'hall-1', deviceId: 'keypad-3', op: 'call-next' });
    expect(parseTopic(topics.bridgeState('hall-1', 'bridge-a'))).toEqual({ kind: 'bridge-state', hallId: 'hall-1', bridgeId: 'bridge-a' });
    expect(parseTopic(topics.bridgeRequest('hall-1', 'bridge-a', 'clock'))).toEqual({ kind: 'bridge-request', hallId: 'hall-1', bridgeId: 'bridge-a', op: 'clock' });
    expect(parseTopic(topics.bridgeResponse('hall-1', 'bridge-a', 'clock'))).toEqual({ kind: 'bridge-response', hallId: 'hall-1', bridgeId: 'bridge-a', op: 'clock' });
    expect(parseTopic(topics.hubState('hall-1'))).toEqual({ kind: 'hub-state', hallId: 'hall-1' });
  });

  it('the builders refuse a segment that would change the topic’s shape (a slash, a wildcard, nothing)', () => {
    expect(() => topics.device('hall/1', 'keypad-3', 'event')).toThrow(/hall id/);
    expect(() => topics.device('hall-1', '+', 'event')).toThrow(/device id/);
    expect(() => topics.device('hall-1', '#', 'state')).toThrow(/device id/);
    expect(() => topics.deviceRequest('hall-1', 'keypad-3', '')).toThrow(/operation/);
    expect(() => topics.hubState('x'.repeat(65))).toThrow(/hall id/);
  });

  it('a topic outside the hall’s tree, or of another shape, parses to null', () => {
    expect(parseTopic('province/hall-1/uplink/events')).toBeNull();
    expect(parseTopic('hall/hall-1/dev/keypad-3/reboot')).toBeNull();
    expect(parseTopic('hall/hall-1/dev/keypad-3')).toBeNull();
    expect(parseTopic('hall/hall-1/hub/mood')).toBeNull();
    expect(parseTopic('hall/hall-1/bridge/bridge-a/request')).toBeNull();
    expect(parseTopic('hall/hall 1/dev/keypad-3/event')).toBeNull();
    expect(parseTopic('hall')).toBeNull();
  });

  it('the hub subscribes to its own hall’s device and bridge topics, and each matches what the builders make', () => {
    const subs = topics.hubSubscriptions('hall-1');
    const matches = (filter: string, topic: string) => {
      const f = filter.split('/');
      const t = topic.split('/');
      return f.length === t.length && f.every((s, i) => s === '+' || s === t[i]);
    };
    const built = [
      topics.device('hall-1', 'keypad-3', 'event'),
      topics.device('hall-1', 'keypad-3', 'state'),
      topics.device('hall-1', 'keypad-3', 'availability'),
      topics.deviceRequest('hall-1', 'keypad-3', 'call-next'),
      topics.bridgeState('hall-1', 'bridge-a'),
      topics.bridgeRequest('hall-1', 'bridge-a', 'clock'),
    ];
    for (const topic of built) expect(subs.some((s) => matches(s, topic)), topic).toBe(true);
    // Commands to devices and other halls' traffic are not the hub's to receive.
    expect(subs.some((s) => matches(s, topics.device('hall-1', 'keypad-3', 'set')))).toBe(false);
    expect(subs.some((s) => matches(s, topics.device('hall-2', 'keypad-3', 'event')))).toBe(false);
  });
});
