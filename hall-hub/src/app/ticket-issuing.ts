import type { QueueCommand } from '../domain/queue/commands.js';
import { refuse, type Refusal } from '../domain/queue/refusals.js';
import type { Ticket } from '../domain/queue/state.js';
import type { CatalogService } from './catalog-service.js';
import type { IdCardReads } from './id-card-reads.js';
import type { PhoneNotices } from './phone-notices.js';
import type { QueueEngine } from './queue-engine.js';

type IssueTicket = Extract<QueueCommand, { type: 'IssueTicket' }>;
type Identity = NonNullable<IssueTicket['identity']>;

/** A ticket asked for, already checked for shape and for who asks (the adapter's part). */
export interface TicketRequest {
  lineId?: string | undefined;
  /** a catalog service: the ticket goes to the line that serves it */
  serviceId?: string | undefined;
  channel: IssueTicket['channel'];
  priorityGroup?: string | undefined;
  requestId?: string | undefined;
  /** typed in; never together with `idCardReader` */
  idNumber?: string | undefined;
  /** the visitor's card on the asking kiosk's reader: that reader's id, or null for a kiosk without one */
  idCardReader?: string | null | undefined;
  /** for the turn-near SMS, with `smsConsent` */
  phone?: string | undefined;
  smsConsent?: boolean | undefined;
}

export type IssueResult = { ok: true; ticket: Ticket; duplicate: boolean } | { ok: false; refusal: Refusal };

export interface TicketIssuingDeps {
  engine: QueueEngine;
  catalog: CatalogService;
  idCards: IdCardReads;
  /** the ID number's key, mask and cipher (the hall key's protector) */
  protectId: (idNumber: string) => Identity;
  /** 短信通知, where the hall sends SMS at all (read when asked: the uplink may start later) */
  phoneNotices: () => PhoneNotices | null;
}

/**
 * 取号: which line serves the service asked for, whose identity the ticket carries (an ID number typed in, or
 * the card on the kiosk's reader, taken once), and a phone for the SMS only with consent — then the queue
 * decides. HTTP and any other adapter issue tickets through here.
 */
export function createTicketIssuing(deps: TicketIssuingDeps) {
  const { engine, catalog } = deps;
  const no = (refusal: Refusal): IssueResult => ({ ok: false, refusal });

  function lineOf(r: Pick<TicketRequest, 'lineId' | 'serviceId'>): { lineId: string | undefined } | Refusal {
    if (r.lineId !== undefined || r.serviceId === undefined) return { lineId: r.lineId };
    if (!catalog.index.guide(r.serviceId)) return refuse('unknown_service');
    const lineId = catalog.index.lineFor(r.serviceId) ?? undefined;
    return lineId === undefined ? refuse('service_not_queued') : { lineId };
  }

  function identityOf(r: TicketRequest): Identity | undefined | Refusal {
    if (r.idCardReader === undefined) return r.idNumber ? deps.protectId(r.idNumber) : undefined;
    if (r.idCardReader === null) return refuse('no_id_reader');
    return deps.idCards.take(r.idCardReader, engine.now())?.identity ?? refuse('no_id_card');
  }

  function smsOf(r: TicketRequest): PhoneNotices | null | Refusal {
    if (r.phone === undefined) return null;
    if (r.smsConsent !== true) return refuse('sms_consent_required');
    return deps.phoneNotices() ?? refuse('sms_unavailable');
  }

  const isRefusal = (x: unknown): x is Refusal => typeof x === 'object' && x !== null && 'kind' in x && 'code' in x;

  return {
    /** Resolves the line (undefined only if neither line nor service was given: the adapter refuses that). */
    lineOf,
    async issueTicket(r: TicketRequest, lineId: string): Promise<IssueResult> {
      const identity = identityOf(r);
      if (isRefusal(identity)) return no(identity);
      const sms = smsOf(r);
      if (isRefusal(sms)) return no(sms);
      const phone = r.phone;
      // 一口受理: a joint item's ticket is called only at its lead department's windows.
      const leadDept = r.serviceId !== undefined && catalog.index.lineFor(r.serviceId) === lineId ? (catalog.index.leadDeptFor(r.serviceId) ?? undefined) : undefined;
      const cmd: IssueTicket = { type: 'IssueTicket', lineId, channel: r.channel, priorityGroup: r.priorityGroup, identity, leadDept, requestId: r.requestId };
      const res = await engine.submit(cmd, sms && phone ? (done) => {
        // The phone is stored in the issue's own transaction: no queue event can slip in between.
        if (done.ok && done.ticketId) sms.register(done.ticketId, phone);
      } : undefined);
      if (!res.ok) return res;
      return { ok: true, ticket: engine.ticket(res.ticketId!)!, duplicate: res.duplicate };
    },
  };
}
export type TicketIssuing = ReturnType<typeof createTicketIssuing>;
