import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Logger } from 'pino';
import type { FastifyInstance } from 'fastify';
import { createIdProtector } from './adapters/crypto/id-protection.js';
import { loadHallSecret } from './adapters/crypto/hall-secret.js';
import { buildHttpApp } from './adapters/http/build-http-app.js';
import type { RejectionCounter } from './adapters/http/errors.js';
import { openDatabase, type Db } from './adapters/sqlite/database.js';
import { createSqliteAccountStore } from './adapters/sqlite/sqlite-account-store.js';
import { createSqliteCatalogStore } from './adapters/sqlite/sqlite-catalog-store.js';
import { createSqliteEventStore, createSqliteTicketRecords } from './adapters/sqlite/sqlite-event-store.js';
import { sealPersonalData } from './adapters/sqlite/seal-personal-data.js';
import { createAuthService, type AuthService } from './app/auth-service.js';
import { CatalogRefused, parseExchangeText } from './app/catalog-import.js';
import { createCatalogService, type CatalogService } from './app/catalog-service.js';
import { createQueueEngine, type QueueEngine } from './app/queue-engine.js';
import type { HallConfig } from './config/hall-config-schema.js';
import { queueRulesFrom } from './domain/queue/rules.js';
import { systemClock, type Clock } from './ports/clock.js';
import { createDeviceCredentials, type DeviceCredentials } from './adapters/crypto/device-credentials.js';
import { startEmbeddedBroker, type EmbeddedBroker } from './adapters/mqtt/embedded-broker.js';
import { brokerPrincipals } from './adapters/mqtt/mqtt-acl.js';
import { startMqttGateway, type MqttGateway } from './adapters/mqtt/mqtt-gateway.js';
import { createAddressMatcher } from './adapters/net/address-ranges.js';
import { attachSocketGateway } from './adapters/socket/socket-gateway.js';
import { createHelpDesk } from './app/help-desk.js';
import { createSqliteAuditLog } from './adapters/sqlite/sqlite-audit-log.js';
import { createSqlitePresenceLog } from './adapters/sqlite/sqlite-presence-log.js';
import { createDeviceRegistry, type DeviceRegistry } from './app/device-registry.js';
import { createRealtimeFeed, type RealtimeFeed } from './app/realtime-feed.js';
import type { AuditLog } from './ports/audit-log.js';
import { createIdCardReads, type IdCardReads } from './app/id-card-reads.js';
import { createRasterizer } from './adapters/printer/raster.js';
import { createEscposTcpPrinter } from './adapters/printer/tcp-printer.js';
import { createBridgePrinter, type BridgePrinter } from './adapters/printer/bridge-printer.js';
import type { Printer } from './ports/printer.js';
import { createVirtualPrinter, renderPreview } from './adapters/printer/virtual-printer.js';
import { createSqlitePrintJobStore } from './adapters/sqlite/sqlite-print-job-store.js';
import { createHubLogger } from './adapters/ops/logger.js';
import { lockDataDir } from './adapters/ops/data-dir-lock.js';
import { composeOps, type OpsParts } from './compose-ops.js';
import { mobileRoutes } from './adapters/http/routes/mobile-routes.js';
import { createPrintService, type PrintService, type PrinterEntry } from './app/print-service.js';
import { composeUplink, type UplinkParts } from './compose-uplink.js';
import { createDisplayControl, type DisplayControl } from './app/display-control.js';
import { createSqliteDisplayStore } from './adapters/sqlite/sqlite-display-store.js';
import { renderStrip } from './adapters/led/render-strip.js';
import { displayRoutes } from './adapters/http/routes/display-routes.js';
import { attachDisplaySockets } from './adapters/socket/display-sockets.js';
import { NAMESPACES, topics } from '@hall/shared';
import { createReportService } from './app/report-service.js';
import { createSqliteReportQueries } from './adapters/sqlite/sqlite-report-queries.js';
import { renderReportPdf } from './adapters/pdf/report-pdf.js';

export interface HubOptions {
  config: HallConfig;
  dataDir: string;
  catalogFiles?: readonly string[];
  /** built browser apps the hub serves, e.g. { prefix: '/kiosk/', dir: 'kiosk/dist' } */
  staticApps?: ReadonlyArray<{ prefix: string; dir: string }>;
  clock?: Clock;
  env?: NodeJS.ProcessEnv;
  logger?: Logger;
  /**
   * The disk failed to flush queue commits: memory and the screens may be ahead of the disk. The hub cannot
   * go on trusting either; main.ts stops the process so it restarts from what the disk holds.
   */
  onDurabilityLost?: (err: Error) => void;
}

