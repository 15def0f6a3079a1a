/**
 * The hub's event log as the soak's oracle reads it: the `events` table's JSON, typed here from the log's own
 * format (each row is `{type, at, …}`), not from the hub's source. Only the fields the oracle needs are named.
 */
export interface Placement {
  queue: 'priority' | 'normal';
  index: number;
}

export type LoggedEvent =
  | { type: 'DayStarted'; at: number; day: string }
  | {
      type: 'TicketIssued';
      at: number;
      ticket: { id: string; number: string; serial: number; lineId: string; channel: string; priorityGroup: string | null };
      placement: Placement;
    }
  /** a staff member signs in; on a window already open, a handover (AB岗): `coveringFor` the A post, or null */
  | { type: 'WindowOpened'; at: number; windowNo: string; staffNo: string; coveringFor: string | null; absenceReason?: string | null }
  | { type: 'WindowClosed' | 'WindowPaused' | 'WindowResumed'; at: number; windowNo: string }
  /** 弹性窗口: the lines the window serves from now on */
  | { type: 'WindowLinesAssigned'; at: number; windowNo: string; lines: Array<{ line: string; order: number }> }
  | { type: 'TicketCalled'; at: number; ticketId: string; windowNo: string; outOfOrder: boolean; auto: boolean }
  | { type: 'TicketRecalled' | 'ServiceStarted' | 'ServiceFinished' | 'TicketMissed'; at: number; ticketId: string; windowNo: string }
  | { type: 'TicketSuspended' | 'TicketResumed'; at: number; ticketId: string; windowNo: string }
  | { type: 'TicketReinstated' | 'TicketPostponed'; at: number; ticketId: string; placement: Placement }
  | { type: 'TicketTransferred'; at: number; ticketId: string; fromWindowNo: string; toLineId: string; reservedWindow: string | null; placement: Placement }
  | { type: 'TicketCancelled'; at: number; ticketId: string }
  | { type: 'RequestHandled'; at: number; requestId: string; ticketId: string | null }
  | { type: 'ServiceRated'; at: number; ticketId: string; windowNo: string; level: string }
  | { type: 'AppointmentBooked'; at: number };

export interface StoredEvent {
  seq: number;
  event: LoggedEvent;
}
