import type { DeviceView } from '@hall/shared';
import type { DeviceConfig, HallConfig } from '../config/hall-config-schema.js';
import type { Clock } from '../ports/clock.js';
import type { PresenceLog } from '../ports/presence-log.js';

interface Status {
  config: DeviceConfig;
  /** the device's own availability (MQTT retained) or socket connection */
  self: boolean;
  since: number | null;
  lastSeen: number | null;
  version: string | null;
  showing: string | null;
  audio: string | null;
  state: Record<string, unknown> | null;
  online: boolean;
}

export interface DeviceRegistry {
  has(id: string): boolean;
  get(id: string): DeviceConfig | null;
  /** a socket or MQTT availability change of the device itself */
  setAvailability(id: string, online: boolean, via: string): void;
  setBridgeState(bridgeId: string, online: boolean): void;
  /** devices a bridge is configured with that the hall configuration does not put behind it (refused alone) */
  setBridgeRefusals(bridgeId: string, refused: ReadonlyArray<{ id: string; reason: string }>): void;
  refusedDevices(): Array<{ bridgeId: string; id: string; reason: string }>;
  heartbeat(id: string, h: { version?: string | undefined; showing?: string | undefined; audio?: string | undefined }): void;
  setState(id: string, state: Record<string, unknown>): void;
  seen(id: string): void;
  list(): DeviceView[];
  view(id: string): DeviceView | null;
  devicesOfWindow(windowNo: string, type: DeviceConfig['type']): DeviceConfig[];
  history(id: string, limit?: number): Array<{ online: boolean; at: string; via: string }>;
  onChange(listener: (d: DeviceView) => void): () => void;
}

/**
 * The devices declared in the hall configuration and what the hub knows of each right now. A device behind
 * a bridge is online only when the bridge is too: after a bridge crash only its last will arrives, and the
 * devices' own retained availability goes stale.
 */
export function createDeviceRegistry(config: HallConfig, clock: Clock, log: PresenceLog): DeviceRegistry {
  const status = new Map<string, Status>(
    config.devices.map((d) => [
      d.id,
      { config: d, self: false, since: null, lastSeen: null, version: null, showing: null, audio: null, state: null, online: false },
    ]),
  );
  const bridges = new Map<string, boolean>(config.bridges.map((b) => [b.id, false]));
  const listeners = new Set<(d: DeviceView) => void>();
  const refusals = new Map<string, ReadonlyArray<{ id: string; reason: string }>>();
  const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());

  function toView(s: Status): DeviceView {
    const d = s.config;
    return {
      id: d.id,
      type: d.type,
      name: d.name ?? d.id,
      windowNo: d.window ?? null,
      zone: d.zone ?? null,
      bridge: d.bridge ?? null,
      online: s.online,
      since: iso(s.since),
      lastSeen: iso(s.lastSeen),
      version: s.version,
      // Screens say what they show in their heartbeat; a strip's bridge reports it as state once the strip has it.
      showing: s.showing ?? (typeof s.state?.showing === 'string' ? s.state.showing : null),
      audio: s.audio,
    };
  }

  function recompute(s: Status, via: string): void {
    const online = s.self && (s.config.bridge === undefined || bridges.get(s.config.bridge) === true);
    if (online === s.online) return;
    const now = clock.now();
    s.online = online;
    s.since = now;
    log.record(s.config.id, online, now, via);
    const v = toView(s);
    for (const l of listeners) l(v);
  }

  return {
    has: (id) => status.has(id),
    get: (id) => status.get(id)?.config ?? null,
    setAvailability(id, online, via) {
      const s = status.get(id);
      if (!s) return;
      s.self = online;
      if (online) s.lastSeen = clock.now();
      recompute(s, via);
    },
    setBridgeState(bridgeId, online) {
      if (!bridges.has(bridgeId)) return;
      bridges.set(bridgeId, online);
      log.record(bridgeId, online, clock.now(), 'bridge-state');
      for (const s of status.values()) if (s.config.bridge === bridgeId) recompute(s, `bridge ${bridgeId}`);
    },
    setBridgeRefusals(bridgeId, refused) {
      if (!bridges.has(bridgeId)) return;
      refusals.set(bridgeId, refused.slice(0, 64));
    },
    refusedDevices: () => [...refusals].flatMap(([bridgeId, list]) => list.map((r) => ({ bridgeId, ...r }))),
    heartbeat(id, h) {
      const s = status.get(id);
      if (!s) return;
      s.lastSeen = clock.now();
      if (h.version !== undefined) s.version = h.version;
      if (h.showing !== undefined) s.showing = h.showing;
      if (h.audio !== undefined) s.audio = h.audio;
    },
    setState(id, state) {
      const s = status.get(id);
      if (!s) return;
      s.state = state;
      s.lastSeen = clock.now();
      if (typeof state.version === 'string') s.version = state.version;
    },
    seen(id) {
      const s = status.get(id);
      if (s) s.lastSeen = clock.now();
    },
    list: () => [...status.values()].map(toView),
    view: (id) => {
      const s = status.get(id);
      return s ? toView(s) : null;
    },
    devicesOfWindow: (windowNo, type) => config.devices.filter((d) => d.window === windowNo && d.type === type),
    history: (id, limit = 50) => log.history(id, limit).map((h) => ({ ...h, at: new Date(h.at).toISOString() })),
    onChange(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}
