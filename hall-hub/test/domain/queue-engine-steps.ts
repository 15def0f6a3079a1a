// The steps the queue engine tests take: a command that must be accepted, a ticket issued, a number called.

import type { QueueEngine } from '../../src/app/queue-engine.js';
import type { QueueCommand } from '../../src/domain/queue/commands.js';

export function ok(engine: QueueEngine, cmd: QueueCommand): string | null {
  const r = engine.execute(cmd);
  if (!r.ok) throw new Error(`refused: ${r.refusal.code}`);
  return r.ticketId;
}
export const issue = (e: QueueEngine, extra: Partial<Extract<QueueCommand, { type: 'IssueTicket' }>> = {}) =>
  ok(e, { type: 'IssueTicket', lineId: 'general', channel: 'kiosk', ...extra })!;
export const numberOf = (e: QueueEngine, id: string | null) => (id ? e.ticket(id)?.number : null);
export const callNext = (e: QueueEngine, windowNo: string) => numberOf(e, ok(e, { type: 'CallNext', windowNo }));
