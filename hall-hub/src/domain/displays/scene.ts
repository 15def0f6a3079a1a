import type { BilingualText, DisplayScene, DisplaySettings, Emergency, MediaItem, Notice, PowerSchedule, SceneSignage, StaffBadge, VoiceRules, VoiceTemplates } from '@hall/shared';
import type { HallTime } from '../time/hall-time.js';
import { powerAt } from './power.js';
import { targetsDisplay } from './targets.js';

export interface SceneInputs {
  hallName: string;
  /** the hall's IANA time zone, for the screens' clocks */
  timeZone: string;
  zones: ReadonlyArray<{ id: string; name: string }>;
  templates: VoiceTemplates;
  /** the windows whose calls this display announces (voice-areas.ts), and how it merges a pile-up */
  voice: { windows: string[]; rules: VoiceRules };
  /** what a visitor who missed their call should do, from the no-show policy */
  noShow: BilingualText;
  notices: readonly Notice[];
  emergencies: readonly Emergency[];
  schedules: readonly PowerSchedule[];
  media: readonly MediaItem[];
  /** window screens: the badges of staff who may sit at this display's window */
  staff: readonly StaffBadge[];
  /** signage (domain/signage/scene-signage.ts): this display's layout and the campaigns that reach it; absent for strips */
  signage?: SceneSignage | undefined;
}

const activeAt = (startsAt: string, endsAt: string | null, now: number) =>
  Date.parse(startsAt) <= now && (endsAt === null || now < Date.parse(endsAt));

/** The emergency message a display shows now, if any: the newest active one that targets it. */
export function activeEmergency(emergencies: readonly Emergency[], display: Pick<DisplaySettings, 'id' | 'groups'>, now: number): Emergency | null {
  let best: Emergency | null = null;
  for (const e of emergencies) {
    if (e.clearedAt !== null || !activeAt(e.startsAt, e.endsAt, now) || !targetsDisplay(e.targets, display)) continue;
    if (!best || Date.parse(e.startsAt) >= Date.parse(best.startsAt)) best = e;
  }
  return best;
}

/**
 * Everything a display shows apart from the live queue, for this display at this instant (pure): its
 * settings, power, the emergency message overriding everything, the notices in its band and its idle images.
 */
export function resolveScene(display: DisplaySettings, now: number, t: HallTime, inputs: SceneInputs): DisplayScene {
  const emergency = activeEmergency(inputs.emergencies, display, now);
  const notices = inputs.notices
    .filter((n) => activeAt(n.startsAt, n.endsAt, now) && targetsDisplay(n.targets, display))
    .sort((a, b) => Date.parse(a.startsAt) - Date.parse(b.startsAt) || a.id.localeCompare(b.id))
    .map((n) => ({ id: n.id, text: n.text }));
  return {
    at: new Date(now).toISOString(),
    hallName: inputs.hallName,
    timeZone: inputs.timeZone,
    settings: display,
    power: powerAt(inputs.schedules, display, t),
    emergency: emergency ? { id: emergency.id, text: emergency.text, textEn: emergency.textEn } : null,
    notices,
    media: inputs.media.filter((m) => targetsDisplay(m.targets, display)).map((m) => ({ id: m.id, url: m.url, seconds: m.seconds })),
    zones: inputs.zones.map((z) => ({ id: z.id, name: z.name })),
    staff: display.surface === 'window-screen' ? [...inputs.staff] : [],
    templates: inputs.templates,
    voice: inputs.voice,
    noShow: inputs.noShow,
    ...(inputs.signage ? { signage: inputs.signage } : {}),
  };
}

/** Two scenes differ in what a display shows (the time stamp aside): only then is a new one pushed. */
export function sameScene(a: DisplayScene, b: DisplayScene): boolean {
  return JSON.stringify({ ...a, at: '' }) === JSON.stringify({ ...b, at: '' });
}
