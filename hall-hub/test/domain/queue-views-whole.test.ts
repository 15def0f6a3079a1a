import { describe, expect, it } from 'vitest';
import { mobileTicketView } from '../../src/domain/queue/mobile-view.js';
import { anybodyInHall, currentPhase, lineView, queueOverview, ticketView, windowView } from '../../src/domain/queue/views.js';
import { callRecord, fillTemplate, toHubEvent } from '../../src/domain/queue/wire.js';
import { MINUTE, MONDAY_0900, smallHall } from '@hall/testkit/hall-fixture';
import { queueInMemory } from './queue-in-memory.js';

// What screens, phones and the console are sent, field by field (the HTTP and socket tests check that they
// arrive; these, what they say). The numbers are worked out in the comments.

/** 09:00 Monday. Windows 1 (general) and 3 (general, then tax) open; A001 (green channel) served 09:04–09:10. */
function morning() {
  const q = queueInMemory();
  q.ok({ type: 'OpenWindow', windowNo: '1', staffNo: 'S1' });
  q.ok({ type: 'OpenWindow', windowNo: '3', staffNo: 'S3' });
  const ids = {
    a1: q.issue({ priorityGroup: 'elderly', identity: { idKey: 'k', idMasked: '1101**********0011', idCipher: 'c' } }),
    a2: q.issue(),
    a3: '',
    a4: '',
    b1: '',
  };
  q.advance(MINUTE);
  ids.a3 = q.issue();
  ids.a4 = q.issue({ priorityGroup: 'elderly' });
  ids.b1 = q.issue({ lineId: 'tax' });
  q.advance(2 * MINUTE);
  q.ok({ type: 'CallNext', windowNo: '1' }); // A001: green channel first
  q.advance(MINUTE);
  q.ok({ type: 'StartService', windowNo: '1' });
  q.advance(6 * MINUTE);
  q.ok({ type: 'CallNext', windowNo: '1' }); // finishes A001 (6 minutes of service), calls A004 (green channel)
  q.ok({ type: 'SuspendTicket', windowNo: '1' });
  q.ok({ type: 'PauseWindow', windowNo: '1', reason: '休息' });
  return { q, ids };
}
const t = (q: ReturnType<typeof queueInMemory>, id: string) => q.state.tickets.get(id)!;

