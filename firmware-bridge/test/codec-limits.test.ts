import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decodeAck, decodeHello, encodeAck, encodeHello, encodePing } from '../src/drivers/common/codec.js';
import { decodePrompt, decodeRateReply, decodeRating, encodePrompt, encodeRateReply, encodeRating } from '../src/drivers/evaluator/codec.js';
import { decodeCard, decodeCardAck, encodeCard, encodeCardAck } from '../src/drivers/id-reader/codec.js';
import { decodeKeypadPress, decodeKeypadReply, encodeKeypadPress, encodeKeypadReply, pressBody } from '../src/drivers/keypad/codec.js';
import { ALL_AREAS, BITMAP_CHUNK, decodeLedFrame, encodeLedFrame, ledFramesFor, MAX_HEIGHT, MAX_WIDTH } from '../src/drivers/led-strip/codec.js';
import { crc16Modbus } from '../src/protocol/crc16.js';
import { PayloadWriter, asciiOf, decodeWith, fitGbk, gb18030Of, gbkBytes, gbkOf, hasControl } from '../src/protocol/fields.js';
import { encodeFrame, MAX_PAYLOAD } from '../src/protocol/frame.js';
import { MessageType } from '../src/protocol/message-types.js';

// The limits of the wire format, byte by byte (PROTOCOL.md): what an encoder refuses to write, what a decoder
// refuses to read, and the exact reason each gives (it reaches the bridge's log and the `error` of an MQTT
// reply). The round trips are in codecs.test.ts; these are the edges the mutation run found untested.

const ID = '11010519491231002X';
const hex = (b: Buffer) => b.toString('hex').toUpperCase().match(/../g)?.join(' ') ?? '';
const refused = (error: string) => ({ ok: false, error });

