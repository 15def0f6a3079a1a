import { KeypadOps } from '@hall/shared/devices';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { BRIDGED_TYPES, MessageType } from '../src/protocol/message-types.js';
import { decodeUplink, commandMessages, replyFromHub } from '../src/drivers/index.js';
import { decodeKeypadPress, decodeKeypadReply, encodeKeypadPress, encodeKeypadReply, type KeypadPress } from '../src/drivers/keypad/codec.js';
import { decodePrompt, decodeRating, encodeRating } from '../src/drivers/evaluator/codec.js';
import { decodeLedFrame, BITMAP_CHUNK } from '../src/drivers/led-strip/codec.js';
import { decodeCard, decodeCardAck, encodeCard, encodeCardAck } from '../src/drivers/id-reader/codec.js';
import { encodeMessage } from '../src/protocol/frame.js';
import { idCheckChar, isValidIdNumber, maskIdNumber } from '../src/privacy/id-number.js';

const ID = '11010519491231002X';

describe('keypad codec', () => {
  const presses: KeypadPress[] = [
    { op: 'login', staffNo: 'LN0001' },
    { op: 'logout' },
    { op: 'call-next' },
    { op: 'call', number: 'A012' },
    { op: 'recall' },
    { op: 'start' },
    { op: 'finish' },
    { op: 'no-show' },
    { op: 'transfer', toWindowNo: '12' },
    { op: 'transfer', toLineId: 'tax' },
    { op: 'transfer' },
    { op: 'suspend' },
    { op: 'pause', reason: '临时离开' },
    { op: 'pause' },
    { op: 'resume' },
    { op: 'resume-ticket', number: 'A003' },
    { op: 'resume-ticket' },
  ];
  it('round-trips every operation the hub knows, with op codes 1–13 in KeypadOps order', () => {
    for (const p of presses) {
      const m = encodeKeypadPress(42, p);
      expect(m.type).toBe(MessageType.keyRequest);
      expect(m.payload[1]).toBe(KeypadOps.indexOf(p.op) + 1);
      expect(decodeKeypadPress(m.payload)).toEqual({ ok: true, value: { seq: 42, press: p } });
    }
  });
  it('encodes a call-next press as the bytes PROTOCOL.md shows', () => {
    expect([...encodeKeypadPress(7, { op: 'call-next' }).payload]).toEqual([0x07, 0x03]);
    const reply = encodeMessage(1, encodeKeypadReply(7, { status: 'ok', windowStatus: 'calling', waiting: 3, ticket: 'A001', staffNo: 'S1', suspended: [] }));
    expect(reply.toString('hex').toUpperCase().match(/../g)!.join(' ')).toBe('A5 01 90 00 0E 07 00 02 00 03 04 41 30 30 31 02 53 31 00 96 0C 5A');
    expect([...encodeKeypadPress(1, { op: 'login', staffNo: 'S1' }).payload]).toEqual([0x01, 0x01, 0x02, 0x53, 0x31]);
  });
  it('refuses unknown ops, truncated payloads and trailing bytes', () => {
    expect(decodeKeypadPress(Buffer.from([1, 99])).ok).toBe(false);
    expect(decodeKeypadPress(Buffer.from([1, 1, 5, 0x41])).ok).toBe(false);
    expect(decodeKeypadPress(Buffer.from([1, 3, 0])).ok).toBe(false);
    expect(decodeKeypadPress(Buffer.from([1, 1, 2, 0x41, 0x07])).ok).toBe(false); // a control character
  });
  it('replies: the display data, or a refusal with its Chinese message cut to the display', () => {
    const ok = encodeKeypadReply(9, { status: 'ok', windowStatus: 'calling', waiting: 3, ticket: 'A001', staffNo: 'S1' });
    expect(decodeKeypadReply(ok.payload)).toEqual({ ok: true, value: { seq: 9, reply: { status: 'ok', windowStatus: 'calling', waiting: 3, ticket: 'A001', staffNo: 'S1', suspended: [] } } });
    const long = '窗口已暂停服务请先恢复服务再呼叫下一位办事群众谢谢';
    const refused = decodeKeypadReply(encodeKeypadReply(9, { status: 'refused', code: 'window_paused', message: long }).payload);
    expect(refused.ok && refused.value.reply).toEqual({ status: 'refused', code: 'window_paused', message: long.slice(0, 16) });
  });
  it('v2 replies list the tickets suspended at the window; a v1 reply (without the list) still decodes', () => {
    const ok = encodeKeypadReply(9, { status: 'ok', windowStatus: 'idle', waiting: 0, ticket: null, staffNo: 'S1', suspended: ['A002', 'B010'] });
    expect(decodeKeypadReply(ok.payload)).toMatchObject({ ok: true, value: { reply: { suspended: ['A002', 'B010'] } } });
    expect([...ok.payload.subarray(-11)]).toEqual([2, 4, 0x41, 0x30, 0x30, 0x32, 4, 0x42, 0x30, 0x31, 0x30]);
    const v1 = ok.payload.subarray(0, ok.payload.length - 11);
    expect(decodeKeypadReply(v1)).toMatchObject({ ok: true, value: { reply: { staffNo: 'S1', suspended: [] } } });
  });
});

