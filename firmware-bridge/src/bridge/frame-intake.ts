import type { Logger } from 'pino';
import { decodeUplink, type Uplink } from '../drivers/index.js';
import type { Frame } from '../protocol/frame.js';
import { MessageType, type BridgedType } from '../protocol/message-types.js';
import type { Channel } from '../transport/stream-channel.js';
import type { CommandDelivery } from './command-delivery.js';
import type { createCounters } from './counters.js';
import { addressKey, type DeviceRuntime } from './device-runtime.js';
import type { DeviceOutput } from './device-output.js';
import type { HubRequests } from './hub-requests.js';

/** the frame type each device sends its requests in (answered by seq) */
const REQUEST_TYPES: Record<BridgedType, number | null> = {
  keypad: MessageType.keyRequest,
  evaluator: MessageType.rate,
  'id-reader': MessageType.card,
  'led-strip': null,
};

export interface FrameIntakeDeps {
  /** the devices by link and address (device-runtime.ts addressKey) */
  byAddress: ReadonlyMap<string, DeviceRuntime>;
  out: DeviceOutput;
  requests: HubRequests;
  commands: CommandDelivery;
  counters: ReturnType<typeof createCounters>;
  logger: Logger;
}

/** A frame with a good CRC from one of the links: who sent it, whether it is who it says, and what it asks. */
export function createFrameIntake(deps: FrameIntakeDeps): (linkId: string, frame: Frame, channel: Channel) => void {
  const { out, requests, counters, logger } = deps;

  function onUplink(d: DeviceRuntime, u: Uplink, payload: Buffer): void {
    switch (u.kind) {
      case 'hello':
        // every HELLO, not only the first: a device updated in place says its new version when it comes back
        return out.setState(d, { version: u.hello.firmware });
      case 'ack': {
        const a = d.awaitingAck.get(u.ack.seq);
        if (!a) return;
        clearTimeout(a.timer);
        if (u.ack.status === 'busy') return a.onBusy();
        d.awaitingAck.delete(u.ack.seq);
        if (u.ack.status === 'ok') a.onOk?.();
        else {
          counters.add('device_refused');
          logger.warn({ device: d.config.id, status: u.ack.status }, 'device refused a command');
        }
        return;
      }
      case 'request':
        return requests.onRequest(d, u.seq, u.op, u.body, payload);
      case 'card':
        return requests.onCard(d, u.seq, u.card, payload);
    }
  }

  return function onFrame(linkId, frame, channel) {
    const d = deps.byAddress.get(addressKey(linkId, frame.address));
    if (!d) return counters.add('unknown_address');
    const decoded = decodeUplink(d.config.type, frame);
    // A device whose HELLO names another kind than configured is not the device configured there (a wrong
    // address, a wrong board): it is not taken for online, and nothing it sends is acted on until it says so.
    if (decoded.ok && decoded.value.kind === 'hello') {
      const says = decoded.value.hello.kind;
      if (says !== d.config.type) {
        counters.add('wrong_kind');
        if (d.wrongKind !== says) logger.error({ device: d.config.id, configured: d.config.type, says }, `device ${d.config.id} says it is a ${says}, configured as a ${d.config.type}: refused`);
        d.wrongKind = says;
        out.setOnline(d, false, 'wrong kind');
        return;
      }
      d.wrongKind = null;
    }
    if (d.wrongKind !== null) return counters.add('wrong_kind');
    // A frame with a good CRC still proves the device is there, even if its payload is refused.
    d.lastHeard = Date.now();
    d.channel = channel;
    out.setOnline(d, true, 'heard');
    if (!decoded.ok) {
      counters.add('bad_frame_payload');
      logger.debug({ device: d.config.id, type: frame.type, error: decoded.error }, 'frame refused');
      // The CRC held, so the bytes are what the device sent: a request it cannot have answered would only be
      // repeated, so it is refused by its sequence number (the first payload byte of every request).
      if (REQUEST_TYPES[d.config.type] === frame.type && frame.payload.length > 0) requests.refuseRequest(d, frame.payload[0]!);
      return;
    }
    onUplink(d, decoded.value, frame.payload);
    deps.commands.converge(d);
  };
}
