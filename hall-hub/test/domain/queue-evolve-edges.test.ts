import { describe, expect, it } from 'vitest';
import { averageServiceMs } from '../../src/domain/queue/estimate.js';
import { windowState } from '../../src/domain/queue/state.js';
import { MINUTE, smallHall } from '@hall/testkit/hall-fixture';
import { queueInMemory } from './queue-in-memory.js';

// How events change the state, at the edges the engine tests and the replay property do not look at: the
// service times kept for estimates, the times a ticket and a window carry, what a new day keeps.

describe('the state events leave', () => {
  it('estimates average the last 20 services only; a service never started counts from its call', () => {
    const q = queueInMemory();
    q.ok({ type: 'OpenWindow', windowNo: '1', staffNo: 'S1' });
    const serve = (minutes: number, start: boolean) => {
      q.issue();
      q.ok({ type: 'CallNext', windowNo: '1' });
      q.advance(MINUTE);
      if (start) q.ok({ type: 'StartService', windowNo: '1' });
      q.advance(minutes * MINUTE);
      q.ok({ type: 'FinishService', windowNo: '1' });
    };
    serve(30, true); // 30 minutes from its start
    expect(averageServiceMs(q.state, q.rules, 'general')).toBe(30 * MINUTE);
    serve(2, false); // 3 minutes from its call
    expect(averageServiceMs(q.state, q.rules, 'general')).toBe(16.5 * MINUTE);
    for (let i = 0; i < 19; i++) serve(2, true);
    // the 30-minute service is the 21st from the end: dropped; 3 + 19 × 2 over 20
    expect(q.state.lines.get('general')?.recentServiceMs.length).toBe(20);
    expect(averageServiceMs(q.state, q.rules, 'general')).toBe(((3 + 19 * 2) * MINUTE) / 20);
  });

  it('a ticket taken back from suspension keeps its start; one transferred loses its call, start and lead department', () => {
    const base = smallHall();
    const q = queueInMemory({ windows: base.windows.map((w) => (w.no === '1' ? { ...w, dept: 'D1' } : w)) });
    q.ok({ type: 'OpenWindow', windowNo: '1', staffNo: 'S1' });
    const a = q.issue({ leadDept: 'D1' });
    q.ok({ type: 'CallNext', windowNo: '1' });
    q.ok({ type: 'StartService', windowNo: '1' });
    const started = q.now;
    q.advance(MINUTE);
    q.ok({ type: 'SuspendTicket', windowNo: '1' });
    q.advance(MINUTE);
    q.ok({ type: 'ResumeTicket', windowNo: '1' });
    expect(q.state.tickets.get(a)).toMatchObject({ status: 'serving', startedAt: started });
    q.ok({ type: 'TransferTicket', windowNo: '1', toLineId: 'tax' });
    expect(q.state.tickets.get(a)).toMatchObject({ status: 'waiting', lineId: 'tax', leadDept: null, calledAt: null, startedAt: null, windowNo: null, transferCount: 1 });
    // suspended without a start: resumed, it starts then
    q.issue();
    q.ok({ type: 'CallNext', windowNo: '1' });
    q.ok({ type: 'SuspendTicket', windowNo: '1' });
    q.advance(MINUTE);
    const resumedAt = q.now;
    const b = q.ok({ type: 'ResumeTicket', windowNo: '1' }).ticketId!;
    expect(q.state.tickets.get(b)?.startedAt).toBe(resumedAt);
  });

  it('a window’s "since" moves when its status changes, not on a handover or a ticket taken in the same status', () => {
    const q = queueInMemory();
    q.ok({ type: 'OpenWindow', windowNo: '1', staffNo: 'S1' });
    const opened = q.now;
    q.advance(MINUTE);
    q.ok({ type: 'OpenWindow', windowNo: '1', staffNo: 'S5' });
    expect(windowState(q.state, '1')).toMatchObject({ status: 'idle', since: opened, staffNo: 'S5' });
    q.ok({ type: 'PauseWindow', windowNo: '1', reason: '休息' });
    const paused = q.now;
    q.advance(MINUTE);
    // a handback keeps the pause and its time
    q.ok({ type: 'HandBackWindow', windowNo: '1' });
    expect(windowState(q.state, '1')).toMatchObject({ status: 'paused', since: paused, staffNo: 'S1', pauseReason: '休息' });
    q.ok({ type: 'ResumeWindow', windowNo: '1' });
    expect(windowState(q.state, '1')).toMatchObject({ status: 'idle', since: q.now, pauseReason: null });
    q.ok({ type: 'CloseWindow', windowNo: '1' });
    expect(windowState(q.state, '1')).toMatchObject({ status: 'closed', staffNo: null, coveringFor: null, since: q.now });
  });

  it('a missed ticket taken while the window is paused leaves it paused; reinstated, it waits with no window', () => {
    const q = queueInMemory();
    q.ok({ type: 'OpenWindow', windowNo: '1', staffNo: 'S1' });
    const a = q.issue();
    q.ok({ type: 'CallNext', windowNo: '1' });
    q.ok({ type: 'MarkNoShow', windowNo: '1' });
    expect(windowState(q.state, '1')).toMatchObject({ status: 'idle', currentTicketId: null });
    expect(q.state.tickets.get(a)).toMatchObject({ status: 'no-show', missedAt: q.now });
    q.ok({ type: 'ReinstateTicket', ticketId: a });
    expect(q.state.tickets.get(a)).toMatchObject({ status: 'waiting', windowNo: null, missedAt: null });
    expect(q.state.lines.get('general')?.normal).toEqual([a]);
    const cancelled = q.issue();
    q.ok({ type: 'CancelTicket', ticketId: cancelled, reason: 'x' });
    expect(q.state.tickets.get(cancelled)).toMatchObject({ status: 'cancelled', finishedAt: q.now });
    expect(q.state.lines.get('general')?.normal).toEqual([a]);
  });

  it('a new day keeps the appointments of that day and later, with their tickets; yesterday’s go', () => {
    const q = queueInMemory();
    const day = 24 * 60 * MINUTE;
    for (const [code, at] of [['TODAY', q.now + 30 * MINUTE], ['TOMORROW', q.now + day], ['LATER', q.now + 2 * day]] as const) {
      q.ok({ type: 'BookAppointment', code, lineId: 'general', slotStart: at, slotEnd: at + 30 * MINUTE });
    }
    q.ok({ type: 'CheckInAppointment', code: 'TODAY' });
    q.advance(day);
    q.ok({ type: 'StartDay' });
    expect([...q.state.appointments.keys()]).toEqual(['TOMORROW', 'LATER']);
    q.ok({ type: 'BookAppointment', code: 'TOMORROW', lineId: 'tax', slotStart: q.now, slotEnd: q.now + MINUTE, name: '王' });
    const id = q.ok({ type: 'CheckInAppointment', code: 'TOMORROW' }).ticketId;
    // booked again (moved to another line): the check-in it had is kept
    q.ok({ type: 'BookAppointment', code: 'TOMORROW', lineId: 'tax', slotStart: q.now, slotEnd: q.now + MINUTE });
    expect(q.state.appointments.get('TOMORROW')).toMatchObject({ ticketId: id, lineId: 'tax', name: null });
    expect(q.state.tickets.get(id!)).toMatchObject({ number: 'B001', appointmentCode: 'TOMORROW', day: '2026-11-24' });
  });
});