export interface Hub {
  app: FastifyInstance;
  engine: QueueEngine;
  catalog: CatalogService;
  auth: AuthService;
  db: Db;
  feed: RealtimeFeed;
  devices: DeviceRegistry;
  credentials: DeviceCredentials;
  audit: AuditLog;
  print: PrintService;
  mqtt: MqttGateway;
  idCards: IdCardReads;
  displays: DisplayControl;
  /** evaluations (好差评) and the link to the provincial platform */
  uplink: UplinkParts;
  /** metrics, readiness, backups */
  ops: OpsParts;
  /** the embedded broker, when the hub runs one */
  broker: EmbeddedBroker | null;
  /** the URL devices use to reach the MQTT broker */
  mqttUrl: string;
  /** the manager password generated on first start, if one was */
  initialAdminPassword: string | null;
  close(): Promise<void>;
}

/** The composition root: the one place that picks the concrete adapters and wires them to the core. */
export async function composeHub(opts: HubOptions): Promise<Hub> {
  const { config, dataDir } = opts;
  const clock = opts.clock ?? systemClock;
  const env = opts.env ?? process.env;
  const logger = opts.logger ?? createHubLogger(config, dataDir);
  // Before the database opens: a second hub on the same data folder would number tickets twice.
  const lock = lockDataDir(dataDir);
  const db = openDatabase(join(dataDir, 'hall.db'));
  const secret = loadHallSecret(dataDir, env);
  const ids = createIdProtector(secret);
  const credentials = createDeviceCredentials(secret, config);
  // Files from before appointment names were sealed get them sealed now (once; needs the key).
  sealPersonalData(db, ids.personal);
  const eventStore = createSqliteEventStore(db, ids.personal);
  const engine = createQueueEngine({
    store: eventStore,
    records: createSqliteTicketRecords(db),
    rules: queueRulesFrom(config),
    clock,
    // Ticket ids are what a ticket's QR code carries: random, so nobody can guess another visitor's.
    newId: () => randomUUID(),
    onSnapshotError: (err) => logger.warn({ err }, 'snapshot not written'),
    onDurabilityLost: (err) => {
      logger.fatal({ err }, 'the disk did not flush queue commits');
      opts.onDurabilityLost?.(err);
    },
  });
  const catalog = createCatalogService(createSqliteCatalogStore(db), config, { synonyms: config.synonyms });
  const knownFile = db.prepare('SELECT sha256 FROM catalog_files WHERE path = ?');
  const rememberFile = db.prepare(
    'INSERT INTO catalog_files (path, sha256, imported_at) VALUES (?, ?, ?) ON CONFLICT (path) DO UPDATE SET sha256 = excluded.sha256, imported_at = excluded.imported_at',
  );
  for (const file of opts.catalogFiles ?? []) {
    try {
      const text = readFileSync(file, 'utf8');
      const sha256 = createHash('sha256').update(text).digest('hex');
      // Importing is idempotent anyway; skipping an unchanged file only makes start-up faster.
      if ((knownFile.get(file) as { sha256: string } | undefined)?.sha256 === sha256) {
        logger.info({ file }, 'catalog file unchanged since its last import');
        continue;
      }
      const report = catalog.import(parseExchangeText(text), `file ${file}`);
      rememberFile.run(file, sha256, clock.now());
      logger.info({ file, applied: report.applied, unchanged: report.unchanged, rejected: report.rejected, services: report.services }, 'catalog imported');
      for (const p of report.problems.slice(0, 20)) logger.warn({ file, ...p }, 'catalog row not applied');
    } catch (err) {
      if (!(err instanceof CatalogRefused)) throw err;
      logger.error({ file, problems: err.problems }, `catalog file refused: ${err.message}`);
    }
  }
  const accounts = createSqliteAccountStore(db);
  const auth = createAuthService(accounts, clock, config.server.sessionMinutes, config.server.limits);
  for (const a of config.accounts) {
    const before = accounts.get(a.username);
    accounts.upsert({ username: a.username, role: a.role, staffNo: a.staffNo ?? null, passwordHash: a.passwordHash }, clock.now());
    // A password, role or staff number changed in the configuration ends the sessions signed in with the old one.
    if (before && (before.passwordHash !== a.passwordHash || before.role !== a.role || before.staffNo !== (a.staffNo ?? null))) {
      accounts.deleteSessionsOf(a.username);
    }
  }
  const initialAdminPassword = ensureManager(accounts.countByRole('manager'), auth, dataDir);
  const rejections: RejectionCounter = new Map();
  const idCards = createIdCardReads();
  const audit = createSqliteAuditLog(db);
  // Before any command runs: every queue event gets its outbox row in its own transaction.
  const uplink = await composeUplink({ config, dataDir, db, engine, catalog, ids, clock, env, logger });
  const devices = createDeviceRegistry(config, clock, uplink.presenceLog(createSqlitePresenceLog(db)));
  const staffAddress = createAddressMatcher(config.server.staffNetworks);
  const deviceAddress = createAddressMatcher(config.server.deviceNetworks);
  // One rasterizer for every printer and preview: the logo and ticket numbers are rendered once.
  const rasterizer = createRasterizer();
  // Kiosk printers behind a bridge get their jobs over MQTT, which starts after the print queue.
  let mqttLink: MqttGateway | null = null;
  const bridgePrinters = new Map<string, BridgePrinter>();
  const printers: PrinterEntry[] = config.printers.map((p) => {
    let printer: Printer;
    if (p.kind === 'escpos-tcp') printer = createEscposTcpPrinter({ id: p.id, host: p.host!, port: p.port, widthDots: p.widthDots, rasterizer });
    else if (p.kind === 'bridge') {
      const deviceId = p.device!;
      const bp = createBridgePrinter({
        id: p.id,
        deviceId,
        widthDots: p.widthDots,
        rasterizer,
        send: (command) => (mqttLink?.client.connected ? (mqttLink.client.publish(topics.device(config.hall.id, deviceId, 'set'), JSON.stringify(command), { qos: 1 }), true) : false),
        online: () => devices.view(deviceId)?.online === true,
        confirmTimeoutMs: Number(env.HALL_PRINT_CONFIRM_MS ?? 15_000),
      });
      bridgePrinters.set(deviceId, bp);
      printer = bp;
    } else printer = createVirtualPrinter({ id: p.id, outDir: join(dataDir, 'virtual-prints', p.id), widthDots: p.widthDots, rasterizer });
    return { name: p.name ?? p.id, jobTtlMs: p.jobTtlMinutes * 60_000, printer };
  });
  if (!config.hall.visitorUrl && config.printers.some((p) => p.kind !== 'virtual')) {
    logger.error('hall.visitorUrl is not set: printed tickets’ QR codes will point at the address each kiosk uses, not one visitors’ phones can open');
  }
  const print = createPrintService({
    store: createSqlitePrintJobStore(db),
    printers,
    clock,
    logger,
    newId: () => randomUUID(),
  });
  const widthOf = new Map(config.printers.map((p) => [p.id, p.widthDots]));
  const printPreview = (job: { printerId: string; blocks: Parameters<typeof renderPreview>[0] }) =>
    renderPreview(job.blocks, { widthDots: widthOf.get(job.printerId) ?? 576, rasterizer });
  const reports = createReportService({
    source: createSqliteReportQueries(db),
    rules: engine.rules,
    hallName: config.hall.name,
    now: () => engine.now(),
    departmentNames: () => new Map(catalog.index.departments().map((d) => [d.code, d.name])),
    renderPdf: renderReportPdf,
  });
  const https = config.server.tls
    ? { cert: readFileSync(config.server.tls.certFile), key: readFileSync(config.server.tls.keyFile) }
    : undefined;
  const helpDesk = createHelpDesk({ now: () => new Date(engine.now()), newId: () => randomUUID() });
  const app = await buildHttpApp(
    { config, engine, catalog, auth, ids, rejections, audit, devices, staffAddress, deviceAddress, credentials, print, printPreview, idCards, reports, uplink, helpDesk },
    logger,
    https,
    opts.staticApps ?? [],
  );
  // The ring starts with the tail of the log, so a screen that reconnects after a hub restart gets the calls it
  // missed as events (and announces the fresh ones) rather than a snapshot that only lists them.
  const feed = createRealtimeFeed(engine, config.hall.id, { tail: (n) => eventStore.eventsAfter(Math.max(0, engine.lastSeq() - n)) });
  const sockets = attachSocketGateway(app.server, { feed, devices, auth, credentials, staffAddress, deviceAddress, rejections, logger });
  helpDesk.onRaised((r) => sockets.io.of(NAMESPACES.console).emit('help-request', r));

  const mqttConfig = config.server.mqtt;
  let broker: EmbeddedBroker | null = null;
  let mqttUrl: string;
  if (mqttConfig.mode === 'embedded') {
    broker = await startEmbeddedBroker({
      host: mqttConfig.host,
      port: mqttConfig.port,
      principals: brokerPrincipals(config),
      verify: (user, password) => credentials.verify(user, password),
      addressAllowed: deviceAddress,
      onRefusal: (what) => rejections.set(`mqtt_refused_${what}`, (rejections.get(`mqtt_refused_${what}`) ?? 0) + 1),
    });
    mqttUrl = `mqtt://127.0.0.1:${broker.port}`;
  } else {
    mqttUrl = mqttConfig.url!;
  }
  const mqtt = startMqttGateway({
    url: mqttUrl,
    password: credentials.passwordFor('hub')!,
    protocolVersion: mqttConfig.mode === 'embedded' ? 4 : mqttConfig.protocolVersion,
    config,
    engine,
    feed,
    devices,
    audit,
    ids,
    idCards,
    rejections,
    logger,
    printerMessage: (deviceId, channel, value) => {
      const bp = bridgePrinters.get(deviceId);
      if (!bp) return 'invalid';
      const r = bp.receive(channel, value);
      // What the kiosk's printer says of its paper and cover is seen at once, not at the next idle check.
      if (r === 'ok' && channel === 'state') void bp.check().then((c) => print.noteCheck(bp.id, c));
      return r;
    },
    clockRate: clock.rate ?? 1,
  });
  mqttLink = mqtt;
  // With the embedded broker, start-up waits for the hub's own MQTT link; an external broker may be down
  // at start, and the hall must run without it until it returns.
  if (broker) await mqtt.ready;

  const displays = createDisplayControl({
    config,
    engine,
    feed,
    devices,
    store: createSqliteDisplayStore(db),
    renderer: { render: renderStrip },
    sendCommand: (id, command) => void mqtt.client.publish(topics.device(config.hall.id, id, 'set'), JSON.stringify(command), { qos: 1 }),
    newId: () => randomUUID(),
    downGraceMs: Number(env.HALL_DISPLAY_DOWN_GRACE_MS ?? 60_000),
    onError: (err, what) => logger.warn({ err }, what),
  });
  attachDisplaySockets(sockets.io, displays, rejections);
  await app.register(displayRoutes({ config, displays, auth, staffAddress }));
  displays.refresh();
  // Notices start and end, schedules switch screens, offline screens become alerts: checked every few seconds.
  const displayTimer = setInterval(() => displays.refresh(), 5_000);
  displayTimer.unref();

  // Phones' held polls let go first when the hub stops: they would keep the HTTP server open for their hold.
  const mobileStopping = new AbortController();
  await app.register(
    mobileRoutes({
      engine,
      hallName: config.hall.name,
      holdMs: Number(env.HALL_MOBILE_HOLD_MS ?? 25_000),
      // per address; a load test whose phones all share one address raises it
      perMinute: Number(env.HALL_MOBILE_PER_MINUTE ?? 60),
      stopping: mobileStopping.signal,
    }),
  );
  const ops = await composeOps({
    app,
    config,
    dataDir,
    db,
    engine,
    devices,
    print,
    rejections,
    auth,
    audit,
    staffAddress,
    clock,
    logger,
    checks: [{ name: 'mqtt', problem: () => (mqtt.client.connected ? null : `no link to the MQTT broker ${mqttUrl}`) }],
  });

  const dayTimer = setInterval(() => engine.ensureDay(), 30_000);
  dayTimer.unref();
  return {
    app,
    engine,
    catalog,
    auth,
    db,
    feed,
    devices,
    credentials,
    audit,
    print,
    mqtt,
    idCards,
    displays,
    uplink,
    ops,
    broker,
    mqttUrl,
    initialAdminPassword,
    async close() {
      mobileStopping.abort();
      clearInterval(dayTimer);
      clearInterval(displayTimer);
      displays.close();
      await mqtt.close();
      await broker?.close();
      await sockets.close();
      await app.close();
      await print.close();
      await uplink.close();
      await ops.close();
      engine.close();
      db.close();
      lock.release();
    },
  };
}

/**
 * A hall must never start with a default password. With no manager account configured, one named `admin`
 * is created with a random password, written (owner-only) to the data folder and shown once at start-up.
 */
function ensureManager(managers: number, auth: AuthService, dataDir: string): string | null {
  if (managers > 0) return null;
  const password = randomBytes(12).toString('base64url');
  auth.createAccount({ username: 'admin', password, role: 'manager' });
  writeFileSync(join(dataDir, 'initial-admin-password.txt'), `admin\n${password}\n`, { mode: 0o600 });
  return password;
}
