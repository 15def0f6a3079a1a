import { join } from 'node:path';
import type { UplinkStream } from '@hall/shared';
import fp from 'fastify-plugin';
import type { Logger } from 'pino';
import type { IdProtector } from '../adapters/crypto/id-protection.js';
import { openDatabase, type Db } from '../adapters/sqlite/database.js';
import { createSqliteDownlinkStore } from '../adapters/sqlite/sqlite-downlink-store.js';
import { createSqliteEvaluationStore } from '../adapters/sqlite/sqlite-evaluation-store.js';
import { createSqliteTicketRecords } from '../adapters/sqlite/sqlite-event-store.js';
import { createSqliteOutbox } from '../adapters/sqlite/sqlite-outbox.js';
import { createSqliteSmsConsents } from '../adapters/sqlite/sqlite-sms-consents.js';
import { createHttpsCaseSource } from '../adapters/uplink/https-cases.js';
import { createCaseQuery, type CaseQuery } from '../app/case-query.js';
import type { CaseSupervision } from '../app/case-supervision.js';
import { composeSupervision } from './case-supervision.js';
import { composeRongque } from './rongque.js';
import type { RongqueDesk } from '../app/rongque-desk.js';
import { createPhoneNotices, type PhoneNotices } from '../app/phone-notices.js';
import { revealingOutbox } from '../app/revealing-outbox.js';
import { createHttpsDownlink } from '../adapters/uplink/https-downlink.js';
import { createHttpsTransport } from '../adapters/uplink/https-transport.js';
import { createMqtt5Transport } from '../adapters/uplink/mqtt5-transport.js';
import { hmacHex, loadUplinkKey } from '../adapters/uplink/sign.js';
import type { CatalogService } from '../app/catalog-service.js';
import { startDownlink, type Downlink } from '../app/downlink.js';
import { createEvaluationService } from '../app/evaluation-service.js';
import type { QueueEngine } from '../app/queue-engine.js';
import { createUplinkProjector } from '../app/uplink-projector.js';
import { startUplinkRelay, type UplinkRelay } from '../app/uplink-relay.js';
import type { HallConfig } from '../config/hall-config-schema.js';
import { createDiskMonitor } from '../adapters/ops/disk-monitor.js';
import { resolveProfile } from '../domain/uplink/province-profiles.js';
import type { Clock } from '../ports/clock.js';
import type { UplinkParts } from '../app/province-link.js';

export interface UplinkDeps {
  config: HallConfig;
  dataDir: string;
  db: Db;
  engine: QueueEngine;
  catalog: CatalogService;
  ids: IdProtector;
  clock: Clock;
  env: NodeJS.ProcessEnv;
  logger: Logger;
}

const STREAM_SWITCH: Record<UplinkStream, 'queue' | 'evaluation' | 'attendance' | 'deviceHealth' | 'notices'> = {
  queue: 'queue',
  evaluation: 'evaluation',
  attendance: 'attendance',
  'device-health': 'deviceHealth',
  notices: 'notices',
};

/** Whether a stream is switched on (notices have their own section: they carry phone numbers). */
function streamEnabled(up: HallConfig['uplink'], s: UplinkStream): boolean {
  const k = STREAM_SWITCH[s];
  return k === 'notices' ? up.notices.enabled : up.streams[k].enabled;
}

/** The way batches travel to the province: HTTPS POSTs, or an MQTT 5 broker the province subscribes to. */
function uplinkTransport(up: HallConfig['uplink'], url: string | undefined, hallId: string, env: NodeJS.ProcessEnv) {
  return up.transport === 'https'
    ? createHttpsTransport({ url: url!, hallId, tls: up.tls, timeoutMs: up.requestTimeoutMs })
    : createMqtt5Transport({
        url: up.mqtt!.url,
        hallId,
        topicPrefix: up.mqtt!.topicPrefix,
        requireSubscriber: up.mqtt!.requireSubscriber,
        username: up.mqtt!.username,
        password: env.HALL_UPLINK_MQTT_PASSWORD,
        timeoutMs: up.requestTimeoutMs,
      });
}

/**
 * Evaluations and the link to the provincial platform, wired: the evaluation service (always), and when the
 * uplink is enabled the outbox projections, the relay with its transport, the downlink and the disk policy.
 * Must run before any queue command is executed, so that every event has its outbox row.
 */
