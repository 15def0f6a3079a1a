import type { UplinkStream } from '@hall/shared';
import type { QueueEvent } from '../queue/events.js';
import type { Ticket } from '../queue/state.js';

/** One row of the outbox: what goes upstream, on which stream, under which idempotency key. */
export interface OutboxRecord {
  stream: UplinkStream;
  /** stable across retries and restarts: the province deduplicates on it */
  key: string;
  type: string;
  at: number;
  data: Record<string, unknown>;
}

export type PersonalData = 'none' | 'masked' | 'full';

const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());

const QUEUE_TYPES: Partial<Record<QueueEvent['type'], string>> = {
  TicketIssued: 'issued',
  TicketCalled: 'called',
  ServiceFinished: 'served',
  TicketMissed: 'no-show',
};

export interface QueueStreamContext {
  hallId: string;
  personalData: PersonalData;
}

/**
 * Queue events for the province: issued, called, served, no-show, with their times. No personal data unless
 * configured ('full': the cipher, for the relay to decrypt). The ticket id never leaves the hall (it is the visitor's QR secret): day + number identify it.
 */
export function queueRecord(seq: number, e: QueueEvent, ticket: Ticket | undefined, staffNo: string | null, ctx: QueueStreamContext): OutboxRecord | null {
  const type = QUEUE_TYPES[e.type];
  if (!type || !ticket) return null;
  const data: Record<string, unknown> = {
    day: ticket.day,
    ticketNumber: ticket.number,
    lineId: ticket.lineId,
    channel: ticket.channel,
    priority: ticket.priorityGroup !== null,
    windowNo: 'windowNo' in e ? e.windowNo : null,
    staffNo: type === 'issued' ? null : staffNo,
    issuedAt: iso(ticket.issuedAt),
    calledAt: iso(ticket.calledAt),
    finishedAt: iso(ticket.finishedAt),
    at: iso(e.at),
  };
  if (type === 'issued' && ctx.personalData !== 'none' && ticket.idMasked) {
    data.idNumber = ticket.idMasked;
    // The full number rests in the outbox encrypted; it is decrypted only on its way out (revealing-outbox.ts).
    if (ctx.personalData === 'full' && ticket.idCipher) data.idCipher = ticket.idCipher;
  }
  return { stream: 'queue', key: `${ctx.hallId}:queue:${seq}`, type, at: e.at, data };
}

/** Window and staff attendance: a window opened by a staff member (or their AB post), paused, resumed, closed. */
export function attendanceRecord(seq: number, e: QueueEvent, staffBefore: string | null, hallId: string): OutboxRecord | null {
  const key = `${hallId}:attendance:${seq}`;
  switch (e.type) {
    case 'WindowOpened':
      return { stream: 'attendance', key, type: 'open', at: e.at, data: { windowNo: e.windowNo, staffNo: e.staffNo, coveringFor: e.coveringFor, ...(e.absenceReason ? { absenceReason: e.absenceReason } : {}), at: iso(e.at) } };
    case 'WindowClosed':
      return { stream: 'attendance', key, type: 'close', at: e.at, data: { windowNo: e.windowNo, staffNo: staffBefore, at: iso(e.at) } };
    case 'WindowPaused':
      return { stream: 'attendance', key, type: 'pause', at: e.at, data: { windowNo: e.windowNo, staffNo: staffBefore, reason: e.reason, at: iso(e.at) } };
    case 'WindowResumed':
      return { stream: 'attendance', key, type: 'resume', at: e.at, data: { windowNo: e.windowNo, staffNo: staffBefore, at: iso(e.at) } };
    default:
      return null;
  }
}

/** A device, screen or bridge went online or offline. */
export function deviceHealthRecord(
  hallId: string,
  d: { id: string; type: string; windowNo: string | null },
  online: boolean,
  at: number,
  via: string,
): OutboxRecord {
  return {
    stream: 'device-health',
    key: `${hallId}:device-health:${d.id}:${at}:${online ? 1 : 0}`,
    type: online ? 'online' : 'offline',
    at,
    data: { deviceId: d.id, deviceType: d.type, windowNo: d.windowNo, online, via, at: iso(at) },
  };
}
