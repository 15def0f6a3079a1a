import { KeypadReplySchema, type DeviceCommand, type ResponseEnvelope } from '@hall/shared/devices';
import { Value } from '@sinclair/typebox/value';
import type { Decoded } from '../protocol/fields.js';
import type { Message } from '../protocol/frame.js';
import { MessageType, type BridgedType } from '../protocol/message-types.js';
import { decodeAck, decodeHello, type Ack, type Hello } from './common/codec.js';
import type { ReplyError } from './common/reply.js';
import { decodeRating, encodePrompt, encodeRateReply } from './evaluator/codec.js';
import { decodeCard, encodeCardAck, type CardAckStatus, type CardRead } from './id-reader/codec.js';
import { decodeKeypadPress, encodeKeypadReply, pressBody } from './keypad/codec.js';
import { encodeLedFrame, ledFramesFor } from './led-strip/codec.js';

/** What a device said, as the bridge acts on it. */
export type Uplink =
  | { kind: 'hello'; hello: Hello }
  | { kind: 'ack'; ack: Ack }
  /** a request for the hub: `op` and the body of its request topic (without the transaction) */
  | { kind: 'request'; seq: number; op: string; body: Record<string, unknown> }
  | { kind: 'card'; seq: number; card: CardRead };

const wrongType = (t: BridgedType, type: number): Decoded<never> => ({ ok: false, error: `a ${t} does not send type 0x${type.toString(16).padStart(2, '0')}` });

/** Decodes a frame from a device of the given type; a frame type the device does not send is refused. */
export function decodeUplink(deviceType: BridgedType, m: Message): Decoded<Uplink> {
  const map = <T>(d: Decoded<T>, f: (v: T) => Uplink): Decoded<Uplink> => (d.ok ? { ok: true, value: f(d.value) } : d);
  switch (m.type) {
    case MessageType.hello:
      return map(decodeHello(m.payload), (hello) => ({ kind: 'hello', hello }));
    case MessageType.ack:
      return map(decodeAck(m.payload), (ack) => ({ kind: 'ack', ack }));
    case MessageType.keyRequest:
      if (deviceType !== 'keypad') return wrongType(deviceType, m.type);
      return map(decodeKeypadPress(m.payload), ({ seq, press }) => ({ kind: 'request', seq, op: press.op, body: pressBody(press) }));
    case MessageType.rate:
      if (deviceType !== 'evaluator') return wrongType(deviceType, m.type);
      return map(decodeRating(m.payload), ({ seq, rating }) => ({ kind: 'request', seq, op: 'rate', body: { ...rating } }));
    case MessageType.card:
      if (deviceType !== 'id-reader') return wrongType(deviceType, m.type);
      return map(decodeCard(m.payload), ({ seq, card }) => ({ kind: 'card', seq, card }));
    default:
      return wrongType(deviceType, m.type);
  }
}

/** The reply frame for a device's request, from the hub's response envelope. */
export function replyFromHub(deviceType: BridgedType, seq: number, response: ResponseEnvelope): Message | null {
  if (response.status === 'error') return localReply(deviceType, seq, { status: 'refused', code: response.error.code, message: response.error.message });
  if (deviceType === 'keypad') {
    if (!Value.Check(KeypadReplySchema, response.data)) return localReply(deviceType, seq, { status: 'invalid', code: 'bad_reply', message: '中心应答有误' });
    const { windowNo: _w, ...display } = response.data;
    return encodeKeypadReply(seq, { status: 'ok', ...display });
  }
  if (deviceType === 'evaluator') return encodeRateReply(seq, { status: 'ok' });
  return null;
}

/** A reply the bridge gives on its own: the request was invalid, the hub is unreachable or did not answer. */
export function localReply(deviceType: BridgedType, seq: number, error: ReplyError): Message | null {
  if (deviceType === 'keypad') return encodeKeypadReply(seq, error);
  if (deviceType === 'evaluator') return encodeRateReply(seq, error);
  return null;
}

export function cardAck(seq: number, status: CardAckStatus): Message {
  return encodeCardAck(seq, status);
}

/** The frames for a hub command to a device, each with its own sequence number (the device ACKs each). */
export function commandMessages(deviceType: BridgedType, cmd: DeviceCommand, nextSeq: () => number): Decoded<Array<{ seq: number; message: Message }>> {
  if (deviceType === 'led-strip') {
    const frames = ledFramesFor(cmd, nextSeq);
    return frames.ok ? { ok: true, value: frames.value.map((f) => ({ seq: f.seq, message: encodeLedFrame(f) })) } : frames;
  }
  if (deviceType === 'evaluator' && cmd.command === 'prompt-rating') {
    const seq = nextSeq();
    return { ok: true, value: [{ seq, message: encodePrompt(seq, { ticket: cmd.ticket, windowNo: cmd.windowNo }) }] };
  }
  return { ok: false, error: `a ${deviceType} has no command ${cmd.command}` };
}
