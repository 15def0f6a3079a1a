import type { DeviceView, HubEvent, Snapshot } from '@hall/shared';
import { LIVE_SOCKET_OPTIONS } from '@hall/shared/link-state';
import { keepHeartbeat } from '@hall/web-shell/heartbeat';
import { NAMESPACES } from '@hall/shared/namespaces';
import { PROTOCOL_VERSION } from '@hall/shared/protocol-version';
import { io } from 'socket.io-client';
import { applyServerEvent, fromSnapshot } from '../store/floor-view.js';
import { connected, devices, floor, hubOffset, linkLostAt } from '../store/store.js';
import { afterEvents } from './floor-data.js';
import { addHelpRequest } from '../store/help-requests.js';

const CONSOLE_VERSION = '0.1.0';

/**
 * The live link: the console namespace with the session token; a snapshot on connect (or the events missed
 * while away), then every event in order, and device presence. A gap asks for a resync.
 */
export function connectLive(token: string): () => void {
  /** the hub run our view is in step with: sent back on reconnect, so a view with lost events starts over */
  let epoch: string | undefined;
  const socket = io(NAMESPACES.console, {
    transports: ['websocket'],
    // the one outage model (shared/link-state.ts): back within 2 s of the hub answering
    ...LIVE_SOCKET_OPTIONS,
    auth: (cb) => cb({ protocol: PROTOCOL_VERSION, token, ...(floor.value.seq >= 0 ? { lastSeq: floor.value.seq, ...(epoch ? { epoch } : {}) } : {}) }),
  });
  const lost = () => {
    connected.value = false;
    linkLostAt.value ??= Date.now();
  };
  socket.on('connect', () => {
    connected.value = true;
    linkLostAt.value = null;
  });
  socket.on('disconnect', lost);
  socket.on('connect_error', lost);
  socket.on('epoch', (e: { epoch: string }) => (epoch = e.epoch));
  socket.on('snapshot', (s: Snapshot) => {
    floor.value = fromSnapshot(s);
    hubOffset.value = floor.value.hubTime - Date.now();
    afterEvents();
  });
  socket.on('events', (batch: HubEvent[]) => {
    let view = floor.value;
    for (const e of batch) {
      const r = applyServerEvent(view, e);
      if (r.gap) {
        socket.emit('resync', { lastSeq: view.seq, ...(epoch ? { epoch } : {}) });
        break;
      }
      view = r.view;
    }
    floor.value = view;
    hubOffset.value = view.hubTime - Date.now();
    afterEvents();
  });
  socket.on('help-request', addHelpRequest);
  socket.on('device', (d: DeviceView) => {
    if (devices.value) devices.value = devices.value.map((x) => (x.id === d.id ? d : x));
  });
  // Whether the hub is there (dead or hung): an unanswered heartbeat drops the link and dials again.
  const stopBeating = keepHeartbeat(socket, () => ({ version: CONSOLE_VERSION }));
  return () => {
    stopBeating();
    socket.close();
    connected.value = false;
  };
}
