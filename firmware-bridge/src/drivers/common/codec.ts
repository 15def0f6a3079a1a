import { DecodeError, PayloadWriter, decodeWith, type Decoded } from '../../protocol/fields.js';
import type { Message } from '../../protocol/frame.js';
import { ACK_STATUSES, BRIDGED_TYPES, KIND_CODES, MessageType, type AckStatus, type BridgedType } from '../../protocol/message-types.js';

/** HELLO: a device says what it is — on power-up, on link-up and in answer to PING. */
export interface Hello {
  kind: BridgedType;
  firmware: string;
}

export function encodeHello(h: Hello): Message {
  return { type: MessageType.hello, payload: new PayloadWriter().u8(KIND_CODES[h.kind]).ascii8(h.firmware).build() };
}

export function decodeHello(payload: Buffer): Decoded<Hello> {
  return decodeWith(payload, (r) => {
    const code = r.u8('kind');
    const kind = BRIDGED_TYPES.find((t) => KIND_CODES[t] === code);
    if (!kind) throw new DecodeError(`kind ${code} is unknown`);
    return { kind, firmware: r.ascii8('firmware') };
  });
}

/** ACK: a device confirms a downlink command by its sequence number. */
export interface Ack {
  seq: number;
  status: AckStatus;
}

export function encodeAck(a: Ack): Message {
  return { type: MessageType.ack, payload: new PayloadWriter().u8(a.seq).u8(ACK_STATUSES.indexOf(a.status)).build() };
}

export function decodeAck(payload: Buffer): Decoded<Ack> {
  return decodeWith(payload, (r) => {
    const seq = r.u8('seq');
    const status = ACK_STATUSES[r.u8('status')];
    if (!status) throw new DecodeError('status is unknown');
    return { seq, status };
  });
}

export const encodePing = (): Message => ({ type: MessageType.ping, payload: Buffer.alloc(0) });

