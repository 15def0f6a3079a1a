import { describe, expect, it } from 'vitest';
import type { QueueEngine } from '../../src/app/queue-engine.js';
import type { QueueCommand } from '../../src/domain/queue/commands.js';
import { engineFor, fakeClock } from '@hall/testkit/engine-fixture';
import { MINUTE, smallHall } from '@hall/testkit/hall-fixture';

function ok(engine: QueueEngine, cmd: QueueCommand): string | null {
  const r = engine.execute(cmd);
  if (!r.ok) throw new Error(`refused: ${r.refusal.code}`);
  return r.ticketId;
}
const refusal = (engine: QueueEngine, cmd: QueueCommand) => {
  const r = engine.execute(cmd);
  return r.ok ? null : r.refusal.code;
};
const issue = (e: QueueEngine) => ok(e, { type: 'IssueTicket', lineId: 'general', channel: 'kiosk' })!;
const open = (e: QueueEngine, ...windows: string[]) => windows.forEach((w) => ok(e, { type: 'OpenWindow', windowNo: w, staffNo: `S${w}` }));

describe('a device request past its deadline (PROTOCOL.md §7)', () => {
  it('is refused as request_expired and changes nothing; before its deadline it is applied', () => {
    const clock = fakeClock();
    const { engine } = engineFor(smallHall(), clock);
    open(engine, '1');
    const a = issue(engine);
    const deadline = clock.now() - 1;
    expect(refusal(engine, { type: 'CallNext', windowNo: '1', requestId: 'k/1', notAfter: deadline })).toBe('request_expired');
    expect(engine.ticket(a)?.status).toBe('waiting');
    expect(ok(engine, { type: 'CallNext', windowNo: '1', requestId: 'k/2', notAfter: clock.now() })).toBe(a);
  });

  it('a repeat of a request applied in time is answered as applied, even after the deadline', () => {
    const clock = fakeClock();
    const { engine } = engineFor(smallHall(), clock);
    open(engine, '1');
    const a = issue(engine);
    const notAfter = clock.now() + 1000;
    ok(engine, { type: 'CallNext', windowNo: '1', requestId: 'k/1', notAfter });
    clock.advance(MINUTE);
    const again = engine.execute({ type: 'CallNext', windowNo: '1', requestId: 'k/1', notAfter });
    expect(again).toMatchObject({ ok: true, ticketId: a, duplicate: true });
  });
});

describe('a transfer to "the hub’s choice" (keypad transfer target 0)', () => {
  it('goes to the open window of the ticket’s line with the fewest tickets reserved for it', () => {
    const { engine } = engineFor(smallHall());
    open(engine, '1', '2', '3');
    const [a, b] = [issue(engine), issue(engine)];
    ok(engine, { type: 'CallNext', windowNo: '1' });
    ok(engine, { type: 'TransferTicket', windowNo: '1' });
    const first = engine.ticket(a)!;
    expect(first).toMatchObject({ status: 'waiting', lineId: 'general' });
    expect(['2', '3']).toContain(first.reservedWindow);
    // The next one goes to the other window: the first already has one reserved.
    ok(engine, { type: 'CallTicket', windowNo: '1', ticketId: b });
    ok(engine, { type: 'TransferTicket', windowNo: '1' });
    expect(engine.ticket(b)!.reservedWindow).not.toBe(first.reservedWindow);
    expect(['2', '3']).toContain(engine.ticket(b)!.reservedWindow);
  });

  it('with no other window of its line open, goes back to its line for anyone to call', () => {
    const { engine } = engineFor(smallHall());
    open(engine, '1');
    const a = issue(engine);
    ok(engine, { type: 'CallNext', windowNo: '1' });
    ok(engine, { type: 'TransferTicket', windowNo: '1' });
    expect(engine.ticket(a)).toMatchObject({ status: 'waiting', lineId: 'general', reservedWindow: null });
  });
});

describe('a suspended ticket taken back (挂起 → 恢复)', () => {
  it('by the resume op without a number: the one suspended last at the window', () => {
    const { engine } = engineFor(smallHall());
    open(engine, '1');
    const [a, b] = [issue(engine), issue(engine)];
    ok(engine, { type: 'CallNext', windowNo: '1' });
    ok(engine, { type: 'SuspendTicket', windowNo: '1' });
    ok(engine, { type: 'CallNext', windowNo: '1' });
    ok(engine, { type: 'SuspendTicket', windowNo: '1' });
    expect(engine.state.windows.get('1')?.suspended).toEqual([a, b]);
    expect(ok(engine, { type: 'ResumeTicket', windowNo: '1' })).toBe(b);
    expect(engine.ticket(b)?.status).toBe('serving');
    expect(refusal(engine, { type: 'ResumeTicket', windowNo: '2' })).toBe('nothing_suspended');
  });

  it('by calling its number: the ticket in hand is finished, the suspended one is in hand again', () => {
    const { engine } = engineFor(smallHall());
    open(engine, '1', '2');
    const [a, b] = [issue(engine), issue(engine)];
    ok(engine, { type: 'CallNext', windowNo: '1' });
    ok(engine, { type: 'SuspendTicket', windowNo: '1' });
    ok(engine, { type: 'CallNext', windowNo: '1' });
    // Another window may not call it: it is suspended at window 1.
    expect(refusal(engine, { type: 'CallTicket', windowNo: '2', ticketId: a })).toBe('ticket_not_suspended_here');
    expect(ok(engine, { type: 'CallTicket', windowNo: '1', ticketId: a })).toBe(a);
    expect(engine.ticket(b)?.status).toBe('done');
    expect(engine.ticket(a)?.status).toBe('serving');
    expect(engine.state.windows.get('1')).toMatchObject({ currentTicketId: a, suspended: [] });
  });
});
