import type { Logger } from 'pino';
import type { HubConnection } from '../mqtt/hub-connection.js';
import { encodeMessage, type Message } from '../protocol/frame.js';
import type { Link } from '../transport/links.js';
import type { DeviceRuntime, StateValue } from './device-runtime.js';

/** What the bridge sends to a device, and what it tells the hub about one (online, state). */
export interface DeviceOutput {
  /** encodes and sends a message on the channel the device was last heard on; returns the frame */
  send(d: DeviceRuntime, m: Message): Buffer;
  /** sends a frame already encoded (a repeat) */
  resend(d: DeviceRuntime, frame: Buffer): void;
  /** sends the reply to request `seq`, remembered so that a repeat of that request gets it again */
  reply(d: DeviceRuntime, seq: number, m: Message): void;
  setOnline(d: DeviceRuntime, online: boolean, why: string): void;
  setState(d: DeviceRuntime, patch: Record<string, StateValue>): void;
}

export function createDeviceOutput(deps: { links: ReadonlyMap<string, Link>; hub: () => HubConnection; logger: Logger }): DeviceOutput {
  const { links, logger } = deps;
  const out: DeviceOutput = {
    send(d, m) {
      const frame = encodeMessage(d.config.address, m);
      links.get(d.config.link)?.send(frame, d.channel);
      return frame;
    },
    resend: (d, frame) => links.get(d.config.link)?.send(frame, d.channel),
    reply(d, seq, m) {
      const frame = out.send(d, m);
      if (d.lastRequest?.seq === seq) d.lastRequest.reply = frame;
    },
    setOnline(d, online, why) {
      if (d.online === online) return;
      d.online = online;
      if (!online) d.channel = null;
      logger.info({ device: d.config.id, why }, online ? 'device online' : 'device offline');
      // A strip that was away may have lost its RAM areas (power cycle): it gets the latest of everything again.
      if (online) for (const slot of d.latest.keys()) d.stale.add(slot);
      if (!d.refusedBy) deps.hub().publishAvailability(d.config.id, online);
    },
    setState(d, patch) {
      const next = { ...d.state, ...patch };
      if (Object.entries(patch).every(([k, v]) => d.state[k] === v)) return;
      d.state = next;
      if (!d.refusedBy) deps.hub().publishState(d.config.id, next);
    },
  };
  return out;
}
