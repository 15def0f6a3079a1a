import type { CallRecord, ScreenshotChunk, ScreenshotRequest } from '@hall/shared';
import { connectLive as connectHub } from '@hall/shared/live/connect-live';
import { keepHeartbeat } from '@hall/web-shell/heartbeat';
import { applyServerEvent, fromSnapshot } from '../store/wall-view.js';
import { connected, scene, wall } from '../store/store.js';
import { boardPushed } from '../store/case-board.js';
import { setPlaySender } from '../signage/play-reports.js';
import type { DeviceIdentity } from './device.js';

export const DISPLAY_VERSION = '0.1.0';

export interface LiveHooks {
  /** a call arrived live (not in a snapshot): the voice may announce it */
  onCall(c: CallRecord): void;
  onScreenshotRequest(r: ScreenshotRequest, send: (chunk: ScreenshotChunk) => Promise<boolean>): void;
  health(): { audio: 'ok' | 'unavailable' | 'unknown'; showing: string };
}

/** Calls replayed after a reconnect are announced only if they are this fresh (hub time). */
const STALE_CALL_MS = 60_000;

/**
 * The live link to the hub (shared/src/live/connect-live.ts), kept in the wall's store, and the display's scene
 * whenever it changes. While the hub is away the screen keeps what it last had.
 */
export function connectLive(device: DeviceIdentity, hooks: LiveHooks): () => void {
  // Right after (re)connecting, the hub sends what was missed and then the scene; calls in that catch-up are
  // held until the scene tells the hub's time, and only fresh ones are announced.
  let catchingUp = false;
  let heldCalls: CallRecord[] = [];
  const socket = connectHub('display', { deviceId: device.deviceId, token: device.token }, {
    view: wall,
    fromSnapshot,
    applyServerEvent,
    onEvent: (e) => {
      if (!e.call) return;
      if (catchingUp) heldCalls.push(e.call);
      else hooks.onCall(e.call);
    },
    onLink: (up) => (connected.value = up),
  });
  socket.on('connect', () => {
    catchingUp = true;
    heldCalls = [];
    beat();
    // What the screen played while the hub was away (or before a reload) goes now; a batch counts as sent only
    // when the hub acknowledges it.
    setPlaySender((records) =>
      socket
        .timeout(10_000)
        .emitWithAck('proof-of-play', { records })
        .then((a) => (a.ok ? { stored: a.stored ?? records.length, hubSeq: a.seq } : ('refused' as const)))
        .catch(() => 'failed' as const),
    );
  });
  socket.on('disconnect', () => setPlaySender(null));
  socket.on('scene', (s) => {
    scene.value = s;
    if (catchingUp) {
      catchingUp = false;
      const hubNow = Date.parse(s.at);
      for (const c of heldCalls) if (hubNow - Date.parse(c.at) <= STALE_CALL_MS) hooks.onCall(c);
      heldCalls = [];
    }
    beat();
  });
  socket.on('case-board', boardPushed);
  socket.on('screenshot-request', (r) =>
    hooks.onScreenshotRequest(r, (chunk) =>
      socket
        .timeout(10_000)
        .emitWithAck('screenshot', chunk)
        .then((a) => a.ok)
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
