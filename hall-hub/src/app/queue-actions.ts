import type { Satisfaction } from '@hall/shared';
import type { QueueCommand, QueueCommandType } from '../domain/queue/commands.js';
import { refuse, type Refusal } from '../domain/queue/refusals.js';
import type { ExecuteResult, QueueEngine } from './queue-engine.js';

/** A ticket named by its id (the console, a QR code) or by its printed number (a keypad). */
export interface TicketRef {
  ticketId?: string | undefined;
  number?: string | undefined;
}

/**
 * What staff do at a window, whether from the console's software caller (HTTP) or a caller keypad (MQTT): the
 * operation names are the routes' and the keypads' (PROTOCOL.md §5).
 */
export type WindowAction =
  | { op: 'open'; staffNo: string; absenceReason?: string | undefined }
  /** AB岗: the B post hands the window back to the A post */
  | { op: 'hand-back' }
  | { op: 'close' }
  | { op: 'call-next' }
  | { op: 'call'; ticket: TicketRef }
  | { op: 'recall' }
  | { op: 'start' }
  | { op: 'finish' }
  | { op: 'no-show' }
  | { op: 'transfer'; toLineId?: string | undefined; toWindowNo?: string | undefined; placement?: 'front' | 'keep' | 'end' | undefined }
  | { op: 'suspend' }
  /** without a ticket, the one suspended last at the window */
  | { op: 'resume-ticket'; ticket?: TicketRef | undefined }
  | { op: 'pause'; reason: string }
  | { op: 'resume' };

/** The queue command each window action stands for (what the logs name). */
export const windowCommandType = {
  open: 'OpenWindow',
  'hand-back': 'HandBackWindow',
  close: 'CloseWindow',
  'call-next': 'CallNext',
  call: 'CallTicket',
  recall: 'Recall',
  start: 'StartService',
  finish: 'FinishService',
  'no-show': 'MarkNoShow',
  transfer: 'TransferTicket',
  suspend: 'SuspendTicket',
  'resume-ticket': 'ResumeTicket',
  pause: 'PauseWindow',
  resume: 'ResumeWindow',
} as const satisfies Record<WindowAction['op'], QueueCommandType>;

/** Where the request came from: its idempotency key, and (a device's) the last instant it may be applied. */
export interface ActionMeta {
  requestId?: string | undefined;
  notAfter?: number | undefined;
}

/** More writes committed in the command's own transaction (an audit row): one fsync for both. */
export type Alongside = (r: ExecuteResult) => void;

type Refused = { ok: false; refusal: Refusal };

