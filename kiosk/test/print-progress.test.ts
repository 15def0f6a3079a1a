import { describe, expect, it } from 'vitest';
import { PRINT_PATIENCE_MS, printPhase, printSettled } from '../src/store/print-progress.js';

const job = (status: 'queued' | 'sending' | 'done' | 'failed' | 'expired', attempts = 0, lastError: string | null = null) => ({ status, attempts, lastError });

describe('what the kiosk tells the visitor about a print job', () => {
  it('"printing" while the job is queued or on its way without trouble, "printed" only once the printer confirmed it', () => {
    expect(printPhase(job('queued'), 500)).toBe('printing');
    expect(printPhase(job('sending'), 3_000)).toBe('printing');
    expect(printPhase(job('done'), 3_000)).toBe('done');
    expect(printPhase(null, 1_000)).toBe('printing');
  });

  it('says it failed as soon as the printer refused the job or has not confirmed it, or it took too long', () => {
    expect(printPhase(job('queued', 1, '打印机盖未合上 cover open'), 1_000)).toBe('failed');
    expect(printPhase(job('sending', 0, '打印机未确认收到（卡纸或盖未合上？）'), 12_000)).toBe('failed');
    expect(printPhase(job('sending'), PRINT_PATIENCE_MS)).toBe('failed');
    expect(printPhase(job('failed', 1, 'cut off; 可重新打印'), 2_000)).toBe('failed');
    expect(printPhase(job('expired', 4, 'cannot reach'), 2_000)).toBe('failed');
    expect(printPhase(null, PRINT_PATIENCE_MS)).toBe('failed');
  });

  it('keeps following a job that may still print (queued or sending), and stops once it is settled', () => {
    expect(printSettled(job('queued', 1, 'paper out'))).toBe(false);
    expect(printSettled(job('sending'))).toBe(false);
    expect(printSettled(null)).toBe(false);
    for (const s of ['done', 'failed', 'expired'] as const) expect(printSettled(job(s))).toBe(true);
  });
});
