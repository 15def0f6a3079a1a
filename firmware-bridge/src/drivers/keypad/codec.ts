import { KeypadOps, type KeypadOp, type KeypadReply } from '@hall/shared/devices';
import { WindowStatusSchema, type WindowStatus } from '@hall/shared/queue';
import { DecodeError, PayloadWriter, decodeWith, type Decoded } from '../../protocol/fields.js';
import type { Message } from '../../protocol/frame.js';
import { MessageType } from '../../protocol/message-types.js';
import { readReplyError, readReplyStatus, writeReplyError, type ReplyError } from '../common/reply.js';

/**
 * Caller keypad (呼叫器). Uplink KEY (0x10): seq, op, op arguments. Downlink KEY_REPLY (0x90): seq, status, then
 * what the keypad's display shows (ok) or a code and message (refused). Byte tables: PROTOCOL.md §3.
 */
export type KeypadPress =
  | { op: 'login'; staffNo: string }
  | { op: 'call'; number: string }
  | { op: 'transfer'; toWindowNo?: string; toLineId?: string }
  | { op: 'pause'; reason?: string }
  /** without a number, the ticket suspended last at the window (the number is sent empty) */
  | { op: 'resume-ticket'; number?: string }
  | { op: Exclude<KeypadOp, 'login' | 'call' | 'transfer' | 'pause' | 'resume-ticket'> };

/** op codes on the wire: the position in KeypadOps plus one (login 0x01 … resume 0x0C, resume-ticket 0x0D) */
const opCode = (op: KeypadOp) => KeypadOps.indexOf(op) + 1;
const TRANSFER_NONE = 0;
const TRANSFER_WINDOW = 1;
const TRANSFER_LINE = 2;

export function encodeKeypadPress(seq: number, press: KeypadPress): Message {
  const w = new PayloadWriter().u8(seq).u8(opCode(press.op));
  switch (press.op) {
    case 'login':
      w.ascii8(press.staffNo);
      break;
    case 'call':
      w.ascii8(press.number);
      break;
    case 'transfer':
      if (press.toWindowNo !== undefined) w.u8(TRANSFER_WINDOW).ascii8(press.toWindowNo);
      else if (press.toLineId !== undefined) w.u8(TRANSFER_LINE).ascii8(press.toLineId);
      else w.u8(TRANSFER_NONE);
      break;
    case 'pause':
      w.gbk8(press.reason ?? '');
      break;
    case 'resume-ticket':
      w.ascii8(press.number ?? '');
      break;
  }
  return { type: MessageType.keyRequest, payload: w.build() };
}

export function decodeKeypadPress(payload: Buffer): Decoded<{ seq: number; press: KeypadPress }> {
  return decodeWith(payload, (r) => {
    const seq = r.u8('seq');
    const code = r.u8('op');
    const op = KeypadOps[code - 1];
    if (!op) throw new DecodeError(`op ${code} is unknown`);
    switch (op) {
      case 'login':
        return { seq, press: { op, staffNo: r.ascii8('staffNo') } };
      case 'call':
        return { seq, press: { op, number: r.ascii8('number') } };
      case 'transfer': {
        const kind = r.u8('transfer target');
        if (kind === TRANSFER_NONE) return { seq, press: { op } };
        if (kind === TRANSFER_WINDOW) return { seq, press: { op, toWindowNo: r.ascii8('window') } };
        if (kind === TRANSFER_LINE) return { seq, press: { op, toLineId: r.ascii8('line') } };
        throw new DecodeError(`transfer target ${kind} is unknown`);
      }
      case 'pause': {
        const reason = r.gbk8('reason');
        return { seq, press: reason ? { op, reason } : { op } };
      }
      case 'resume-ticket': {
        const number = r.ascii8('number');
        return { seq, press: number ? { op, number } : { op } };
      }
      default:
        return { seq, press: { op } };
    }
  });
}

/** The request body the hub expects for a press (KeypadRequestSchemas), without its transaction. */
export function pressBody(press: KeypadPress): Record<string, unknown> {
  const { op: _op, ...body } = press;
  return body;
}

const MAX_SUSPENDED_LISTED = 8;

export type KeypadFrameReply = ({ status: 'ok' } & Omit<KeypadReply, 'windowNo'>) | ReplyError;

const WINDOW_STATUSES = WindowStatusSchema.anyOf.map((s) => s.const) as WindowStatus[];

export function encodeKeypadReply(seq: number, reply: KeypadFrameReply): Message {
  const w = new PayloadWriter().u8(seq);
  if (reply.status === 'ok') {
    w.u8(0)
      .u8(Math.max(0, WINDOW_STATUSES.indexOf(reply.windowStatus as WindowStatus)))
      .u16(Math.min(0xffff, reply.waiting))
      .ascii8(reply.ticket ?? '')
      .ascii8(reply.staffNo ?? '');
    // v2: the tickets suspended at the window (挂起), oldest first, at most eight — the keypad's resume list.
    const suspended = (reply.suspended ?? []).slice(-MAX_SUSPENDED_LISTED);
    w.u8(suspended.length);
    for (const n of suspended) w.ascii8(n);
  } else writeReplyError(w, reply);
  return { type: MessageType.keyReply, payload: w.build() };
}

export function decodeKeypadReply(payload: Buffer): Decoded<{ seq: number; reply: KeypadFrameReply }> {
  return decodeWith(payload, (r) => {
    const seq = r.u8('seq');
    const status = readReplyStatus(r);
    if (status !== 'ok') return { seq, reply: readReplyError(r, status) };
    const windowStatus = WINDOW_STATUSES[r.u8('window status')];
    if (!windowStatus) throw new DecodeError('window status is unknown');
    const waiting = r.u16('waiting');
    const ticket = r.ascii8('ticket') || null;
    const staffNo = r.ascii8('staffNo') || null;
    // a v1 reply ends here
    const suspended: string[] = [];
    if (r.more()) for (let n = r.u8('suspended count'); n > 0; n--) suspended.push(r.ascii8('suspended ticket'));
    return { seq, reply: { status, windowStatus, waiting, ticket, staffNo, suspended } };
  });
}
