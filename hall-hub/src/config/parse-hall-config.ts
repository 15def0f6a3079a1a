import { Value } from '@sinclair/typebox/value';
import ipaddr from 'ipaddr.js';
import { isValidTimeZone } from '../domain/time/hall-time.js';

function isCidr(s: string): boolean {
  try {
    ipaddr.parseCIDR(s);
    return true;
  } catch {
    return false;
  }
}
import { HallConfigSchema, type HallConfig } from './hall-config-schema.js';

/** A configuration the hub will not start with; the message names the field and what is wrong. */
export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`invalid hall configuration:\n  - ${problems.join('\n  - ')}`);
    this.name = 'ConfigError';
  }
}

/** Fills defaults, checks the shape against the schema, then the cross-references the schema cannot. */
export function parseHallConfig(input: unknown): HallConfig {
  const value = Value.Default(HallConfigSchema, structuredClone(input));
  const shapeProblems = [...Value.Errors(HallConfigSchema, value)].slice(0, 20).map((e) => {
    const field = e.path === '' ? '(top level)' : e.path.slice(1).replaceAll('/', '.');
    return `${field}: ${e.message}${e.value !== undefined && typeof e.value !== 'object' ? ` (got ${JSON.stringify(e.value)})` : ''}`;
  });
  if (shapeProblems.length > 0) throw new ConfigError(dedupe(shapeProblems));
  const config = value as HallConfig;
  const problems = crossCheck(config);
  if (problems.length > 0) throw new ConfigError(problems);
  return config;
}

function dedupe(xs: string[]): string[] {
  return [...new Set(xs)];
}

function duplicates<T>(xs: readonly T[]): T[] {
  const seen = new Set<T>();
  const dup = new Set<T>();
  for (const x of xs) (seen.has(x) ? dup : seen).add(x);
  return [...dup];
}

