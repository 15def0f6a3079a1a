import { describe, expect, it } from 'vitest';
import { crc16Modbus } from '../src/protocol/crc16.js';
import { encodeFrame, MAX_PAYLOAD, SOF } from '../src/protocol/frame.js';
import { createFramer } from '../src/protocol/framer.js';

const frame = (address: number, type: number, payload: number[] = []) => encodeFrame(address, type, Buffer.from(payload));

describe('CRC-16/MODBUS', () => {
  it('has the catalogued check value 0x4B37 over "123456789"', () => {
    expect(crc16Modbus(Buffer.from('123456789', 'ascii'))).toBe(0x4b37);
  });
  it('matches a Modbus RTU frame from the spec (01 03 00 00 00 0A → C5 CD, low byte first)', () => {
    const crc = crc16Modbus(Buffer.from([0x01, 0x03, 0x00, 0x00, 0x00, 0x0a]));
    expect([crc & 0xff, crc >> 8]).toEqual([0xc5, 0xcd]);
  });
});

describe('the framer', () => {
  it('lays a frame out as PROTOCOL.md says', () => {
    const f = frame(0x07, 0x10, [0x01, 0x03]);
    expect([...f.subarray(0, 7)]).toEqual([0xa5, 0x07, 0x10, 0x00, 0x02, 0x01, 0x03]);
    expect(f.readUInt16LE(7)).toBe(crc16Modbus(f, 1, 7));
    expect(f.at(-1)).toBe(0x5a);
  });

  it('joins a frame split byte by byte, and splits frames merged in one read', () => {
    const framer = createFramer();
    const a = frame(1, 0x10, [1, 2, 3]);
    const b = frame(2, 0x20, [4]);
    const got = [];
    for (const byte of a) got.push(...framer.push(Buffer.of(byte)));
    expect(got).toHaveLength(1);
    expect(got[0]).toMatchObject({ address: 1, type: 0x10 });
    const merged = framer.push(Buffer.concat([b, a, b]));
    expect(merged.map((f) => f.address)).toEqual([2, 1, 2]);
    expect(framer.stats).toMatchObject({ frames: 4, garbageBytes: 0, badCrc: 0 });
  });

  it('resynchronizes after garbage, including garbage full of start bytes', () => {
    const framer = createFramer();
    // Its start bytes announce impossible lengths, so each is refused at once (see the next tests for the rest).
    const garbage = Buffer.from([0x00, SOF, 0x13, 0x10, 0xff, 0x30, SOF, SOF, 0x77, 0xee, 0xee, 0x01]);
    const out = framer.push(Buffer.concat([garbage, frame(3, 0x01, [9, 9])]));
    expect(out).toEqual([{ address: 3, type: 0x01, payload: Buffer.from([9, 9]) }]);
    expect(framer.stats.garbageBytes).toBe(garbage.length);
  });

  it('rejects a bad CRC and a bad end byte, counts each, and keeps the next good frame', () => {
    const framer = createFramer();
    const badCrc = frame(1, 0x10, [1, 2]);
    badCrc[5] = badCrc[5]! ^ 0x40;
    const badEnd = frame(1, 0x10, [1, 2]);
    badEnd[badEnd.length - 1] = 0x00;
    const out = framer.push(Buffer.concat([badCrc, badEnd, frame(4, 0x02, [7])]));
    expect(out.map((f) => f.address)).toEqual([4]);
    expect(framer.stats.badCrc).toBe(1);
    expect(framer.stats.badEnd).toBe(1);
  });

  it('refuses a length over the limit at once instead of waiting for it', () => {
    const framer = createFramer();
    const bogus = Buffer.from([SOF, 1, 0x10, 0xff, 0xff]);
    expect(framer.push(Buffer.concat([bogus, frame(5, 0x01)])).map((f) => f.address)).toEqual([5]);
    expect(framer.stats.badLength).toBe(1);
    expect(() => encodeFrame(1, 1, Buffer.alloc(MAX_PAYLOAD + 1))).toThrow(RangeError);
  });

  it('gives up a false start as soon as a complete frame arrives inside the length it announced', () => {
    const framer = createFramer();
    // A noise start byte whose "length" (0x0010) would swallow the real, short frame that follows.
    const noise = Buffer.from([SOF, 0x01, 0x10, 0x00, 0x10]);
    expect(framer.push(Buffer.concat([noise, frame(6, 0x01)])).map((f) => f.address)).toEqual([6]);
    expect(framer.stats.falseStarts).toBe(1);
    expect(framer.pending()).toBe(0);
  });

  it('when the line goes quiet behind a false start, expire() gives it up and the frame behind still completes', () => {
    const framer = createFramer();
    const noise = Buffer.from([SOF, 0x01, 0x10, 0x00, 0x10]);
    const real = frame(6, 0x01, [1, 2, 3]);
    expect(framer.push(Buffer.concat([noise, real.subarray(0, 4)]))).toEqual([]);
    expect(framer.expire()).toEqual([]);
    expect(framer.stats.expired).toBe(1);
    expect(framer.push(real.subarray(4)).map((f) => f.address)).toEqual([6]);
    expect(framer.stats.garbageBytes).toBe(noise.length);
  });
});
