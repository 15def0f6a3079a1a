import { existsSync, readFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { createRequire } from 'node:module';
import type { AddressInfo } from 'node:net';
import { extname, join, normalize } from 'node:path';
import {
  NAMESPACES,
  PlayReportSchema,
  type Ack,
  type CallRecord,
  type ClientToServerEvents,
  type DisplayScene,
  type HubEvent,
  type LineView,
  type PlayRecord,
  type SceneSignage,
  type ServerToClientEvents,
  type Snapshot,
  type WindowView,
} from '@hall/shared';
import { checkSchema } from '@hall/shared/parse-json';
import { repoRoot } from './repo-paths.js';

// socket.io (the server) is a dependency of the hub only: load the very copy the hub runs.
const requireFromHub = createRequire(join(repoRoot, 'hall-hub', 'package.json'));
const { Server } = requireFromHub('socket.io') as typeof import('../../hall-hub/node_modules/socket.io/dist/index.js');

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.ogg': 'audio/ogg',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.webp': 'image/webp',
  '.webm': 'video/webm',
  '.map': 'application/json',
};

/** A 2-second VP8 WebM (192×108, no sound), for media regions. */
export const SAMPLE_WEBM = readFileSync(join(repoRoot, 'testkit', 'fixtures', 'signage-2s.webm'));

export interface SceneServer {
  /** http://127.0.0.1:port */
  base: string;
  /** the wall's launch URL for the display */
  wallUrl(query?: string): string;
  /** the scene every connected wall gets now and on connect */
  setScene(scene: DisplayScene): void;
  /** a call, as the hub's event stream carries it; returns the call */
  call(ticket: string, windowNo: string): CallRecord;
  /** a file the server serves at `path` (e.g. /api/media/v1/file) */
  serve(path: string, body: Buffer | string, type: string): void;
  /** proof of play received and acknowledged, each seq once, in seq order */
  records(): PlayRecord[];
  /** acknowledge proof-of-play batches (true) or leave them unanswered, as a hub that lost them would (false) */
  acknowledge: boolean;
  /** the server goes away (the wall's link drops, its requests fail) … */
  stop(): Promise<void>;
  /** … and comes back on the same port */
  start(): Promise<void>;
  close(): Promise<void>;
}

export interface SceneServerOptions {
  deviceId: string;
  token: string;
  scene: DisplayScene;
  windows?: number;
}

/** A hall wall's scene (1920×1080, silent), with the signage part given. */
export function wallScene(deviceId: string, signage?: SceneSignage, extra: Partial<DisplayScene> = {}): DisplayScene {
  return {
    at: new Date().toISOString(),
    hallName: '测试政务服务中心',
    timeZone: 'Asia/Shanghai',
    settings: { id: deviceId, name: deviceId, surface: 'hall-wall', layout: '1920x1080', zone: null, windowNo: null, groups: [], voice: false, strip: null },
    power: { on: true, brightness: 100, scheduled: false },
    emergency: null,
    notices: [{ id: 'n1', text: '本中心周六上午照常办理业务' }],
    media: [],
    zones: [{ id: 'general', name: '综合服务区' }],
    staff: [],
    templates: { voice: '请{ticket}号到{window}号窗口办理', voiceRecall: '', voiceShort: '', voiceSameWindow: '', voiceBrief: '', voiceBriefItem: '', voiceNumbers: '' },
    voice: { windows: [], rules: { repeat: 1, briefAbove: 2, numbersOnlyAbove: 6, briskFromWaiting: 100, briskAfterSeconds: 600, behindNumbersOnlyAbove: 6, maxPerAnnouncement: 10, chimeInRun: false, lateAfterSeconds: 30 } },
    noShow: { zh: '过号请重新取号', en: 'If you missed your number, please take a new ticket' },
    ...(signage ? { signage } : {}),
    ...extra,
  };
}

const line = (id: string, prefix: string, name: string): LineView => ({
  id,
  prefix,
  name,
  nameEn: null,
  waiting: 5,
  waitingPriority: 0,
  issuedToday: 20,
  dailyCap: null,
  longestWaitMinutes: 10,
  estimatedWaitMinutes: 12,
  openWindows: 4,
  ticketing: true,
});

/**
 * A hub as one wall sees it, for the wall's signage tests and the throttled wall benchmark while the hub's
 * signage (layouts, campaigns, media) is built elsewhere: the built display pages at /display/, files at the paths
 * given, and the display namespace over real socket.io — a snapshot, the events (calls) in order, the scene, and
 * acknowledged heartbeats and proof-of-play batches, each checked against the shared schemas.
 */