function crossCheck(c: HallConfig): string[] {
  const p: string[] = [];
  if (!isValidTimeZone(c.hall.timeZone)) p.push(`hall.timeZone: unknown time zone ${JSON.stringify(c.hall.timeZone)}`);
  for (const d of duplicates(c.zones.map((z) => z.id))) p.push(`zones: zone id "${d}" appears twice`);
  for (const d of duplicates(c.lines.map((l) => l.id))) p.push(`lines: line id "${d}" appears twice`);
  for (const d of duplicates(c.lines.map((l) => l.prefix))) p.push(`lines: prefix "${d}" is used by two lines`);
  for (const d of duplicates(c.windows.map((w) => w.no))) p.push(`windows: window "${d}" appears twice`);
  for (const d of duplicates(c.staff.map((s) => s.no))) p.push(`staff: staff number "${d}" appears twice`);
  for (const d of duplicates(c.priorityGroups.map((g) => g.id))) p.push(`priorityGroups: "${d}" appears twice`);
  for (const d of duplicates(c.accounts.map((a) => a.username))) p.push(`accounts: username "${d}" appears twice`);
  const zones = new Set(c.zones.map((z) => z.id));
  const lines = new Set(c.lines.map((l) => l.id));
  const windows = new Set(c.windows.map((w) => w.no));
  const staff = new Set(c.staff.map((s) => s.no));
  c.windows.forEach((w, i) => {
    if (!zones.has(w.zone)) p.push(`windows.${i}.zone: no zone "${w.zone}" (window ${w.no})`);
    w.lines.forEach((l, j) => {
      if (!lines.has(l.line)) p.push(`windows.${i}.lines.${j}.line: no line "${l.line}" (window ${w.no})`);
    });
  });
  c.staff.forEach((s, i) => {
    s.windows.forEach((w, j) => {
      if (!windows.has(w)) p.push(`staff.${i}.windows.${j}: no window "${w}" (staff ${s.no})`);
    });
    if (s.partner !== undefined && !staff.has(s.partner)) p.push(`staff.${i}.partner: no staff "${s.partner}"`);
    if (s.partner === s.no) p.push(`staff.${i}.partner: a staff member cannot be their own B post`);
  });
  c.accounts.forEach((a, i) => {
    if (a.role === 'staff' && (a.staffNo === undefined || !staff.has(a.staffNo))) {
      p.push(`accounts.${i}.staffNo: a staff account needs the number of a configured staff member`);
    }
  });
  for (const [day, sessions] of Object.entries(c.calendar.weekly)) {
    let prev = -1;
    sessions.forEach((s, i) => {
      const open = toMin(s.open);
      const close = toMin(s.close);
      if (close <= open) p.push(`calendar.weekly.${day}.${i}: closes (${s.close}) before it opens (${s.open})`);
      if (open < prev) p.push(`calendar.weekly.${day}.${i}: sessions must be in order and not overlap`);
      prev = close;
    });
  }
  for (const d of duplicates([...c.devices.map((x) => x.id), ...c.bridges.map((x) => x.id), 'hub'])) {
    p.push(`devices: id "${d}" is used twice (device and bridge ids share one namespace; "hub" is reserved)`);
  }
  const bridges = new Set(c.bridges.map((b) => b.id));
  c.devices.forEach((d, i) => {
    if (d.window !== undefined && !windows.has(d.window)) p.push(`devices.${i}.window: no window "${d.window}" (device ${d.id})`);
    if (d.zone !== undefined && !zones.has(d.zone)) p.push(`devices.${i}.zone: no zone "${d.zone}" (device ${d.id})`);
    if (d.bridge !== undefined && !bridges.has(d.bridge)) p.push(`devices.${i}.bridge: no bridge "${d.bridge}" (device ${d.id})`);
    if (d.idReader !== undefined && c.devices.find((x) => x.id === d.idReader)?.type !== 'id-reader') {
      p.push(`devices.${i}.idReader: no id-reader device "${d.idReader}" (device ${d.id})`);
    }
    const needsWindow = ['keypad', 'evaluator', 'led-strip', 'window-screen'].includes(d.type);
    if (needsWindow && d.window === undefined) p.push(`devices.${i}.window: a ${d.type} belongs to a window (device ${d.id})`);
    if (d.type === 'zone-wall' && d.zone === undefined) p.push(`devices.${i}.zone: a zone wall needs its zone (device ${d.id})`);
  });
  for (const d of duplicates(c.printers.map((x) => x.id))) p.push(`printers: printer id "${d}" appears twice`);
  const printers = new Set(c.printers.map((x) => x.id));
  c.printers.forEach((x, i) => {
    if (x.kind === 'escpos-tcp' && !x.host) p.push(`printers.${i}.host: an escpos-tcp printer needs its host (printer ${x.id})`);
    const dev = x.kind === 'bridge' ? c.devices.find((d) => d.id === x.device) : undefined;
    if (x.kind === 'bridge' && (!dev || dev.type !== 'printer' || !dev.bridge)) {
      p.push(`printers.${i}.device: a bridge printer names a device of type printer attached to a bridge (printer ${x.id})`);
    }
    if (x.window !== undefined && !c.windows.some((w) => w.no === x.window)) p.push(`printers.${i}.window: no window "${x.window}" (printer ${x.id})`);
  });
  c.devices.forEach((d, i) => {
    if (d.printer === undefined) return;
    if (d.type !== 'kiosk') p.push(`devices.${i}.printer: only kiosks have a printer (device ${d.id})`);
    else if (!printers.has(d.printer)) p.push(`devices.${i}.printer: no printer "${d.printer}" (device ${d.id})`);
  });
  for (const [field, list] of [['server.staffNetworks', c.server.staffNetworks], ['server.deviceNetworks', c.server.deviceNetworks]] as const) {
    list.forEach((cidr, i) => {
      if (!isCidr(cidr)) p.push(`${field}.${i}: not an address range (got ${JSON.stringify(cidr)})`);
    });
  }
  if (c.server.mqtt.mode === 'external' && !c.server.mqtt.url) p.push('server.mqtt.url: an external broker needs its URL');
  const w = c.warnings;
  if (w.waitRedMinutes <= w.waitYellowMinutes) p.push('warnings.waitRedMinutes: must be above waitYellowMinutes');
  if (w.serviceRedMinutes <= w.serviceYellowMinutes) p.push('warnings.serviceRedMinutes: must be above serviceYellowMinutes');
  return p;
}

function toMin(clock: string): number {
  const [h, m] = clock.split(':');
  return Number(h) * 60 + Number(m);
}
