import type { KeypadOp } from '@hall/shared';
import type { WindowAction } from '../../app/queue-actions.js';

/**
 * A keypad request, already validated against its schema, as the window action it stands for (the same the
 * console's software caller asks for over HTTP). Its deadline (the bridge's, PROTOCOL.md §7) goes with the
 * request's meta: the queue refuses it once past.
 */
export function keypadAction(op: KeypadOp, body: Record<string, unknown>): WindowAction {
  const str = (k: string) => (typeof body[k] === 'string' ? (body[k] as string) : undefined);
  switch (op) {
    case 'login':
      return { op: 'open', staffNo: str('staffNo') ?? '' };
    case 'logout':
      return { op: 'close' };
    case 'call':
      return { op: 'call', ticket: { number: str('number') ?? '' } };
    case 'transfer':
      return { op: 'transfer', toWindowNo: str('toWindowNo'), toLineId: str('toLineId') };
    case 'pause':
      return { op: 'pause', reason: str('reason') ?? '暂停服务' };
    case 'resume-ticket': {
      const number = str('number');
      return number === undefined ? { op: 'resume-ticket' } : { op: 'resume-ticket', ticket: { number } };
    }
    case 'call-next':
    case 'recall':
    case 'start':
    case 'finish':
    case 'no-show':
    case 'suspend':
    case 'resume':
      return { op };
  }
}
