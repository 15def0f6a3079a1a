import { NAMESPACES, ScreenshotChunkSchema, type Ack, type ClientToServerEvents, type ServerToClientEvents } from '@hall/shared';
import { checkSchema } from '@hall/shared/parse-json';
import type { Server } from 'socket.io';
import type { DisplayControl } from '../../app/display-control.js';
import type { RejectionCounter } from '../http/errors.js';
import { createScreenshotChunks } from './screenshot-chunks.js';

const room = (displayId: string) => `display:${displayId}`;

type DisplayServer = Server<ClientToServerEvents, ServerToClientEvents, Record<string, never>, { deviceId: string | null }>;

/**
 * Display control over the socket gateway's /display namespace: each screen joins a room of its own, gets its
 * scene on connect and whenever it changes, and answers screenshot requests in acknowledged chunks. Alerts go
 * to the console namespace. The gateway has authenticated the screen before any of this runs.
 */
export function attachDisplaySockets(io: DisplayServer, control: DisplayControl, rejections: RejectionCounter): void {
  const display = io.of(NAMESPACES.display);
  const consoleNsp = io.of(NAMESPACES.console);
  const count = (code: string) => rejections.set(code, (rejections.get(code) ?? 0) + 1);
  const shots = createScreenshotChunks();
  display.on('connection', (socket) => {
    const id = socket.data.deviceId;
    if (!id) return;
    void socket.join(room(id));
    const scene = control.scene(id);
    if (scene) socket.emit('scene', scene);
    const on = socket.on.bind(socket) as unknown as (event: string, handler: (...args: unknown[]) => void) => void;
    on('screenshot', (...args) => {
      const ack = typeof args[args.length - 1] === 'function' ? (args[args.length - 1] as (a: Ack) => void) : null;
      const chunk = args[0];
      if (!checkSchema(ScreenshotChunkSchema, chunk)) {
        count('socket_bad_event');
        return ack?.({ ok: false, error: { code: 'invalid_event', message: '截图数据有误。', messageEn: 'Invalid screenshot chunk.' } });
      }
      const ok = shots.receive(id, chunk);
      if (!ok) count('socket_unexpected_screenshot');
      ack?.(ok ? { ok: true } : { ok: false, error: { code: 'unexpected', message: '没有待完成的截图请求。', messageEn: 'No screenshot was asked for with this id.' } });
    });
  });
  control.attach({
    pushScene: (id, scene) => void display.to(room(id)).emit('scene', scene),
    requestScreenshot(id, requestId, timeoutMs) {
      if (!display.adapter.rooms.get(room(id))?.size) return Promise.resolve('offline');
      const answer = shots.expect(id, requestId, timeoutMs);
      display.to(room(id)).emit('screenshot-request', { requestId });
      return answer;
    },
    alert: (a) => void consoleNsp.emit('display-alert', a),
    detach: () => shots.close(),
  });
}
