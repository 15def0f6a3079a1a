import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { encodeFrame, MAX_PAYLOAD, type Frame } from '../src/protocol/frame.js';
import { createFramer, type Framer } from '../src/protocol/framer.js';

const frameArb = fc.record({
  address: fc.integer({ min: 1, max: 247 }),
  type: fc.integer({ min: 0, max: 255 }),
  payload: fc.uint8Array({ maxLength: 64 }).map((a) => Buffer.from(a)),
});

/** Cuts a byte stream at arbitrary points, as reads from a serial port or socket do. */
function feed(framer: Framer, bytes: Buffer, cuts: number[]): Frame[] {
  const points = [...new Set(cuts.map((c) => c % (bytes.length + 1)))].sort((a, b) => a - b);
  const out: Frame[] = [];
  let at = 0;
  for (const p of [...points, bytes.length]) {
    out.push(...framer.push(bytes.subarray(at, p)));
    at = p;
  }
  // the line goes quiet: whatever is left is given up, in case it hides a frame
  while (framer.pending() > 0) out.push(...framer.expire());
  return out;
}

/** CRC-16/MODBUS written for this test, bit by bit (poly 0xA001 reflected, init 0xFFFF): not the framer's table. */
function modbusCrc(bytes: Uint8Array): number {
  let crc = 0xffff;
  for (const b of bytes) {
    crc ^= b;
    for (let k = 0; k < 8; k++) crc = crc & 1 ? (crc >>> 1) ^ 0xa001 : crc >>> 1;
  }
  return crc;
}

/** address, type, big-endian length, payload: the bytes the CRC covers (PROTOCOL.md's frame layout). */
function header(address: number, type: number, payload: Uint8Array): Buffer {
  return Buffer.concat([Buffer.from([address, type, payload.length >> 8, payload.length & 0xff]), payload]);
}

/** A frame's bytes on the line: 0xA5, header, CRC low byte first, 0x5A — with the right CRC unless one is given. */
function envelope(address: number, type: number, payload: Uint8Array, crc = modbusCrc(header(address, type, payload))): Buffer {
  return Buffer.concat([Buffer.from([0xa5]), header(address, type, payload), Buffer.from([crc & 0xff, crc >> 8, 0x5a])]);
}

const key = (f: Frame) => `${f.address}/${f.type}/${f.payload.toString('hex')}`;

describe('framer fuzzing (fast-check)', () => {
  it('recovers every frame, in order, from any split of a clean stream', () => {
    fc.assert(
      fc.property(fc.array(frameArb, { maxLength: 20 }), fc.array(fc.nat(), { maxLength: 30 }), (frames, cuts) => {
        const bytes = Buffer.concat(frames.map((f) => encodeFrame(f.address, f.type, f.payload)));
        const framer = createFramer();
        expect(feed(framer, bytes, cuts).map(key)).toEqual(frames.map((f) => key({ ...f })));
        expect(framer.stats.garbageBytes).toBe(0);
      }),
      { numRuns: 2000 },
    );
  });

  it('never throws on random bytes', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 3000 }), fc.array(fc.nat(), { maxLength: 20 }), (noise, cuts) => {
        const framer = createFramer();
        const out = feed(framer, Buffer.from(noise), cuts);
        for (const f of out) expect(f.payload.length).toBeLessThanOrEqual(MAX_PAYLOAD);
        expect(framer.stats.bytes).toBe(noise.length);
      }),
      { numRuns: 1000 },
    );
  });

  it('never yields a frame whose CRC does not hold (checked with a CRC computed here, bit by bit)', () => {
    // Random bytes almost never form a frame's envelope (start byte, a small length, the end byte where the
    // length says), so the stream is built of envelopes: intact frames, and frames whose CRC field is random.
    const candidate = fc.record({
      address: fc.integer({ min: 0, max: 255 }),
      type: fc.integer({ min: 0, max: 255 }),
      payload: fc.uint8Array({ maxLength: 40 }),
      crc: fc.option(fc.integer({ min: 0, max: 0xffff }), { freq: 2 }),
    });
    const noise = fc.uint8Array({ maxLength: 12 });
    fc.assert(
      fc.property(fc.array(fc.tuple(noise, candidate), { minLength: 1, maxLength: 25 }), fc.array(fc.nat(), { maxLength: 20 }), (parts, cuts) => {
        const bytes = Buffer.concat(parts.flatMap(([n, c]) => [Buffer.from(n), envelope(c.address, c.type, c.payload, c.crc ?? undefined)]));
        const framer = createFramer();
        const out = feed(framer, bytes, cuts);
        expect(framer.stats.garbageBytes + out.reduce((n, f) => n + f.payload.length + 8, 0)).toBe(bytes.length);
        for (const f of out) {
          // The frame as it must have stood on the line, CRC and all: were those bytes there?
          expect(bytes.includes(envelope(f.address, f.type, f.payload))).toBe(true);
        }
        // And the intact ones all came through (the others only by a 1-in-65,536 chance of a right CRC).
        const intact = parts.filter(([, c]) => c.crc === null || c.crc === modbusCrc(header(c.address, c.type, c.payload))).length;
        expect(out.length).toBeGreaterThanOrEqual(intact);
      }),
      { numRuns: 1000 },
    );
  });

  it('finds every intact frame between garbage and mutated frames', () => {
    const segment = fc.oneof(
      frameArb.map((f) => ({ kind: 'good' as const, f })),
      fc.uint8Array({ minLength: 1, maxLength: 40 }).map((g) => ({ kind: 'garbage' as const, bytes: Buffer.from(g) })),
      fc
        .tuple(frameArb, fc.nat(), fc.integer({ min: 1, max: 255 }), fc.constantFrom('flip', 'drop', 'truncate'))
        .map(([f, at, x, how]) => ({ kind: 'mutated' as const, f, at, x, how })),
    );
    fc.assert(
      fc.property(fc.array(segment, { maxLength: 25 }), fc.array(fc.nat(), { maxLength: 20 }), (segments, cuts) => {
        const parts: Buffer[] = [];
        const want: string[] = [];
        for (const s of segments) {
          if (s.kind === 'good') {
            parts.push(encodeFrame(s.f.address, s.f.type, s.f.payload));
            want.push(key(s.f));
          } else if (s.kind === 'garbage') parts.push(s.bytes);
          else {
            const b = Buffer.from(encodeFrame(s.f.address, s.f.type, s.f.payload));
            const i = s.at % b.length;
            if (s.how === 'flip') b[i] = b[i]! ^ s.x;
            parts.push(s.how === 'flip' ? b : s.how === 'drop' ? Buffer.concat([b.subarray(0, i), b.subarray(i + 1)]) : b.subarray(0, i));
          }
        }
        const framer = createFramer();
        const bytes = Buffer.concat(parts);
        const frames = feed(framer, bytes, cuts);
        const got = frames.map(key);
        // Every byte is accounted for: in a frame found, or counted as skipped.
        expect(framer.stats.bytes).toBe(bytes.length);
        expect(framer.stats.garbageBytes + frames.reduce((n, f) => n + f.payload.length + 8, 0)).toBe(bytes.length);
        expect(framer.stats.frames).toBe(frames.length);
        // Every good frame is found, in order. (Garbage can by chance form an extra valid frame — 1 in 2^24 per
        // candidate — so extra frames are allowed, missing ones are not.)
        let j = 0;
        for (const g of got) if (g === want[j]) j += 1;
        expect(j).toBe(want.length);
      }),
      { numRuns: 1500 },
    );
  });
});
