import type { DeviceCommand, DisplaySettings, Emergency, HubEvent } from '@hall/shared';
import type { HallConfig } from '../config/hall-config-schema.js';
import { activeEmergency } from '../domain/displays/scene.js';
import { fillTemplate } from '../domain/queue/wire.js';

/** Renders LED strip frames (sharp) — the LED adapter. */
export interface StripRenderer {
  /** `texts`: the text and shorter alternatives for strips too small for it */
  render(texts: readonly string[], width: number, height: number): Promise<{ width: number; height: number; bits: Buffer }>;
}

export interface StripFrame {
  width: number;
  height: number;
  bits: Buffer;
  /** the text the frame shows (the first of the alternatives asked for) */
  text: string;
}

export interface LedStripsDeps {
  config: HallConfig;
  renderer: StripRenderer;
  sendCommand: (deviceId: string, command: DeviceCommand) => void;
  /** every display's settings, strips among them */
  settings: () => readonly DisplaySettings[];
  emergencies: () => readonly Emergency[];
  now: () => number;
  onError: (err: unknown, what: string) => void;
}

export interface LedStrips {
  /** calls, pauses and closes in a batch of hub events change what the strips above those windows show */
  onEvents(batch: readonly HubEvent[]): void;
  /** after a scene change (an emergency starts or ends): renders what the strip should show if that changed */
  refresh(s: DisplaySettings, now: number, send: boolean): void;
  /** a strip moved to another window shows that window's idle text */
  placed(s: DisplaySettings): void;
  /** the last frame rendered for a strip (sent when it comes back online, and shown in the console) */
  frame(id: string): StripFrame | null;
}

const DEFAULT_SIZE = { width: 128, height: 32 };
const idleText = (s: DisplaySettings): string[] => (s.windowNo ? [`${s.windowNo}号窗口`, `${s.windowNo}号`] : []);

/**
 * The LED strips (条屏) above the windows: what each shows — the call, a pause, the window's name, or an emergency
 * over all of it — rendered by the hub into 1-bit frames and sent as `show-bitmap` commands.
 */
export function createLedStrips(deps: LedStripsDeps): LedStrips {
  const { config } = deps;
  const frames = new Map<string, StripFrame>();
  /** what each strip shows when no emergency overrides it */
  const stripText = new Map<string, readonly string[]>();
  /** Frames of one strip go out in the order they were asked for, whatever order the renders finish in. */
  const chains = new Map<string, Promise<void>>();

  function show(s: DisplaySettings, texts: readonly string[], send = true): void {
    const size = s.strip ?? DEFAULT_SIZE;
    const text = texts[0] ?? '';
    const rendering = deps.renderer.render(texts, size.width, size.height);
    const next = (chains.get(s.id) ?? Promise.resolve())
      .then(() => rendering)
      .then((f) => {
        frames.set(s.id, { ...f, text });
        if (send) deps.sendCommand(s.id, { command: 'show-bitmap', width: f.width, height: f.height, bitmap: f.bits.toString('base64') });
      })
      .catch((err: unknown) => deps.onError(err, `render strip ${s.id}`));
    chains.set(s.id, next);
  }

  function content(s: DisplaySettings, now: number): readonly string[] {
    const e = activeEmergency([...deps.emergencies()], s, now);
    return e ? [e.text, '紧急通知'] : (stripText.get(s.id) ?? []);
  }

  function setText(s: DisplaySettings, texts: readonly string[]): void {
    stripText.set(s.id, texts);
    const shown = content(s, deps.now());
    // A call is always shown (a recall repeats the same text); under an emergency nothing changes.
    if (shown === texts || frames.get(s.id)?.text !== shown[0]) show(s, shown);
  }

  for (const s of deps.settings()) if (s.surface === 'led-strip') stripText.set(s.id, idleText(s));

  return {
    onEvents(batch) {
      for (const e of batch) {
        const windowNo = e.call?.windowNo ?? e.window?.no;
        if (!windowNo) continue;
        for (const s of deps.settings()) {
          if (s.surface !== 'led-strip' || s.windowNo !== windowNo) continue;
          if (e.call) {
            const { ticket } = e.call;
            // Shorter forms for strips too small for the hall's LED text (a 64×16 strip holds about five characters).
            setText(s, [fillTemplate(config.templates.led, { ticket, window: windowNo, windowName: e.call.windowName }), `${ticket} ${windowNo}号窗口`, `${ticket} ${windowNo}号`, ticket]);
          } else if (e.type === 'WindowPaused') {
            setText(s, [fillTemplate(config.templates.paused, { window: windowNo }), '暂停服务']);
          } else if (e.type === 'WindowClosed' || e.type === 'WindowResumed') {
            setText(s, idleText(s));
          }
        }
      }
    },
    refresh(s, now, send) {
      const shown = content(s, now);
      if ((frames.get(s.id)?.text ?? '') !== (shown[0] ?? '')) show(s, shown, send);
    },
    placed(s) {
      stripText.set(s.id, idleText(s));
    },
    frame: (id) => frames.get(id) ?? null,
  };
}