describe('views', () => {
  it('a ticket: served, waiting (people ahead and the estimate), suspended; its serving windows', () => {
    const { q, ids } = morning();
    expect(ticketView(q.state, q.rules, t(q, ids.a1))).toEqual({
      id: ids.a1, number: 'A001', day: '2026-11-23', lineId: 'general', lineName: '综合业务', channel: 'kiosk', priorityGroup: 'elderly',
      appointmentCode: null, idMasked: '1101**********0011', status: 'done', windowNo: '1',
      issuedAt: '2026-11-23T01:00:00.000Z', calledAt: '2026-11-23T01:03:00.000Z', startedAt: '2026-11-23T01:04:00.000Z', finishedAt: '2026-11-23T01:10:00.000Z',
      recallCount: 0, transferCount: 0, peopleAhead: null, estimatedWaitMinutes: null, servingWindows: ['1', '2', '3'],
    });
    // A003 has A002 ahead; one window (3, window 1 paused) serving general first: 1 × 6 min / 1 window
    expect(ticketView(q.state, q.rules, t(q, ids.a3))).toMatchObject({ status: 'waiting', peopleAhead: 1, estimatedWaitMinutes: 6, calledAt: null, startedAt: null, finishedAt: null });
    expect(ticketView(q.state, q.rules, t(q, ids.a4))).toMatchObject({ status: 'suspended', windowNo: '1', calledAt: '2026-11-23T01:10:00.000Z', peopleAhead: null });
    expect(ticketView(q.state, q.rules, t(q, ids.b1))).toMatchObject({ lineName: '税务业务', peopleAhead: 0, estimatedWaitMinutes: 0, servingWindows: ['3', '4'] });
  });

  it('a joint-item ticket lists only the windows of its lead department', () => {
    const base = smallHall();
    const q = queueInMemory({ windows: base.windows.map((w) => (w.no === '2' ? { ...w, dept: 'D7' } : w)) });
    const id = q.issue({ leadDept: 'D7' });
    expect(ticketView(q.state, q.rules, t(q, id)).servingWindows).toEqual(['2']);
  });

  it('windows: paused with its reason and suspended ticket; closed (since the epoch); a B post covering', () => {
    const { q } = morning();
    expect(windowView(q.state, q.rules, '1')).toEqual({
      no: '1', name: '综合窗口1', zone: 'general', status: 'paused', staffNo: 'S1', staffName: '张伟', coveringFor: null, absenceReason: null,
      pauseReason: '休息', currentTicket: null, currentTicketId: null, suspendedTickets: ['A004'], since: '2026-11-23T01:10:00.000Z', lines: ['general'],
    });
    expect(windowView(q.state, q.rules, '2')).toMatchObject({ status: 'closed', staffNo: null, staffName: null, since: '1970-01-01T00:00:00.000Z' });
    expect(windowView(q.state, q.rules, '3')).toMatchObject({ status: 'idle', lines: ['general', 'tax'], since: '2026-11-23T01:00:00.000Z' });
    q.ok({ type: 'ResumeWindow', windowNo: '1' });
    q.ok({ type: 'OpenWindow', windowNo: '1', staffNo: 'S5', absenceReason: '开会' });
    const called = q.ok({ type: 'CallNext', windowNo: '1' }).ticketId!;
    expect(windowView(q.state, q.rules, '1')).toMatchObject({ staffNo: 'S5', staffName: '陈静', coveringFor: 'S1', absenceReason: '开会', currentTicket: 'A002', currentTicketId: called });
  });

  it('lines: waiting, the longest wait, the estimate by open capacity (a second-order window counts half)', () => {
    const { q } = morning();
    // general: A002, A003 waiting; 2 × 6 min over window 3 alone
    expect(lineView(q.state, q.rules, 'general', q.now)).toEqual({
      id: 'general', prefix: 'A', name: '综合业务', nameEn: null, waiting: 2, waitingPriority: 0, issuedToday: 4, dailyCap: null,
      longestWaitMinutes: 10, estimatedWaitMinutes: 12, openWindows: 1, ticketing: true,
    });
    // tax: B001; no service yet, so the configured 8 minutes, over window 3 at half (tax is its second line)
    expect(lineView(q.state, q.rules, 'tax', q.now)).toEqual({
      id: 'tax', prefix: 'B', name: '税务业务', nameEn: null, waiting: 1, waitingPriority: 0, issuedToday: 1, dailyCap: 50,
      longestWaitMinutes: 9, estimatedWaitMinutes: 16, openWindows: 1, ticketing: true,
    });
    q.ok({ type: 'OpenWindow', windowNo: '4', staffNo: 'S4' });
    expect(lineView(q.state, q.rules, 'tax', q.now)).toMatchObject({ openWindows: 2, estimatedWaitMinutes: 5 }); // 8 / 1.5
    q.ok({ type: 'CloseWindow', windowNo: '3' });
    q.ok({ type: 'CloseWindow', windowNo: '4' });
    // nobody open: the configured windows stand in (1, 2, 3 for general)
    expect(lineView(q.state, q.rules, 'general', q.now)).toMatchObject({ openWindows: 0, estimatedWaitMinutes: 4 });
  });

  it('a line whose estimate reaches its red wait is overloaded by that many minutes; a full line stops ticketing', () => {
    const base = smallHall();
    const q = queueInMemory({ lines: base.lines.map((l) => (l.id === 'tax' ? { ...l, dailyCap: 5 } : l)) });
    q.ok({ type: 'OpenWindow', windowNo: '4', staffNo: 'S4' });
    for (let i = 0; i < 4; i++) q.issue({ lineId: 'tax' });
    expect(lineView(q.state, q.rules, 'tax', q.now)).toMatchObject({ estimatedWaitMinutes: 32, ticketing: true });
    expect('overloadMinutes' in lineView(q.state, q.rules, 'tax', q.now)).toBe(false);
    q.issue({ lineId: 'tax' });
    expect(lineView(q.state, q.rules, 'tax', q.now)).toMatchObject({ estimatedWaitMinutes: 40, overloadMinutes: 40, ticketing: false, dailyCap: 5, issuedToday: 5 });
  });

  it('the phase: open in hours whoever is there; after closing extended while anybody but a suspended ticket is in', () => {
    const q = queueInMemory();
    q.ok({ type: 'OpenWindow', windowNo: '1', staffNo: 'S1' });
    const a = q.issue();
    expect(currentPhase(q.state, q.rules, q.now)).toBe('open');
    q.advance(9 * 60 * MINUTE); // 18:00
    expect(currentPhase(q.state, q.rules, q.now)).toBe('extended');
    expect(anybodyInHall(q.state)).toBe(true);
    q.ok({ type: 'CallTicket', windowNo: '1', ticketId: a });
    q.ok({ type: 'SuspendTicket', windowNo: '1' });
    expect(anybodyInHall(q.state)).toBe(false);
    expect(currentPhase(q.state, q.rules, q.now)).toBe('closed');
    expect(queueOverview(q.state, q.rules, 'hall-x', q.now)).toMatchObject({ hallId: 'hall-x', day: '2026-11-23', phase: 'closed', now: '2026-11-23T10:00:00.000Z' });
  });

  it('a line: the longest wait is the oldest ticket of either list; green-channel tickets waiting are counted; an empty line has no wait', () => {
    const q = queueInMemory();
    expect(lineView(q.state, q.rules, 'general', q.now)).toMatchObject({ waiting: 0, waitingPriority: 0, longestWaitMinutes: null });
    q.issue();
    q.advance(5 * MINUTE);
    q.issue({ priorityGroup: 'elderly' });
    q.advance(MINUTE);
    expect(lineView(q.state, q.rules, 'general', q.now)).toMatchObject({ waiting: 2, waitingPriority: 1, longestWaitMinutes: 6 });
  });

  it('a line or window the rules do not name is shown by its id, with nothing configured', () => {
    const q = queueInMemory();
    expect(lineView(q.state, q.rules, 'nope', q.now)).toEqual({
      id: 'nope', prefix: '', name: 'nope', nameEn: null, waiting: 0, waitingPriority: 0, issuedToday: 0, dailyCap: null,
      longestWaitMinutes: null, estimatedWaitMinutes: null, openWindows: 0, ticketing: true,
    });
    expect(windowView(q.state, q.rules, '99')).toMatchObject({ no: '99', name: '99', zone: '', status: 'closed', lines: [] });
  });

  it('a window’s lines are listed by their order, whatever order the configuration gives them in', () => {
    const base = smallHall();
    const q = queueInMemory({ windows: base.windows.map((w) => (w.no === '3' ? { ...w, lines: [{ line: 'tax', order: 2 }, { line: 'general', order: 1 }] } : w)) });
    expect(windowView(q.state, q.rules, '3').lines).toEqual(['general', 'tax']);
  });

  it('the overview before the day is started names today, every line and every window', () => {
    const q = queueInMemory();
    const o = queueOverview({ ...q.state, day: null }, q.rules, 'h', MONDAY_0900);
    expect(o.day).toBe('2026-11-23');
    expect(o.lines.map((l) => l.id)).toEqual(['general', 'tax']);
    expect(o.windows.map((w) => w.no)).toEqual(['1', '2', '3', '4']);
  });

  it('the phone: position and wait while waiting, steps out left, nothing for a ticket of another day', () => {
    const { q, ids } = morning();
    expect(mobileTicketView(q.state, q.rules, t(q, ids.a3), '大厅')).toEqual({
      number: 'A003', day: '2026-11-23', lineName: '综合业务', lineNameEn: null, status: 'waiting', peopleAhead: 1, estimatedWaitMinutes: 6,
      windowNo: null, windowName: null, calledAt: null, recallCount: 0, stepOutsLeft: 1, steppedOut: 0, servingWindows: ['1', '2', '3'], hallName: '大厅',
      noShow: { zh: '过号30分钟内请到办理窗口恢复排队，超时请重新取号', en: 'Missed your call? Within 30 min, ask at your window to rejoin; later, take a new ticket' },
    });
    q.ok({ type: 'PostponeTicket', ticketId: ids.a3 });
    expect(mobileTicketView(q.state, q.rules, t(q, ids.a3), '大厅')).toMatchObject({ stepOutsLeft: 0, steppedOut: 1 });
    expect(mobileTicketView(q.state, q.rules, t(q, ids.a4), '大厅')).toMatchObject({ status: 'suspended', windowNo: '1', windowName: '综合窗口1', stepOutsLeft: 0 });
    const yesterdays = t(q, ids.a3);
    q.advance(24 * 60 * MINUTE);
    q.ok({ type: 'StartDay' });
    expect(mobileTicketView(q.state, q.rules, yesterdays, '大厅')).toBeNull();
  });
});

