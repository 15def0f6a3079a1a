import type { Channel, RatingChannel, Satisfaction } from '@hall/shared';
import type { QueueKind } from './state.js';

interface At {
  /** epoch milliseconds */
  at: number;
}

export interface IssuedTicket {
  id: string;
  number: string;
  serial: number;
  lineId: string;
  channel: Channel;
  priorityGroup: string | null;
  appointmentCode: string | null;
  idKey: string | null;
  idMasked: string | null;
  idCipher: string | null;
  /** 一口受理: only windows of this department call it (absent in events from before the feature) */
  leadDept?: string | null;
}

/** Where a ticket joins a waiting list; decided once, so replay never depends on today's configuration. */
export interface Placement {
  queue: QueueKind;
  index: number;
}

export type QueueEvent =
  | (At & { type: 'DayStarted'; day: string; expired: string[] })
  | (At & { type: 'TicketIssued'; ticket: IssuedTicket; placement: Placement })
  | (At & {
      type: 'AppointmentBooked';
      code: string;
      lineId: string;
      day: string;
      slotStart: number;
      slotEnd: number;
      name: string | null;
    })
  /**
   * A staff member signs in at the window. On a window already open it is a handover (AB岗): the B post takes
   * over (coveringFor the A post, with the A post's absence reason) or hands back (coveringFor null).
   */
  | (At & { type: 'WindowOpened'; windowNo: string; staffNo: string; coveringFor: string | null; absenceReason?: string | null })
  | (At & { type: 'WindowClosed'; windowNo: string })
  | (At & {
      type: 'TicketCalled';
      ticketId: string;
      windowNo: string;
      outOfOrder: boolean;
      auto: boolean;
    })
  | (At & { type: 'TicketRecalled'; ticketId: string; windowNo: string })
  | (At & { type: 'ServiceStarted'; ticketId: string; windowNo: string })
  | (At & { type: 'ServiceFinished'; ticketId: string; windowNo: string })
  | (At & { type: 'TicketMissed'; ticketId: string; windowNo: string })
  | (At & { type: 'TicketReinstated'; ticketId: string; placement: Placement })
  | (At & { type: 'TicketPostponed'; ticketId: string; placement: Placement })
  | (At & {
      type: 'TicketTransferred';
      ticketId: string;
      fromWindowNo: string;
      toLineId: string;
      reservedWindow: string | null;
      placement: Placement;
    })
  | (At & { type: 'TicketSuspended'; ticketId: string; windowNo: string })
  | (At & { type: 'TicketResumed'; ticketId: string; windowNo: string })
  | (At & { type: 'WindowPaused'; windowNo: string; reason: string })
  | (At & { type: 'WindowResumed'; windowNo: string })
  /** the lines the window serves from now on, lowest order first; replayed, so a restart keeps them */
  | (At & { type: 'WindowLinesAssigned'; windowNo: string; lines: Array<{ line: string; order: number }> })
  | (At & { type: 'TicketCancelled'; ticketId: string; reason: string })
  | (At & {
      type: 'ServiceRated';
      ticketId: string;
      windowNo: string;
      level: Satisfaction;
      dimensions: Partial<Record<'attitude' | 'quality' | 'efficiency' | 'integrity', number>>;
      channel: RatingChannel;
      /** 差评 reasons and free text (absent in events written before they existed) */
      reasons?: string[];
      comment?: string;
    })
  /** A command with a request id was applied: a repeat of it does nothing more (QoS 1 redelivery, retries). */
  | (At & { type: 'RequestHandled'; requestId: string; ticketId: string | null });

export type QueueEventType = QueueEvent['type'];
