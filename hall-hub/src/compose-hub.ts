import { readFileSync } from 'node:fs';
import type { FastifyInstance, FastifyPluginAsync, FastifyPluginCallback, FastifyPluginOptions } from 'fastify';
import type { Logger } from 'pino';
import type { DeviceCredentials } from './adapters/crypto/device-credentials.js';
import { createHttpApp, httpBasePlugin, staticAppsPlugin } from './adapters/http/build-http-app.js';
import * as routes from './adapters/http/route-plugins.js';
import type { EmbeddedBroker } from './adapters/mqtt/embedded-broker.js';
import type { MqttGateway } from './adapters/mqtt/mqtt-gateway.js';
import { createHubLogger } from './adapters/ops/logger.js';
import type { Db } from './adapters/sqlite/database.js';
import type { AuthService } from './app/auth-service.js';
import type { CatalogService } from './app/catalog-service.js';
import type { DeviceRegistry } from './app/device-registry.js';
import type { DisplayControl } from './app/display-control.js';
import type { IdCardReads } from './app/id-card-reads.js';
import type { PrintService } from './app/print-service.js';
import type { UplinkParts } from './app/province-link.js';
import type { QueueEngine } from './app/queue-engine.js';
import type { RealtimeFeed } from './app/realtime-feed.js';
import { accountsPlugin } from './composition/accounts.js';
import { catalogPlugin } from './composition/catalog.js';
import { devicesPlugin, printingPlugin, reportsPlugin } from './composition/devices-and-printing.js';
import { hallStorePlugin } from './composition/hall-store.js';
import { handwritingPlugin } from './composition/handwriting.js';
import { mediaLibraryPlugin } from './composition/media-library.js';
import { helpDeskLivePlugin, helpDeskPlugin } from './composition/help-desk.js';
import { displaysPlugin, mqttPlugin, realtimePlugin } from './composition/live-links.js';
import { opsPlugin, type OpsParts } from './composition/ops.js';
import { provinceLinkPlugin } from './composition/province-link.js';
import { supervisionLivePlugin } from './composition/supervision-live.js';
import { warningDeskPlugin } from './composition/warning-desk.js';
import type { HallConfig } from './config/hall-config-schema.js';
import type { AuditLog } from './ports/audit-log.js';
import { systemClock, type Clock } from './ports/clock.js';

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

type Plugin<O extends FastifyPluginOptions> = FastifyPluginCallback<O> | FastifyPluginAsync<O>;

/** One entry of the composition's list: a plugin and its options. */
function use<O extends FastifyPluginOptions>(plugin: Plugin<O>, ...options: Record<never, never> extends O ? [O?] : [O]): (app: FastifyInstance) => Promise<void> {
  return async (app) => void (await app.register(plugin as Plugin<FastifyPluginOptions>, options[0] ?? {}));
}

/**
 * The composition root: the one place that picks the concrete adapters and wires them to the core. Every part
 * is a named fastify plugin declaring the plugins it depends on; they are registered here, in this order, and
 * close in the reverse order (fastify's onClose). A route reads the services its plugin depends on from the
 * instance's decorations (adapters/http/hub-decorations.ts).
 */
export async function composeHub(opts: HubOptions): Promise<Hub> {
  const { config, dataDir } = opts;
  const clock = opts.clock ?? systemClock;
  const env = opts.env ?? process.env;
  const logger = opts.logger ?? createHubLogger(config, dataDir);
  const https = config.server.tls
    ? { cert: readFileSync(config.server.tls.certFile), key: readFileSync(config.server.tls.keyFile) }
    : undefined;
  const app = createHttpApp(logger, https);
  const plugins = [
    // services
    use(hallStorePlugin, { config, dataDir, clock, env, logger, onDurabilityLost: opts.onDurabilityLost }),
    use(catalogPlugin, { files: opts.catalogFiles ?? [] }),
    use(accountsPlugin),
    // before anything runs queue commands: every queue event gets its outbox row in its own transaction
    use(provinceLinkPlugin),
    use(devicesPlugin),
    use(printingPlugin),
    use(reportsPlugin),
    use(handwritingPlugin),
    use(helpDeskPlugin),
    use(warningDeskPlugin),
    use(mediaLibraryPlugin),
    use(httpBasePlugin),
    // routes
    use(routes.hallRoutesPlugin),
    use(routes.authRoutesPlugin),
    use(routes.catalogRoutesPlugin),
    use(routes.ticketRoutesPlugin),
    use(routes.windowRoutesPlugin),
    use(routes.windowLinesRoutesPlugin),
    use(routes.queueRoutesPlugin),
    use(routes.warningRoutesPlugin),
    use(routes.deviceRoutesPlugin),
    use(routes.printRoutesPlugin),
    use(routes.qrRoutesPlugin),
    use(routes.evaluationRoutesPlugin),
    use(routes.uplinkRoutesPlugin),
    use(routes.caseRoutesPlugin),
    use(routes.supervisionRoutesPlugin),
    use(routes.rongqueRoutesPlugin),
    use(routes.reportRoutesPlugin),
    use(routes.consoleRoutesPlugin),
    use(routes.handwritingRoutesPlugin),
    use(routes.helpRoutesPlugin),
    use(routes.mediaRoutesPlugin),
    use(staticAppsPlugin, { apps: opts.staticApps ?? [] }),
    // live links: sockets, MQTT, displays
    use(realtimePlugin),
    use(helpDeskLivePlugin),
    use(supervisionLivePlugin),
    use(mqttPlugin),
    use(displaysPlugin),
    use(routes.displayRoutesPlugin),
    use(routes.signageRoutesPlugin),
    use(routes.mobileRoutesPlugin, {
      holdMs: Number(env.HALL_MOBILE_HOLD_MS ?? 25_000),
      // per address; a load test whose phones all share one address raises it
      perMinute: Number(env.HALL_MOBILE_PER_MINUTE ?? 60),
    }),
    use(opsPlugin),
    use(routes.opsRoutesPlugin),
  ];
  for (const register of plugins) await register(app);

  return {
    app,
    engine: app.engine,
    catalog: app.catalog,
    auth: app.auth,
    db: app.db,
    feed: app.feed,
    devices: app.devices,
    credentials: app.credentials,
    audit: app.audit,
    print: app.print,
    mqtt: app.mqtt,
    idCards: app.idCards,
    displays: app.displays,
    uplink: app.uplink,
    ops: { metrics: app.metrics, backups: app.backups, close: async () => app.backups.close() },
    broker: app.broker,
    mqttUrl: app.mqttUrl,
    initialAdminPassword: app.initialAdminPassword,
    close: () => app.close(),
  };
}
