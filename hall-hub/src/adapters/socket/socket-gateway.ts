import {
  HandshakeSchema,
  HeartbeatSchema,
  NAMESPACES,
  PROTOCOL_VERSION,
  ResyncSchema,
  SOCKET_DEVICE_TYPES,
  type Ack,
  type ClientToServerEvents,
  type DeviceType,
  type Handshake,
  type ServerToClientEvents,
} from '@hall/shared';
import { TypeCompiler } from '@sinclair/typebox/compiler';
import type { Server as HttpServer } from 'node:http';
import type { Logger } from 'pino';
import { Server, type Namespace, type Socket } from 'socket.io';
import type { AuthService, Principal } from '../../app/auth-service.js';
import type { DeviceRegistry } from '../../app/device-registry.js';
import type { RealtimeFeed } from '../../app/realtime-feed.js';
import type { DeviceCredentials } from '../crypto/device-credentials.js';
import type { RejectionCounter } from '../http/errors.js';
import { createTokenBucket } from './token-bucket.js';

export interface SocketGatewayDeps {
  feed: RealtimeFeed;
  devices: DeviceRegistry;
  auth: AuthService;
  credentials: DeviceCredentials;
  staffAddress: (a: string | undefined) => boolean;
  deviceAddress: (a: string | undefined) => boolean;
  rejections: RejectionCounter;
  logger: Logger;
  /** resync requests per socket: a burst, then a steady rate (default RESYNC_LIMIT) */
  resyncLimit?: { burst: number; perSecond: number };
}

/**
 * A client resyncs when it sees a gap, which is rare; each answer may be a snapshot of the whole floor. More
 * than this from one socket is a broken or hostile client, and answering it would stall everyone else.
 */
export const RESYNC_LIMIT = { burst: 5, perSecond: 0.5 };

interface SocketData {
  deviceId: string | null;
  principal: Principal | null;
}

type HallServer = Server<ClientToServerEvents, ServerToClientEvents, Record<string, never>, SocketData>;
type HallSocket = Socket<ClientToServerEvents, ServerToClientEvents, Record<string, never>, SocketData>;

const handshake = TypeCompiler.Compile(HandshakeSchema);
const heartbeat = TypeCompiler.Compile(HeartbeatSchema);
const resync = TypeCompiler.Compile(ResyncSchema);

const SCREEN_TYPES: readonly DeviceType[] = ['hall-wall', 'zone-wall', 'window-screen'];
// 'screenshot' is answered by display control (adapters/socket/display-sockets.ts), 'proof-of-play' by proof-of-play-sockets.ts.
const KNOWN_EVENTS = new Set(['heartbeat', 'resync', 'screenshot', 'proof-of-play']);

function refusal(code: string, message: string, messageEn: string): Error {
  return Object.assign(new Error(messageEn), { data: { code, message, messageEn } });
}
const bad = (code: string, message: string, messageEn: string): Ack => ({ ok: false, error: { code, message, messageEn } });

/**
 * socket.io for screens (/display), kiosks (/kiosk) and the console (/console). A client gets a snapshot on
 * connect — or, reconnecting with its last sequence number, the events it missed — then every committed event
 * in order. Screens and kiosks authenticate as declared devices; the console with a staff session from the
 * hall network. Every inbound event is validated and answered.
 */
