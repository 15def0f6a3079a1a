import { connectLive as connectHub } from '@hall/shared/live/connect-live';
import { keepHeartbeat } from '@hall/web-shell/heartbeat';
import { applyServerEvent, fromSnapshot } from '../store/floor-view.js';
import { connected, devices, floor, hubOffset, linkLostAt } from '../store/store.js';
import { addHelpRequest } from '../store/help-requests.js';
import { supervisionPushed } from '../store/supervision-live.js';
import { afterDeviceEvent, afterEvents } from './floor-data.js';

const CONSOLE_VERSION = '0.1.0';

/**
 * The live link (shared/src/live/connect-live.ts): the console namespace with the session token, kept in the
 * floor view, and device presence.
 */
export function connectLive(token: string): () => void {
  const socket = connectHub('console', { token }, {
    view: floor,
    fromSnapshot,
    applyServerEvent,
    onView: () => {
      hubOffset.value = floor.value.hubTime - Date.now();
      afterEvents();
    },
    onLink: (up) => {
      connected.value = up;
      if (up) linkLostAt.value = null;
      else linkLostAt.value ??= Date.now();
    },
  });
  socket.on('help-request', addHelpRequest);
  socket.on('supervision', (v) => (supervisionPushed.value = v));
  socket.on('device', (d) => {
    if (devices.value) devices.value = devices.value.map((x) => (x.id === d.id ? d : x));
    afterDeviceEvent();
  });
  // Whether the hub is there (dead or hung): an unanswered heartbeat drops the link and dials again.
  const stopBeating = keepHeartbeat(socket, () => ({ version: CONSOLE_VERSION }));
  return () => {
    stopBeating();
    socket.close();
    connected.value = false;
    // The next session (perhaps a staff one) must not find this one's supervision view.
    supervisionPushed.value = null;
  };
}
