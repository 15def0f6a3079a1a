import {
  DisplaySettingsSchema,
  type DeviceCommand,
  type DisplayAlert,
  type DisplayPatch,
  type DisplayScene,
  type DisplaySettings,
  type DisplayStatus,
  type SceneSignage,
  type ScreenLayout,
  noShowMessage,
} from '@hall/shared';
import { checkSchema } from '@hall/shared/parse-json';
import type { HallConfig } from '../config/hall-config-schema.js';
import { defaultSettings } from '../domain/displays/defaults.js';
import { powerAt } from '../domain/displays/power.js';
import { resolveScene } from '../domain/displays/scene.js';
import { voiceAreas } from '../domain/displays/voice-areas.js';
import { voicePhrasing } from '../domain/displays/voice-phrasing.js';
import { displayThingNotFound, patchSettings, targetsProblem, type KnownNames } from '../domain/displays/settings-rules.js';
import { staffBadgesByWindow } from '../domain/displays/staff-badges.js';
import { refuse } from '../domain/queue/refusals.js';
import { currentPhase } from '../domain/queue/views.js';
import { hallTime } from '../domain/time/hall-time.js';
import type { DisplayStore } from '../ports/display-store.js';
import type { DeviceRegistry } from './device-registry.js';
import { createDownAlerts } from './display-alerts.js';
import { createDisplayContent, type DisplayContent } from './display-content.js';
import { createLedStrips, type StripFrame, type StripRenderer } from './led-strips.js';
import type { QueueEngine } from './queue-engine.js';
import type { RealtimeFeed } from './realtime-feed.js';
import { Refused, refuseIf } from './refused.js';
import { createScenePush } from './scene-push.js';

/** How display control reaches the screens (socket.io) — implemented by the socket adapter. */
export interface ScreenLink {
  pushScene(displayId: string, scene: DisplayScene): void;
  /** asks a connected display for a screenshot and waits for all of it; 'offline' when it is not connected */
  requestScreenshot(displayId: string, requestId: string, timeoutMs: number): Promise<{ mime: string; bytes: Buffer } | 'offline' | 'timeout'>;
  alert(a: DisplayAlert): void;
  /** display control is closing: screenshots still awaited are dropped */
  detach(): void;
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
  /** signage (signage-library.ts): the layouts a display may use and the signage part of its scene */
  signage?: { layout(id: string): ScreenLayout | null; signageFor(s: DisplaySettings, at: number): SceneSignage | undefined };
}

/**
 * Display control for managers: what each screen, wall and LED strip shows apart from the queue, and whether it
 * is there. Refusals are thrown as `Refused` (see refused.ts); HTTP answers them as any other refusal.
 */
export interface DisplayControl extends Omit<DisplayContent, 'hasGroup'> {
  settings(): DisplaySettings[];
  get(id: string): DisplaySettings | null;
  update(id: string, patch: DisplayPatch): DisplaySettings;
  status(): DisplayStatus[];
  scene(id: string): DisplayScene | null;
  /** the last frame rendered for an LED strip */
  stripFrame(id: string): StripFrame | null;
  /** resolves once the frames asked of a strip so far are rendered */
  stripSettled(id: string): Promise<void>;
  /** asks a display for a screenshot and waits for it */
  captureScreenshot(id: string, timeoutMs?: number): Promise<{ at: number; mime: string; bytes: Buffer }>;
  screenshot(id: string): { at: number; mime: string; bytes: Buffer } | null;
  alerts(openOnly: boolean): DisplayAlert[];
  attach(link: ScreenLink): void;
  /** re-resolves every scene and checks for displays down; called on a timer and after every change */
  refresh(): void;
  close(): void;
}