/** The command an action stands for, or the refusal of a ticket named that is not there. */
export function windowCommand(
windowNo: string,
a: WindowAction,
requestId: string | undefined,
ticketIdOf: (ref: TicketRef | undefined) => string | null,
): QueueCommand | Refusal {
  switch (a.op) {
    case 'open':
      return { type: 'OpenWindow', windowNo, staffNo: a.staffNo, absenceReason: a.absenceReason, requestId };
    case 'hand-back':
      return { type: 'HandBackWindow', windowNo, requestId };
    case 'close':
      return { type: 'CloseWindow', windowNo, requestId };
    case 'call-next':
      return { type: 'CallNext', windowNo, requestId };
    case 'call': {
      const ticketId = ticketIdOf(a.ticket);
      return ticketId ? { type: 'CallTicket', windowNo, ticketId, requestId } : refuse('unknown_ticket');
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
      return { type: 'TransferTicket', windowNo, toLineId: a.toLineId, toWindowNo: a.toWindowNo, placement: a.placement, requestId };
    case 'suspend':
      return { type: 'SuspendTicket', windowNo, requestId };
    case 'resume-ticket': {
      if (a.ticket === undefined) return { type: 'ResumeTicket', windowNo, requestId };
      const ticketId = ticketIdOf(a.ticket);
      return ticketId ? { type: 'ResumeTicket', windowNo, ticketId, requestId } : refuse('unknown_ticket');
    }
    case 'pause':
      return { type: 'PauseWindow', windowNo, reason: a.reason, requestId };
    case 'resume':
      return { type: 'ResumeWindow', windowNo, requestId };
  }
}

/**
 * The queue's use cases other than issuing (ticket-issuing.ts): window operations, a ticket's cancel, reinstate
 * and step-out, appointments — one function per action, called alike by HTTP, MQTT and anything else. Adapters
 * translate their input into these and the answer back; the queue (domain/queue) decides.
 */
export function createQueueActions(engine: QueueEngine) {
  const ticketIdOf = (ref: TicketRef | undefined): string | null =>
    ref?.ticketId ?? (ref?.number ? (engine.ticketByNumber(ref.number)?.id ?? null) : null);

  /** Submits a command, past its deadline (a device's) refused by the queue. */
  function submit(cmd: QueueCommand, meta: ActionMeta, alongside?: Alongside): Promise<ExecuteResult> {
    return engine.submit(meta.notAfter === undefined ? cmd : { ...cmd, notAfter: meta.notAfter }, alongside);
  }

  return {
    /**
     * 叫号, 重呼, 办结, 过号, 转移, 挂起, 暂停 … at a window. A ticket named that is not there is refused before
     * anything is written (so nothing goes alongside either).
     */
    async atWindow(windowNo: string, action: WindowAction, meta: ActionMeta = {}, alongside?: Alongside): Promise<ExecuteResult> {
      const cmd = windowCommand(windowNo, action, meta.requestId, ticketIdOf);
      if ('kind' in cmd) return { ok: false, refusal: cmd } satisfies Refused;
      return submit(cmd, meta, alongside);
    },

    /** 取消: staff take a ticket out of the queue, with the reason. */
    cancelTicket: (ticketId: string, reason: string) => engine.submit({ type: 'CancelTicket', ticketId, reason }),
    /** A missed (过号) visitor is back: they rejoin after the next few waiting. */
    reinstateTicket: (ticketId: string) => engine.submit({ type: 'ReinstateTicket', ticketId }),
    /** “I am stepping out” (the visitor's phone): the ticket moves back a few places, once. */
    postponeTicket: (ticketId: string, requestId: string | undefined) => engine.submit({ type: 'PostponeTicket', ticketId, requestId }),
    /** 预约签到 inside the slot: the appointment becomes a ticket. */
    checkInAppointment: (code: string, requestId: string | undefined) => engine.submit({ type: 'CheckInAppointment', code, requestId }),
    bookAppointment: (a: { code: string; lineId: string; slotStart: number; slotEnd: number; name?: string | undefined }) =>
      engine.submit({ type: 'BookAppointment', code: a.code, lineId: a.lineId, slotStart: a.slotStart, slotEnd: a.slotEnd, name: a.name }),

    /**
     * An evaluator's rating (评价器) at its window: of the ticket it names by number, or else of the one just
     * finished there.
     */
    async rateAtEvaluator(
      windowNo: string,
      r: { ticket?: string | undefined; level: Satisfaction; dimensions?: Partial<Record<'attitude' | 'quality' | 'efficiency' | 'integrity', number>> | undefined; deadline?: number | undefined },
      meta: ActionMeta,
      alongside?: Alongside,
    ): Promise<ExecuteResult> {
      const ticketId = r.ticket === undefined ? undefined : ticketIdOf({ number: r.ticket });
      if (ticketId === null) return { ok: false, refusal: refuse('unknown_ticket') };
      return engine.submit(
        { type: 'RateService', windowNo, ticketId, level: r.level, dimensions: r.dimensions, channel: 'evaluator', requestId: meta.requestId, notAfter: r.deadline },
        alongside,
      );
    },
  };
}
export type QueueActions = ReturnType<typeof createQueueActions>;