describe('what clients are sent for each event', () => {
  it('a call: the public ticket, the window, the lines the window serves and the call record', () => {
    const q = queueInMemory();
    q.ok({ type: 'OpenWindow', windowNo: '3', staffNo: 'S3' });
    q.issue();
    const d = q.ok({ type: 'CallNext', windowNo: '3', requestId: 'r1' });
    const [called, handled] = d.events;
    const e = toHubEvent(q.state, q.rules, 7, called!, q.now);
    expect(e).toMatchObject({ seq: 7, type: 'TicketCalled', at: '2026-11-23T01:00:00.000Z', phase: 'open', ticket: { number: 'A001', lineId: 'general', status: 'called', windowNo: '3' } });
    expect(e.window).toEqual(windowView(q.state, q.rules, '3'));
    expect(e.lines?.map((l) => l.id)).toEqual(['general', 'tax']);
    expect(e.call).toEqual({ seq: 7, ticket: 'A001', windowNo: '3', windowName: '综合窗口3', zone: 'general', lineId: 'general', recall: false, at: '2026-11-23T01:00:00.000Z' });
    expect(Object.keys(e.ticket!)).toEqual(['number', 'lineId', 'status', 'windowNo']);
    // the request's own record carries no ticket and no lines
    expect(toHubEvent(q.state, q.rules, 8, handled!, q.now, 'extended')).toEqual({ seq: 8, type: 'RequestHandled', at: '2026-11-23T01:00:00.000Z', phase: 'extended' });
    const recall = q.ok({ type: 'Recall', windowNo: '3' }).events[0]!;
    expect(toHubEvent(q.state, q.rules, 9, recall, q.now).call).toMatchObject({ seq: 9, recall: true });
  });

  it('a rating names no ticket and no lines; a transfer shows the window it left and both lines; a new day every line', () => {
    const q = queueInMemory();
    q.ok({ type: 'OpenWindow', windowNo: '1', staffNo: 'S1' });
    q.issue();
    q.issue();
    q.ok({ type: 'CallNext', windowNo: '1' });
    const moved = q.ok({ type: 'TransferTicket', windowNo: '1', toLineId: 'tax' }).events[0]!;
    const m = toHubEvent(q.state, q.rules, 1, moved, q.now);
    expect(m.window?.no).toBe('1');
    expect(m.lines?.map((l) => l.id).sort()).toEqual(['general', 'tax']);
    expect(m.call).toBeUndefined();
    q.ok({ type: 'CallNext', windowNo: '1' });
    q.ok({ type: 'FinishService', windowNo: '1' });
    const rated = q.ok({ type: 'RateService', windowNo: '1', level: 'satisfied', channel: 'evaluator' }).events[0]!;
    const r = toHubEvent(q.state, q.rules, 2, rated, q.now);
    expect(r.ticket).toBeUndefined();
    expect(r.lines).toBeUndefined();
    expect(r.window?.no).toBe('1');
    const assigned = q.ok({ type: 'AssignWindowLines', windowNo: '2', lines: [{ line: 'tax', order: 1 }] }).events[0]!;
    expect(toHubEvent(q.state, q.rules, 3, assigned, q.now).lines?.map((l) => l.id)).toEqual(['tax', 'general']);
    q.advance(24 * 60 * MINUTE);
    const day = q.ok({ type: 'StartDay' }).events[0]!;
    const ds = toHubEvent(q.state, q.rules, 4, day, q.now);
    expect(ds.lines?.map((l) => l.id)).toEqual(['general', 'tax']);
    expect(ds.ticket).toBeUndefined();
    expect(ds.window).toBeUndefined();
  });

  it('an issued ticket carries its line; a call at a window of one line names that line only; a booking names none', () => {
    const q = queueInMemory();
    q.ok({ type: 'OpenWindow', windowNo: '1', staffNo: 'S1' });
    const issued = q.ok({ type: 'IssueTicket', lineId: 'tax', channel: 'kiosk' }).events[0]!;
    const i = toHubEvent(q.state, q.rules, 1, issued, q.now);
    expect(i.ticket).toEqual({ number: 'B001', lineId: 'tax', status: 'waiting', windowNo: null });
    expect(i.lines?.map((l) => l.id)).toEqual(['tax']);
    expect(i.window).toBeUndefined();
    q.issue();
    const called = q.ok({ type: 'CallNext', windowNo: '1' }).events[0]!;
    expect(toHubEvent(q.state, q.rules, 2, called, q.now).lines?.map((l) => l.id)).toEqual(['general']);
    const booked = q.ok({ type: 'BookAppointment', code: 'P', lineId: 'general', slotStart: q.now, slotEnd: q.now + MINUTE }).events[0]!;
    expect(toHubEvent(q.state, q.rules, 3, booked, q.now)).toEqual({ seq: 3, type: 'AppointmentBooked', at: '2026-11-23T01:00:00.000Z', phase: 'open' });
  });

  it('a call record at a window the rules do not know keeps its number; templates fill every placeholder', () => {
    const q = queueInMemory();
    const id = q.issue();
    expect(callRecord(q.rules, 1, '99', t(q, id), false, MONDAY_0900)).toMatchObject({ windowNo: '99', windowName: '99', zone: '' });
    expect(fillTemplate('请{ticket}号到{window}号窗口（{windowName}）{window}', { ticket: 'A001', window: '3', windowName: '综合窗口3' })).toBe('请A001号到3号窗口（综合窗口3）3');
    expect(fillTemplate('{ticket}|{window}|{windowName}', { window: '3' })).toBe('|3|3');
  });
});
