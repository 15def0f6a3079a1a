import type { HubEvent, Snapshot } from '@hall/shared';
import { LIVE_SOCKET_OPTIONS } from '@hall/shared/link-state';
import { keepHeartbeat } from '@hall/web-shell/heartbeat';
import { NAMESPACES } from '@hall/shared/namespaces';
import { PROTOCOL_VERSION } from '@hall/shared/protocol-version';
import { io } from 'socket.io-client';
import { applyServerEvent, fromSnapshot } from '../store/hub-view.js';
import { connected, hub, route } from '../store/store.js';
import type { DeviceIdentity } from './device.js';

export const KIOSK_VERSION = '0.1.0';

/**
 * The live link to the hub: a snapshot on connect (or the events missed while away), then every event in
 * order. A gap in the sequence asks for a resync. The connection comes back by itself.
 */
export function connectLive(device: DeviceIdentity): () => void {
  /** the hub run our view is in step with: sent back on reconnect, so a view with lost events starts over */
  let epoch: string | undefined;
  const socket = io(NAMESPACES.kiosk, {
    transports: ['websocket'],
    // the one outage model (shared/link-state.ts): back within 2 s of the hub answering
    ...LIVE_SOCKET_OPTIONS,
    auth: (cb) => cb({ protocol: PROTOCOL_VERSION, deviceId: device.deviceId, token: device.token, ...(hub.value.seq >= 0 ? { lastSeq: hub.value.seq, ...(epoch ? { epoch } : {}) } : {}) }),
  });
  socket.on('connect', () => (connected.value = true));
  socket.on('disconnect', () => (connected.value = false));
  socket.on('connect_error', () => (connected.value = false));
  socket.on('snapshot', (s: Snapshot) => (hub.value = fromSnapshot(s)));
  socket.on('epoch', (e: { epoch: string }) => (epoch = e.epoch));
  socket.on('events', (batch: HubEvent[]) => {
    let view = hub.value;
    for (const e of batch) {
      const r = applyServerEvent(view, e);
      if (r.gap) {
        socket.emit('resync', { lastSeq: view.seq, ...(epoch ? { epoch } : {}) });
        break;
      }
      view = r.view;
    }
    hub.value = view;
  });
  const health = () => ({ version: KIOSK_VERSION, showing: route.value.name, lastSeq: Math.max(0, hub.value.seq) });
  socket.on('connect', () => socket.emit('heartbeat', health()));
  // The heartbeat tells the hub how this kiosk is, and this kiosk whether the hub is there (dead or hung).
  const stopBeating = keepHeartbeat(socket, health);
  return () => {
    stopBeating();
    socket.close();
  };
}
