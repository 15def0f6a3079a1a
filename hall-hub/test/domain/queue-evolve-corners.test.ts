import { describe, expect, it } from 'vitest';
import { evolve } from '../../src/domain/queue/evolve.js';
import { fromSnapshot, toSnapshot } from '../../src/domain/queue/snapshot.js';
import { windowState } from '../../src/domain/queue/state.js';
import { oldestWaitingAt } from '../../src/domain/queue/waiting-since.js';
import { MINUTE } from '@hall/testkit/hall-fixture';
import { queueInMemory } from './queue-in-memory.js';

// The state events leave, where mutation testing found nothing looking (docs/mutation.md): a window's status
// through a call, a service and a ticket taken back; the green channel's run left alone by a named call; a pause
// asked twice; an event naming a ticket nobody issued; the snapshot kept whole. Pure: no database.

describe('a window’s status and tickets through a service', () => {
  it('calling, then serving; a ticket taken back is served and leaves the set-aside list', () => {
    const q = queueInMemory();
    q.ok({ type: 'OpenWindow', windowNo: '1', staffNo: 'S1' });
    const a = q.issue();
    const b = q.issue();
    q.ok({ type: 'CallNext', windowNo: '1' });
    expect(windowState(q.state, '1')).toMatchObject({ status: 'calling', currentTicketId: a });
    q.ok({ type: 'StartService', windowNo: '1' });
    expect(windowState(q.state, '1')).toMatchObject({ status: 'serving', currentTicketId: a });
    q.ok({ type: 'SuspendTicket', windowNo: '1' });
    q.ok({ type: 'CallNext', windowNo: '1' });
    q.ok({ type: 'SuspendTicket', windowNo: '1' });
    expect(windowState(q.state, '1')).toMatchObject({ status: 'idle', currentTicketId: null, suspended: [a, b] });
    q.ok({ type: 'ResumeTicket', windowNo: '1', ticketId: a });
    expect(windowState(q.state, '1')).toMatchObject({ status: 'serving', currentTicketId: a, suspended: [b] });
  });

  it('a named call (out of order) does not count in the line’s run of calls; a call of the next does', () => {
    const q = queueInMemory();
    q.ok({ type: 'OpenWindow', windowNo: '1', staffNo: 'S1' });
    q.issue();
    const b = q.issue();
    q.ok({ type: 'CallNext', windowNo: '1' });
    expect(q.state.lines.get('general')?.run).toEqual({ kind: 'normal', count: 1 });
    q.ok({ type: 'CallTicket', windowNo: '1', ticketId: b });
    expect(q.state.lines.get('general')?.run).toEqual({ kind: 'normal', count: 1 });
  });

  it('a pause asked again keeps the time the window has been paused since, with the new reason', () => {
    const q = queueInMemory();
    q.ok({ type: 'OpenWindow', windowNo: '1', staffNo: 'S1' });
    q.ok({ type: 'PauseWindow', windowNo: '1', reason: '休息' });
    const paused = q.now;
    q.advance(MINUTE);
    q.ok({ type: 'PauseWindow', windowNo: '1', reason: '开会' });
    expect(windowState(q.state, '1')).toMatchObject({ status: 'paused', since: paused, pauseReason: '开会' });
  });

  it('an event naming a ticket nobody issued is a corrupt log: it throws and names the ticket', () => {
    const q = queueInMemory();
    expect(() => evolve(q.state, { type: 'TicketRecalled', at: q.now, ticketId: 'ghost', windowNo: '1' })).toThrow('event refers to unknown ticket ghost');
  });
});

describe('the snapshot', () => {
  it('keeps the whole state: tickets, numbers, windows, lines, requests, appointments, assigned lines', () => {
    const q = queueInMemory();
    q.ok({ type: 'BookAppointment', code: 'Y1', lineId: 'general', slotStart: q.now, slotEnd: q.now + 30 * MINUTE });
    q.ok({ type: 'OpenWindow', windowNo: '1', staffNo: 'S1' });
    q.ok({ type: 'IssueTicket', lineId: 'general', channel: 'kiosk', requestId: 'r1' });
    q.ok({ type: 'CheckInAppointment', code: 'Y1' });
    q.ok({ type: 'CallNext', windowNo: '1' });
    q.ok({ type: 'AssignWindowLines', windowNo: '2', lines: [{ line: 'tax', order: 1 }] });
    q.ok({ type: 'IssueTicket', lineId: 'general', channel: 'kiosk', requestId: 'r2' });
    const back = fromSnapshot(JSON.parse(JSON.stringify(toSnapshot(q.state))));
    // The longest-wait heaps are derived, never saved: rebuilt from the lists, without the stale entries a live
    // heap drops lazily, so they are compared by what they answer.
    const { waitingSince: rebuilt, ...restored } = back;
    const { waitingSince: live, ...kept } = q.state;
    expect(restored).toEqual(kept);
    expect(rebuilt.size).toBeGreaterThan(0);
    for (const lineId of new Set([...live.keys(), ...rebuilt.keys(), ...q.state.lines.keys()])) {
      expect(oldestWaitingAt(back, lineId), lineId).toBe(oldestWaitingAt(q.state, lineId));
    }
    expect(oldestWaitingAt(back, 'general')).not.toBeNull();
    for (const key of ['tickets', 'byNumber', 'windows', 'lines', 'requests', 'appointments', 'assignedLines'] as const) {
      expect(back[key].size, key).toBeGreaterThan(0);
    }
  });
});
