import { crc16Modbus } from './crc16.js';

/**
 * One frame on the wire (PROTOCOL.md §1):
 *
 *   A5 | address | type | length (u16 BE) | payload (length bytes) | CRC-16/MODBUS (u16 LE) | 5A
 *
 * The CRC covers address, type, length and payload. No byte stuffing: the framer finds frames by start byte,
 * bounded length, end byte and CRC, and resynchronizes one byte later when any of them fails.
 */
export const SOF = 0xa5;
export const EOF = 0x5a;
export const HEADER_BYTES = 5;
export const OVERHEAD_BYTES = 8;
/** A frame carries at most this much payload: bounds how long a false start byte can hold the framer. */
export const MAX_PAYLOAD = 1024;
export const BROADCAST = 0x00;

export interface Frame {
  /** bus address of the device the frame is from (uplink) or to (downlink); 0 = every device */
  address: number;
  type: number;
  payload: Buffer;
}

/** A message before it is addressed: what a codec produces and consumes. */
export interface Message {
  type: number;
  payload: Buffer;
}

export function encodeFrame(address: number, type: number, payload: Uint8Array = Buffer.alloc(0)): Buffer {
  if (!Number.isInteger(address) || address < 0 || address > 0xff) throw new RangeError(`address ${address} is not a byte`);
  if (!Number.isInteger(type) || type < 0 || type > 0xff) throw new RangeError(`type ${type} is not a byte`);
  if (payload.length > MAX_PAYLOAD) throw new RangeError(`payload of ${payload.length} bytes exceeds ${MAX_PAYLOAD}`);
  const out = Buffer.allocUnsafe(payload.length + OVERHEAD_BYTES);
  out[0] = SOF;
  out[1] = address;
  out[2] = type;
  out.writeUInt16BE(payload.length, 3);
  out.set(payload, HEADER_BYTES);
  const crcAt = HEADER_BYTES + payload.length;
  out.writeUInt16LE(crc16Modbus(out, 1, crcAt), crcAt);
  out[crcAt + 2] = EOF;
  return out;
}

export const encodeMessage = (address: number, m: Message): Buffer => encodeFrame(address, m.type, m.payload);
