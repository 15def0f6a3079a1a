import { ResponseEnvelopeSchema } from '@hall/shared/devices';
import { Value } from '@sinclair/typebox/value';
import type { Logger } from 'pino';
import type { BridgeConfig } from '../config/bridge-config-schema.js';
import type { HubConnection } from '../mqtt/hub-connection.js';
import type { createCounters } from './counters.js';
import type { DeviceRuntime } from './device-runtime.js';
import { createHubClock } from './hub-clock.js';

/** The hub answers `devices` within this, or the bridge serves every configured device (an older hub). */
const DEVICES_ANSWER_MS = 3000;

/**
 * What the bridge learns from the hub on each connection (PROTOCOL.md §7, §8): which of its configured devices
 * the hub knows — each other one is refused alone — and the hub's clock, on which requests' deadlines are set.
 */
export interface HubSession {
  /** every (re)connect, once the bridge's response topic is subscribed */
  onConnect(): void;
  /** an answer on the bridge's own response topic */
  onResponse(payload: Buffer): void;
  /** the hub has said which devices it serves and its clock is known (or it does not tell it): requests may go */
  usable(): boolean;
  /** the last instant of the hub's clock at which a request sent at `sentAt` may be applied; null: no deadline */
  deadline(sentAt: number, budgetMs: number): number | null;
  /** whether the request budget counted from `sentAt` has run out on the hub's clock, as read now */
  expired(sentAt: number, budgetMs: number): boolean;
  /** reads the hub's clock again and calls back; false when the hub does not tell its clock */
  rereadClock(then: () => void): boolean;
  /** resolves once the hub has said which devices it serves the first time (or was given up on) */
  ready: Promise<void>;
  close(): void;
}

export interface HubSessionDeps {
  config: BridgeConfig;
  hub: () => HubConnection;
  devices: readonly DeviceRuntime[];
  counters: ReturnType<typeof createCounters>;
  logger: Logger;
  transaction: () => string;
  guarded: (f: () => void) => void;
}

export function createHubSession(deps: HubSessionDeps): HubSession {
  const { config, counters, logger } = deps;
  const clock = createHubClock();
  /** bridge requests awaiting the hub's answer, by transaction */
  const asked = new Map<string, { op: string; sentAt: number; then?: (() => void) | undefined }>();
  /** the devices the hub accepted on this connection; null until it has said */
  let accepted: Set<string> | null = null;
  let clockKnown = false;
  let speaksClock = true;
  let devicesTimer: NodeJS.Timeout | null = null;
  let clockTimer: NodeJS.Timeout | null = null;
  let closed = false;
  let resolveReady: () => void = () => {};
  const ready = new Promise<void>((r) => (resolveReady = r));

  function ask(op: string, body: Record<string, unknown> = {}, then?: () => void): void {
    const transaction = deps.transaction();
    asked.set(transaction, { op, sentAt: Date.now(), then });
    deps.hub().publishBridgeRequest(op, { ...body, transaction });
  }

  /**
   * The devices the hub serves behind this bridge, with their types. Each configured device not among them (or
   * of another type) is refused alone — named in the log and on the hub's console — and the others are served:
   * a device the broker's ACL refuses would otherwise cost the whole connection, and every device behind it.
   */
  function accept(known: ReadonlyMap<string, string>): void {
    const hub = deps.hub();
    accepted = new Set();
    for (const d of deps.devices) {
      const type = known.get(d.config.id);
      d.refusedBy = type === undefined ? 'not in the hall configuration behind this bridge' : type !== d.config.type ? `the hall configuration says ${type}` : null;
      if (d.refusedBy) {
        counters.add('device_not_registered');
        logger.error({ device: d.config.id, type: d.config.type, link: d.config.link, address: d.config.address, reason: d.refusedBy }, `device ${d.config.id} refused: ${d.refusedBy} (${config.bridgeId}); the other devices are served`);
        continue;
      }
      accepted.add(d.config.id);
      hub.publishAvailability(d.config.id, d.online);
    }
    void hub.subscribeDevices([...accepted]).then(() => {
      hub.announceOnline();
      resolveReady();
    });
  }

  function onClock(a: { sentAt: number; then?: (() => void) | undefined }, ok: boolean, data: unknown): void {
    const { now, rate } = (data ?? {}) as { now?: unknown; rate?: unknown };
    if (ok && typeof now === 'number') {
      clock.sample(a.sentAt, Date.now(), now, typeof rate === 'number' ? rate : 1);
      clockKnown = true;
    } else {
      speaksClock = false;
      logger.warn('the hub does not tell its clock: requests go without a deadline');
    }
    a.then?.();
  }

  clockTimer = setInterval(() => deps.guarded(() => deps.hub().connected() && speaksClock && ask('clock')), 60_000);

  return {
    ready,
    onConnect() {
      accepted = null;
      ask('clock');
      ask('devices', { configured: deps.devices.map((d) => ({ id: d.config.id, type: d.config.type })) });
      if (devicesTimer) clearTimeout(devicesTimer);
      devicesTimer = setTimeout(() => {
        if (accepted !== null || closed) return;
        logger.warn('the hub did not say which devices it knows: serving every configured device');
        deps.guarded(() => accept(new Map(deps.devices.map((d) => [d.config.id, d.config.type]))));
      }, DEVICES_ANSWER_MS);
    },
    onResponse(payload) {
      let body: unknown;
      try {
        body = JSON.parse(payload.toString('utf8'));
      } catch {
        body = undefined;
      }
      if (!Value.Check(ResponseEnvelopeSchema, body)) return counters.add('bad_response');
      const envelope = body as { status: 'ok' | 'error'; data?: unknown; transaction?: string };
      const a = envelope.transaction ? asked.get(envelope.transaction) : undefined;
      if (!a) return counters.add('late_response');
      asked.delete(envelope.transaction!);
      if (a.op === 'clock') return onClock(a, envelope.status === 'ok', envelope.data);
      if (a.op === 'devices' && envelope.status === 'ok' && Array.isArray(envelope.data)) {
        if (devicesTimer) clearTimeout(devicesTimer);
        const known = new Map<string, string>();
        for (const d of envelope.data as unknown[]) {
          const { id, type } = (d ?? {}) as { id?: unknown; type?: unknown };
          if (typeof id === 'string' && typeof type === 'string') known.set(id, type);
        }
        accept(known);
      }
    },
    usable: () => deps.hub().connected() && accepted !== null && (clockKnown || !speaksClock),
    deadline: (sentAt, budgetMs) => clock.deadline(sentAt, budgetMs),
    expired(sentAt, budgetMs) {
      const deadline = clock.deadline(sentAt, budgetMs);
      const now = clock.deadline(Date.now(), 0);
      return deadline === null || now === null || deadline <= now;
    },
    rereadClock(then) {
      if (!speaksClock) return false;
      ask('clock', {}, then);
      return true;
    },
    close() {
      closed = true;
      if (devicesTimer) clearTimeout(devicesTimer);
      if (clockTimer) clearInterval(clockTimer);
    },
  };
}
