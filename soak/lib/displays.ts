import { NAMESPACES, PROTOCOL_VERSION, type CallRecord, type DisplayScene, type HubEvent, type Snapshot } from '@hall/shared';
import { io, type Socket } from 'socket.io-client';
import { applyServerEvent, callInArea, emptyWallView, fromSnapshot, type WallView } from '@hall/display-wall/store/wall-view';
import { announcementText, speechPlan } from '@hall/display-wall/voice/speech-plan';
import { CLIP_KEYS } from '@hall/display-wall/voice/vocabulary';
import type { DeviceCredentials } from '@hall/hub/adapters/crypto/device-credentials';
import type { HallConfig } from '@hall/hub/config/hall-config-schema';

/** Calls a page replays after reconnecting are announced only this fresh (display-wall/src/net/live.ts). */
const STALE_CALL_MS = 60_000;
const CLIPS: ReadonlySet<string> = new Set(CLIP_KEYS);

export interface Announcement {
  seq: number;
  ticket: string;
  windowNo: string;
  recall: boolean;
  text: string;
  keys: string[];
  missing: string[];
}

/** Who a window screen shows on duty (亮身份) from a given event on: the badge's name and 工号. */
export interface ShownPerson {
  seq: number;
  staffNo: string | null;
  name: string | null;
  no: string | null;
}

/** One screen as the soak plays it: the display page's own store and voice planning over a real socket. */
export interface DisplayClient {
  id: string;
  surface: string;
  area: { zone: string | null; windowNo: string | null };
  /** calls received in events, in the order received (live and caught up after a reconnect) */
  calls: CallRecord[];
  /** calls the page only ever saw in a snapshot's recent calls */
  snapshotCalls: CallRecord[];
  announced: Announcement[];
  /** caught-up calls older than the page announces (by design: a stale call is shown, not spoken) */
  staleNotAnnounced: CallRecord[];
  /** a window screen: each change of the person it shows on duty, with the event it changed at */
  shows: ShownPerson[];
  snapshots: number;
  /** the sequence number of the first snapshot: calls after it are this page's to show */
  firstSeq: number;
  /** the last event applied */
  lastSeq(): number;
  gaps: number;
  connects: number;
  speaks(): boolean;
  /** the network drops: the socket is cut and the page waits for it to come back */
  dropNetwork(): void;
  restoreNetwork(): void;
  /** resolves when the page is connected and has its scene (after a restart or a drop) */
  synced(): Promise<void>;
  close(): void;
}

