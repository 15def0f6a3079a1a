import type { CallRecord, HubEvent, WindowView } from '@hall/shared';
import { describe, expect, it } from 'vitest';
import { applyServerEvent, callsIn, gridOrder, linesIn, MAX_CALLS, windowsIn, type WallView } from '../src/store/wall-view.js';

const win = (no: string, zone: string, lines: string[], extra: Partial<WindowView> = {}): WindowView => ({
  no,
  name: `${no}号窗口`,
  zone,
  status: 'idle',
  staffNo: null,
  staffName: null,
  coveringFor: null,
  pauseReason: null,
  currentTicket: null,
  currentTicketId: null,
  suspendedTickets: [],
  since: '2026-11-23T01:00:00.000Z',
  lines,
  ...extra,
});
const call = (seq: number, ticket: string, windowNo: string, zone: string): CallRecord => ({ seq, ticket, windowNo, windowName: windowNo, zone, lineId: 'a', recall: false, at: '2026-11-23T01:00:00.000Z' });
const ev = (seq: number, type: string, extra: Partial<HubEvent> = {}): HubEvent => ({ seq, type, at: '2026-11-23T01:00:00.000Z', phase: 'open', ...extra });

const view: WallView = {
  seq: 10,
  phase: 'open',
  lines: [
    { id: 'a', prefix: 'A', name: '综合', nameEn: null, waiting: 3, waitingPriority: 0, issuedToday: 3, dailyCap: null, longestWaitMinutes: null, estimatedWaitMinutes: 5, openWindows: 1, ticketing: true },
    { id: 'd', prefix: 'D', name: '投资项目', nameEn: null, waiting: 1, waitingPriority: 0, issuedToday: 1, dailyCap: null, longestWaitMinutes: null, estimatedWaitMinutes: 9, openWindows: 1, ticketing: true },
  ],
  windows: [win('1', 'general', ['a']), win('9', 'invest', ['d'])],
  calls: [],
  finished: {},
};

describe('the wall view applies hub events purely, in order', () => {
  it('a call goes to the front of the list and updates its window; twenty calls keep their order', () => {
    let v = view;
    for (let i = 0; i < 20; i++) {
      v = applyServerEvent(v, ev(11 + i, 'TicketCalled', { call: call(11 + i, `A${String(i + 1).padStart(3, '0')}`, '1', 'general'), window: win('1', 'general', ['a'], { status: 'calling', currentTicket: `A${String(i + 1).padStart(3, '0')}` }) })).view;
    }
    expect(v.seq).toBe(30);
    expect(v.calls.map((c) => c.ticket).slice(0, 3)).toEqual(['A020', 'A019', 'A018']);
    expect(v.windows[0]!.currentTicket).toBe('A020');
    for (let i = 0; i < 40; i++) v = applyServerEvent(v, ev(31 + i, 'TicketCalled', { call: call(31 + i, 'B001', '9', 'invest') })).view;
    expect(v.calls).toHaveLength(MAX_CALLS);
  });

  it('reports a gap instead of applying an event that skips one, and ignores events it has', () => {
    expect(applyServerEvent(view, ev(12, 'TicketIssued')).gap).toBe(true);
    expect(applyServerEvent(view, ev(10, 'TicketIssued')).view).toBe(view);
  });

  it('after a finished service the window invites a rating, until its next call', () => {
    let v = applyServerEvent(view, ev(11, 'ServiceFinished', { window: win('1', 'general', ['a']), ticket: { number: 'A001', lineId: 'a', status: 'done', windowNo: '1' } })).view;
    expect(v.finished).toEqual({ '1': 'A001' });
    v = applyServerEvent(v, ev(12, 'TicketCalled', { call: call(12, 'A002', '1', 'general'), window: win('1', 'general', ['a'], { status: 'calling' }) })).view;
    expect(v.finished).toEqual({});
  });

  it('a zone wall sees its zone only: its windows, its calls and the lines its windows serve', () => {
    const v = applyServerEvent(view, ev(11, 'TicketCalled', { call: call(11, 'D001', '9', 'invest') })).view;
    const zone = { zone: 'invest', windowNo: null };
    expect(windowsIn(v, zone).map((w) => w.no)).toEqual(['9']);
    expect(callsIn(v, zone).map((c) => c.ticket)).toEqual(['D001']);
    expect(callsIn(v, { zone: 'general', windowNo: null })).toEqual([]);
    expect(linesIn(v, zone).map((l) => l.id)).toEqual(['d']);
    expect(linesIn(v, { zone: null, windowNo: null })).toHaveLength(2);
  });

  it('the window grid puts busy windows first: 28 idle windows never fill page 1 while the busy ones wait on page 2', () => {
    const status = (no: number): WindowView['status'] => (no === 29 ? 'calling' : no === 31 ? 'serving' : no === 30 ? 'paused' : no > 50 ? 'closed' : 'idle');
    const windows = Array.from({ length: 55 }, (_, i) => win(String(i + 1), 'general', ['a'], { status: status(i + 1) }));
    const order = gridOrder(windows).map((w) => w.no);
    const firstPage = order.slice(0, 28);
    expect(firstPage.slice(0, 2)).toEqual(['29', '31']);
    // then the idle ones in the hall's order, then paused, then closed
    expect(firstPage.slice(2, 5)).toEqual(['1', '2', '3']);
    expect(order.slice(-6)).toEqual(['30', '51', '52', '53', '54', '55']);
    expect(order).toHaveLength(55);
    // a window keeps its place when its visitor arrives (calling → serving)
    const served = windows.map((w) => (w.no === '29' ? { ...w, status: 'serving' as const } : w));
    expect(gridOrder(served).map((w) => w.no)).toEqual(order);
  });
});
