import type { Logger } from 'pino';
import type { IdProtector } from '../adapters/crypto/id-protection.js';
import type { Db } from '../adapters/sqlite/database.js';
import { createSqliteSupervisedCases } from '../adapters/sqlite/sqlite-supervised-cases.js';
import { createHttpsCaseFeed } from '../adapters/uplink/https-case-feed.js';
import { startCaseSupervision, type CaseSupervision } from '../app/case-supervision.js';
import type { HallConfig } from '../config/hall-config-schema.js';
import type { Clock } from '../ports/clock.js';
import type { Outbox } from '../ports/uplink.js';

/** 办件监督 wired: the province's case feed, the sealed case store, the hall calendar and the SMS outbox. */
export function composeSupervision(deps: {
  config: HallConfig;
  url: string;
  key: Buffer;
  db: Db;
  ids: IdProtector;
  outbox: Outbox | null;
  written: () => void;
  clock: Clock;
  logger: Logger;
}): CaseSupervision {
  const { config } = deps;
  const up = config.uplink;
  const sv = up.supervision;
  const phones = new Map(sv.departments.map((d) => [d.code, d.phones.map((p) => deps.ids.protect(p).idCipher)]));
  const perDepartment = Object.fromEntries(
    sv.departments.map((d) => [d.code, { ...(d.yellowWorkingDays !== undefined ? { yellowWorkingDays: d.yellowWorkingDays } : {}), ...(d.yellowPercent !== undefined ? { yellowPercent: d.yellowPercent } : {}) }]),
  );
  return startCaseSupervision({
    source: createHttpsCaseFeed({ url: deps.url, hallId: config.hall.id, key: deps.key, tls: up.tls, timeoutMs: up.requestTimeoutMs }),
    store: createSqliteSupervisedCases(deps.db, deps.ids.personal),
    rules: { calendar: config.calendar, timeZone: config.hall.timeZone, thresholds: { yellowWorkingDays: sv.yellowWorkingDays, yellowPercent: sv.yellowPercent }, perDepartment },
    hall: { id: config.hall.id, name: config.hall.name },
    phonesOf: (code) => phones.get(code) ?? [],
    outbox: deps.outbox,
    written: deps.written,
    clock: deps.clock,
    logger: deps.logger,
    pollMs: sv.pollSeconds * 1000,
    checkMs: sv.checkSeconds * 1000,
    board: sv.board,
    keepFinishedMs: sv.keepFinishedDays * 86_400_000,
  });
}
