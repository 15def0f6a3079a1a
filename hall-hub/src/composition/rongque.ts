import { randomUUID } from 'node:crypto';
import type { Logger } from 'pino';
import { createCreditSubjectHasher } from '../adapters/crypto/credit-subject.js';
import type { IdProtector } from '../adapters/crypto/id-protection.js';
import type { Db } from '../adapters/sqlite/database.js';
import { createSqliteRongqueCases } from '../adapters/sqlite/sqlite-rongque-cases.js';
import { createHttpsCreditLists } from '../adapters/uplink/https-credit-lists.js';
import type { CatalogService } from '../app/catalog-service.js';
import type { QueueEngine } from '../app/queue-engine.js';
import { startRongqueDesk, type RongqueDesk } from '../app/rongque-desk.js';
import type { HallConfig } from '../config/hall-config-schema.js';
import { windowState } from '../domain/queue/state.js';
import type { Clock } from '../ports/clock.js';
import type { Outbox } from '../ports/uplink.js';

/**
 * 容缺受理 wired: the province's credit lists (polled like the downlink feeds), the sealed store, the catalog's
 * guides, the window's ticket in hand, and the outbox (the record on the queue stream, the SMS on notices).
 */
export function composeRongque(deps: {
  config: HallConfig;
  url: string;
  key: Buffer;
  db: Db;
  ids: IdProtector;
  engine: QueueEngine;
  catalog: CatalogService;
  outbox: Outbox;
  written: () => void;
  clock: Clock;
  logger: Logger;
}): RongqueDesk {
  const { config, engine } = deps;
  const up = config.uplink;
  return startRongqueDesk({
    store: createSqliteRongqueCases(deps.db, deps.ids.personal),
    guideOf: (id) => deps.catalog.index.guide(id),
    inHand(no) {
      if (!engine.rules.windows.has(no)) return null;
      const w = windowState(engine.state, no);
      const t = w.currentTicketId ? engine.state.tickets.get(w.currentTicketId) : undefined;
      return t && w.staffNo ? { ticketNo: t.number, staffNo: w.staffNo } : null;
    },
    credit: createHttpsCreditLists({ url: deps.url, hallId: config.hall.id, key: deps.key, tls: up.tls, timeoutMs: up.requestTimeoutMs }),
    subjectOf: createCreditSubjectHasher(deps.key),
    calendar: config.calendar,
    timeZone: config.hall.timeZone,
    hall: { id: config.hall.id, name: config.hall.name },
    outbox: deps.outbox,
    upstream: up.streams.queue.enabled,
    sms: up.notices.enabled,
    encrypt: (phone) => deps.ids.protect(phone).idCipher,
    written: deps.written,
    newId: randomUUID,
    clock: deps.clock,
    logger: deps.logger,
    pollMs: up.downlink.pollSeconds * 1000,
  });
}