describe('payload fields', () => {
  it('a byte is 0–255 and a u16 0–65535, whole numbers only; the writer says which value it refused', () => {
    expect([...new PayloadWriter().u8(0).u8(255).u16(0).u16(0xffff).u16(0x1234).build()]).toEqual([0, 255, 0, 0, 0xff, 0xff, 0x12, 0x34]);
    expect(() => new PayloadWriter().u8(256)).toThrow(new RangeError('256 is not a byte'));
    expect(() => new PayloadWriter().u8(-1)).toThrow(new RangeError('-1 is not a byte'));
    expect(() => new PayloadWriter().u8(1.5)).toThrow(RangeError);
    expect(() => new PayloadWriter().u16(0x10000)).toThrow(new RangeError('65536 is not a u16'));
    expect(() => new PayloadWriter().u16(-1)).toThrow(new RangeError('-1 is not a u16'));
    expect(() => new PayloadWriter().u16(0.5)).toThrow(RangeError);
  });

  it('short text: printable ASCII up to 255 characters; GBK and GB 18030 up to 255 bytes', () => {
    expect([...new PayloadWriter().ascii8(' ~').build()]).toEqual([2, 0x20, 0x7e]);
    expect(new PayloadWriter().ascii8('a'.repeat(255)).build()).toHaveLength(256);
    expect(() => new PayloadWriter().ascii8('a'.repeat(256))).toThrow(/is not short printable ASCII$/);
    for (const bad of ['\x1f', '\x7f', 'é']) expect(() => new PayloadWriter().ascii8(bad)).toThrow(new RangeError(`${JSON.stringify(bad)} is not short printable ASCII`));
    // 127 two-byte characters and one ASCII: exactly 255 bytes
    const fits = `${'中'.repeat(127)}a`;
    expect(new PayloadWriter().gbk8(fits).build()[0]).toBe(255);
    expect(new PayloadWriter().gb18030_8(fits).build()[0]).toBe(255);
    expect(() => new PayloadWriter().gbk8(`${fits}b`)).toThrow(new RangeError('text longer than 255 GBK bytes'));
    expect(() => new PayloadWriter().gb18030_8(`${fits}b`)).toThrow(new RangeError('text longer than 255 GB 18030 bytes'));
    expect([...new PayloadWriter().gb18030_8('𠮷').build()]).toEqual([4, 0x95, 0x34, 0xb2, 0x35]);
    expect(() => gbkBytes('𠮷')).toThrow(new RangeError('"𠮷" has characters outside GBK'));
  });

  it('cuts GBK text to fit on a character boundary, skipping characters GBK lacks', () => {
    expect(fitGbk('中文ab', 5)).toBe('中文a');
    expect(fitGbk('中文ab', 6)).toBe('中文ab');
    expect(fitGbk('中文', 3)).toBe('中');
    expect(fitGbk('a𠮷b', 2)).toBe('ab');
    expect(fitGbk('中', 1)).toBe('');
  });

  it('reads text only when it is printable (ASCII) or valid and free of control characters (GBK, GB 18030)', () => {
    expect(asciiOf(Buffer.from([0x20, 0x7e]), 'x')).toBe(' ~');
    expect(() => asciiOf(Buffer.from([0x1f]), 'x')).toThrow('x: not printable ASCII');
    expect(() => asciiOf(Buffer.from([0x7f]), 'x')).toThrow('x: not printable ASCII');
    expect(gbkOf(Buffer.from([0xd6, 0xd0]), 'x')).toBe('中');
    expect(() => gbkOf(Buffer.from([0xd6]), 'x')).toThrow('x: not valid GBK text');
    expect(() => gbkOf(Buffer.from([0x41, 0x0a]), 'x')).toThrow('x: not valid GBK text');
    expect(gb18030Of(Buffer.from([0x95, 0x34, 0xb2, 0x35]), 'x')).toBe('𠮷');
    expect(() => gb18030Of(Buffer.from([0x95, 0x34]), 'x')).toThrow('x: not valid GB 18030 text');
    expect(() => gb18030Of(Buffer.from([0x7f]), 'x')).toThrow('x: not valid GB 18030 text');
    expect([hasControl('\x1f'), hasControl('\x7f'), hasControl(' ~中'), hasControl('ab\tc'), hasControl('')]).toEqual([true, true, false, true, false]);
  });

  it('a reader refuses to read past the end, at exactly the last byte, and any byte left over', () => {
    const read = (bytes: number[], f: (r: Parameters<Parameters<typeof decodeWith>[1]>[0]) => unknown) => decodeWith(Buffer.from(bytes), f);
    expect(read([1], (r) => r.u8('a'))).toEqual({ ok: true, value: 1 });
    expect(read([], (r) => r.u8('a'))).toEqual(refused('a: payload ends early'));
    expect(read([1, 2], (r) => r.u16('b'))).toEqual({ ok: true, value: 0x0102 });
    expect(read([1], (r) => r.u16('b'))).toEqual(refused('b: payload ends early'));
    expect(read([1, 2, 3], (r) => [...r.take(3, 'c')])).toEqual({ ok: true, value: [1, 2, 3] });
    expect(read([1, 2], (r) => r.take(3, 'c'))).toEqual(refused('c: payload ends early'));
    expect(read([1, 2, 3], (r) => [r.u8('a'), r.more(), [...r.rest()], r.more()])).toEqual({ ok: true, value: [1, true, [2, 3], false] });
    expect(read([1, 2, 3], (r) => r.u8('a'))).toEqual(refused('2 unexpected trailing byte(s)'));
    expect(read([2, 0x41, 0x42], (r) => r.ascii8('s'))).toEqual({ ok: true, value: 'AB' });
    expect(read([2, 0xd6, 0xd0], (r) => r.gbk8('s'))).toEqual({ ok: true, value: '中' });
    expect(() => read([1], () => {
      throw new TypeError('a bug, not bad bytes');
    })).toThrow(TypeError);
  });
});

