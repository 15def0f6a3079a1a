import { randomBytes } from 'node:crypto';
import { DeviceCommandSchema } from '@hall/shared/devices';
import { checkSchema, parseJson } from '@hall/shared/parse-json';
import type { ParsedTopic } from '@hall/shared/topics';
import type { Logger } from 'pino';
import type { BridgeConfig } from '../config/bridge-config-schema.js';
import { encodePing } from '../drivers/common/codec.js';
import type { FramerStats } from '../protocol/framer.js';
import { connectToHub, type HubConnection } from '../mqtt/hub-connection.js';
import { createPrinterHost } from '../drivers/printer/printer-host.js';
import { createLink, type Link } from '../transport/links.js';
import type { Channel } from '../transport/stream-channel.js';
import { createCommandDelivery } from './command-delivery.js';
import { createCounters, type CounterName, type Counters } from './counters.js';
import { createDeviceOutput } from './device-output.js';
import { addressKey, newRuntime, type DeviceRuntime } from './device-runtime.js';
import { createFrameIntake } from './frame-intake.js';
import { createHubRequests } from './hub-requests.js';
import { createHubSession } from './hub-session.js';

export interface Bridge {
  /** opens the links and connects to the hub; resolves when links are up and MQTT is subscribed */
  start(): Promise<void>;
  close(): Promise<void>;
  stats(): { links: Record<string, FramerStats>; counters: Counters; online: number; devices: number };
  /** the port a tcp-server link listens on (when configured with port 0) */
  linkPort(linkId: string): number | null;
  isOnline(deviceId: string): boolean;
  /** resolves once counter `name` has reached `n` */
  counted(name: CounterName, n?: number): Promise<void>;
  hub: HubConnection;
}

export interface BridgeDeps {
  config: BridgeConfig;
  password: string;
  logger: Logger;
}

/**
 * The bridge: frames from the hall's devices become the hub's MQTT requests and events (frame-intake.ts,
 * hub-requests.ts); the hub's responses and commands become frames (command-delivery.ts). Bad bytes, bad frames
 * and bad payloads from either side are counted and dropped — nothing a device or the broker sends can stop it.
 * This file wires the parts together and runs the links, the ping and the hub session.
 */
export function createBridge(deps: BridgeDeps): Bridge {
  const { config, logger } = deps;
  const counters = createCounters();
  const devices = new Map<string, DeviceRuntime>();
  const byAddress = new Map<string, DeviceRuntime>();
  for (const d of config.devices) {
    const r = newRuntime(d);
    devices.set(d.id, r);
    byAddress.set(addressKey(d.link, d.address), r);
  }
  const bootId = randomBytes(4).toString('hex');
  let txCounter = 0;
  let closing = false;

  const links = new Map<string, Link>();
  for (const l of config.links) {
    links.set(
      l.id,
      createLink(l, { interByteTimeoutMs: config.interByteTimeoutMs }, {
        onFrame: (frame, channel) => guarded(() => onFrame(l.id, frame, channel)),
        onChannelUp: (c) => logger.info({ link: l.id, channel: c.label }, 'link up'),
        onChannelDown: (c) => guarded(() => onChannelDown(l.id, c)),
        onProblem: (message) => logger.warn({ link: l.id }, message),
      }),
    );
  }

  const hub = connectToHub({
    config,
    password: deps.password,
    // The hub's broker accepts a bridge only under its own name as client id (a restarted bridge takes over).
    clientId: config.mqtt.username ?? config.bridgeId,
    logger,
    onConnect: () => guarded(() => session.onConnect()),
    onMessage: (t, payload) => guarded(() => onHubMessage(t, payload)),
  });

  const session = createHubSession({
    config,
    hub: () => hub,
    devices: [...devices.values()],
    counters,
    logger,
    transaction: () => `${bootId}-b${(txCounter++).toString(36)}`,
    guarded,
  });

  function guarded(f: () => void): void {
    try {
      f();
    } catch (err) {
      counters.add('handler_error');
      logger.error({ err }, 'bridge handler failed');
    }
  }

  const out = createDeviceOutput({ links, hub: () => hub, logger });
  const requests = createHubRequests({ config, hub: () => hub, session, out, counters, logger, transaction: () => `${bootId}-${(txCounter++).toString(36)}` });
  const commands = createCommandDelivery({ out, counters, logger, closing: () => closing, ratedAt: requests.ratedAt });
  const onFrame = createFrameIntake({ byAddress, out, requests, commands, counters, logger });

  function onChannelDown(linkId: string, c: Channel): void {
    logger.warn({ link: linkId, channel: c.label }, 'link down');
    for (const d of devices.values()) if (d.config.link === linkId && d.channel === c) out.setOnline(d, false, 'link down');
  }

  function onHubMessage(t: ParsedTopic, payload: Buffer): void {
    if (t.kind === 'bridge-response') return session.onResponse(payload);
    if (t.kind === 'device-response') return requests.onResponse(t.deviceId, payload);
    if (t.kind !== 'device' || t.channel !== 'set') return;
    const d = devices.get(t.deviceId);
    if (!d) return;
    const cmd = parseJson(payload.toString('utf8'));
    if (!cmd.ok || !checkSchema(DeviceCommandSchema, cmd.value)) return counters.add('bad_command');
    commands.sendCommand(d, cmd.value);
  }

  let pinger: NodeJS.Timeout | null = null;
  function pingAll(): void {
    const now = Date.now();
    for (const d of devices.values()) {
      if (d.online && now - d.lastHeard > config.offlineAfterMs) out.setOnline(d, false, 'silent');
      out.send(d, encodePing());
    }
  }

  // Receipt printers have their own device files and topics: they share only the MQTT session.
  const printerHost = createPrinterHost(config.printers, hub, logger);

  return {
    hub,
    async start() {
      printerHost.start();
      for (const l of links.values()) await l.start();
      pingAll();
      pinger = setInterval(() => guarded(pingAll), config.pingIntervalMs);
      await session.ready;
    },
    async close() {
      closing = true;
      if (pinger) clearInterval(pinger);
      session.close();
      requests.close();
      for (const d of devices.values()) for (const a of d.awaitingAck.values()) clearTimeout(a.timer);
      await printerHost.close();
      await hub.close();
      for (const l of links.values()) await l.close();
    },
    stats() {
      const linkStats: Record<string, FramerStats> = {};
      for (const [id, l] of links) linkStats[id] = l.stats();
      let online = 0;
      for (const d of devices.values()) if (d.online) online += 1;
      return { links: linkStats, counters: { ...counters.values }, online, devices: devices.size };
    },
    linkPort: (id) => links.get(id)?.port() ?? null,
    isOnline: (id) => devices.get(id)?.online ?? false,
    counted: (name, n = 1) =>
      new Promise<void>((resolve) => {
        if ((counters.values[name] ?? 0) >= n) return resolve();
        const off = counters.onCount(() => {
          if ((counters.values[name] ?? 0) < n) return;
          off();
          resolve();
        });
      }),
  };
}
