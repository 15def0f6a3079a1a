import { NAMESPACES, PROTOCOL_VERSION, type HubEvent, type Snapshot } from '@hall/shared';
import mqtt, { type IClientOptions, type MqttClient } from 'mqtt';
import { io, type Socket } from 'socket.io-client';

/** Resolves when `predicate` holds, checked on every `signal`; fails after `ms` with what was seen. */
export function until<T>(subscribe: (check: () => void) => () => void, value: () => T | undefined, ms = 10_000, what = 'condition'): Promise<T> {
  return new Promise((resolve, reject) => {
    let off: () => void = () => {};
    const timer = setTimeout(() => {
      off();
      reject(new Error(`timed out waiting for ${what}`));
    }, ms);
    const check = () => {
      const v = value();
      if (v !== undefined) {
        clearTimeout(timer);
        off();
        resolve(v);
      }
    };
    off = subscribe(check);
    check();
  });
}

export async function connectMqtt(url: string, username: string, password: string, extra: IClientOptions = {}): Promise<MqttClient> {
  // A device or bridge may connect only with its own id as client id (the broker refuses any other).
  const clientId = username === 'hub' ? undefined : username;
  const client = mqtt.connect(url, { username, password, clientId, protocolVersion: 4, reconnectPeriod: 200, connectTimeout: 5000, ...extra });
  await new Promise<void>((resolve, reject) => {
    client.once('connect', () => resolve());
    client.once('error', reject);
  });
  return client;
}

export interface Received {
  topic: string;
  payload: string;
}

/** Collects every message a client receives, in order. */
export function collect(client: MqttClient): { messages: Received[]; next(topic: string, ms?: number): Promise<Received> } {
  const messages: Received[] = [];
  const listeners = new Set<() => void>();
  client.on('message', (topic, payload) => {
    messages.push({ topic, payload: payload.toString('utf8') });
    for (const l of listeners) l();
  });
  // One cursor per topic: messages on different topics may arrive in any order relative to each other.
  const cursors = new Map<string, number>();
  return {
    messages,
    next(topic, ms = 10_000) {
      return until(
        (check) => {
          listeners.add(check);
          return () => listeners.delete(check);
        },
        () => {
          const from = cursors.get(topic) ?? 0;
          const i = messages.findIndex((m, k) => k >= from && m.topic === topic);
          if (i < 0) return undefined;
          cursors.set(topic, i + 1);
          return messages[i];
        },
        ms,
        `a message on ${topic}`,
      );
    },
  };
}

/** A screen, kiosk or console client that keeps the stream the way a real one would: snapshot, then events in order. */
export interface StreamClient {
  socket: Socket;
  snapshots: Snapshot[];
  events: HubEvent[];
  lastSeq: number;
  /** the hub run the client is in step with (the hub's `epoch` event), sent back on reconnect as real clients do */
  epoch: string | undefined;
  /** sequence gaps seen (a correct hub never causes one) */
  gaps: number;
  waitFor<T>(value: () => T | undefined, ms?: number, what?: string): Promise<T>;
  close(): void;
}

export function streamClient(
  base: string,
  namespace: keyof typeof NAMESPACES,
  auth: { deviceId?: string; token: string },
  opts: { reconnection?: boolean } = {},
): StreamClient {
  const listeners = new Set<() => void>();
  const notify = () => {
    for (const l of listeners) l();
  };
  const state: StreamClient = {
    socket: null as unknown as Socket,
    snapshots: [],
    events: [],
    lastSeq: -1,
    epoch: undefined,
    gaps: 0,
    waitFor: (value, ms = 10_000, what = 'stream condition') =>
      until(
        (check) => {
          listeners.add(check);
          return () => listeners.delete(check);
        },
        value,
        ms,
        what,
      ),
    close: () => state.socket.close(),
  };
  const socket = io(`${base}${NAMESPACES[namespace]}`, {
    transports: ['websocket'],
    reconnection: opts.reconnection ?? true,
    reconnectionDelay: 50,
    reconnectionDelayMax: 200,
    // On every (re)connect the client tells the hub the last event it has.
    auth: (cb) =>
      cb({ protocol: PROTOCOL_VERSION, ...auth, ...(state.lastSeq >= 0 ? { lastSeq: state.lastSeq, ...(state.epoch ? { epoch: state.epoch } : {}) } : {}) }),
  });
  state.socket = socket;
  socket.on('snapshot', (s: Snapshot) => {
    state.snapshots.push(s);
    state.lastSeq = s.seq;
    notify();
  });
  socket.on('events', (batch: HubEvent[]) => {
    for (const e of batch) {
      if (e.seq <= state.lastSeq) continue;
      if (state.lastSeq >= 0 && e.seq !== state.lastSeq + 1) state.gaps += 1;
      state.events.push(e);
      state.lastSeq = e.seq;
    }
    notify();
  });
  socket.on('epoch', (e: { epoch: string }) => {
    state.epoch = e.epoch;
    notify();
  });
  socket.on('connect', notify);
  socket.on('connect_error', notify);
  return state;
}
