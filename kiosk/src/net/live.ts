import { connectLive as connectHub } from '@hall/shared/live/connect-live';
import { keepHeartbeat } from '@hall/web-shell/heartbeat';
import { applyServerEvent, fromSnapshot } from '../store/hub-view.js';
import { connected, hub, route } from '../store/store.js';
import type { DeviceIdentity } from './device.js';

export const KIOSK_VERSION = '0.1.0';

/** The live link to the hub (shared/src/live/connect-live.ts), kept in the kiosk's store, with its heartbeat. */
export function connectLive(device: DeviceIdentity): () => void {
  const socket = connectHub('kiosk', { deviceId: device.deviceId, token: device.token }, {
    view: hub,
    fromSnapshot,
    applyServerEvent,
    onLink: (up) => (connected.value = up),
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