describe('frames', () => {
  it('address and type are bytes, the payload at most 1,024 bytes; CRC over address..payload, low byte first', () => {
    expect(hex(encodeFrame(0x01, 0x81))).toBe('A5 01 81 00 00 61 F0 5A'.replace('61 F0', hex(Buffer.from([crc16Modbus(Buffer.from([1, 0x81, 0, 0]), 0) & 0xff, crc16Modbus(Buffer.from([1, 0x81, 0, 0])) >> 8]))));
    const f = encodeFrame(0xff, 0x10, Buffer.from([0x07, 0x03]));
    expect(hex(f.subarray(0, 7))).toBe('A5 FF 10 00 02 07 03');
    expect(f.readUInt16LE(7)).toBe(crc16Modbus(f, 1, 7));
    expect(f[9]).toBe(0x5a);
    expect(encodeFrame(0, 0, Buffer.alloc(MAX_PAYLOAD))).toHaveLength(MAX_PAYLOAD + 8);
    expect(() => encodeFrame(0, 0, Buffer.alloc(MAX_PAYLOAD + 1))).toThrow(new RangeError('payload of 1025 bytes exceeds 1024'));
    expect(() => encodeFrame(256, 0)).toThrow(new RangeError('address 256 is not a byte'));
    expect(() => encodeFrame(-1, 0)).toThrow(new RangeError('address -1 is not a byte'));
    expect(() => encodeFrame(1.5, 0)).toThrow(RangeError);
    expect(() => encodeFrame(0, 256)).toThrow(new RangeError('type 256 is not a byte'));
    expect(() => encodeFrame(0, -1)).toThrow(new RangeError('type -1 is not a byte'));
    expect(() => encodeFrame(0, 0.5)).toThrow(RangeError);
  });

  it('the CRC of a range is the CRC of those bytes alone', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 40 }), fc.nat(40), fc.nat(40), (bytes, a, b) => {
        const [s, e] = [Math.min(a, b, bytes.length), Math.min(Math.max(a, b), bytes.length)];
        expect(crc16Modbus(bytes, s, e)).toBe(crc16Modbus(bytes.slice(s, e)));
      }),
    );
    expect(crc16Modbus(new Uint8Array(0))).toBe(0xffff);
    expect(crc16Modbus(Buffer.from([0x01]))).toBe(0x807e);
  });
});

describe('every device: HELLO, ACK, PING', () => {
  it('HELLO names the kind by its code (1–4) and the firmware; unknown kinds are refused', () => {
    expect([...encodeHello({ kind: 'id-reader', firmware: 'v2' }).payload]).toEqual([4, 2, 0x76, 0x32]);
    expect(encodeHello({ kind: 'keypad', firmware: '' }).type).toBe(MessageType.hello);
    for (const kind of ['keypad', 'evaluator', 'led-strip', 'id-reader'] as const) {
      expect(decodeHello(encodeHello({ kind, firmware: 'fw-1.2' }).payload)).toEqual({ ok: true, value: { kind, firmware: 'fw-1.2' } });
    }
    expect(decodeHello(Buffer.from([0, 0]))).toEqual(refused('kind 0 is unknown'));
    expect(decodeHello(Buffer.from([5, 0]))).toEqual(refused('kind 5 is unknown'));
  });

  it('ACK carries the sequence number and one of four statuses; PING is empty', () => {
    expect(encodeAck({ seq: 9, status: 'busy' })).toEqual({ type: MessageType.ack, payload: Buffer.from([9, 3]) });
    for (const status of ['ok', 'bad-argument', 'unsupported', 'busy'] as const) expect(decodeAck(encodeAck({ seq: 200, status }).payload)).toEqual({ ok: true, value: { seq: 200, status } });
    expect(decodeAck(Buffer.from([1, 4]))).toEqual(refused('status is unknown'));
    expect(encodePing()).toEqual({ type: MessageType.ping, payload: Buffer.alloc(0) });
  });
});

