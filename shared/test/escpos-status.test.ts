import { describe, expect, it } from 'vitest';
import { STATUS_QUERIES, countStatusQueries, decodeStatusAnswers, statusProblem } from '../src/escpos-status.js';

// Answers as an Epson TM-T88 gives them (ESC/POS reference, DLE EOT n): every byte has bits 1 and 4 set, 0 and 7 clear.
const READY = [0x12, 0x12, 0x12];

describe('what a receipt printer says of itself (DLE EOT 1, 2, 4)', () => {
  it('asks the three questions in that order', () => {
    expect([...STATUS_QUERIES]).toEqual([0x10, 0x04, 0x01, 0x10, 0x04, 0x02, 0x10, 0x04, 0x04]);
  });

  it('ready: nothing to say', () => {
    expect(decodeStatusAnswers(READY)).toEqual({ offline: false, coverOpen: false, error: false, paper: 'ok' });
    expect(statusProblem(decodeStatusAnswers(READY))).toBeNull();
  });

  it('cover open while the paper sensor says fine: offline (n=1 bit 3) because of the cover (n=2 bit 2)', () => {
    const s = decodeStatusAnswers([0x1a, 0x16, 0x12]);
    expect(s).toEqual({ offline: true, coverOpen: true, error: false, paper: 'ok' });
    expect(statusProblem(s)).toContain('cover open');
  });

  it('a jam or cutter error (n=2 bit 6) is a problem of its own, not paper', () => {
    const s = decodeStatusAnswers([0x1a, 0x52, 0x12]);
    expect(s).toMatchObject({ error: true, paper: 'ok' });
    expect(statusProblem(s)).toContain('jam');
  });

  it('paper near end (n=4 bits 2–3) still prints; paper end (bits 5–6) does not', () => {
    expect(decodeStatusAnswers([0x12, 0x12, 0x1e])).toMatchObject({ paper: 'near-end' });
    expect(statusProblem(decodeStatusAnswers([0x12, 0x12, 0x1e]))).toBeNull();
    expect(statusProblem(decodeStatusAnswers([0x1a, 0x32, 0x72]))).toContain('paper out');
  });

  it('offline for no reason it gives is still offline', () => {
    expect(statusProblem(decodeStatusAnswers([0x1a, 0x12, 0x12]))).toContain('offline');
  });

  it('no answer, or a byte that cannot be one, is "cannot say" — never a problem', () => {
    expect(decodeStatusAnswers([])).toEqual({ offline: null, coverOpen: null, error: null, paper: 'unknown' });
    expect(decodeStatusAnswers([0x41, 0xff])).toMatchObject({ offline: null, coverOpen: null });
    expect(statusProblem(decodeStatusAnswers([]))).toBeNull();
  });

  it('counts the questions inside a stream, which a printer answers even inside raster data', () => {
    expect(countStatusQueries(Buffer.concat([STATUS_QUERIES, Buffer.from([0x1d, 0x76, 0x30, 0x00, 0x10, 0x04, 0x02, 0x00, 0x10, 0x04, 0x05])]))).toBe(4);
  });
});
