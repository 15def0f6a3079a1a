import {
  DisplayGroupSchema,
  DisplaySettingsSchema,
  EmergencySchema,
  MediaItemSchema,
  NoticeSchema,
  PowerScheduleSchema,
  type DeviceCommand,
  type DisplayAlert,
  type DisplayGroup,
  type DisplayPatch,
  type DisplayScene,
  type DisplaySettings,
  type DisplayStatus,
  type Emergency,
  type EmergencyBody,
  type MediaItem,
  type Notice,
  type NoticeBody,
  type PowerSchedule,
  type PowerScheduleBody,
  type StaffBadge,
  type Targets,
} from '@hall/shared';
import { TypeCompiler } from '@sinclair/typebox/compiler';
import type { TSchema } from '@sinclair/typebox';
import type { HallConfig } from '../config/hall-config-schema.js';
import { isDown } from '../domain/displays/alerts.js';
import { defaultSettings } from '../domain/displays/defaults.js';
import { resolveScene, sameScene } from '../domain/displays/scene.js';
import { currentPhase } from '../domain/queue/views.js';
import { hallTime } from '../domain/time/hall-time.js';
import type { DisplayDocKind, DisplayStore, StoredAlert } from '../ports/display-store.js';
import type { DeviceRegistry } from './device-registry.js';
import type { QueueEngine } from './queue-engine.js';
import type { RealtimeFeed } from './realtime-feed.js';
import { powerAt, type PowerState } from '../domain/displays/power.js';
import { createLedStrips, type StripFrame, type StripRenderer } from './led-strips.js';

/** How display control reaches the screens (socket.io) — implemented by the socket adapter. */
export interface ScreenLink {
  pushScene(displayId: string, scene: DisplayScene): void;
  /** asks a connected display for a screenshot; false when it is not connected */
  requestScreenshot(displayId: string, requestId: string): boolean;
  alert(a: DisplayAlert): void;
}

export interface DisplayControlDeps {
  config: HallConfig;
  engine: QueueEngine;
  feed: RealtimeFeed;
  devices: DeviceRegistry;
  store: DisplayStore;
  renderer: StripRenderer;
  /** publishes a command to a device's MQTT `set` topic */
  sendCommand: (deviceId: string, command: DeviceCommand) => void;
  newId: () => string;
  /** how long a display may be offline in opening hours before it is reported down */
  downGraceMs?: number;
  onError?: (err: unknown, what: string) => void;
}

export class DisplayControlError extends Error {
  constructor(
    /** not-found 404, invalid 422, offline 409 (the display is not connected), timeout 504 (it did not answer) */
    readonly kind: 'not-found' | 'invalid' | 'offline' | 'timeout',
    readonly zh: string,
    en: string,
  ) {
    super(en);
  }
}

const validators = new Map<TSchema, ReturnType<typeof TypeCompiler.Compile>>();
/** Stored documents are checked on the way in too: a damaged row is skipped, never shown. */
function valid<T>(schema: TSchema, v: unknown): v is T {
  let c = validators.get(schema);
  if (!c) {
    c = TypeCompiler.Compile(schema);
    validators.set(schema, c);
  }
  return c.Check(v);
}

export interface DisplayControl {
  settings(): DisplaySettings[];
  get(id: string): DisplaySettings | null;
  update(id: string, patch: DisplayPatch): DisplaySettings;
  status(): DisplayStatus[];
  scene(id: string): DisplayScene | null;
  groups(): DisplayGroup[];
  putGroup(g: DisplayGroup): DisplayGroup;
  removeGroup(id: string): boolean;
  notices(): Notice[];
  addNotice(body: NoticeBody, by: string): Notice;
  removeNotice(id: string): boolean;
  emergencies(): Emergency[];
  raiseEmergency(body: EmergencyBody, by: string): Emergency;
  clearEmergency(id: string): Emergency;
  schedules(): PowerSchedule[];
  putSchedule(id: string | null, body: PowerScheduleBody): PowerSchedule;
  removeSchedule(id: string): boolean;
  media(): MediaItem[];
  addMedia(item: Omit<MediaItem, 'id' | 'url'>, mime: string, bytes: Buffer): MediaItem;
  removeMedia(id: string): boolean;
  mediaFile(id: string): { mime: string; bytes: Buffer } | null;
  /** the last frame rendered for an LED strip */
  stripFrame(id: string): StripFrame | null;
  /** resolves once the frames asked of a strip so far are rendered */
  stripSettled(id: string): Promise<void>;
  /** asks a display for a screenshot and waits for it */
  captureScreenshot(id: string, timeoutMs?: number): Promise<{ at: number; mime: string; bytes: Buffer }>;
  screenshotChunk(displayId: string, chunk: { requestId: string; mime: string; index: number; count: number; data: string }): boolean;
  screenshot(id: string): { at: number; mime: string; bytes: Buffer } | null;
  alerts(openOnly: boolean): DisplayAlert[];
  attach(link: ScreenLink): void;
  /** re-resolves every scene and checks for displays down; called on a timer and after every change */
  refresh(): void;
  close(): void;
}

