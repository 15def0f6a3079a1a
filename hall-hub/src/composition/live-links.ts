import { randomUUID } from 'node:crypto';
import { topics } from '@hall/shared';
import fp from 'fastify-plugin';
import { startEmbeddedBroker, type EmbeddedBroker } from '../adapters/mqtt/embedded-broker.js';
import { brokerPrincipals } from '../adapters/mqtt/mqtt-acl.js';
import { startMqttGateway } from '../adapters/mqtt/mqtt-gateway.js';
import { renderStrip } from '../adapters/led/render-strip.js';
import { attachDisplaySockets } from '../adapters/socket/display-sockets.js';
import { attachSocketGateway } from '../adapters/socket/socket-gateway.js';
import { createSqliteDisplayStore } from '../adapters/sqlite/sqlite-display-store.js';
import { createDisplayControl } from '../app/display-control.js';
import { createRealtimeFeed } from '../app/realtime-feed.js';
import { createSignageParts } from './signage.js';

/** The live feed and the socket.io namespaces of kiosks, screens and the console. */
export const realtimePlugin = fp(
  async (app) => {
    const { engine, eventStore } = app;
    // The ring starts with the tail of the log, so a screen that reconnects after a hub restart gets the calls it
    // missed as events (and announces the fresh ones) rather than a snapshot that only lists them.
    const feed = createRealtimeFeed(engine, app.config.hall.id, { tail: (n) => eventStore.eventsAfter(Math.max(0, engine.lastSeq() - n)) });
    const { devices, auth, credentials, staffAddress, deviceAddress, rejections } = app;
    const sockets = attachSocketGateway(app.server, { feed, devices, auth, credentials, staffAddress, deviceAddress, rejections, logger: app.hubLogger });
    app.decorate('feed', feed);
    app.decorate('sockets', sockets);
    // Before the HTTP server closes: live sockets would otherwise hold it open.
    app.addHook('preClose', () => sockets.close());
  },
  { name: 'realtime', dependencies: ['hall-store', 'accounts', 'devices'] },
);

/**
 * The devices' MQTT link: the embedded broker (when the hall runs one) and the hub's gateway on it. With the
 * embedded broker, start-up waits for the hub's own link; an external broker may be down at start, and the hall
 * must run without it until it returns.
 */
export const mqttPlugin = fp(
  async (app) => {
    const { config, credentials, deviceAddress, rejections, print, bridgePrinters } = app;
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
      engine: app.engine,
      feed: app.feed,
      devices: app.devices,
      audit: app.audit,
      ids: app.ids,
      idCards: app.idCards,
      rejections,
      logger: app.hubLogger,
      printerMessage: (deviceId, channel, value) => {
        const bp = bridgePrinters.get(deviceId);
        if (!bp) return 'invalid';
        const r = bp.receive(channel, value);
        // What the kiosk's printer says of its paper and cover is seen at once, not at the next idle check.
        if (r === 'ok' && channel === 'state') void bp.check().then((c) => print.noteCheck(bp.id, c));
        return r;
      },
      clockRate: app.clock.rate ?? 1,
    });
    app.decorate('mqtt', mqtt);
    app.decorate('broker', broker);
    app.decorate('mqttUrl', mqttUrl);
    app.readiness.push({ name: 'mqtt', problem: () => (mqtt.client.connected ? null : `no link to the MQTT broker ${mqttUrl}`) });
    app.addHook('onClose', async () => {
      await mqtt.close();
      await broker?.close();
    });
    if (broker) await mqtt.ready;
  },
  { name: 'mqtt', dependencies: ['hall-store', 'devices', 'printing', 'realtime'] },
);

/** Display control: screens, walls and LED strips, their scenes, notices and alerts (checked every few seconds). */
export const displaysPlugin = fp(
  async (app) => {
    const { config, mqtt, hubLogger: logger } = app;
    let control: ReturnType<typeof createDisplayControl> | null = null;
    const signage = createSignageParts(app, () => control);
    const displays = (control = createDisplayControl({
      config,
      engine: app.engine,
      feed: app.feed,
      devices: app.devices,
      store: createSqliteDisplayStore(app.db),
      renderer: { render: renderStrip },
      sendCommand: (id, command) => void mqtt.client.publish(topics.device(config.hall.id, id, 'set'), JSON.stringify(command), { qos: 1 }),
      newId: () => randomUUID(),
      downGraceMs: Number(app.env.HALL_DISPLAY_DOWN_GRACE_MS ?? 60_000),
      onError: (err, what) => logger.warn({ err }, what),
      signage: signage.library,
    }));
    attachDisplaySockets(app.sockets.io, displays, app.rejections);
    signage.attach();
    app.decorate('displays', displays);
    app.decorate('signage', signage.library);
    app.decorate('proofOfPlay', signage.proof);
    displays.refresh();
    // Notices start and end, schedules switch screens, offline screens become alerts.
    const timer = setInterval(() => displays.refresh(), 5_000);
    timer.unref();
    app.addHook('onClose', async () => {
      clearInterval(timer);
      displays.close();
    });
  },
  { name: 'displays', dependencies: ['hall-store', 'devices', 'realtime', 'mqtt', 'media-library'] },
);