export async function composeUplink(deps: UplinkDeps): Promise<UplinkParts> {
  const { config, db, engine, clock, logger } = deps;
  const up = config.uplink;
  let projector: ReturnType<typeof createUplinkProjector> | null = null;
  let relay: UplinkRelay | null = null;
  let downlink: Downlink | null = null;
  let endpoint: string | null = null;
  let phoneNotices: PhoneNotices | null = null;
  let cases: CaseQuery | null = null;
  let supervision: CaseSupervision | null = null;
  let rongque: RongqueDesk | null = null;
  // The relay's own connection: acknowledgements need no fsync each (see createSqliteOutbox).
  const relayDb = up.enabled ? openDatabase(join(deps.dataDir, 'hall.db')) : null;
  relayDb?.pragma('synchronous = NORMAL');
  const outbox = createSqliteOutbox(db, relayDb ?? db);

  if (up.enabled) {
    const key = loadUplinkKey(deps.env, up.keyFile, deps.dataDir, up.simulator !== undefined);
    let url = deps.env.HALL_UPLINK_URL ?? up.url;
    if (up.simulator && !url) {
      // The demo's province is a process of its own (province-sim/), which scripts/start.mjs starts and names in
      // HALL_UPLINK_URL; on its own the hub looks for it on the configured port and keeps the events till it answers.
      url = `http://127.0.0.1:${up.simulator.port}`;
      logger.warn({ url }, 'uplink.simulator: no HALL_UPLINK_URL — start the hall with `npm start` to run the province simulator beside it');
    }
    if (up.transport === 'https' && !url) throw new Error('uplink.url (or HALL_UPLINK_URL) is required for the https transport');
    if (up.transport === 'mqtt5' && !up.mqtt) throw new Error('uplink.mqtt is required for the mqtt5 transport');
    const profile = resolveProfile(up.evaluationMapping);
    const transport = uplinkTransport(up, url, config.hall.id, deps.env);
    endpoint = transport.endpoint;
    const streams = (Object.keys(STREAM_SWITCH) as UplinkStream[]).filter((s) => streamEnabled(up, s));
    relay = startUplinkRelay({
      // Notices' phone numbers and queue records' full ID numbers are decrypted only on their way out.
      outbox: revealingOutbox(outbox, (c) => {
        try {
          return deps.ids.reveal(c);
        } catch {
          return null;
        }
      }),
      transport,
      hallId: config.hall.id,
      streams,
      sign: (body) => hmacHex(key, body),
      batchSize: up.batchSize,
      durable: () => engine.durable(),
      backoff: up.backoff,
      clock,
      logger,
    });
    const r = relay;
    projector = createUplinkProjector({ config, engine, outbox, profile, written: () => r.kick() });
    if (up.notices.enabled) {
      phoneNotices = createPhoneNotices({
        config,
        engine,
        store: createSqliteSmsConsents(db),
        outbox,
        encrypt: (phone) => deps.ids.protect(phone).idCipher,
        clock,
        written: () => r.kick(),
      });
    }
    if (url) {
      const source = createHttpsCaseSource({ url, hallId: config.hall.id, key, tls: up.tls, timeoutMs: up.cases.timeoutMs });
      cases = createCaseQuery({ source, clock, cacheMs: up.cases.cacheSeconds * 1000 });
      rongque = composeRongque({ config, url, key, db, ids: deps.ids, engine, catalog: deps.catalog, outbox, written: () => r.kick(), clock, logger });
    }
    if (up.supervision.enabled && url) {
      const r = relay;
      supervision = composeSupervision({ config, url, key, db, ids: deps.ids, outbox: up.notices.enabled ? outbox : null, written: () => r.kick(), clock, logger });
    }
    if (up.downlink.enabled && url) {
      const source = createHttpsDownlink({ url, hallId: config.hall.id, key, tls: up.tls, timeoutMs: up.requestTimeoutMs });
      downlink = startDownlink({
        source,
        store: createSqliteDownlinkStore(db, deps.ids.personal),
        catalog: deps.catalog,
        engine,
        clock,
        logger,
        timeZone: config.hall.timeZone,
        pollMs: up.downlink.pollSeconds * 1000,
      });
    }
  }

  const p = projector;
  const evaluations = createEvaluationService({
    engine,
    store: createSqliteEvaluationStore(db),
    records: createSqliteTicketRecords(db),
    config,
    clock,
    ...(p ? { onRecorded: (e) => p.evaluationRecorded(e) } : {}),
  });

  // Disk-use policy: the backlog's growth is measured between two looks, a minute or more apart.
  const monitor = createDiskMonitor({
    dataDir: deps.dataDir,
    outboxBytes: () => outbox.backlog().reduce((n, b) => n + b.bytes, 0),
    policy: up.disk,
    clock,
    logger,
  });
  const disk = () => monitor.look();
  const diskTimer = up.enabled ? setInterval(disk, 60_000) : null;
  diskTimer?.unref();

  return {
    evaluations,
    presenceLog: (inner) => (p ? p.presenceLog(inner) : inner),
    status() {
      const live = new Map((relay?.status() ?? []).map((s) => [s.stream, s]));
      return {
        enabled: up.enabled,
        transport: up.enabled ? up.transport : null,
        endpoint,
        streams: (Object.keys(STREAM_SWITCH) as UplinkStream[]).map(
          (stream) =>
            live.get(stream) ?? {
              stream,
              enabled: false,
              backlog: 0,
              oldestAt: null,
              oldestAgeSeconds: null,
              delivered: 0,
              lastDeliveredAt: null,
              failures: 0,
              lastError: null,
              nextAttemptAt: null,
            },
        ),
        disk: disk(),
        downlink: downlink?.status() ?? [],
      };
    },
    notices: () => downlink?.notices() ?? { version: null, notices: [] },
    refreshDownlink: () => downlink?.refresh() ?? Promise.resolve(),
    relay,
    phoneNotices,
    noticesOutbox: up.enabled && up.notices.enabled ? outbox : null,
    supervision,
    rongque,
    cases,
    async close() {
      if (diskTimer) clearInterval(diskTimer);
      phoneNotices?.close();
      supervision?.close();
      rongque?.close();
      cases?.close();
      downlink?.stop();
      projector?.close();
      await relay?.stop();
      relayDb?.close();
    },
  };
}

/**
 * The `province-link` plugin. Registered before anything that runs queue commands, so that every queue event
 * gets its outbox row in its own transaction.
 */
export const provinceLinkPlugin = fp(
  async (app) => {
    const uplink = await composeUplink({ config: app.config, dataDir: app.dataDir, db: app.db, engine: app.engine, catalog: app.catalog, ids: app.ids, clock: app.clock, env: app.env, logger: app.hubLogger });
    app.decorate('uplink', uplink);
    app.addHook('onClose', () => uplink.close());
  },
  { name: 'province-link', dependencies: ['hall-store', 'catalog'] },
);