describe('evaluator codec', () => {
  it('round-trips five levels and the four dimensions (attitude, quality, efficiency, integrity)', () => {
    const m = encodeRating(3, { level: 'satisfied', dimensions: { attitude: 5, quality: 4, efficiency: 3, integrity: 5 } });
    expect([...m.payload]).toEqual([3, 2, 5, 4, 3, 5]);
    expect(decodeRating(m.payload)).toEqual({ ok: true, value: { seq: 3, rating: { level: 'satisfied', dimensions: { attitude: 5, quality: 4, efficiency: 3, integrity: 5 } } } });
    expect(decodeRating(Buffer.from([1, 5, 0, 0, 0, 0]))).toEqual({ ok: true, value: { seq: 1, rating: { level: 'very-dissatisfied' } } });
  });
  it('refuses a level outside 1–5 or a score over 5', () => {
    expect(decodeRating(Buffer.from([1, 0, 0, 0, 0, 0])).ok).toBe(false);
    expect(decodeRating(Buffer.from([1, 6, 0, 0, 0, 0])).ok).toBe(false);
    expect(decodeRating(Buffer.from([1, 1, 6, 0, 0, 0])).ok).toBe(false);
  });
  it('turns the hub’s prompt-rating command into a PROMPT frame', () => {
    const r = commandMessages('evaluator', { command: 'prompt-rating', ticket: 'A001', windowNo: '3' }, () => 5);
    expect(r.ok && r.value[0]!.message.type).toBe(MessageType.promptRating);
    expect(r.ok && decodePrompt(r.value[0]!.message.payload)).toEqual({ ok: true, value: { seq: 5, prompt: { ticket: 'A001', windowNo: '3' } } });
  });
});

describe('LED strip codec', () => {
  let seq = 0;
  const next = () => seq++;
  it('writes call text as GBK into RAM area 0, flagged as a (re)call', () => {
    const r = commandMessages('led-strip', { command: 'show-call', text: '请A001到3号窗口', ticket: 'A001', windowNo: '3', recall: true, seq: 1 }, next);
    expect(r.ok).toBe(true);
    const m = r.ok ? r.value[0]!.message : null;
    expect(m!.type).toBe(MessageType.ledText);
    // 请 in GBK is C7 EB
    expect([...m!.payload.subarray(3, 5)]).toEqual([0xc7, 0xeb]);
    expect(decodeLedFrame(m!)).toMatchObject({ ok: true, value: { kind: 'text', area: 0, call: true, recall: true, text: '请A001到3号窗口' } });
  });
  it('shows a character GBK lacks as □ instead of dropping the text', () => {
    const r = commandMessages('led-strip', { command: 'show-text', text: '窗口😀暂停' }, next);
    expect(r.ok && decodeLedFrame(r.value[0]!.message)).toMatchObject({ ok: true, value: { text: '窗口□暂停' } });
  });
  it('sends a bitmap in chunks that each fit a frame, and refuses one whose size does not match', () => {
    const width = 256;
    const height = 64;
    const data = Buffer.alloc((width / 8) * height, 0x55);
    const r = commandMessages('led-strip', { command: 'show-bitmap', width, height, bitmap: data.toString('base64'), area: 2 }, next);
    expect(r.ok).toBe(true);
    const chunks = r.ok ? r.value.map((x) => decodeLedFrame(x.message)) : [];
    expect(chunks).toHaveLength(Math.ceil(data.length / BITMAP_CHUNK));
    const joined = Buffer.concat(chunks.map((c) => (c.ok && c.value.kind === 'bitmap' ? c.value.data : Buffer.alloc(0))));
    expect(joined.equals(data)).toBe(true);
    expect(commandMessages('led-strip', { command: 'show-bitmap', width, height, bitmap: 'AAAA' }, next).ok).toBe(false);
  });
  it('brightness, power and clear; and no frame type that writes flash exists', () => {
    for (const cmd of [{ command: 'brightness', level: 40 }, { command: 'power', on: false }, { command: 'clear' }] as const) {
      const r = commandMessages('led-strip', cmd, next);
      expect(r.ok && decodeLedFrame(r.value[0]!.message).ok).toBe(true);
    }
    expect(Object.keys(MessageType).some((k) => /flash|program|save/i.test(k))).toBe(false);
    expect(commandMessages('led-strip', { command: 'prompt-rating', ticket: 'A1', windowNo: '1' }, next).ok).toBe(false);
  });
});