describe('evaluator limits', () => {
  it('RATE: level 1–5, each dimension 0 (not rated) to 5, in the order attitude, quality, efficiency, integrity', () => {
    expect(encodeRating(1, { level: 'very-satisfied', dimensions: { integrity: 2 } })).toEqual({ type: MessageType.rate, payload: Buffer.from([1, 1, 0, 0, 0, 2]) });
    expect(decodeRating(Buffer.from([1, 3, 0, 5, 0, 1]))).toEqual({ ok: true, value: { seq: 1, rating: { level: 'basic', dimensions: { quality: 5, integrity: 1 } } } });
    expect(decodeRating(Buffer.from([1, 0, 0, 0, 0, 0]))).toEqual(refused('level 0 is not 1–5'));
    expect(decodeRating(Buffer.from([1, 6, 0, 0, 0, 0]))).toEqual(refused('level 6 is not 1–5'));
    expect(decodeRating(Buffer.from([1, 1, 0, 0, 6, 0]))).toEqual(refused('efficiency score 6 is not 0–5'));
    expect(decodeRating(Buffer.from([1, 1, 0, 0, 0]))).toEqual(refused('integrity: payload ends early'));
  });

  it('RATE_REPLY: ok as a zero status; a refusal with its status, code and message', () => {
    expect(encodeRateReply(4, { status: 'ok' })).toEqual({ type: MessageType.rateReply, payload: Buffer.from([4, 0]) });
    const m = encodeRateReply(4, { status: 'timeout', code: 'hub_timeout', message: '超时' });
    expect([...m.payload.subarray(0, 3)]).toEqual([4, 3, 11]);
    expect(decodeRateReply(m.payload)).toEqual({ ok: true, value: { seq: 4, reply: { status: 'timeout', code: 'hub_timeout', message: '超时' } } });
    expect(decodeRateReply(Buffer.from([4, 0]))).toEqual({ ok: true, value: { seq: 4, reply: { status: 'ok' } } });
    expect(decodeRateReply(Buffer.from([4, 5]))).toEqual(refused('status is unknown'));
  });

  it('PROMPT: sequence number, ticket, window', () => {
    expect(encodePrompt(2, { ticket: 'A1', windowNo: '3' })).toEqual({ type: MessageType.promptRating, payload: Buffer.from([2, 2, 0x41, 0x31, 1, 0x33]) });
    expect(decodePrompt(Buffer.from([2, 2, 0x41, 0x31, 1]))).toEqual(refused('window: payload ends early'));
  });
});

describe('ID-card reader limits', () => {
  it('CARD: an ID number is 18 characters; the name is trimmed and may not be empty; a lower-case x is read as X', () => {
    expect(() => encodeCard(1, { name: '张三', idNumber: ID.slice(1) })).toThrow(new RangeError('an ID number has 18 characters'));
    const m = encodeCard(7, { name: '张三', idNumber: ID });
    expect(m.type).toBe(MessageType.card);
    expect(hex(m.payload.subarray(0, 6))).toBe('07 04 D5 C5 C8 FD');
    expect(m.payload.subarray(6).toString('latin1')).toBe(ID);
    const lower = Buffer.concat([m.payload.subarray(0, 6), Buffer.from(ID.toLowerCase(), 'latin1')]);
    expect(decodeCard(lower)).toEqual({ ok: true, value: { seq: 7, card: { name: '张三', idNumber: ID } } });
    const spaced = Buffer.concat([Buffer.from([7, 6, 0x20, 0xd5, 0xc5, 0xc8, 0xfd, 0x20]), Buffer.from(ID, 'latin1')]);
    expect(decodeCard(spaced)).toMatchObject({ ok: true, value: { card: { name: '张三' } } });
    expect(decodeCard(Buffer.concat([Buffer.from([7, 2, 0x20, 0x20]), Buffer.from(ID, 'latin1')]))).toEqual(refused('name is empty'));
    expect(decodeCard(m.payload.subarray(0, m.payload.length - 1))).toEqual(refused('ID number: payload ends early'));
    const bad = Buffer.from(m.payload);
    bad[bad.length - 1] = 0x31;
    expect(decodeCard(bad)).toEqual(refused('ID number fails its check character'));
    bad[bad.length - 1] = 0x07;
    expect(decodeCard(bad)).toEqual(refused('ID number: not printable ASCII'));
  });

  it('CARD_ACK: taken is the only ok; an unknown status is refused', () => {
    expect(encodeCardAck(3, 'hub-offline')).toEqual({ type: MessageType.cardAck, payload: Buffer.from([3, 2]) });
    expect([0, 1, 2].map((s) => decodeCardAck(Buffer.from([3, s])))).toEqual([
      { ok: true, value: { seq: 3, ok: true, status: 'taken' } },
      { ok: true, value: { seq: 3, ok: false, status: 'refused' } },
      { ok: true, value: { seq: 3, ok: false, status: 'hub-offline' } },
    ]);
    expect(decodeCardAck(Buffer.from([3, 3]))).toEqual(refused('status is unknown'));
  });
});

