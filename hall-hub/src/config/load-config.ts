import { readFileSync } from 'node:fs';
import { dirname, isAbsolute, resolve } from 'node:path';
import type { HallConfig } from './hall-config-schema.js';
import { ConfigError, parseHallConfig } from './parse-hall-config.js';

export interface LoadedConfig {
  config: HallConfig;
  /** the file read, for resolving relative paths */
  file: string;
  /** absolute paths of the exchange files to import at start-up */
  catalogFiles: string[];
  dataDir: string;
}

/**
 * The hall configuration file (HALL_CONFIG, else the demo hall) with environment overrides:
 * HALL_HTTP_PORT, HALL_HOST, HALL_DATA_DIR, HALL_CATALOG (files separated by commas), HALL_LOG_LEVEL, HALL_LOG_FILE,
 * HALL_MQTT_PORT, HALL_MQTT_URL (an external broker), HALL_STAFF_NETWORKS and HALL_DEVICE_NETWORKS (ranges).
 */
export function loadConfig(env: NodeJS.ProcessEnv, defaultFile: string): LoadedConfig {
  const file = resolve(env.HALL_CONFIG ?? defaultFile);
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(file, 'utf8'));
  } catch (err) {
    throw new ConfigError([`HALL_CONFIG (${file}): cannot read it as JSON: ${(err as Error).message}`]);
  }
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
    throw new ConfigError([`HALL_CONFIG (${file}): must be a JSON object`]);
  }
  const doc = raw as Record<string, unknown>;
  const server = { ...((doc.server as Record<string, unknown> | undefined) ?? {}) };
  const envProblems: string[] = [];
  if (env.HALL_HTTP_PORT !== undefined) {
    const port = Number(env.HALL_HTTP_PORT);
    if (!/^[0-9]+$/.test(env.HALL_HTTP_PORT) || port > 65535) {
      envProblems.push(`HALL_HTTP_PORT: must be a port number 0–65535 (got ${JSON.stringify(env.HALL_HTTP_PORT)})`);
    } else server.httpPort = port;
  }
  if (env.HALL_HOST !== undefined) server.host = env.HALL_HOST;
  if (env.HALL_DATA_DIR !== undefined) server.dataDir = env.HALL_DATA_DIR;
  if (env.HALL_LOG_LEVEL !== undefined) server.logLevel = env.HALL_LOG_LEVEL;
  if (env.HALL_LOG_FILE !== undefined) server.log = { ...((server.log as Record<string, unknown> | undefined) ?? {}), file: env.HALL_LOG_FILE };
  const mqtt = { ...((server.mqtt as Record<string, unknown> | undefined) ?? {}) };
  if (env.HALL_MQTT_PORT !== undefined) {
    const port = Number(env.HALL_MQTT_PORT);
    if (!/^[0-9]+$/.test(env.HALL_MQTT_PORT) || port > 65535) {
      envProblems.push(`HALL_MQTT_PORT: must be a port number 0–65535 (got ${JSON.stringify(env.HALL_MQTT_PORT)})`);
    } else mqtt.port = port;
  }
  if (env.HALL_MQTT_URL !== undefined) {
    mqtt.mode = 'external';
    mqtt.url = env.HALL_MQTT_URL;
  }
  // The embedded broker listens where the hub does unless told otherwise: HALL_HOST=127.0.0.1 keeps both local.
  if (mqtt.host === undefined && server.host !== undefined) mqtt.host = server.host;
  server.mqtt = mqtt;
  const ranges = (v: string) => v.split(',').map((s) => s.trim()).filter(Boolean);
  if (env.HALL_STAFF_NETWORKS !== undefined) server.staffNetworks = ranges(env.HALL_STAFF_NETWORKS);
  if (env.HALL_DEVICE_NETWORKS !== undefined) server.deviceNetworks = ranges(env.HALL_DEVICE_NETWORKS);
  if (env.HALL_CATALOG !== undefined) {
    server.catalog = env.HALL_CATALOG.split(',').map((s) => s.trim()).filter(Boolean);
  }
  if (envProblems.length > 0) throw new ConfigError(envProblems);
  const config = parseHallConfig({ ...doc, server });
  const base = dirname(file);
  const fromEnv = (p: string) => (isAbsolute(p) ? p : resolve(p));
  const fromFile = (p: string) => (isAbsolute(p) ? p : resolve(base, p));
  return {
    config,
    file,
    catalogFiles: config.server.catalog.map(env.HALL_CATALOG !== undefined ? fromEnv : fromFile),
    dataDir: env.HALL_DATA_DIR !== undefined ? fromEnv(config.server.dataDir) : fromFile(config.server.dataDir),
  };
}
