import type { DeviceCommand } from '@hall/shared/devices';
import type { BridgeDevice } from '../config/bridge-config-schema.js';
import type { BridgedType } from '../protocol/message-types.js';
import type { Channel } from '../transport/stream-channel.js';

export type StateValue = string | number | boolean | null;

/** A request a device sent, remembered so that its retransmission is answered, not applied twice. */
export interface LastRequest {
  seq: number;
  /** seq + payload: a device repeats a request byte for byte until it hears the reply */
  key: string;
  at: number;
  /** the reply frame once there is one, sent again to a repeat */
  reply: Buffer | null;
}

export interface AwaitedAck {
  frame: Buffer;
  tries: number;
  timer: NodeJS.Timeout;
  /** what the device now shows or is, once it has acknowledged */
  onOk?: (() => void) | undefined;
  /** ACK 3: the device asks for the command again later */
  onBusy(): void;
}

/** What the bridge knows about one device on one of its links. */
export interface DeviceRuntime {
  config: BridgeDevice;
  online: boolean;
  lastHeard: number;
  /** the channel the device was last heard on: replies go there (a TCP link has one per connection) */
  channel: Channel | null;
  state: Record<string, StateValue>;
  lastRequest: LastRequest | null;
  nextSeq: number;
  awaitingAck: Map<number, AwaitedAck>;
  /** why the hub refused this device (not behind this bridge in the hall configuration); null when served */
  refusedBy: string | null;
  /** the kind its last HELLO named, when not the configured one (then it is not taken for this device) */
  wrongKind: BridgedType | null;
  /** a strip's latest command per slot (area, brightness, power): what it should show */
  latest: Map<string, DeviceCommand>;
  /** slots whose latest command the strip never acknowledged: sent again when it is next heard */
  stale: Set<string>;
}

export function newRuntime(config: BridgeDevice): DeviceRuntime {
  return {
    config,
    online: false,
    lastHeard: 0,
    channel: null,
    state: { type: config.type, link: config.link, address: config.address },
    lastRequest: null,
    nextSeq: 0,
    awaitingAck: new Map(),
    refusedBy: null,
    wrongKind: null,
    latest: new Map(),
    stale: new Set(),
  };
}

/** A downlink sequence number, 0–255, cycling. */
export function takeSeq(d: DeviceRuntime): number {
  const s = d.nextSeq;
  d.nextSeq = (s + 1) & 0xff;
  return s;
}

export const addressKey = (link: string, address: number) => `${link}#${address}`;