export async function startSceneServer(opts: SceneServerOptions): Promise<SceneServer> {
  const dist = join(repoRoot, 'display-wall', 'dist');
  if (!existsSync(join(dist, 'index.html'))) throw new Error(`${dist} is missing: build the display pages first`);
  const files = new Map<string, { body: Buffer; type: string }>();
  const at = () => new Date().toISOString();
  const lines = [line('a', 'A', '综合受理'), line('b', 'B', '不动产登记')];
  let windows: WindowView[] = Array.from({ length: opts.windows ?? 12 }, (_, i) => ({
    no: String(i + 1),
    name: `${i + 1}号窗口`,
    zone: 'general',
    status: 'idle',
    staffNo: `S${i + 1}`,
    staffName: null,
    coveringFor: null,
    pauseReason: null,
    currentTicket: null,
    currentTicketId: null,
    suspendedTickets: [],
    since: at(),
    lines: [i % 2 ? 'b' : 'a'],
  }));
  let seq = 0;
  const calls: CallRecord[] = [];
  let scene = opts.scene;
  const stored = new Map<number, PlayRecord>();

  function handle(req: IncomingMessage, res: ServerResponse): void {
    const path = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname);
    const given = files.get(path);
    if (given) {
      res.writeHead(200, { 'content-type': given.type, 'content-length': given.body.length, 'cache-control': 'no-cache' }).end(given.body);
      return;
    }
    if (path === '/api/health') {
      res.writeHead(200, { 'content-type': 'application/json' }).end('{"status":"ok"}');
      return;
    }
    if (path.startsWith('/display/')) {
      const rel = normalize(path.slice('/display/'.length) || 'index.html');
      const file = join(dist, rel);
      if (!rel.startsWith('..') && existsSync(file) && !file.endsWith('/')) {
        const body = readFileSync(file);
        res.writeHead(200, { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream', 'cache-control': 'no-cache' }).end(body);
        return;
      }
      if (!extname(rel)) {
        res.writeHead(200, { 'content-type': TYPES['.html'] }).end(readFileSync(join(dist, 'index.html')));
        return;
      }
    }
    res.writeHead(404).end();
  }

  const http = createServer(handle);
  const io = new Server<ClientToServerEvents, ServerToClientEvents>(http, { serveClient: false });
  const display = io.of(NAMESPACES.display);
  display.use((socket, next) => {
    const auth = socket.handshake.auth as { deviceId?: string; token?: string };
    next(auth.deviceId === opts.deviceId && auth.token === opts.token ? undefined : new Error('unauthorized'));
  });
  const snapshot = (): Snapshot => ({
    seq,
    overview: { hallId: 'scene-server', day: at().slice(0, 10), phase: 'open', now: at(), lines, windows },
    recentCalls: [...calls],
  });
  const ok: Ack = { ok: true };
  let acknowledge = true;
  display.on('connection', (socket) => {
    socket.emit('snapshot', snapshot());
    socket.emit('epoch', { epoch: 'scene-server' });
    socket.emit('scene', { ...scene, at: at() });
    socket.on('heartbeat', (_h, ack) => ack?.(ok));
    socket.on('resync', () => {
      socket.emit('snapshot', snapshot());
      socket.emit('epoch', { epoch: 'scene-server' });
    });
    socket.on('proof-of-play', (report, ack) => {
      if (!checkSchema(PlayReportSchema, report)) {
        ack?.({ ok: false, error: { code: 'invalid_event', message: '播放记录有误。', messageEn: 'Invalid proof-of-play report.' } });
        return;
      }
      if (!acknowledge) return;
      for (const r of report.records) if (!stored.has(r.seq)) stored.set(r.seq, r);
      ack?.({ ok: true, seq: Math.max(0, ...stored.keys()) });
    });
  });

  let port = 0;
  const listen = () =>
    new Promise<void>((resolve, reject) => {
      http.once('error', reject);
      http.listen(port, '127.0.0.1', () => {
        port = (http.address() as AddressInfo).port;
        resolve();
      });
    });
  await listen();
  const base = `http://127.0.0.1:${port}`;

  return {
    base,
    wallUrl: (query = '') => `${base}/display/?device=${opts.deviceId}&token=${encodeURIComponent(opts.token)}${query}`,
    setScene(s) {
      scene = s;
      display.emit('scene', { ...s, at: at() });
    },
    call(ticket, windowNo) {
      seq += 1;
      const w = windows.find((x) => x.no === windowNo)!;
      const called: WindowView = { ...w, status: 'calling', currentTicket: ticket, since: at() };
      windows = windows.map((x) => (x.no === windowNo ? called : x));
      const call: CallRecord = { seq, ticket, windowNo, windowName: w.name, zone: w.zone, lineId: w.lines[0]!, recall: false, at: at() };
      calls.push(call);
      if (calls.length > 30) calls.shift();
      const event: HubEvent = { seq, type: 'TicketCalled', at: call.at, phase: 'open', call, window: called };
      display.emit('events', [event]);
      return call;
    },
    serve(path, body, type) {
      files.set(path, { body: Buffer.isBuffer(body) ? body : Buffer.from(body), type });
    },
    records: () => [...stored.values()].sort((a, b) => a.seq - b.seq),
    get acknowledge() {
      return acknowledge;
    },
    set acknowledge(v: boolean) {
      acknowledge = v;
    },
    async stop() {
      display.disconnectSockets(true);
      http.closeAllConnections();
      await new Promise<void>((resolve) => http.close(() => resolve()));
    },
    start: listen,
    async close() {
      display.disconnectSockets(true);
      http.closeAllConnections();
      await new Promise<void>((resolve) => io.close(() => resolve()));
    },
  };
}
