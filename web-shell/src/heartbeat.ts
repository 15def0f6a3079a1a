import type { Heartbeat } from '@hall/shared';
import { HEARTBEAT_ANSWER_MS, HEARTBEAT_EVERY_MS } from '@hall/shared/link-state';

/** What keepHeartbeat needs of a socket.io client socket. */
export interface BeatingSocket {
  readonly connected: boolean;
  timeout(ms: number): { emitWithAck(event: 'heartbeat', payload: Heartbeat): Promise<unknown> };
  disconnect(): unknown;
  connect(): unknown;
}

/**
 * The socket clients' heartbeat: an acknowledged `heartbeat` every HEARTBEAT_EVERY_MS. A beat the hub does not
 * answer within HEARTBEAT_ANSWER_MS means it is dead or hung (a hung hub keeps its TCP connections open, so the
 * socket alone would not notice for long): the link is dropped — the page shows the outage — and dialled again.
 * The hub's own socket.io ping stays slow (socket-gateway.ts), so a busy hub does not drop its clients.
 */
export function keepHeartbeat(socket: BeatingSocket, payload: () => Heartbeat): () => void {
  let waiting = false;
  const timer = setInterval(() => {
    if (!socket.connected || waiting) return;
    waiting = true;
    socket
      .timeout(HEARTBEAT_ANSWER_MS)
      .emitWithAck('heartbeat', payload())
      .catch(() => {
        if (!socket.connected) return;
        socket.disconnect();
        socket.connect();
      })
      .finally(() => (waiting = false));
  }, HEARTBEAT_EVERY_MS);
  return () => clearInterval(timer);
}
