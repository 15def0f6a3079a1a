import type { Channel } from '@hall/shared';

export interface IdentityInput {
  idKey: string;
  idMasked: string;
  idCipher: string;
}

export type QueueCommand =
  | { type: 'StartDay' }
  | {
      type: 'IssueTicket';
      lineId: string;
      channel: Exclude<Channel, 'appointment'>;
      priorityGroup?: string | undefined;
      identity?: IdentityInput | undefined;
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
  | { type: 'OpenWindow'; windowNo: string; staffNo: string }
  | { type: 'CloseWindow'; windowNo: string }
  | { type: 'CallNext'; windowNo: string; requestId?: string | undefined }
  | { type: 'CallTicket'; windowNo: string; ticketId: string; requestId?: string | undefined }
  | { type: 'AutoCallOne' }
  | { type: 'Recall'; windowNo: string }
  | { type: 'StartService'; windowNo: string }
  | { type: 'FinishService'; windowNo: string }
  | { type: 'MarkNoShow'; windowNo: string }
  | { type: 'ReinstateTicket'; ticketId: string }
  | {
      type: 'TransferTicket';
      windowNo: string;
      toLineId?: string | undefined;
      toWindowNo?: string | undefined;
      placement?: 'front' | 'keep' | 'end' | undefined;
    }
  | { type: 'SuspendTicket'; windowNo: string }
  | { type: 'ResumeTicket'; windowNo: string; ticketId: string }
  | { type: 'PauseWindow'; windowNo: string; reason: string }
  | { type: 'ResumeWindow'; windowNo: string }
  | { type: 'CancelTicket'; ticketId: string; reason: string };

export type QueueCommandType = QueueCommand['type'];
