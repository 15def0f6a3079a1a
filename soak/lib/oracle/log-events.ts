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
  | { type: 'WindowOpened' | 'WindowClosed' | 'WindowPaused' | 'WindowResumed'; at: number; windowNo: string }
  | { type: 'TicketCalled'; at: number; ticketId: string; windowNo: string; outOfOrder: boolean; auto: boolean }
  | { type: 'TicketRecalled' | 'ServiceStarted' | 'ServiceFinished' | 'TicketMissed'; at: number; ticketId: string; windowNo: string }
  | { type: 'TicketSuspended' | 'TicketResumed'; at: number; ticketId: string; windowNo: string }
  | { type: 'TicketReinstated' | 'TicketPostponed'; at: number; ticketId: string; placement: Placement }
  | { type: 'TicketTransferred'; at: number; ticketId: string; fromWindowNo: string; toLineId: string; reservedWindow: string | null; placement: Placement }
  | { type: 'TicketCancelled'; at: number; ticketId: string }
  | { type: 'RequestHandled'; at: number; requestId: string; ticketId: string | null }
  | { type: 'AppointmentBooked' | 'ServiceRated'; at: number };

export interface StoredEvent {
  seq: number;
  event: LoggedEvent;
}