describe('ID-card reader codec and ID numbers', () => {
  it('checks the GB 11643 check character and masks as 6 + 8 stars + 4', () => {
    expect(idCheckChar(ID.slice(0, 17))).toBe('X');
    expect(isValidIdNumber(ID)).toBe(true);
    expect(isValidIdNumber('110105194912310021')).toBe(false);
    expect(maskIdNumber(ID)).toBe('110105********002X');
  });
  it('round-trips a card read with a GBK name, and refuses a misread number', () => {
    const m = encodeCard(4, { name: '张三', idNumber: ID });
    expect(decodeCard(m.payload)).toEqual({ ok: true, value: { seq: 4, card: { name: '张三', idNumber: ID } } });
    const bad = encodeCard(4, { name: '张三', idNumber: '110105194912310021' });
    const d = decodeCard(bad.payload);
    expect(d.ok).toBe(false);
    expect(!d.ok && d.error).not.toContain('110105194912310021');
  });
  it('takes names in GB 18030: GBK bytes as before, and four-byte characters GBK lacks (𠮷)', () => {
    const gbk = Buffer.from([4, 4, 0xd5, 0xc5, 0xc8, 0xfd, ...Buffer.from(ID, 'latin1')]); // 张三 in GBK, as a v1 reader sends it
    expect(decodeCard(gbk)).toMatchObject({ ok: true, value: { card: { name: '张三' } } });
    const rare = Buffer.from([4, 6, 0xcd, 0xf5, 0x95, 0x34, 0xb2, 0x35, ...Buffer.from(ID, 'latin1')]); // 王𠮷
    expect(decodeCard(rare)).toMatchObject({ ok: true, value: { card: { name: '王𠮷' } } });
    expect(decodeCard(encodeCard(4, { name: '王䶮', idNumber: ID }).payload)).toMatchObject({ ok: true, value: { card: { name: '王䶮' } } });
    // 䶮 as PROTOCOL.md §6 gives its bytes (FE 9F): the name 刘䶮 as a reader sends it
    const yan = Buffer.from([5, 4, 0xc1, 0xf5, 0xfe, 0x9f, ...Buffer.from(ID, 'latin1')]);
    expect(decodeCard(yan)).toMatchObject({ ok: true, value: { card: { name: '刘䶮' } } });
  });
  it('CARD_ACK says taken (0), refused (1) or hub offline (2)', () => {
    expect([...encodeCardAck(3, 'hub-offline').payload]).toEqual([3, 2]);
    expect(decodeCardAck(Buffer.from([3, 1]))).toEqual({ ok: true, value: { seq: 3, ok: false, status: 'refused' } });
  });
});

describe('the bridge’s uplink decoding', () => {
  it('accepts a frame type only from the device type that sends it', () => {
    const press = encodeKeypadPress(1, { op: 'call-next' });
    expect(decodeUplink('keypad', press)).toEqual({ ok: true, value: { kind: 'request', seq: 1, op: 'call-next', body: {} } });
    expect(decodeUplink('evaluator', press).ok).toBe(false);
    expect(decodeUplink('led-strip', encodeRating(1, { level: 'basic' })).ok).toBe(false);
  });
  it('never throws on random payloads of any type, for any device type', () => {
    fc.assert(
      fc.property(fc.constantFrom(...BRIDGED_TYPES), fc.integer({ min: 0, max: 255 }), fc.uint8Array({ maxLength: 80 }), (t, type, bytes) => {
        const r = decodeUplink(t, { type, payload: Buffer.from(bytes) });
        expect(typeof r.ok).toBe('boolean');
        const led = decodeLedFrame({ type, payload: Buffer.from(bytes) });
        expect(typeof led.ok).toBe('boolean');
      }),
      { numRuns: 5000 },
    );
  });
  it('turns the hub’s keypad response into the reply frame, and a refusal into its message', () => {
    const ok = replyFromHub('keypad', 3, { status: 'ok', transaction: 't', data: { windowNo: '1', windowStatus: 'idle', staffNo: 'S1', ticket: null, waiting: 2 } });
    expect(decodeKeypadReply(ok!.payload)).toMatchObject({ ok: true, value: { seq: 3, reply: { status: 'ok', waiting: 2, ticket: null } } });
    const no = replyFromHub('keypad', 3, { status: 'error', error: { code: 'queue_empty', message: '没有等候的号', messageEn: 'Nobody is waiting' } });
    expect(decodeKeypadReply(no!.payload)).toMatchObject({ ok: true, value: { reply: { status: 'refused', code: 'queue_empty', message: '没有等候的号' } } });
  });
});
