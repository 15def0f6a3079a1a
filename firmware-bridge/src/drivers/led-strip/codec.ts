import type { DeviceCommand } from '@hall/shared/devices';
import { DecodeError, PayloadWriter, decodeWith, fitGbk, gbkBytes, gbkOf, hasControl, type Decoded } from '../../protocol/fields.js';
import { MAX_PAYLOAD, type Message } from '../../protocol/frame.js';
import { MessageType } from '../../protocol/message-types.js';

/**
 * LED strip controller (条屏). Everything is written to RAM areas (动态区, 0–7), which can be rewritten without
 * limit; the protocol has no frame that writes flash (programs in flash wear out after ~100k erases — Onbon BX
 * manual, "动态区"). Text is GBK, as the controllers' font chips are; bitmaps are 1 bit per pixel, row-major, MSB
 * first, width a multiple of 8, sent in chunks that each fit a frame. PROTOCOL.md §5.
 */
export const AREAS = 8;
export const ALL_AREAS = 0xff;
export const MAX_WIDTH = 512;
export const MAX_HEIGHT = 128;
const TEXT_HEAD = 3;
const BITMAP_HEAD = 8;
/** bitmap bytes per frame: the frame's payload limit less the chunk header */
export const BITMAP_CHUNK = MAX_PAYLOAD - BITMAP_HEAD;
const FLAG_CALL = 0x01;
const FLAG_RECALL = 0x02;

export type LedFrameCommand =
  | { kind: 'text'; seq: number; area: number; call: boolean; recall: boolean; text: string }
  | { kind: 'bitmap'; seq: number; area: number; width: number; height: number; offset: number; data: Buffer }
  | { kind: 'clear'; seq: number; area: number }
  | { kind: 'brightness'; seq: number; level: number }
  | { kind: 'power'; seq: number; on: boolean };

/** Characters the controller's GBK font lacks are shown as □ rather than dropping the whole text. */
function gbkText(text: string): Buffer {
  let safe = '';
  for (const ch of text) {
    try {
      gbkBytes(ch);
      safe += hasControl(ch) ? ' ' : ch;
    } catch {
      safe += '□';
    }
  }
  return gbkBytes(fitGbk(safe, MAX_PAYLOAD - TEXT_HEAD));
}

export function encodeLedFrame(c: LedFrameCommand): Message {
  const w = new PayloadWriter().u8(c.seq);
  switch (c.kind) {
    case 'text':
      return { type: MessageType.ledText, payload: w.u8(c.area).u8((c.call ? FLAG_CALL : 0) | (c.recall ? FLAG_RECALL : 0)).bytes(gbkText(c.text)).build() };
    case 'bitmap':
      return { type: MessageType.ledBitmap, payload: w.u8(c.area).u16(c.width).u16(c.height).u16(c.offset).bytes(c.data).build() };
    case 'clear':
      return { type: MessageType.ledClear, payload: w.u8(c.area).build() };
    case 'brightness':
      return { type: MessageType.ledBrightness, payload: w.u8(c.level).build() };
    case 'power':
      return { type: MessageType.ledPower, payload: w.u8(c.on ? 1 : 0).build() };
  }
}

/**
 * The frames for one hub command, each with a sequence number from `nextSeq` (the controller acknowledges each).
 * Commands that are not for a strip, or a bitmap whose size does not match, are refused.
 */
export function ledFramesFor(cmd: DeviceCommand, nextSeq: () => number): Decoded<LedFrameCommand[]> {
  switch (cmd.command) {
    case 'show-call':
      return { ok: true, value: [{ kind: 'text', seq: nextSeq(), area: 0, call: true, recall: cmd.recall, text: cmd.text }] };
    case 'show-text':
      return { ok: true, value: [{ kind: 'text', seq: nextSeq(), area: 0, call: false, recall: false, text: cmd.text }] };
    case 'clear':
      return { ok: true, value: [{ kind: 'clear', seq: nextSeq(), area: ALL_AREAS }] };
    case 'brightness':
      return { ok: true, value: [{ kind: 'brightness', seq: nextSeq(), level: cmd.level }] };
    case 'power':
      return { ok: true, value: [{ kind: 'power', seq: nextSeq(), on: cmd.on }] };
    case 'show-bitmap': {
      const data = Buffer.from(cmd.bitmap, 'base64');
      const want = (cmd.width / 8) * cmd.height;
      if (cmd.width % 8 !== 0 || cmd.width > MAX_WIDTH || cmd.height > MAX_HEIGHT || data.length !== want) {
        return { ok: false, error: `bitmap of ${data.length} bytes does not fit ${cmd.width}×${cmd.height} (want ${want})` };
      }
      const area = cmd.area ?? 0;
      const out: LedFrameCommand[] = [];
      for (let offset = 0; offset < data.length; offset += BITMAP_CHUNK) {
        out.push({ kind: 'bitmap', seq: nextSeq(), area, width: cmd.width, height: cmd.height, offset, data: data.subarray(offset, offset + BITMAP_CHUNK) });
      }
      return { ok: true, value: out };
    }
    default:
      return { ok: false, error: `a LED strip has no command ${cmd.command}` };
  }
}

const area = (a: number, allowAll: boolean) => {
  if (a < AREAS || (allowAll && a === ALL_AREAS)) return a;
  throw new DecodeError(`area ${a} is not 0–${AREAS - 1}`);
};

/** The controller's side: a downlink frame as a command (the simulator uses it; so would real firmware tests). */
export function decodeLedFrame(m: Message): Decoded<LedFrameCommand> {
  return decodeWith(m.payload, (r) => {
    const seq = r.u8('seq');
    switch (m.type) {
      case MessageType.ledText: {
        const a = area(r.u8('area'), false);
        const flags = r.u8('flags');
        return { kind: 'text', seq, area: a, call: (flags & FLAG_CALL) !== 0, recall: (flags & FLAG_RECALL) !== 0, text: gbkOf(r.rest(), 'text') };
      }
      case MessageType.ledBitmap: {
        const a = area(r.u8('area'), false);
        const width = r.u16('width');
        const height = r.u16('height');
        const offset = r.u16('offset');
        const data = Buffer.from(r.rest());
        if (width === 0 || width % 8 !== 0 || width > MAX_WIDTH || height === 0 || height > MAX_HEIGHT) throw new DecodeError(`size ${width}×${height} is not allowed`);
        if (data.length === 0 || offset + data.length > (width / 8) * height) throw new DecodeError('chunk outside the bitmap');
        return { kind: 'bitmap', seq, area: a, width, height, offset, data };
      }
      case MessageType.ledClear:
        return { kind: 'clear', seq, area: area(r.u8('area'), true) };
      case MessageType.ledBrightness: {
        const level = r.u8('level');
        if (level > 100) throw new DecodeError(`brightness ${level} is over 100`);
        return { kind: 'brightness', seq, level };
      }
      case MessageType.ledPower: {
        const on = r.u8('on');
        if (on > 1) throw new DecodeError('power is not 0 or 1');
        return { kind: 'power', seq, on: on === 1 };
      }
      default:
        throw new DecodeError(`type 0x${m.type.toString(16)} is not a LED strip command`);
    }
  });
}
