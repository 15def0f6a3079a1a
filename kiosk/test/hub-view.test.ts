import type { HubEvent, LineView } from '@hall/shared';
import { describe, expect, it } from 'vitest';
import { applyServerEvent, type HubView } from '../src/store/hub-view.js';

const line = (id: string, waiting: number): LineView => ({
  id,
  prefix: id.toUpperCase(),
  name: id,
  nameEn: null,
  waiting,
  waitingPriority: 0,
  issuedToday: waiting,
  dailyCap: null,
  longestWaitMinutes: null,
  estimatedWaitMinutes: null,
  openWindows: 1,
  ticketing: true,
});
const view: HubView = { seq: 10, lines: [line('a', 2), line('b', 0)], windows: [], phase: 'open' };
const event = (seq: number, lines?: LineView[]): HubEvent => ({ seq, type: 'TicketIssued', at: '2026-11-23T01:00:00.000Z', phase: 'open', ...(lines ? { lines } : {}) });

describe('applyServerEvent', () => {
  it('replaces the lines an event changed and advances the sequence', () => {
    const r = applyServerEvent(view, event(11, [line('a', 3)]));
    expect(r.gap).toBe(false);
    expect(r.view.seq).toBe(11);
    expect(r.view.lines.map((l) => l.waiting)).toEqual([3, 0]);
  });

  it('ignores events it already has, and reports a gap instead of applying a later one', () => {
    expect(applyServerEvent(view, event(9, [line('a', 99)])).view).toBe(view);
    const gap = applyServerEvent(view, event(13, [line('a', 5)]));
    expect(gap.gap).toBe(true);
    expect(gap.view).toBe(view);
  });
});