describe('keypad limits', () => {
  it('KEY: refusals name the op, the transfer target or the field that ends early', () => {
    expect(decodeKeypadPress(Buffer.from([1, 0]))).toEqual(refused('op 0 is unknown'));
    expect(decodeKeypadPress(Buffer.from([1, 14]))).toEqual(refused('op 14 is unknown'));
    expect(decodeKeypadPress(Buffer.from([1, 9, 3]))).toEqual(refused('transfer target 3 is unknown'));
    expect(decodeKeypadPress(Buffer.from([1, 9]))).toEqual(refused('transfer target: payload ends early'));
    expect(decodeKeypadPress(Buffer.from([1, 4, 3, 0x41]))).toEqual(refused('number: payload ends early'));
    expect(decodeKeypadPress(Buffer.from([1, 1, 3, 0x41]))).toEqual(refused('staffNo: payload ends early'));
    expect(decodeKeypadPress(Buffer.from([1, 9, 1, 2, 0x41]))).toEqual(refused('window: payload ends early'));
    expect(decodeKeypadPress(Buffer.from([1, 9, 2, 2, 0x41]))).toEqual(refused('line: payload ends early'));
    expect(decodeKeypadPress(Buffer.from([1, 11, 1]))).toEqual(refused('reason: payload ends early'));
    expect([...encodeKeypadPress(1, { op: 'transfer', toWindowNo: '12' }).payload]).toEqual([1, 9, 1, 2, 0x31, 0x32]);
    expect([...encodeKeypadPress(1, { op: 'transfer', toLineId: 'tax' }).payload]).toEqual([1, 9, 2, 3, 0x74, 0x61, 0x78]);
    expect([...encodeKeypadPress(1, { op: 'transfer' }).payload]).toEqual([1, 9, 0]);
    expect([...encodeKeypadPress(1, { op: 'pause' }).payload]).toEqual([1, 11, 0]);
    expect([...encodeKeypadPress(1, { op: 'resume-ticket' }).payload]).toEqual([1, 13, 0]);
    expect([...encodeKeypadPress(1, { op: 'call', number: 'A1' }).payload]).toEqual([1, 4, 2, 0x41, 0x31]);
  });

  it('the hub request body is the press without its op', () => {
    expect(pressBody({ op: 'transfer', toLineId: 'tax' })).toEqual({ toLineId: 'tax' });
    expect(pressBody({ op: 'call-next' })).toEqual({});
  });

  it('KEY_REPLY: window status by its index, waiting capped at 65,535, at most the last eight suspended tickets', () => {
    const m = encodeKeypadReply(5, { status: 'ok', windowStatus: 'serving', waiting: 70_000, ticket: null, staffNo: null, suspended: ['1', '2', '3', '4', '5', '6', '7', '8', '9', '10'] });
    expect(m.type).toBe(MessageType.keyReply);
    expect([...m.payload.subarray(0, 8)]).toEqual([5, 0, 3, 0xff, 0xff, 0, 0, 8]);
    expect(decodeKeypadReply(m.payload)).toEqual({
      ok: true,
      value: { seq: 5, reply: { status: 'ok', windowStatus: 'serving', waiting: 65_535, ticket: null, staffNo: null, suspended: ['3', '4', '5', '6', '7', '8', '9', '10'] } },
    });
    expect([...encodeKeypadReply(5, { status: 'ok', windowStatus: 'closed', waiting: 0, ticket: null, staffNo: null }).payload]).toEqual([5, 0, 0, 0, 0, 0, 0, 0]);
    expect([...encodeKeypadReply(5, { status: 'ok', windowStatus: 'no-such' as 'idle', waiting: 1, ticket: null, staffNo: null }).payload.subarray(2, 3)]).toEqual([0]);
    expect(decodeKeypadReply(Buffer.from([5, 0, 99, 0, 0, 0, 0]))).toEqual(refused('window status is unknown'));
    expect(decodeKeypadReply(Buffer.from([5, 9]))).toEqual(refused('status is unknown'));
    expect(decodeKeypadReply(Buffer.from([5, 0, 0, 0, 0, 0, 0, 2, 1, 0x41]))).toEqual(refused('suspended ticket: payload ends early'));
  });

  it('a refusal: the code printable and at most 32 characters, the message at most 32 GBK bytes', () => {
    const m = encodeKeypadReply(5, { status: 'hub-offline', code: `bad_é_${'x'.repeat(40)}`, message: '中'.repeat(20) });
    const d = decodeKeypadReply(m.payload);
    expect(m.payload[1]).toBe(4);
    expect(d).toEqual({ ok: true, value: { seq: 5, reply: { status: 'hub-offline', code: `bad_?_${'x'.repeat(26)}`, message: '中'.repeat(16) } } });
  });
});

