import { io, type Socket } from 'socket.io-client';
import { LIVE_SOCKET_OPTIONS } from '../link-state.js';
import { NAMESPACES } from '../namespaces.js';
import { PROTOCOL_VERSION } from '../protocol-version.js';
// Types only: the schemas' runtime (TypeBox) stays out of the browser bundles.
import type { ClientToServerEvents, Handshake, HubEvent, ServerToClientEvents, Snapshot } from '../realtime.js';

/** A socket typed with the very event maps the hub's socket.io server uses. */
export type LiveSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

/** What every client's view has: the sequence number of the last hub event it includes (-1: none yet). */
export interface LiveView {
  readonly seq: number;
}

/** The client's store, as the live link needs it: a place for the view (a signal fits) and its pure rules. */
export interface LiveStore<V extends LiveView> {
  view: { value: V };
  fromSnapshot(s: Snapshot): V;
  /** apply one event; `gap` when it is not the next one */
  applyServerEvent(view: V, e: HubEvent): { view: V; gap: boolean };
  /** an event changed the view (not in a snapshot), before the view is written */
  onEvent?(e: HubEvent): void;
  /** the view was written (a snapshot or a batch of events) */
  onView?(): void;
  /** the link came up (true) or went down (false) */
  onLink?(up: boolean): void;
}

export interface LiveAuth {
  token: string;
  /** kiosks and screens name themselves; the console's session token says who it is */
  deviceId?: string;
}

/**
 * The live link to the hub, for kiosks, screens and the console alike: a snapshot on connect (or the events missed
 * while away), then every event in order. A gap in the sequence asks for a resync. The connection comes back by
 * itself, and tells the hub where the view stands — its last sequence number and the hub run (epoch) that number
 * is from, so a view with events a power cut took back starts over from a snapshot.
 *
 * `origin` is the page's own (the hub serves the apps) unless given. Returns the socket, for the caller's own
 * events (scene, device, heartbeat); `close()` it to end the link.
 */
export function connectLive<V extends LiveView>(
  namespace: keyof typeof NAMESPACES,
  auth: LiveAuth,
  store: LiveStore<V>,
  origin = '',
): LiveSocket {
  /** the hub run our view is in step with */
  let epoch: string | undefined;
  const where = (): Pick<Handshake, 'lastSeq' | 'epoch'> => {
    const seq = store.view.value.seq;
    return seq >= 0 ? { lastSeq: seq, ...(epoch ? { epoch } : {}) } : {};
  };
  const socket: LiveSocket = io(origin + NAMESPACES[namespace], {
    transports: ['websocket'],
    // the one outage model (link-state.ts): back within 2 s of the hub answering
    ...LIVE_SOCKET_OPTIONS,
    auth: (cb) => cb({ protocol: PROTOCOL_VERSION, ...auth, ...where() } satisfies Handshake),
  });
  socket.on('connect', () => store.onLink?.(true));
  socket.on('disconnect', () => store.onLink?.(false));
  socket.on('connect_error', () => store.onLink?.(false));
  socket.on('epoch', (e) => (epoch = e.epoch));
  socket.on('snapshot', (s) => {
    store.view.value = store.fromSnapshot(s);
    store.onView?.();
  });
  socket.on('events', (batch) => {
    let view = store.view.value;
    for (const e of batch) {
      const r = store.applyServerEvent(view, e);
      if (r.gap) {
        socket.emit('resync', { lastSeq: view.seq, ...(epoch ? { epoch } : {}) });
        break;
      }
      if (r.view !== view) store.onEvent?.(e);
      view = r.view;
    }
    store.view.value = view;
    store.onView?.();
  });
  return socket;
}
