/**
 * The bridge process: `node firmware-bridge/dist/main.js --config bridge.json [--mqtt-url mqtt://…]`.
 * The MQTT password comes from HALL_BRIDGE_PASSWORD (or the variable / file the configuration names);
 * `npm run device-credentials` on the hub prints it. PROTOCOL.md describes the frames on the links.
 */
import { dirname, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { createBridge } from './bridge/create-bridge.js';
import { BridgeConfigError, bridgePassword, loadBridgeConfig } from './config/load-bridge-config.js';
import { createLogger } from './logger.js';

/** a stop that takes longer than this (a link that will not close) ends the process anyway */
const STOP_DEADLINE_MS = 3000;

const USAGE = 'usage: hall-bridge --config <bridge.json> [--mqtt-url mqtt://host:port]';

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { config: { type: 'string' }, 'mqtt-url': { type: 'string' }, help: { type: 'boolean' } } });
  if (values.help || !values.config) {
    console.error(USAGE);
    process.exit(values.help ? 0 : 2);
  }
  const file = resolve(values.config);
  let config;
  let password;
  try {
    config = loadBridgeConfig(file);
    if (values['mqtt-url']) config = { ...config, mqtt: { ...config.mqtt, url: values['mqtt-url'] } };
    password = bridgePassword(config, process.env, dirname(file));
  } catch (err) {
    if (err instanceof BridgeConfigError) {
      console.error(`✖ ${err.message}`);
      process.exit(2);
    }
    throw err;
  }
  const logger = createLogger(config.logLevel);
  const bridge = createBridge({ config, password, logger });
  // Signals are taken from the start, not once the hub has answered: a bridge stopped while it connects, or
  // while its broker is frozen, still stops at once (the close waits a bounded time for each part).
  let statsTimer: NodeJS.Timeout | null = null;
  const stop = async () => {
    if (statsTimer) clearInterval(statsTimer);
    setTimeout(() => process.exit(0), STOP_DEADLINE_MS).unref();
    await bridge.close();
    process.exit(0);
  };
  process.once('SIGINT', () => void stop());
  process.once('SIGTERM', () => void stop());
  await bridge.start();
  for (const l of config.links) {
    const port = bridge.linkPort(l.id);
    if (port !== null) console.log(`HALL_BRIDGE_LINK ${l.id} port=${port}`);
  }
  logger.info({ bridge: config.bridgeId, devices: config.devices.length, links: config.links.length }, 'bridge ready');
  statsTimer = setInterval(() => logger.info(bridge.stats(), 'bridge stats'), 60_000);
  statsTimer.unref();
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
