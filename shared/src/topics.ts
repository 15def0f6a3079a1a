/**
 * MQTT topic builders and parsers (zigbee2mqtt / Homie style). Every topic the hall uses is built here; call
 * sites never concatenate topic strings.
 *
 *   hall/{hallId}/dev/{deviceId}/event            device → hub, not retained (button presses, ratings, card reads)
 *   hall/{hallId}/dev/{deviceId}/state            device → hub, retained
 *   hall/{hallId}/dev/{deviceId}/availability     retained: online | offline
 *   hall/{hallId}/dev/{deviceId}/set              hub → device commands, not retained
 *   hall/{hallId}/dev/{deviceId}/request/{op}     device → hub request, answered on …/response/{op}
 *   hall/{hallId}/bridge/{bridgeId}/state         retained: online | offline (the bridge's last will)
 *   hall/{hallId}/bridge/{bridgeId}/request/{op}  → …/bridge/{bridgeId}/response/{op}
 *   hall/{hallId}/hub/state                       retained: online | offline (the hub's last will)
 */
export type DeviceChannel = 'event' | 'state' | 'availability' | 'set';

const SEGMENT = /^[A-Za-z0-9_.-]{1,64}$/;

function seg(value: string, what: string): string {
  if (!SEGMENT.test(value)) throw new Error(`${what} ${JSON.stringify(value)} cannot be a topic segment`);
  return value;
}

export const topics = {
  device: (hallId: string, deviceId: string, channel: DeviceChannel) =>
    `hall/${seg(hallId, 'hall id')}/dev/${seg(deviceId, 'device id')}/${channel}`,
  deviceRequest: (hallId: string, deviceId: string, op: string) =>
    `hall/${seg(hallId, 'hall id')}/dev/${seg(deviceId, 'device id')}/request/${seg(op, 'operation')}`,
  deviceResponse: (hallId: string, deviceId: string, op: string) =>
    `hall/${seg(hallId, 'hall id')}/dev/${seg(deviceId, 'device id')}/response/${seg(op, 'operation')}`,
  bridgeState: (hallId: string, bridgeId: string) => `hall/${seg(hallId, 'hall id')}/bridge/${seg(bridgeId, 'bridge id')}/state`,
  bridgeRequest: (hallId: string, bridgeId: string, op: string) =>
    `hall/${seg(hallId, 'hall id')}/bridge/${seg(bridgeId, 'bridge id')}/request/${seg(op, 'operation')}`,
  bridgeResponse: (hallId: string, bridgeId: string, op: string) =>
    `hall/${seg(hallId, 'hall id')}/bridge/${seg(bridgeId, 'bridge id')}/response/${seg(op, 'operation')}`,
  hubState: (hallId: string) => `hall/${seg(hallId, 'hall id')}/hub/state`,
  /** what the hub subscribes to */
  hubSubscriptions: (hallId: string) => [
    `hall/${seg(hallId, 'hall id')}/dev/+/event`,
    `hall/${hallId}/dev/+/state`,
    `hall/${hallId}/dev/+/availability`,
    `hall/${hallId}/dev/+/request/+`,
    `hall/${hallId}/bridge/+/state`,
    `hall/${hallId}/bridge/+/request/+`,
  ],
};

export type ParsedTopic =
  | { kind: 'device'; hallId: string; deviceId: string; channel: DeviceChannel }
  | { kind: 'device-request'; hallId: string; deviceId: string; op: string }
  | { kind: 'device-response'; hallId: string; deviceId: string; op: string }
  | { kind: 'bridge-state'; hallId: string; bridgeId: string }
  | { kind: 'bridge-request'; hallId: string; bridgeId: string; op: string }
  | { kind: 'bridge-response'; hallId: string; bridgeId: string; op: string }
  | { kind: 'hub-state'; hallId: string };

const CHANNELS: readonly string[] = ['event', 'state', 'availability', 'set'];

/** The inverse of the builders; null for any topic outside the hall's tree. */
export function parseTopic(topic: string): ParsedTopic | null {
  const p = topic.split('/');
  if (p[0] !== 'hall' || p.length < 3 || !p.slice(1).every((s) => SEGMENT.test(s))) return null;
  const hallId = p[1]!;
  if (p[2] === 'hub' && p.length === 4 && p[3] === 'state') return { kind: 'hub-state', hallId };
  if (p[2] === 'dev' && p.length === 5 && CHANNELS.includes(p[4]!)) {
    return { kind: 'device', hallId, deviceId: p[3]!, channel: p[4] as DeviceChannel };
  }
  if (p[2] === 'dev' && p.length === 6 && (p[4] === 'request' || p[4] === 'response')) {
    return { kind: p[4] === 'request' ? 'device-request' : 'device-response', hallId, deviceId: p[3]!, op: p[5]! };
  }
  if (p[2] === 'bridge' && p.length === 5 && p[4] === 'state') return { kind: 'bridge-state', hallId, bridgeId: p[3]! };
  if (p[2] === 'bridge' && p.length === 6 && (p[4] === 'request' || p[4] === 'response')) {
    return { kind: p[4] === 'request' ? 'bridge-request' : 'bridge-response', hallId, bridgeId: p[3]!, op: p[5]! };
  }
  return null;
}
