import { NAMESPACES, type ClientToServerEvents, type DeviceType, type Role, type ServerToClientEvents } from '@hall/shared';
import type { Server } from 'socket.io';
import type { Principal } from '../../app/auth-service.js';
import type { CaseSupervision } from '../../app/case-supervision.js';

type HallServer = Server<ClientToServerEvents, ServerToClientEvents, Record<string, never>, { deviceId: string | null; principal: Principal | null }>;

/** The rooms: walls that may show the 办件公示 board, and console sessions that may read the supervision page. */
export const BOARD_ROOM = 'case-board';
export const SUPERVISION_ROOM = 'supervision';

/** Who reads what over the socket — the same as `GET /api/supervision/board` and `GET /api/supervision` allow. */
const BOARD_WALLS: readonly DeviceType[] = ['hall-wall', 'zone-wall'];
const SUPERVISORS: readonly Role[] = ['manager', 'auditor'];

export interface SupervisionSocketDeps {
  supervision: Pick<CaseSupervision, 'board' | 'view' | 'onChange'>;
  typeOf(deviceId: string): DeviceType | null;
  onError(err: unknown): void;
}

/**
 * 办件监督 live: a light that changes, a case that comes or finishes, a warning handled → the walls' 办件公示
 * board and the managers' supervision page, pushed whole. Changes that come together (a sync of hundreds of
 * cases, the midnight recheck) are pushed once, on the next turn of the event loop; nothing is computed for a
 * room nobody is in. A socket that (re)connects gets the current one at once, which is its resync.
 */
export function attachSupervisionSockets(io: HallServer, deps: SupervisionSocketDeps): () => void {
  const display = io.of(NAMESPACES.display);
  const consoleNsp = io.of(NAMESPACES.console);
  const occupied = (nsp: typeof display, room: string) => (nsp.adapter.rooms.get(room)?.size ?? 0) > 0;
  const guarded = (push: () => void) => {
    try {
      push();
    } catch (err) {
      deps.onError(err);
    }
  };

  display.on('connection', (socket) => {
    const id = socket.data.deviceId;
    const type = id ? deps.typeOf(id) : null;
    if (!type || !BOARD_WALLS.includes(type)) return;
    void socket.join(BOARD_ROOM);
    guarded(() => socket.emit('case-board', deps.supervision.board()));
  });
  consoleNsp.on('connection', (socket) => {
    const role = socket.data.principal?.role;
    if (!role || !SUPERVISORS.includes(role)) return;
    void socket.join(SUPERVISION_ROOM);
    guarded(() => socket.emit('supervision', deps.supervision.view()));
  });

  let pending: NodeJS.Immediate | null = null;
  const flush = () => {
    pending = null;
    if (occupied(display, BOARD_ROOM)) guarded(() => display.to(BOARD_ROOM).emit('case-board', deps.supervision.board()));
    if (occupied(consoleNsp, SUPERVISION_ROOM)) guarded(() => consoleNsp.to(SUPERVISION_ROOM).emit('supervision', deps.supervision.view()));
  };
  const off = deps.supervision.onChange(() => {
    pending ??= setImmediate(flush);
  });
  return () => {
    off();
    if (pending) clearImmediate(pending);
  };
}