export function connectDisplay(base: string, id: string, token: string, surface: string, area: DisplayClient['area']): DisplayClient {
  let view: WallView = emptyWallView;
  let scene: DisplayScene | null = null;
  let catchingUp = false;
  let held: CallRecord[] = [];
  const waiters: Array<() => void> = [];
  let inSync = false;
  const socket: Socket = io(`${base}${NAMESPACES.display}`, {
    transports: ['websocket'],
    reconnectionDelay: 250,
    reconnectionDelayMax: 1000,
    auth: (cb) => cb({ protocol: PROTOCOL_VERSION, deviceId: id, token, ...(view.seq >= 0 ? { lastSeq: view.seq } : {}) }),
  });
  const client: DisplayClient = {
    id,
    surface,
    area,
    calls: [],
    snapshotCalls: [],
    announced: [],
    staleNotAnnounced: [],
    shows: [],
    snapshots: 0,
    firstSeq: -1,
    lastSeq: () => view.seq,
    gaps: 0,
    connects: 0,
    speaks: () => Boolean(scene?.settings.voice && scene.power.on),
    dropNetwork: () => {
      inSync = false;
      socket.disconnect();
    },
    restoreNetwork: () => void socket.connect(),
    synced: () => (inSync ? Promise.resolve() : new Promise<void>((resolve) => waiters.push(resolve))),
    close: () => void socket.close(),
  };
  const announce = (c: CallRecord) => {
    if (!scene || !scene.settings.voice || !scene.power.on || !callInArea(c, client.area)) return;
    const template = c.recall ? scene.templates.voiceRecall : scene.templates.voice;
    const plan = speechPlan(scene.templates, c, CLIPS);
    client.announced.push({ seq: c.seq, ticket: c.ticket, windowNo: c.windowNo, recall: c.recall, text: announcementText(template, c), keys: plan.keys, missing: plan.missing });
  };
  // The window screen's staff card (display-wall/src/surfaces/window-screen.tsx): the badge, among the scene's, of
  // the staff number the window view has on duty; without a badge, the name alone.
  const noteShown = () => {
    if (surface !== 'window-screen' || !scene) return;
    const w = view.windows.find((x) => x.no === client.area.windowNo);
    const badge = w?.staffNo ? scene.staff.find((b) => b.no === w.staffNo) : undefined;
    const now: ShownPerson = { seq: view.seq, staffNo: w?.staffNo ?? null, name: badge?.name ?? w?.staffName ?? null, no: badge?.no ?? null };
    const last = client.shows[client.shows.length - 1];
    if (!last || last.staffNo !== now.staffNo || last.name !== now.name || last.no !== now.no) client.shows.push(now);
  };
  socket.on('connect', () => {
    client.connects += 1;
    catchingUp = true;
    held = [];
    inSync = false;
  });
  socket.on('disconnect', () => void (inSync = false));
  socket.on('snapshot', (s: Snapshot) => {
    client.snapshots += 1;
    if (client.firstSeq < 0) client.firstSeq = s.seq;
    const known = new Set(client.calls.map((c) => `${c.ticket}@${c.windowNo}@${c.at}`));
    for (const c of s.recentCalls) if (!known.has(`${c.ticket}@${c.windowNo}@${c.at}`)) client.snapshotCalls.push(c);
    view = fromSnapshot(s);
    noteShown();
  });
  socket.on('events', (batch: HubEvent[]) => {
    for (const e of batch) {
      const r = applyServerEvent(view, e);
      if (r.gap) {
        client.gaps += 1;
        socket.emit('resync', { lastSeq: view.seq });
        break;
      }
      if (r.view !== view && e.call) {
        client.calls.push(e.call);
        if (catchingUp) held.push(e.call);
        else announce(e.call);
      }
      view = r.view;
      noteShown();
    }
  });
  socket.on('scene', (s: DisplayScene) => {
    scene = s;
    // The page takes its area from the scene the hub resolved for it, as the announcer does.
    client.area = { zone: s.settings.surface === 'zone-wall' ? s.settings.zone : null, windowNo: s.settings.surface === 'window-screen' ? s.settings.windowNo : null };
    if (catchingUp) {
      catchingUp = false;
      const hubNow = Date.parse(s.at);
      for (const c of held) {
        if (hubNow - Date.parse(c.at) <= STALE_CALL_MS) announce(c);
        else if (callInArea(c, client.area) && client.speaks()) client.staleNotAnnounced.push(c);
      }
      held = [];
    }
    noteShown();
    inSync = true;
    for (const w of waiters.splice(0)) w();
    socket.emit('heartbeat', { version: 'soak-0.1', showing: surface, audio: 'ok', lastSeq: Math.max(0, view.seq) });
  });
  // The page beats every 15 s with what it shows (display-wall/src/net/live.ts).
  const beat = setInterval(() => {
    if (socket.connected) socket.emit('heartbeat', { version: 'soak-0.1', showing: surface, audio: 'ok', lastSeq: Math.max(0, view.seq) });
  }, 15_000);
  beat.unref();
  const close = client.close;
  client.close = () => {
    clearInterval(beat);
    close();
  };
  return client;
}

/** The screens the soak connects: the hall wall first, then zone walls, then window screens, up to `n`. */
export function pickDisplays(config: HallConfig, n: number): Array<{ id: string; surface: string; area: DisplayClient['area'] }> {
  const order = ['hall-wall', 'zone-wall', 'window-screen'];
  return config.devices
    .filter((d) => order.includes(d.type))
    .sort((a, b) => order.indexOf(a.type) - order.indexOf(b.type))
    .slice(0, n)
    .map((d) => ({
      id: d.id,
      surface: d.type,
      area: { zone: d.type === 'zone-wall' ? (d.zone ?? null) : null, windowNo: d.type === 'window-screen' ? (d.window ?? null) : null },
    }));
}

export function connectDisplays(base: string, config: HallConfig, credentials: DeviceCredentials, n: number): DisplayClient[] {
  return pickDisplays(config, n).map((d) => connectDisplay(base, d.id, credentials.passwordFor(d.id) ?? '', d.surface, d.area));
}
