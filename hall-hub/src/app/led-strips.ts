import type { DeviceCommand, DisplaySettings, Emergency, HubEvent, StripSize } from '@hall/shared';
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
  /** shows a strip what it should show again (after its size or form changed) */
  redraw(s: DisplaySettings): void;
  /** the last frame rendered for a strip (the console's preview) */
  frame(id: string): StripFrame | null;
  /** resolves once every frame asked of this strip so far is rendered (and sent, for a frame strip) */
  settled(id: string): Promise<void>;
  /** a strip back online gets what it should show */
  resend(id: string): void;
}

const DEFAULT_SIZE: StripSize = { width: 128, height: 32 };
const idleText = (s: DisplaySettings): string[] => (s.windowNo ? [`${s.windowNo}号窗口`, `${s.windowNo}号`] : []);

/** Events after which the window has nobody in hand, so its strip goes back to its idle text. */
const RELEASES: ReadonlySet<string> = new Set(['ServiceFinished', 'TicketMissed', 'TicketTransferred', 'TicketSuspended']);

/** What a strip shows: the text with its shorter forms, and the call it announces, if it is one. */
interface StripContent {
  texts: readonly string[];
  call?: { ticket: string; windowNo: string; recall: boolean; seq: number };
}

/**
 * The LED strips (条屏) above the windows: what each shows — the call, a pause, the window's name, or an emergency
 * over all of it. Each change goes to a strip as one command, in the form its controller takes: a 1-bit frame the
 * hub renders (`show-bitmap`, the default), or the text itself for a controller with a Chinese font of its own
 * (`show-call`, `show-text`, `clear`). The frame is rendered either way: the console previews it.
 */
export function createLedStrips(deps: LedStripsDeps): LedStrips {
  const { config } = deps;
  const frames = new Map<string, StripFrame>();
  /** what each strip shows when no emergency overrides it */
  const contents = new Map<string, StripContent>();
  /** Frames of one strip go out in the order they were asked for, whatever order the renders finish in. */
  const chains = new Map<string, Promise<void>>();
  /** the text each strip was last asked to show (its frame may still be rendering) */
  const asked = new Map<string, string>();

  function textCommand(c: StripContent): DeviceCommand {
    const text = c.texts[0] ?? '';
    if (c.call) return { command: 'show-call', text, ...c.call };
    return text ? { command: 'show-text', text } : { command: 'clear' };
  }

  function show(s: DisplaySettings, c: StripContent, send = true): void {
    const size = s.strip ?? DEFAULT_SIZE;
    const asText = size.render === 'text';
    const text = c.texts[0] ?? '';
    asked.set(s.id, text);
    // A text strip gets its command at once; its frame is only for the preview.
    if (asText && send) deps.sendCommand(s.id, textCommand(c));
    const rendering = deps.renderer.render(c.texts, size.width, size.height);
    const next = (chains.get(s.id) ?? Promise.resolve())
      .then(() => rendering)
      .then((f) => {
        frames.set(s.id, { ...f, text });
        if (send && !asText) deps.sendCommand(s.id, { command: 'show-bitmap', width: f.width, height: f.height, bitmap: f.bits.toString('base64') });
      })
      .catch((err: unknown) => deps.onError(err, `render strip ${s.id}`));
    chains.set(s.id, next);
  }

  function current(s: DisplaySettings, now: number): StripContent {
    const e = activeEmergency([...deps.emergencies()], s, now);
    return e ? { texts: [e.text, '紧急通知'] } : (contents.get(s.id) ?? { texts: [] });
  }

  function set(s: DisplaySettings, c: StripContent): void {
    contents.set(s.id, c);
    const shown = current(s, deps.now());
    // A call is always shown (a recall repeats the same text); under an emergency nothing changes.
    if (shown === c || asked.get(s.id) !== shown.texts[0]) show(s, shown);
  }

  for (const s of deps.settings()) if (s.surface === 'led-strip') contents.set(s.id, { texts: idleText(s) });

  return {
    onEvents(batch) {
      for (const e of batch) {
        const windowNo = e.call?.windowNo ?? e.window?.no;
        if (!windowNo) continue;
        for (const s of deps.settings()) {
          if (s.surface !== 'led-strip' || s.windowNo !== windowNo) continue;
          if (e.call) {
            const { ticket, recall } = e.call;
            const text = fillTemplate(config.templates.led, { ticket, window: windowNo, windowName: e.call.windowName });
            // Shorter forms for strips too small for the hall's LED text (a 64×16 strip holds about five characters).
            set(s, { texts: [text, `${ticket} ${windowNo}号窗口`, `${ticket} ${windowNo}号`, ticket], call: { ticket, windowNo, recall, seq: e.seq } });
          } else if (e.type === 'WindowPaused') {
            set(s, { texts: [fillTemplate(config.templates.paused, { window: windowNo }), '暂停服务'] });
          } else if (e.type === 'WindowClosed' || e.type === 'WindowResumed') {
            set(s, { texts: idleText(s) });
          } else if (RELEASES.has(e.type) && !batch.some((x) => x.call?.windowNo === windowNo)) {
            // The visitor has gone (finished, no-show, transferred, suspended): the old call must not stay up.
            // Not when the same batch calls the next one (call-next finishes the last): that call replaces it.
            set(s, { texts: idleText(s) });
          }
        }
      }
    },
    refresh(s, now, send) {
      // Restored after an emergency, a call is shown as text: it is not called again.
      const { texts } = current(s, now);
      if ((asked.get(s.id) ?? '') !== (texts[0] ?? '')) show(s, { texts }, send);
    },
    placed(s) {
      contents.set(s.id, { texts: idleText(s) });
    },
    redraw(s) {
      show(s, { texts: current(s, deps.now()).texts });
    },
    frame: (id) => frames.get(id) ?? null,
    settled: (id) => chains.get(id) ?? Promise.resolve(),
    resend(id) {
      const s = deps.settings().find((x) => x.id === id);
      if (!s) return;
      if (s.strip?.render === 'text') {
        deps.sendCommand(id, textCommand({ texts: current(s, deps.now()).texts }));
        return;
      }
      const f = frames.get(id);
      if (f) deps.sendCommand(id, { command: 'show-bitmap', width: f.width, height: f.height, bitmap: f.bits.toString('base64') });
    },
  };
}
