import type { DeviceCommand, DisplayScene, DisplaySettings, HallPhase } from '@hall/shared';
import type { PowerState } from '../domain/displays/power.js';
import { sameScene } from '../domain/displays/scene.js';
import type { DownAlerts } from './display-alerts.js';
import type { LedStrips } from './led-strips.js';

export interface ScenePushDeps {
  now: () => number;
  phase: (now: number) => HallPhase;
  settings: () => readonly DisplaySettings[];
  sceneFor: (s: DisplaySettings, now: number) => DisplayScene;
  /** the power a display should have now, before any scene was resolved for it */
  powerNow: (s: DisplaySettings, now: number) => PowerState;
  strips: LedStrips;
  /** to a screen over its live link, once the link is attached */
  pushScene: (displayId: string, scene: DisplayScene) => void;
  sendCommand: (deviceId: string, command: DeviceCommand) => void;
  alerts: DownAlerts;
}

export interface ScenePush {
  /** re-resolves every scene: screens get what changed, strips their frames and power, dark screens alerts */
  refresh(): void;
  /** the scene last resolved for a display (its time is when it last changed) */
  last(displayId: string): DisplayScene | undefined;
  /** a display came online or went offline */
  deviceChanged(s: DisplaySettings, online: boolean): void;
}

/**
 * What each display shows apart from the queue, pushed when it changes: screens get their scene over the live
 * link; LED strips get frames, and power and brightness as device commands (screens read those from the scene).
 */
export function createScenePush(deps: ScenePushDeps): ScenePush {
  const { strips, sendCommand, alerts } = deps;
  const lastScene = new Map<string, DisplayScene>();
  const lastPower = new Map<string, PowerState>();

  /** The first pass at start-up renders every strip's frame but sends none: a strip gets it when it comes online. */
  let started = false;
  function refresh(): void {
    const now = deps.now();
    const phase = deps.phase(now);
    for (const s of deps.settings()) {
      const scene = deps.sceneFor(s, now);
      const before = lastScene.get(s.id);
      if (!before || !sameScene(before, scene)) {
        lastScene.set(s.id, scene);
        if (s.surface === 'led-strip') strips.refresh(s, now, started);
        else deps.pushScene(s.id, scene);
      }
      const p = scene.power;
      const was = lastPower.get(s.id);
      if (!was || was.on !== p.on || was.brightness !== p.brightness) {
        lastPower.set(s.id, p);
        if (s.surface === 'led-strip' && started && (was || p.scheduled)) {
          sendCommand(s.id, { command: 'power', on: p.on });
          if (p.on) sendCommand(s.id, { command: 'brightness', level: p.brightness });
        }
      }
      alerts.check(s, now, phase, p);
    }
    started = true;
  }

  return {
    refresh,
    last: (id) => lastScene.get(id),
    deviceChanged(s, online) {
      if (online && s.surface === 'led-strip') {
        // A strip that comes back gets what it should show, at the power and brightness it should have.
        const p = lastPower.get(s.id);
        if (p?.scheduled) sendCommand(s.id, { command: 'power', on: p.on });
        strips.resend(s.id);
      }
      const now = deps.now();
      alerts.check(s, now, deps.phase(now), lastPower.get(s.id) ?? deps.powerNow(s, now));
    },
  };
}