describe('LED strip limits', () => {
  const text = (call: boolean, recall: boolean, t = 'A1') => encodeLedFrame({ kind: 'text', seq: 1, area: 2, call, recall, text: t });

  it('text: the call and recall flags, control characters shown as spaces, cut to one frame', () => {
    expect([text(false, false), text(true, false), text(false, true), text(true, true)].map((m) => m.payload[2])).toEqual([0, 1, 2, 3]);
    expect(text(true, true)).toEqual({ type: MessageType.ledText, payload: Buffer.from([1, 2, 3, 0x41, 0x31]) });
    expect(text(false, false, 'A\n1').payload.subarray(3).toString('latin1')).toBe('A 1');
    expect(text(false, false, '中'.repeat(600)).payload).toHaveLength(3 + 1020);
    expect(text(false, false, 'a'.repeat(1100)).payload).toHaveLength(MAX_PAYLOAD);
    expect(decodeLedFrame(text(false, true))).toEqual({ ok: true, value: { kind: 'text', seq: 1, area: 2, call: false, recall: true, text: 'A1' } });
    expect(decodeLedFrame(text(true, false))).toEqual({ ok: true, value: { kind: 'text', seq: 1, area: 2, call: true, recall: false, text: 'A1' } });
  });

  it('bitmap, clear, brightness and power frames, byte by byte', () => {
    expect(encodeLedFrame({ kind: 'bitmap', seq: 1, area: 3, width: 16, height: 2, offset: 258, data: Buffer.from([0xaa]) })).toEqual({
      type: MessageType.ledBitmap,
      payload: Buffer.from([1, 3, 0, 16, 0, 2, 1, 2, 0xaa]),
    });
    expect(encodeLedFrame({ kind: 'clear', seq: 1, area: ALL_AREAS })).toEqual({ type: MessageType.ledClear, payload: Buffer.from([1, 0xff]) });
    expect(encodeLedFrame({ kind: 'brightness', seq: 1, level: 40 })).toEqual({ type: MessageType.ledBrightness, payload: Buffer.from([1, 40]) });
    expect(encodeLedFrame({ kind: 'power', seq: 1, on: true })).toEqual({ type: MessageType.ledPower, payload: Buffer.from([1, 1]) });
    expect(encodeLedFrame({ kind: 'power', seq: 1, on: false })).toEqual({ type: MessageType.ledPower, payload: Buffer.from([1, 0]) });
  });

  it('the hub’s commands become frames with fresh sequence numbers; other commands are refused by name', () => {
    let n = 10;
    const next = () => n++;
    expect(ledFramesFor({ command: 'show-call', text: 'A1', ticket: 'A1', windowNo: '1', recall: false, seq: 0 }, next)).toEqual({ ok: true, value: [{ kind: 'text', seq: 10, area: 0, call: true, recall: false, text: 'A1' }] });
    expect(ledFramesFor({ command: 'show-text', text: 'x' }, next)).toEqual({ ok: true, value: [{ kind: 'text', seq: 11, area: 0, call: false, recall: false, text: 'x' }] });
    expect(ledFramesFor({ command: 'clear' }, next)).toEqual({ ok: true, value: [{ kind: 'clear', seq: 12, area: ALL_AREAS }] });
    expect(ledFramesFor({ command: 'brightness', level: 7 }, next)).toEqual({ ok: true, value: [{ kind: 'brightness', seq: 13, level: 7 }] });
    expect(ledFramesFor({ command: 'power', on: true }, next)).toEqual({ ok: true, value: [{ kind: 'power', seq: 14, on: true }] });
    expect(ledFramesFor({ command: 'prompt-rating', ticket: 'A1', windowNo: '1' }, next)).toEqual(refused('a LED strip has no command prompt-rating'));
  });

  it('a bitmap: width a multiple of 8 up to 512, height up to 128, exactly width/8 × height bytes, chunked', () => {
    const bitmap = (width: number, height: number, bytes = (width / 8) * height) => ledFramesFor({ command: 'show-bitmap', width, height, bitmap: Buffer.alloc(Math.max(0, Math.floor(bytes)), 1).toString('base64') }, () => 0);
    expect(bitmap(MAX_WIDTH, MAX_HEIGHT).ok).toBe(true);
    expect(bitmap(MAX_WIDTH + 8, 8)).toEqual(refused('bitmap of 520 bytes does not fit 520×8 (want 520)'));
    expect(bitmap(8, MAX_HEIGHT + 1)).toEqual(refused('bitmap of 129 bytes does not fit 8×129 (want 129)'));
    expect(bitmap(12, 8, 12)).toEqual(refused('bitmap of 12 bytes does not fit 12×8 (want 12)'));
    expect(bitmap(8, 8, 7)).toEqual(refused('bitmap of 7 bytes does not fit 8×8 (want 8)'));
    const big = Buffer.alloc(64 * 32, 7); // 512 × 32: two full chunks and 16 bytes
    let seq = 0;
    const r = ledFramesFor({ command: 'show-bitmap', width: 512, height: 32, bitmap: big.toString('base64'), area: 5 }, () => seq++);
    expect(r.ok && r.value.map((c) => (c.kind === 'bitmap' ? [c.seq, c.area, c.offset, c.data.length] : null))).toEqual([
      [0, 5, 0, BITMAP_CHUNK],
      [1, 5, BITMAP_CHUNK, BITMAP_CHUNK],
      [2, 5, 2 * BITMAP_CHUNK, 16],
    ]);
    expect(BITMAP_CHUNK).toBe(1016);
    // exactly one chunk's worth (64 × 127 = 1,016 bytes): one frame, no empty one after it
    const one = ledFramesFor({ command: 'show-bitmap', width: 64, height: 127, bitmap: Buffer.alloc(BITMAP_CHUNK).toString('base64') }, () => 0);
    expect(one.ok && one.value.length).toBe(1);
    const frame = r.ok ? encodeLedFrame(r.value[0]!) : null;
    expect(frame?.payload).toHaveLength(MAX_PAYLOAD);
    const plain = ledFramesFor({ command: 'show-bitmap', width: 8, height: 8, bitmap: Buffer.alloc(8).toString('base64') }, () => 0);
    expect(plain.ok && plain.value[0]).toMatchObject({ area: 0 });
  });

  it('the controller’s side refuses areas over 7 (all areas only for clear), bad sizes, chunks outside, levels over 100', () => {
    const m = (type: number, bytes: number[]) => decodeLedFrame({ type, payload: Buffer.from(bytes) });
    expect(m(MessageType.ledText, [1, 7, 0, 0x41])).toMatchObject({ ok: true, value: { area: 7, text: 'A' } });
    expect(m(MessageType.ledText, [1, 8, 0, 0x41])).toEqual(refused('area 8 is not 0–7'));
    expect(m(MessageType.ledText, [1, 0xff, 0, 0x41])).toEqual(refused('area 255 is not 0–7'));
    expect(m(MessageType.ledClear, [1, 0xff])).toEqual({ ok: true, value: { kind: 'clear', seq: 1, area: 0xff } });
    expect(m(MessageType.ledClear, [1, 8])).toEqual(refused('area 8 is not 0–7'));
    expect(m(MessageType.ledText, [1, 0, 0, 0xd6])).toEqual(refused('text: not valid GBK text'));
    // width, height, offset (u16 each), then data
    const bm = (w: number, h: number, off: number, data: number) => m(MessageType.ledBitmap, [1, 0, w >> 8, w & 0xff, h >> 8, h & 0xff, off >> 8, off & 0xff, ...Array<number>(data).fill(1)]);
    expect(bm(16, 2, 3, 1)).toEqual({ ok: true, value: { kind: 'bitmap', seq: 1, area: 0, width: 16, height: 2, offset: 3, data: Buffer.from([1]) } });
    expect(bm(16, 2, 0, 4).ok).toBe(true);
    expect(bm(16, 2, 0, 5)).toEqual(refused('chunk outside the bitmap'));
    expect(bm(16, 2, 4, 1)).toEqual(refused('chunk outside the bitmap'));
    expect(bm(16, 2, 0, 0)).toEqual(refused('chunk outside the bitmap'));
    expect(bm(512, 128, 0, 1).ok).toBe(true);
    for (const [w, h] of [[0, 8], [12, 8], [520, 8], [8, 0], [8, 129]] as const) expect(bm(w, h, 0, 1)).toEqual(refused(`size ${w}×${h} is not allowed`));
    expect(m(MessageType.ledBitmap, [1, 8, 0, 8, 0, 8, 0, 0, 1])).toEqual(refused('area 8 is not 0–7'));
    expect(m(MessageType.ledBitmap, [1, 0xff, 0, 8, 0, 8, 0, 0, 1])).toEqual(refused('area 255 is not 0–7'));
    expect(m(MessageType.ledBrightness, [1, 100])).toEqual({ ok: true, value: { kind: 'brightness', seq: 1, level: 100 } });
    expect(m(MessageType.ledBrightness, [1, 101])).toEqual(refused('brightness 101 is over 100'));
    expect(m(MessageType.ledPower, [1, 0])).toEqual({ ok: true, value: { kind: 'power', seq: 1, on: false } });
    expect(m(MessageType.ledPower, [1, 1])).toEqual({ ok: true, value: { kind: 'power', seq: 1, on: true } });
    expect(m(MessageType.ledPower, [1, 2])).toEqual(refused('power is not 0 or 1'));
    expect(m(MessageType.keyReply, [1])).toEqual(refused('type 0x90 is not a LED strip command'));
  });
});

