import type { Logger } from 'pino';
import type { EmbeddedBroker } from '../adapters/mqtt/embedded-broker.js';
import type { MqttGateway } from '../adapters/mqtt/mqtt-gateway.js';
import type { BridgePrinter } from '../adapters/printer/bridge-printer.js';
import type { attachSocketGateway } from '../adapters/socket/socket-gateway.js';
import type { Db } from '../adapters/sqlite/database.js';
import type { RealtimeFeed } from '../app/realtime-feed.js';
import type { EventStore } from '../ports/event-store.js';

/**
 * Decorations only the composition's own plugins read (routes never see them): the database, the logger as
 * pino's, the live feed and sockets, the MQTT link. Each names the plugin that provides it.
 */
export interface HubInternals {
  /** plugin `hall-store` */
  db: Db;
  dataDir: string;
  env: NodeJS.ProcessEnv;
  hubLogger: Logger;
  eventStore: EventStore;
  /** plugin `accounts`: the manager password generated on first start, if one was */
  initialAdminPassword: string | null;
  /** plugin `printing`: kiosk printers behind a bridge, by the bridge device's id */
  bridgePrinters: Map<string, BridgePrinter>;
  /** plugin `realtime` */
  feed: RealtimeFeed;
  sockets: ReturnType<typeof attachSocketGateway>;
  /** plugin `mqtt` */
  mqtt: MqttGateway;
  broker: EmbeddedBroker | null;
  /** the URL devices use to reach the MQTT broker */
  mqttUrl: string;
}

declare module 'fastify' {
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type
  interface FastifyInstance extends HubInternals {}
}
