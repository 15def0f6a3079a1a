import type { CallRecord, DisplayScene, HubEvent, ScreenshotRequest, Snapshot } from '@hall/shared';
import { LIVE_SOCKET_OPTIONS } from '@hall/shared/link-state';
import { keepHeartbeat } from '@hall/web-shell/heartbeat';
import { NAMESPACES } from '@hall/shared/namespaces';
import { PROTOCOL_VERSION } from '@hall/shared/protocol-version';
import { io } from 'socket.io-client';
import { applyServerEvent, fromSnapshot } from '../store/wall-view.js';
import { connected, scene, wall } from '../store/store.js';
import type { DeviceIdentity } from './device.js';

export const DISPLAY_VERSION = '0.1.0';

export interface LiveHooks {
  /** a call arrived live (not in a snapshot): the voice may announce it */
  onCall(c: CallRecord): void;
  onScreenshotRequest(r: ScreenshotRequest, send: (chunk: unknown) => Promise<boolean>): void;
  health(): { audio: 'ok' | 'unavailable' | 'unknown'; showing: string };
}

/** Calls replayed after a reconnect are announced only if they are this fresh (hub time). */
const STALE_CALL_MS = 60_000;

/**
 * The live link to the hub: a snapshot on connect (or the events missed while away), then every event in
 * order, and the display's scene whenever it changes. A gap asks for a resync. It reconnects by itself; while
 * the hub is away the screen keeps what it last had.
 */
export function connectLive(device: DeviceIdentity, hooks: LiveHooks): () => void {
  /** the hub run our view is in step with: sent back on reconnect, so a view with lost events starts over */
  let epoch: string | undefined;
  const socket = io(NAMESPACES.display, {
    transports: ['websocket'],
    // the one outage model (shared/link-state.ts): back within 2 s of the hub answering
    ...LIVE_SOCKET_OPTIONS,
    auth: (cb) => cb({ protocol: PROTOCOL_VERSION, deviceId: device.deviceId, token: device.token, ...(wall.value.seq >= 0 ? { lastSeq: wall.value.seq, ...(epoch ? { epoch } : {}) } : {}) }),
  });
  // Right after (re)connecting, the hub sends what was missed and then the scene; calls in that catch-up are
  // held until the scene tells the hub's time, and only fresh ones are announced.
  let catchingUp = false;
  let heldCalls: CallRecord[] = [];
  socket.on('connect', () => {
    connected.value = true;
    catchingUp = true;
    heldCalls = [];
    beat();
  });
  socket.on('disconnect', () => (connected.value = false));
  socket.on('connect_error', () => (connected.value = false));
  socket.on('snapshot', (s: Snapshot) => (wall.value = fromSnapshot(s)));
  socket.on('epoch', (e: { epoch: string }) => (epoch = e.epoch));
  socket.on('events', (batch: HubEvent[]) => {
    let view = wall.value;
    for (const e of batch) {
      const r = applyServerEvent(view, e);
      if (r.gap) {
        socket.emit('resync', { lastSeq: view.seq, ...(epoch ? { epoch } : {}) });
        break;
      }
      if (r.view !== view && e.call) {
        if (catchingUp) heldCalls.push(e.call);
        else hooks.onCall(e.call);
      }
      view = r.view;
    }
    wall.value = view;
  });
  socket.on('scene', (s: DisplayScene) => {
    scene.value = s;
    if (catchingUp) {
      catchingUp = false;
      const hubNow = Date.parse(s.at);
      for (const c of heldCalls) if (hubNow - Date.parse(c.at) <= STALE_CALL_MS) hooks.onCall(c);
      heldCalls = [];
    }
    beat();
  });
  socket.on('screenshot-request', (r: ScreenshotRequest) =>
    hooks.onScreenshotRequest(r, (chunk) =>
      socket
        .timeout(10_000)
        .emitWithAck('screenshot', chunk as never)
        .then((a: { ok: boolean }) => a.ok)
        .catch(() => false),
    ),
  );
  function health() {
    const h = hooks.health();
    return { version: DISPLAY_VERSION, showing: h.showing.slice(0, 200), audio: h.audio, lastSeq: Math.max(0, wall.value.seq) };
  }
  function beat(): void {
    if (socket.connected) socket.emit('heartbeat', health());
  }
  // The heartbeat tells the hub how this screen is, and this screen whether the hub is there (dead or hung).
  const stopBeating = keepHeartbeat(socket, health);
  return () => {
    stopBeating();
    socket.close();
  };
}
