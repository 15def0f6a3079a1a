import { describe, expect, it } from 'vitest';
import { encodeFrame, SOF, EOF } from '../src/protocol/frame.js';
import { createFramer } from '../src/protocol/framer.js';

// The framer's edges, each one byte either side: the payload limit, when a pending false start is given up
// (only for a frame that is complete, ended and intact), and what a quiet line does to an empty buffer. Small
// limits keep the frames short; the rules are the same at 1,024.

const frame = (address: number, payload: number[]) => encodeFrame(address, 0x01, Buffer.from(payload));
/** a noise start byte announcing `length`, so that what follows falls inside its span */
const falseStart = (length: number) => Buffer.from([SOF, 0x09, 0x01, length >> 8, length & 0xff]);

describe('the framer at its edges', () => {
  it('takes a payload of exactly the limit, and refuses one byte more at once', () => {
    const framer = createFramer(4);
    expect(framer.push(frame(1, [1, 2, 3, 4])).map((f) => [...f.payload])).toEqual([[1, 2, 3, 4]]);
    expect(framer.push(Buffer.concat([frame(2, [1, 2, 3, 4, 5]), frame(3, [])])).map((f) => f.address)).toEqual([3]);
    expect(framer.stats.badLength).toBe(1);
    expect(framer.stats.frames).toBe(2);
  });

  it('a false start is given up only for a frame inside its span that is complete, ended and intact', () => {
    const badEnd = frame(6, [1]);
    badEnd[badEnd.length - 1] = 0x00; // CRC intact, end byte wrong
    const ended = createFramer(16);
    expect(ended.push(Buffer.concat([falseStart(16), badEnd]))).toEqual([]);
    expect([ended.stats.falseStarts, ended.pending()]).toEqual([0, 5 + badEnd.length]);
    const cut = createFramer(16);
    expect(cut.push(Buffer.concat([falseStart(16), frame(7, [1, 2]).subarray(0, 9)]))).toEqual([]);
    expect(cut.stats.falseStarts).toBe(0);
    // the wait ends as soon as the frame's last byte arrives, not one byte later
    expect(cut.push(Buffer.from([EOF])).map((f) => f.address)).toEqual([7]);
    expect([cut.stats.falseStarts, cut.pending()]).toEqual([1, 0]);
  });

  it('a start byte near the end of what has arrived, inside a false start\'s span, is waited for, not read past', () => {
    const framer = createFramer(16);
    for (const tail of [[SOF], [SOF, 1], [SOF, 1, 2], [SOF, 1, 2, 0]]) {
      expect(framer.push(Buffer.concat([falseStart(16), Buffer.from(tail)]))).toEqual([]);
      // the line goes quiet: the bytes are given up one by one, and none of them was a frame
      while (framer.pending() > 0) expect(framer.expire()).toEqual([]);
    }
    expect(framer.stats.falseStarts).toBe(0);
  });

  it('a quiet line with nothing pending counts nothing; an empty read changes nothing', () => {
    const framer = createFramer();
    expect(framer.expire()).toEqual([]);
    expect(framer.push(new Uint8Array(0))).toEqual([]);
    expect({ ...framer.stats }).toEqual({ bytes: 0, frames: 0, garbageBytes: 0, badLength: 0, badEnd: 0, badCrc: 0, falseStarts: 0, expired: 0 });
  });

  it('a frame in a chunk that is a view into a larger buffer: only the view is read, and the frame outlives it', () => {
    const backing = new Uint8Array(64).fill(SOF);
    const f = frame(8, [4, 5]);
    backing.set(f, 10);
    const framer = createFramer();
    const [got] = framer.push(backing.subarray(10, 10 + f.length));
    backing.fill(0);
    expect(got && [got.address, [...got.payload]]).toEqual([8, [4, 5]]);
    expect(framer.stats.bytes).toBe(f.length);
  });
});
