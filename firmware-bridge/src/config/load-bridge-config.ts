import { readFileSync } from 'node:fs';
import { dirname, isAbsolute, resolve } from 'node:path';
import type { TSchema, Static } from '@sinclair/typebox';
import { Value } from '@sinclair/typebox/value';
import { BRIDGED_TYPES, type BridgedType } from '../protocol/message-types.js';
import {
  BridgeConfigSchema,
  HallDevicesSchema,
  type BridgeConfig,
  type BridgeConfigInput,
  type BridgeDevice,
  type HallDevices,
} from './bridge-config-schema.js';

/** A configuration that cannot be used; the message names every field at fault. */
export class BridgeConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`bridge configuration: ${problems.join('; ')}`);
  }
}

function parse<T extends TSchema>(schema: T, raw: unknown, where: string): Static<T> {
  const value = Value.Default(schema, Value.Clone(raw));
  if (Value.Check(schema, value)) return value;
  const problems = [...Value.Errors(schema, value)].slice(0, 8).map((e) => `${where}${e.path || '/'}: ${e.message}`);
  throw new BridgeConfigError(problems);
}

function readJson(file: string, what: string): unknown {
  try {
    return JSON.parse(readFileSync(file, 'utf8'));
  } catch (err) {
    throw new BridgeConfigError([`${what} (${file}): cannot read it as JSON: ${(err as Error).message}`]);
  }
}

export function parseHallDevices(raw: unknown, where = 'hall'): HallDevices {
  return parse(HallDevicesSchema, raw, where);
}

/**
 * The hall's devices that sit behind `bridgeId`, placed on `link` at consecutive addresses from `firstAddress`
 * (skipping addresses already taken). Devices the bridge cannot speak to (screens, kiosks) are left out.
 */
export function devicesFromHall(hall: HallDevices, bridgeId: string, link: string, firstAddress = 1, taken: readonly BridgeDevice[] = []): BridgeDevice[] {
  const usedIds = new Set(taken.map((d) => d.id));
  const usedAddresses = new Set(taken.filter((d) => d.link === link).map((d) => d.address));
  const out: BridgeDevice[] = [];
  let next = firstAddress;
  for (const d of hall.devices) {
    if (d.bridge !== bridgeId || usedIds.has(d.id) || !(BRIDGED_TYPES as readonly string[]).includes(d.type)) continue;
    while (usedAddresses.has(next)) next += 1;
    if (next > 247) throw new BridgeConfigError([`fromHall: more than 247 devices on link ${link}`]);
    out.push({ id: d.id, type: d.type as BridgedType, link, address: next });
    usedAddresses.add(next);
  }
  return out;
}

/** Validates a configuration object; `hall` is the hall configuration when `fromHall` names one. */
export function resolveBridgeConfig(input: BridgeConfigInput, hall: HallDevices | null): BridgeConfig {
  const { fromHall, hallId: givenHallId, ...rest } = input;
  const problems: string[] = [];
  const hallId = givenHallId ?? hall?.hall.id;
  if (!hallId) problems.push('hallId: required (or name the hall configuration in fromHall)');
  if (hall && givenHallId && hall.hall.id !== givenHallId) problems.push(`hallId: ${givenHallId} differs from the hall configuration's ${hall.hall.id}`);
  let devices = rest.devices;
  if (fromHall && hall) devices = [...devices, ...devicesFromHall(hall, rest.bridgeId, fromHall.link, fromHall.firstAddress, devices)];
  const links = new Set<string>();
  for (const l of rest.links) {
    if (links.has(l.id)) problems.push(`links: id ${l.id} appears twice`);
    links.add(l.id);
  }
  if (rest.hubReplyMarginMs >= rest.requestTimeoutMs) problems.push(`hubReplyMarginMs: must be less than requestTimeoutMs (${rest.requestTimeoutMs})`);
  if (fromHall && !links.has(fromHall.link)) problems.push(`fromHall.link: no link ${fromHall.link}`);
  const ids = new Set<string>();
  const addresses = new Set<string>();
  for (const d of devices) {
    if (ids.has(d.id)) problems.push(`devices: id ${d.id} appears twice`);
    ids.add(d.id);
    if (!links.has(d.link)) problems.push(`devices/${d.id}: no link ${d.link}`);
    const key = `${d.link}#${d.address}`;
    if (addresses.has(key)) problems.push(`devices/${d.id}: address ${d.address} on ${d.link} is taken`);
    addresses.add(key);
  }
  if (problems.length) throw new BridgeConfigError(problems);
  return { ...rest, hallId: hallId!, devices };
}

/** Reads and validates a bridge configuration file (and the hall configuration it names, relative to it). */
export function loadBridgeConfig(file: string): BridgeConfig {
  const input = parse(BridgeConfigSchema, readJson(file, 'bridge configuration'), '');
  let hall: HallDevices | null = null;
  if (input.fromHall) {
    const hallFile = isAbsolute(input.fromHall.file) ? input.fromHall.file : resolve(dirname(file), input.fromHall.file);
    hall = parseHallDevices(readJson(hallFile, 'fromHall.file'), 'fromHall.file');
  }
  return resolveBridgeConfig(input, hall);
}

export function parseBridgeConfig(raw: unknown, hall: HallDevices | null = null): BridgeConfig {
  return resolveBridgeConfig(parse(BridgeConfigSchema, raw, ''), hall);
}

/** The bridge's MQTT password: from the variable the configuration names, or its password file. */
export function bridgePassword(config: BridgeConfig, env: NodeJS.ProcessEnv, baseDir: string): string {
  if (config.mqtt.passwordFile) {
    const f = isAbsolute(config.mqtt.passwordFile) ? config.mqtt.passwordFile : resolve(baseDir, config.mqtt.passwordFile);
    try {
      return readFileSync(f, 'utf8').trim();
    } catch (err) {
      throw new BridgeConfigError([`mqtt.passwordFile (${f}): ${(err as Error).message}`]);
    }
  }
  const v = env[config.mqtt.passwordEnv];
  if (!v) throw new BridgeConfigError([`mqtt: set ${config.mqtt.passwordEnv} to the bridge's password (npm run device-credentials prints it)`]);
  return v;
}
