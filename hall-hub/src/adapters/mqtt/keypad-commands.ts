import type { KeypadOp } from '@hall/shared';
import type { QueueCommand } from '../../domain/queue/commands.js';

/**
 * A keypad request, already validated against its schema, as the queue command it stands for. Its deadline (the
 * bridge's, PROTOCOL.md §7) becomes the command's `notAfter`: the queue refuses it once past.
 */
export function keypadCommand(
  op: KeypadOp,
  body: Record<string, unknown>,
  windowNo: string,
  requestId: string | undefined,
  ticketIdOfNumber: (number: string) => string | null,
): QueueCommand | { refused: 'unknown_ticket' } {
  const cmd = commandOf(op, body, windowNo, requestId, ticketIdOfNumber);
  return typeof body.deadline === 'number' && !('refused' in cmd) ? { ...cmd, notAfter: body.deadline } : cmd;
}

function commandOf(
  op: KeypadOp,
  body: Record<string, unknown>,
  windowNo: string,
  requestId: string | undefined,
  ticketIdOfNumber: (number: string) => string | null,
): QueueCommand | { refused: 'unknown_ticket' } {
  const str = (k: string) => (typeof body[k] === 'string' ? (body[k] as string) : undefined);
  switch (op) {
    case 'login':
      return { type: 'OpenWindow', windowNo, staffNo: str('staffNo') ?? '', requestId };
    case 'logout':
      return { type: 'CloseWindow', windowNo, requestId };
    case 'call-next':
      return { type: 'CallNext', windowNo, requestId };
    case 'call': {
      const id = ticketIdOfNumber(str('number') ?? '');
      return id ? { type: 'CallTicket', windowNo, ticketId: id, requestId } : { refused: 'unknown_ticket' };
    }
    case 'recall':
      return { type: 'Recall', windowNo, requestId };
    case 'start':
      return { type: 'StartService', windowNo, requestId };
    case 'finish':
      return { type: 'FinishService', windowNo, requestId };
    case 'no-show':
      return { type: 'MarkNoShow', windowNo, requestId };
    case 'transfer':
      return { type: 'TransferTicket', windowNo, toWindowNo: str('toWindowNo'), toLineId: str('toLineId'), requestId };
    case 'suspend':
      return { type: 'SuspendTicket', windowNo, requestId };
    case 'pause':
      return { type: 'PauseWindow', windowNo, reason: str('reason') ?? '暂停服务', requestId };
    case 'resume':
      return { type: 'ResumeWindow', windowNo, requestId };
    case 'resume-ticket': {
      const number = str('number');
      if (number === undefined) return { type: 'ResumeTicket', windowNo, requestId };
      const id = ticketIdOfNumber(number);
      return id ? { type: 'ResumeTicket', windowNo, ticketId: id, requestId } : { refused: 'unknown_ticket' };
    }
  }
}