export function createDisplayControl(deps: DisplayControlDeps): DisplayControl {
  const { config, engine, devices, store } = deps;
  const declared = new Map<string, DisplaySettings>();
  for (const d of config.devices) {
    const s = defaultSettings(d);
    if (s) declared.set(d.id, s);
  }
  const overrides = new Map<string, DisplaySettings>();
  for (const doc of store.all('settings')) if (checkSchema(DisplaySettingsSchema, doc)) overrides.set(doc.id, doc);
  const staffByWindow = staffBadgesByWindow(config.windows, config.staff);
  let link: ScreenLink | null = null;
  const now = () => engine.now();
  const fail = (err: unknown, what: string) => deps.onError?.(err, what);
  const settingsOf = (id: string): DisplaySettings | null => overrides.get(id) ?? declared.get(id) ?? null;
  const allSettings = (): DisplaySettings[] => [...declared.keys()].map((id) => settingsOf(id)!);
  // Voice areas depend on every display's settings: worked out again only when one changes.
  let areas: Map<string, string[]> | null = null;
  const voiceWindows = (id: string) => (areas ??= voiceAreas(allSettings(), config.windows)).get(id) ?? [];
  const noShow = noShowMessage(config.policy.noShow);
  const voiceTemplates = voicePhrasing(config.templates, noShow.zh);
  const keep = (s: DisplaySettings) => {
    areas = null;
    overrides.set(s.id, s);
    store.put('settings', s.id, s, now());
  };

  const content = createDisplayContent({
    store,
    now,
    newId: deps.newId,
    checkTargets: (t) => refuseIf(targetsProblem(t, known)),
    groupRemoved(id) {
      for (const s of overrides.values()) if (s.groups.includes(id)) keep({ ...s, groups: s.groups.filter((g) => g !== id) });
    },
    changed: () => scenes.refresh(),
  });
  const known: KnownNames = {
    display: (id) => declared.has(id),
    group: (id) => content.hasGroup(id),
    zone: (id) => config.zones.some((z) => z.id === id),
    window: (no) => config.windows.some((w) => w.no === no), layoutSize: (id) => deps.signage?.layout(id)?.size ?? null,
  };

  function sceneFor(s: DisplaySettings, at: number): DisplayScene {
    return resolveScene(s, at, hallTime(at, config.hall.timeZone), {
      hallName: config.hall.name, timeZone: config.hall.timeZone,
      zones: config.zones,
      templates: voiceTemplates,
      voice: { windows: voiceWindows(s.id), rules: config.voice },
      noShow,
      notices: content.notices(),
      emergencies: content.emergencies(),
      schedules: content.schedules(),
      media: content.media(),
      staff: s.windowNo ? (staffByWindow.get(s.windowNo) ?? []) : [], signage: deps.signage?.signageFor(s, at),
    });
  }

  const strips = createLedStrips({ config, renderer: deps.renderer, sendCommand: deps.sendCommand, settings: allSettings, emergencies: () => content.emergencies(), now, onError: fail });
  const alerts = createDownAlerts({
    devices,
    store,
    nameOf: (id) => settingsOf(id)?.name ?? id,
    announce: (a) => link?.alert(a),
    startedAt: engine.now(),
    graceMs: deps.downGraceMs ?? 60_000,
  });
  const scenes = createScenePush({
    now,
    phase: (at) => currentPhase(engine.state, engine.rules, at),
    settings: allSettings,
    sceneFor,
    powerNow: (s, at) => powerAt(content.schedules(), s, hallTime(at, config.hall.timeZone)),
    strips,
    pushScene: (id, scene) => link?.pushScene(id, scene),
    sendCommand: deps.sendCommand,
    alerts,
  });

  const offFeed = deps.feed.onEvents((batch) => {
    try {
      strips.onEvents(batch);
    } catch (err) {
      fail(err, 'strip update');
    }
  });
  const offDevices = devices.onChange((d) => {
    const s = settingsOf(d.id);
    if (s) scenes.deviceChanged(s, d.online);
  });
  const noDisplay = () => new Refused(displayThingNotFound('display', '这个显示屏'));

  return {
    ...content,
    settings: allSettings,
    get: settingsOf,
    update(id, patch) {
      const s = settingsOf(id);
      if (!s) throw noDisplay();
      const patched = patchSettings(s, patch, known);
      if (!patched.ok) throw new Refused(patched.refusal);
      const next = patched.settings;
      keep(next);
      if (next.surface === 'led-strip' && next.windowNo !== s.windowNo) strips.placed(next);
      // A strip resized or switched between frames and text gets what it shows again, in its new form.
      if (next.surface === 'led-strip' && (next.windowNo !== s.windowNo || JSON.stringify(next.strip) !== JSON.stringify(s.strip))) strips.redraw(next);
      scenes.refresh();
      return next;
    },
    status() {
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
          power: scenes.last(s.id)?.power ?? sceneFor(s, now()).power,
          screenshotAt: shot ? new Date(shot.at).toISOString() : null,
          alert: store.openAlert(s.id) !== null,
        };
      });
    },
    scene(id) {
      const s = settingsOf(id);
      if (!s) return null;
      const last = scenes.last(id);
      // Stamped now: a screen that reconnects reads the hub's time from it to tell fresh calls it missed (to
      // announce) from old ones (only shown). The cached scene's own time is when it last changed.
      return last ? { ...last, at: new Date(now()).toISOString() } : sceneFor(s, now());
    },
    stripFrame: (id) => strips.frame(id),
    stripSettled: (id) => strips.settled(id),
    async captureScreenshot(id, timeoutMs = 10_000) {
      if (!settingsOf(id)) throw noDisplay();
      const requestId = deps.newId();
      const answer = link ? await link.requestScreenshot(id, requestId, timeoutMs) : 'offline';
      if (answer === 'offline') throw new Refused(refuse('display_offline'));
      if (answer === 'timeout') throw new Refused(refuse('display_timeout'));
      const shot = { at: now(), ...answer };
      store.putScreenshot(id, shot.at, shot.mime, shot.bytes);
      return shot;
    },
    screenshot: (id) => store.screenshot(id),
    alerts: (openOnly) => alerts.list(openOnly),
    attach(l) {
      link = l;
    },
    refresh: () => scenes.refresh(),
    close() {
      offFeed();
      offDevices();
      link?.detach();
    },
  };
}