const EVERYONE: Targets = { all: true, displays: [], groups: [] };

export function createDisplayControl(deps: DisplayControlDeps): DisplayControl {
  const { config, engine, devices, store } = deps;
  const graceMs = deps.downGraceMs ?? 60_000;
  const declared = new Map<string, DisplaySettings>();
  for (const d of config.devices) {
    const s = defaultSettings(d);
    if (s) declared.set(d.id, s);
  }
  const iso = (ms: number) => new Date(ms).toISOString();
  const load = <T>(kind: DisplayDocKind, schema: TSchema): Map<string, T> => {
    const m = new Map<string, T>();
    for (const doc of store.all(kind)) if (valid<T>(schema, doc)) m.set((doc as { id: string }).id, doc);
    return m;
  };
  const overrides = load<DisplaySettings>('settings', DisplaySettingsSchema);
  const groups = load<DisplayGroup>('group', DisplayGroupSchema);
  const notices = load<Notice>('notice', NoticeSchema);
  const emergencies = load<Emergency>('emergency', EmergencySchema);
  const schedules = load<PowerSchedule>('schedule', PowerScheduleSchema);
  const media = load<MediaItem>('media', MediaItemSchema);

  const staffByWindow = new Map<string, StaffBadge[]>();
  for (const w of config.windows) {
    const here = config.staff.filter((s) => s.windows.includes(w.no));
    const partners = config.staff.filter((s) => here.some((h) => h.partner === s.no) && !here.includes(s));
    staffByWindow.set(
      w.no,
      [...here, ...partners].map((s) => ({
        no: s.no,
        name: s.name,
        title: s.title ?? null,
        partyMember: s.partyMember ?? false,
        photoUrl: s.photo ? (/^https?:\/\//.test(s.photo) ? s.photo : `/api/staff/${encodeURIComponent(s.no)}/photo`) : null,
      })),
    );
  }

  let link: ScreenLink | null = null;
  const lastScene = new Map<string, DisplayScene>();
  const lastPower = new Map<string, PowerState>();
  const offlineSince = new Map<string, number>();
  const startedAt = engine.now();
  const pendingShots = new Map<string, { displayId: string; chunks: string[]; resolve: (s: { at: number; mime: string; bytes: Buffer }) => void; reject: (e: Error) => void; timer: NodeJS.Timeout }>();
  const fail = (err: unknown, what: string) => deps.onError?.(err, what);

  const settingsOf = (id: string): DisplaySettings | null => overrides.get(id) ?? declared.get(id) ?? null;
  const allSettings = (): DisplaySettings[] => [...declared.keys()].map((id) => settingsOf(id)!);

  function sceneFor(s: DisplaySettings, now: number): DisplayScene {
    return resolveScene(s, now, hallTime(now, config.hall.timeZone), {
      hallName: config.hall.name,
      zones: config.zones,
      templates: { voice: config.templates.voice, voiceRecall: config.templates.voiceRecall },
      notices: [...notices.values()],
      emergencies: [...emergencies.values()],
      schedules: [...schedules.values()],
      media: [...media.values()],
      staff: s.windowNo ? (staffByWindow.get(s.windowNo) ?? []) : [],
    });
  }

  const strips = createLedStrips({
    config,
    renderer: deps.renderer,
    sendCommand: deps.sendCommand,
    settings: allSettings,
    emergencies: () => [...emergencies.values()],
    now: () => engine.now(),
    onError: fail,
  });

  // ---- scenes, power, alerts -------------------------------------------------------------------------------

  /** The first pass at start-up renders every strip's frame but sends none: a strip gets it when it comes online. */
  let started = false;
  function refresh(): void {
    const now = engine.now();
    const phase = currentPhase(engine.state, engine.rules, now);
    for (const s of allSettings()) {
      const scene = sceneFor(s, now);
      const before = lastScene.get(s.id);
      if (!before || !sameScene(before, scene)) {
        lastScene.set(s.id, scene);
        if (s.surface === 'led-strip') {
          strips.refresh(s, now, started);
        } else {
          link?.pushScene(s.id, scene);
        }
      }
      const p = scene.power;
      const was = lastPower.get(s.id);
      if (!was || was.on !== p.on || was.brightness !== p.brightness) {
        lastPower.set(s.id, p);
        // Strips take power and brightness as device commands; screens read them from the scene.
        if (s.surface === 'led-strip' && started && (was || p.scheduled)) {
          deps.sendCommand(s.id, { command: 'power', on: p.on });
          if (p.on) deps.sendCommand(s.id, { command: 'brightness', level: p.brightness });
        }
      }
      checkDown(s, now, phase, p);
    }
    started = true;
  }

  function checkDown(s: DisplaySettings, now: number, phase: ReturnType<typeof currentPhase>, p: PowerState): void {
    const view = devices.view(s.id);
    const online = view?.online ?? false;
    if (online) offlineSince.delete(s.id);
    else if (!offlineSince.has(s.id)) offlineSince.set(s.id, view?.since ? Date.parse(view.since) : startedAt);
    const down = isDown({ online, offlineSince: offlineSince.get(s.id) ?? null, now, phase, scheduledOff: p.scheduled && !p.on, graceMs });
    const open = store.openAlert(s.id);
    if (down && !open) link?.alert(toAlert(store.raiseAlert(s.id, now)));
    else if (!down && open && (online || (p.scheduled && !p.on))) {
      const cleared = store.clearAlert(s.id, now);
      if (cleared) link?.alert(toAlert(cleared));
    }
  }

  function toAlert(a: StoredAlert): DisplayAlert {
    const name = settingsOf(a.displayId)?.name ?? a.displayId;
    return {
      id: a.id,
      displayId: a.displayId,
      kind: 'down',
      raisedAt: iso(a.raisedAt),
      clearedAt: a.clearedAt === null ? null : iso(a.clearedAt),
      message: a.clearedAt === null ? `显示屏“${name}”在开放时间内离线。` : `显示屏“${name}”已恢复。`,
      messageEn: a.clearedAt === null ? `Display “${name}” went offline during opening hours.` : `Display “${name}” is back.`,
    };
  }

  const offFeed = deps.feed.onEvents((batch) => {
    try {
      strips.onEvents(batch);
    } catch (err) {
      fail(err, 'strip update');
    }
  });
  const offDevices = devices.onChange((d) => {
    const s = settingsOf(d.id);
    if (!s) return;
    if (d.online && s.surface === 'led-strip') {
      // A strip that comes back gets what it should show, at the power and brightness it should have.
      const p = lastPower.get(s.id);
      if (p?.scheduled) deps.sendCommand(s.id, { command: 'power', on: p.on });
      strips.resend(s.id);
    }
    const now = engine.now();
    checkDown(s, now, currentPhase(engine.state, engine.rules, now), lastPower.get(s.id) ?? powerAt([...schedules.values()], s, hallTime(now, config.hall.timeZone)));
  });

  // ---- helpers for the mutations ---------------------------------------------------------------------------

  const notFound = (what: string, zh: string) => new DisplayControlError('not-found', `没有找到${zh}。`, `No such ${what}.`);
  const invalid = (zh: string, en: string) => new DisplayControlError('invalid', zh, en);

  function checkTargets(t: Targets): void {
    const unknownDisplay = t.displays.find((d) => !declared.has(d));
    if (unknownDisplay) throw invalid(`没有这个显示屏：${unknownDisplay}`, `No such display: ${unknownDisplay}`);
    const unknownGroup = t.groups.find((g) => !groups.has(g) && !isBuiltInGroup(g));
    if (unknownGroup) throw invalid(`没有这个显示屏分组：${unknownGroup}`, `No such display group: ${unknownGroup}`);
    if (!t.all && t.displays.length === 0 && t.groups.length === 0) throw invalid('请选择目标显示屏或分组。', 'Choose target displays or groups (or all).');
  }
  // Every display is in the group named after its surface, so "all window screens" needs no setup.
  const isBuiltInGroup = (g: string) => ['hall-wall', 'zone-wall', 'window-screen', 'led-strip'].includes(g);

  function checkPeriod(startsAt: number, endsAt: string | null | undefined): void {
    if (endsAt && Date.parse(endsAt) <= startsAt) throw invalid('结束时间必须晚于开始时间。', 'The end time must be after the start time.');
  }

  function changed(): void {
    refresh();
  }

  return {
    settings: allSettings,
    get: settingsOf,
    update(id, patch) {
      const s = settingsOf(id);
      if (!s) throw notFound('display', '这个显示屏');
      if (patch.zone && !config.zones.some((z) => z.id === patch.zone)) throw invalid(`没有这个区域：${patch.zone}`, `No such zone: ${patch.zone}`);
      if (patch.windowNo && !config.windows.some((w) => w.no === patch.windowNo)) throw invalid(`没有这个窗口：${patch.windowNo}`, `No such window: ${patch.windowNo}`);
      const unknownGroup = patch.groups?.find((g) => !groups.has(g) && !isBuiltInGroup(g));
      if (unknownGroup) throw invalid(`没有这个显示屏分组：${unknownGroup}`, `No such display group: ${unknownGroup}`);
      const next: DisplaySettings = { ...s };
      if (patch.name !== undefined) next.name = patch.name;
      if (patch.layout !== undefined) next.layout = patch.layout;
      if (patch.zone !== undefined) next.zone = patch.zone;
      if (patch.windowNo !== undefined) next.windowNo = patch.windowNo;
      if (patch.voice !== undefined) next.voice = patch.voice;
      if (patch.strip !== undefined) next.strip = patch.strip;
      if (patch.surface !== undefined) {
        // A strip is a strip and a screen a screen: the device type decides which surfaces make sense.
        if ((s.surface === 'led-strip') !== (patch.surface === 'led-strip')) {
          throw invalid('LED 条屏与屏幕的显示类型不能互换。', 'An LED strip cannot become a screen, nor a screen a strip.');
        }
        next.surface = patch.surface;
      }
      if (patch.groups !== undefined) next.groups = [...new Set([next.surface, ...patch.groups])];
      else next.groups = [...new Set([next.surface, ...s.groups.filter((g) => !isBuiltInGroup(g))])];
      if (next.surface === 'zone-wall' && !next.zone) throw invalid('区域屏需要指定区域。', 'A zone wall needs a zone.');
      if (next.surface === 'window-screen' && !next.windowNo) throw invalid('窗口屏需要指定窗口。', 'A window screen needs a window.');
      overrides.set(id, next);
      store.put('settings', id, next, engine.now());
      if (next.surface === 'led-strip' && next.windowNo !== s.windowNo) strips.placed(next);
      // A strip resized or switched between frames and text gets what it shows again, in its new form.
      if (next.surface === 'led-strip' && (next.windowNo !== s.windowNo || JSON.stringify(next.strip) !== JSON.stringify(s.strip))) strips.redraw(next);
      changed();
      return next;
    },
    status() {
      const now = engine.now();
      return allSettings().map((s) => {
        const v = devices.view(s.id);
        const shot = store.screenshot(s.id);
        return {
          settings: s,
          online: v?.online ?? false,
          lastSeen: v?.lastSeen ?? null,
          version: v?.version ?? null,
          showing: v?.showing ?? null,
          audio: v?.audio ?? null,
          power: lastScene.get(s.id)?.power ?? sceneFor(s, now).power,
          screenshotAt: shot ? iso(shot.at) : null,
          alert: store.openAlert(s.id) !== null,
        };
      });
    },
    scene(id) {
      const s = settingsOf(id);
      if (!s) return null;
      const now = engine.now();
      const last = lastScene.get(id);
      // Stamped now: a screen that reconnects reads the hub's time from it to tell fresh calls it missed (to
      // announce) from old ones (only shown). The cached scene's own time is when it last changed.
      return last ? { ...last, at: iso(now) } : sceneFor(s, now);
    },
    groups: () => [...groups.values()],
    putGroup(g) {
      if (isBuiltInGroup(g.id)) throw invalid('这个分组名由系统保留。', 'This group id is reserved.');
      groups.set(g.id, g);
      store.put('group', g.id, g, engine.now());
      return g;
    },
    removeGroup(id) {
      if (!groups.delete(id)) return false;
      store.remove('group', id);
      for (const [did, s] of overrides) {
        if (s.groups.includes(id)) {
          const next = { ...s, groups: s.groups.filter((g) => g !== id) };
          overrides.set(did, next);
          store.put('settings', did, next, engine.now());
        }
      }
      changed();
      return true;
    },
    notices: () => [...notices.values()],
    addNotice(body, by) {
      checkTargets(body.targets);
      const startsAt = body.startsAt ? Date.parse(body.startsAt) : engine.now();
      checkPeriod(startsAt, body.endsAt);
      const n: Notice = { id: deps.newId(), text: body.text, startsAt: iso(startsAt), endsAt: body.endsAt ?? null, targets: body.targets, createdBy: by };
      notices.set(n.id, n);
      store.put('notice', n.id, n, engine.now());
      changed();
      return n;
    },
    removeNotice(id) {
      if (!notices.delete(id)) return false;
      store.remove('notice', id);
      changed();
      return true;
    },
    emergencies: () => [...emergencies.values()],
    raiseEmergency(body, by) {
      const targets = body.targets ?? EVERYONE;
      checkTargets(targets);
      const now = engine.now();
      checkPeriod(now, body.endsAt);
      const e: Emergency = {
        id: deps.newId(),
        text: body.text,
        textEn: body.textEn ?? null,
        startsAt: iso(now),
        endsAt: body.endsAt ?? null,
        clearedAt: null,
        targets,
        createdBy: by,
      };
      emergencies.set(e.id, e);
      store.put('emergency', e.id, e, now);
      changed();
      return e;
    },
    clearEmergency(id) {
      const e = emergencies.get(id);
      if (!e) throw notFound('emergency message', '这条紧急通知');
      const cleared = e.clearedAt ? e : { ...e, clearedAt: iso(engine.now()) };
      emergencies.set(id, cleared);
      store.put('emergency', id, cleared, engine.now());
      changed();
      return cleared;
    },
    schedules: () => [...schedules.values()],
    putSchedule(id, body) {
      checkTargets(body.targets);
      if (id !== null && !schedules.has(id)) throw notFound('schedule', '这个开关屏计划');
      const s: PowerSchedule = { id: id ?? deps.newId(), ...body };
      schedules.set(s.id, s);
      store.put('schedule', s.id, s, engine.now());
      changed();
      return s;
    },
    removeSchedule(id) {
      if (!schedules.delete(id)) return false;
      store.remove('schedule', id);
      changed();
      return true;
    },
    media: () => [...media.values()],
    addMedia(item, mime, bytes) {
      checkTargets(item.targets);
      const id = deps.newId();
      const m: MediaItem = { ...item, id, url: `/api/display-media/${id}/file` };
      store.putMediaFile(id, mime, bytes);
      media.set(id, m);
      store.put('media', id, m, engine.now());
      changed();
      return m;
    },
    removeMedia(id) {
      if (!media.delete(id)) return false;
      store.remove('media', id);
      store.removeMediaFile(id);
      changed();
      return true;
    },
    mediaFile: (id) => (media.has(id) ? store.mediaFile(id) : null),
    stripFrame: (id) => strips.frame(id),
    stripSettled: (id) => strips.settled(id),
    captureScreenshot(id, timeoutMs = 10_000) {
      const s = settingsOf(id);
      if (!s) return Promise.reject(notFound('display', '这个显示屏'));
      const requestId = deps.newId();
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => {
          pendingShots.delete(requestId);
          reject(new DisplayControlError('timeout', '显示屏没有及时返回截图。', 'The display did not send its screenshot in time.'));
        }, timeoutMs);
        pendingShots.set(requestId, { displayId: id, chunks: [], resolve, reject, timer });
        if (!link?.requestScreenshot(id, requestId)) {
          clearTimeout(timer);
          pendingShots.delete(requestId);
          reject(new DisplayControlError('offline', '这个显示屏不在线，无法截图。', 'The display is not connected; no screenshot can be taken.'));
        }
      });
    },
    screenshotChunk(displayId, chunk) {
      const p = pendingShots.get(chunk.requestId);
      if (!p || p.displayId !== displayId || chunk.index >= chunk.count) return false;
      p.chunks[chunk.index] = chunk.data;
      if (p.chunks.filter((c) => c !== undefined).length < chunk.count) return true;
      clearTimeout(p.timer);
      pendingShots.delete(chunk.requestId);
      const bytes = Buffer.from(p.chunks.join(''), 'base64');
      const shot = { at: engine.now(), mime: chunk.mime, bytes };
      store.putScreenshot(displayId, shot.at, shot.mime, bytes);
      p.resolve(shot);
      return true;
    },
    screenshot: (id) => store.screenshot(id),
    alerts: (openOnly) => store.alerts({ openOnly, limit: 500 }).map(toAlert),
    attach(l) {
      link = l;
    },
    refresh,
    close() {
      offFeed();
      offDevices();
      for (const p of pendingShots.values()) clearTimeout(p.timer);
      pendingShots.clear();
    },
  };
}