export function attachSocketGateway(server: HttpServer, deps: SocketGatewayDeps): { io: HallServer; close(): Promise<void> } {
  const io: HallServer = new Server(server, { serveClient: false, pingInterval: 10_000, pingTimeout: 5_000, maxHttpBufferSize: 64 * 1024 });
  // engine.io keeps each connection's first HTTP request (headers and all) for its whole life; the gateway reads
  // only the handshake's auth and address, which socket.io takes from the connection itself (socket.io's
  // "Memory usage" page): with a thousand screens connected that is megabytes held for nothing.
  io.engine.on('connection', (raw: { request: unknown }) => {
    raw.request = null;
  });
  const count = (code: string): void => {
    deps.rejections.set(code, (deps.rejections.get(code) ?? 0) + 1);
  };

  /** The snapshot or the missed events, then the hub's epoch: after them, so a client that has the epoch is in step. */
  function catchUp(socket: HallSocket, from: { lastSeq?: number; epoch?: string }): void {
    const missed = from.lastSeq === undefined ? null : deps.feed.since(from.lastSeq, from.epoch);
    if (missed === null) socket.emit('snapshot', deps.feed.snapshot());
    else if (missed.length > 0) socket.emit('events', missed);
    socket.emit('epoch', { epoch: deps.feed.epoch });
  }

  function deviceNamespace(nsp: Namespace<ClientToServerEvents, ServerToClientEvents, Record<string, never>, SocketData>, types: readonly DeviceType[]) {
    nsp.use((socket, next) => {
      const auth: unknown = socket.handshake.auth;
      if (!handshake.Check(auth)) {
        count('socket_bad_handshake');
        return next(refusal('invalid_handshake', '连接参数有误。', `Invalid handshake: ${handshake.Errors(auth).First()?.path ?? ''} ${handshake.Errors(auth).First()?.message ?? ''}`));
      }
      const h = auth as Handshake;
      const device = h.deviceId ? deps.devices.get(h.deviceId) : null;
      if (!deps.deviceAddress(socket.handshake.address)) {
        count('socket_address_refused');
        return next(refusal('address_not_allowed', '该地址不允许连接。', 'This address may not connect.'));
      }
      if (!device || !types.includes(device.type) || !deps.credentials.verify(device.id, h.token)) {
        count('socket_bad_credentials');
        return next(refusal('unauthorized', '设备身份验证失败。', 'Device authentication failed.'));
      }
      if (h.protocol !== PROTOCOL_VERSION) {
        count('socket_protocol_mismatch');
        return next(refusal('protocol_mismatch', '客户端版本与中心不一致，请更新。', `Protocol ${h.protocol} is not ${PROTOCOL_VERSION}; please update.`));
      }
      socket.data = { deviceId: device.id, principal: null };
      next();
    });
    nsp.on('connection', (socket) => {
      const deviceId = socket.data.deviceId!;
      deps.devices.setAvailability(deviceId, true, 'socket');
      catchUp(socket, socket.handshake.auth as Handshake);
      wireInbound(socket, deviceId);
      socket.on('disconnect', () => {
        // Another connection of the same device may still be open (a reload races the old socket's close).
        const still = [...nsp.sockets.values()].some((s) => s.id !== socket.id && s.data.deviceId === deviceId);
        if (!still) deps.devices.setAvailability(deviceId, false, 'socket');
      });
    });
  }

  /** socket.io passes the ack, if any, as the last argument, whatever came before it. */
  function split(args: unknown[]): { payload: unknown; ack: ((a: Ack) => void) | null } {
    const last = args[args.length - 1];
    const ack = typeof last === 'function' ? (last as (a: Ack) => void) : null;
    const rest = ack ? args.slice(0, -1) : args;
    return { payload: rest.length === 1 ? rest[0] : rest.length === 0 ? undefined : rest, ack };
  }

  function wireInbound(socket: HallSocket, deviceId: string | null): void {
    const resyncs = createTokenBucket({ ...(deps.resyncLimit ?? RESYNC_LIMIT), now: () => performance.now() });
    // Typed as unknown on purpose: whatever a client sends is checked against the schema before use.
    const on = socket.on.bind(socket) as unknown as (event: string, handler: (...args: unknown[]) => void) => void;
    on('heartbeat', (...args) => {
      const { payload: h, ack } = split(args);
      if (!heartbeat.Check(h)) {
        count('socket_bad_event');
        const e = heartbeat.Errors(h).First();
        return ack?.(bad('invalid_event', '心跳数据有误。', `Invalid heartbeat: ${e?.path ?? ''} ${e?.message ?? ''}`));
      }
      if (deviceId) deps.devices.heartbeat(deviceId, h);
      ack?.({ ok: true });
    });
    on('resync', (...args) => {
      const { payload: r, ack } = split(args);
      if (!resync.Check(r)) {
        count('socket_bad_event');
        return ack?.(bad('invalid_event', '同步请求有误。', 'Invalid resync request.'));
      }
      if (!resyncs.take()) {
        count('socket_resync_limited');
        return ack?.(bad('rate_limited', '同步请求过于频繁，请稍后再试。', 'Too many resync requests; try again in a few seconds.'));
      }
      catchUp(socket, r);
      ack?.({ ok: true });
    });
    socket.onAny((event: string, ...args: unknown[]) => {
      if (KNOWN_EVENTS.has(event)) return;
      count('socket_unknown_event');
      const ack = args[args.length - 1];
      if (typeof ack === 'function') (ack as (a: Ack) => void)(bad('unknown_event', `未知事件：${event}`, `Unknown event: ${event}`));
    });
  }

  const display = io.of(NAMESPACES.display);
  const kiosk = io.of(NAMESPACES.kiosk);
  const consoleNsp = io.of(NAMESPACES.console);
  deviceNamespace(display, SCREEN_TYPES);
  deviceNamespace(kiosk, SOCKET_DEVICE_TYPES.filter((t) => t === 'kiosk'));

  consoleNsp.use((socket, next) => {
    const auth: unknown = socket.handshake.auth;
    if (!handshake.Check(auth)) {
      count('socket_bad_handshake');
      return next(refusal('invalid_handshake', '连接参数有误。', 'Invalid handshake.'));
    }
    if (!deps.staffAddress(socket.handshake.address)) {
      count('socket_address_refused');
      return next(refusal('address_not_allowed', '工作人员和管理功能只能在大厅内网使用。', 'Staff functions are available only from the hall network.'));
    }
    if ((auth as Handshake).protocol !== PROTOCOL_VERSION) {
      count('socket_protocol_mismatch');
      return next(refusal('protocol_mismatch', '客户端版本与中心不一致，请更新。', `Protocol ${(auth as Handshake).protocol} is not ${PROTOCOL_VERSION}; please update.`));
    }
    const principal = deps.auth.authenticate((auth as Handshake).token);
    if (!principal) {
      count('socket_bad_credentials');
      return next(refusal('unauthorized', '请先登录。', 'Please log in first.'));
    }
    socket.data = { deviceId: null, principal };
    next();
  });
  consoleNsp.on('connection', (socket) => {
    catchUp(socket, socket.handshake.auth as Handshake);
    wireInbound(socket, null);
  });

  const offEvents = deps.feed.onEvents((batch) => {
    // socket.io encodes a broadcast before it looks for recipients: a namespace nobody is on (no console open,
    // kiosks on MQTT) is skipped, not sent the whole batch as JSON for nothing after every commit.
    const listening = [display, kiosk, consoleNsp].filter((nsp) => nsp.sockets.size > 0);
    for (const nsp of listening) nsp.emit('events', batch);
    // A new day resets every window and line: clients start from a fresh snapshot.
    if (listening.length > 0 && batch.some((e) => e.type === 'DayStarted')) {
      const snap = deps.feed.snapshot();
      for (const nsp of listening) nsp.emit('snapshot', snap);
    }
  });
  const offDevices = deps.devices.onChange((d) => consoleNsp.emit('device', d));
  // A session that ends (logout, password reset, role change, removed account) takes its live floor with it.
  const offSessions = deps.auth.onSessionsEnded((ended) => {
    for (const socket of consoleNsp.sockets.values()) {
      const same = 'token' in ended ? (socket.handshake.auth as Handshake).token === ended.token : socket.data.principal?.username === ended.username;
      if (same) socket.disconnect(true);
    }
  });

  return {
    io,
    async close() {
      offEvents();
      offDevices();
      offSessions();
      io.disconnectSockets(true);
      for (const nsp of [display, kiosk, consoleNsp]) nsp.disconnectSockets(true);
      // Not io.close(): it closes the HTTP server too and waits for its last connection — the phone page's held
      // polls among them, which a preClose hook after this one lets go, so the hub's stop waited out their hold.
      // The sockets' own connections end here; fastify closes the server, and waits for it, after preClose.
      io.engine.close();
    },
  };
}
