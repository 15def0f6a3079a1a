import type { Channel, RatingChannel, Satisfaction } from '@hall/shared';

export interface IdentityInput {
  idKey: string;
  idMasked: string;
  idCipher: string;
}

/**
 * A device's request carries the last instant (hub clock, epoch ms) it may be applied at: after it the device
 * has been told "no answer" (PROTOCOL.md §7), and applying it would call a visitor nobody expects.
 */
interface Expiring {
  notAfter?: number | undefined;
}

export type QueueCommand = Expiring &
  (
  | { type: 'StartDay' }
  | {
      type: 'IssueTicket';
      lineId: string;
      channel: Exclude<Channel, 'appointment'>;
      priorityGroup?: string | undefined;
      identity?: IdentityInput | undefined;
      /** 一口受理: only windows of this department call the ticket (a joint item's lead department) */
      leadDept?: string | undefined;
      requestId?: string | undefined;
    }
  | {
      type: 'BookAppointment';
      code: string;
      lineId: string;
      slotStart: number;
      slotEnd: number;
      name?: string | undefined;
    }
  | { type: 'CheckInAppointment'; code: string; requestId?: string | undefined }
  | {
      type: 'OpenWindow';
      windowNo: string;
      staffNo: string;
      /** AB岗: why the A post is away, when the B post takes their open window over */
      absenceReason?: string | undefined;
      requestId?: string | undefined;
    }
  /** AB岗: the B post gives the window back to the A post it covers for, in one action */
  | { type: 'HandBackWindow'; windowNo: string; requestId?: string | undefined }
  | { type: 'CloseWindow'; windowNo: string; requestId?: string | undefined }
  | { type: 'CallNext'; windowNo: string; requestId?: string | undefined }
  | { type: 'CallTicket'; windowNo: string; ticketId: string; requestId?: string | undefined }
  | { type: 'AutoCallOne' }
  | { type: 'Recall'; windowNo: string; requestId?: string | undefined }
  | { type: 'StartService'; windowNo: string; requestId?: string | undefined }
  | { type: 'FinishService'; windowNo: string; requestId?: string | undefined }
  | { type: 'MarkNoShow'; windowNo: string; requestId?: string | undefined }
  | { type: 'ReinstateTicket'; ticketId: string; requestId?: string | undefined }
  /** the visitor steps out (from their phone): their ticket moves back `rejoinAfter` places */
  | { type: 'PostponeTicket'; ticketId: string; requestId?: string | undefined }
  | {
      type: 'TransferTicket';
      windowNo: string;
      toLineId?: string | undefined;
      toWindowNo?: string | undefined;
      placement?: 'front' | 'keep' | 'end' | undefined;
      requestId?: string | undefined;
    }
  | { type: 'SuspendTicket'; windowNo: string; requestId?: string | undefined }
  /** without a ticket, the one suspended last at the window */
  | { type: 'ResumeTicket'; windowNo: string; ticketId?: string | undefined; requestId?: string | undefined }
  | { type: 'PauseWindow'; windowNo: string; reason: string; requestId?: string | undefined }
  | { type: 'ResumeWindow'; windowNo: string; requestId?: string | undefined }
  /** 弹性窗口: from the next call on, the window serves these lines in this order */
  | { type: 'AssignWindowLines'; windowNo: string; lines: Array<{ line: string; order: number }>; requestId?: string | undefined }
  | { type: 'CancelTicket'; ticketId: string; reason: string; requestId?: string | undefined }
  | {
      type: 'RateService';
      windowNo: string;
      /** the ticket rated (window screen, tablet, QR); without it, the one just finished at the window */
      ticketId?: string | undefined;
      level: Satisfaction;
      dimensions?: Partial<Record<'attitude' | 'quality' | 'efficiency' | 'integrity', number>> | undefined;
      channel: RatingChannel;
      /** 差评 reason codes and free text */
      reasons?: string[] | undefined;
      comment?: string | undefined;
      requestId?: string | undefined;
    }
  );

export type QueueCommandType = QueueCommand['type'];