describe('every fixed-layout payload, cut short or with a byte added, is refused', () => {
  const payloads: Array<[string, (p: Buffer) => { ok: boolean }, Buffer]> = [
    ['HELLO', decodeHello, encodeHello({ kind: 'evaluator', firmware: 'v1.0' }).payload],
    ['ACK', decodeAck, encodeAck({ seq: 1, status: 'ok' }).payload],
    ['RATE', decodeRating, encodeRating(1, { level: 'basic', dimensions: { attitude: 3 } }).payload],
    ['RATE_REPLY', decodeRateReply, encodeRateReply(1, { status: 'refused', code: 'c', message: '不行' }).payload],
    ['PROMPT', decodePrompt, encodePrompt(1, { ticket: 'A001', windowNo: '12' }).payload],
    ['CARD', decodeCard, encodeCard(1, { name: '张三', idNumber: ID }).payload],
    ['CARD_ACK', decodeCardAck, encodeCardAck(1, 'taken').payload],
    ['KEY login', decodeKeypadPress, encodeKeypadPress(1, { op: 'login', staffNo: 'S01' }).payload],
    ['KEY transfer', decodeKeypadPress, encodeKeypadPress(1, { op: 'transfer', toLineId: 'tax' }).payload],
    ['KEY pause', decodeKeypadPress, encodeKeypadPress(1, { op: 'pause', reason: '午休' }).payload],
  ];
  it.each(payloads)('%s', (_name, decode, payload) => {
    expect(decode(payload).ok).toBe(true);
    for (let n = 0; n < payload.length; n++) expect(decode(payload.subarray(0, n)).ok).toBe(false);
    expect(decode(Buffer.concat([payload, Buffer.from([0])]))).toMatchObject(refused('1 unexpected trailing byte(s)'));
  });
});
