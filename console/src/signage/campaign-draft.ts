import type { CampaignBody, Daypart, SignageTargets, Weekday } from '@hall/shared';
import { WEEKDAYS } from '@hall/shared/screen-basics';
import { hallLocalToIso, isoToHallLocal } from './hall-time.js';

/**
 * The campaign editor's form (pure): what the fields hold, as typed, and the body the hub takes. Every way the
 * form can be wrong is named (a key of the console's messages) before anything is sent.
 */

export interface DraftItem {
  mediaId: string;
  /** '' : the item's own length (a video's, 10 s a page, 10 s otherwise) */
  seconds: string;
}

export interface CampaignDraft {
  name: string;
  enabled: boolean;
  priority: number;
  interrupt: boolean;
  channel: string;
  items: DraftItem[];
  /** datetime-local on the hall's clock */
  startsAt: string;
  endsAt: string;
  dayparts: Daypart[];
  targets: SignageTargets;
}

export type DraftProblem = 'needName' | 'needItems' | 'badSeconds' | 'badStart' | 'badEnd' | 'endBeforeStart' | 'daypartNoDays' | 'needTargets';

export const NO_TARGETS: SignageTargets = { all: false, displays: [], groups: [], zones: [] };

export function emptyDraft(nowLocal: string): CampaignDraft {
  return { name: '', enabled: true, priority: 0, interrupt: false, channel: 'main', items: [], startsAt: nowLocal, endsAt: '', dayparts: [], targets: { ...NO_TARGETS, all: true } };
}

/** A stored campaign back into the form. */
export function draftOf(c: CampaignBody, timeZone: string): CampaignDraft {
  return {
    name: c.name,
    enabled: c.enabled,
    priority: c.priority,
    interrupt: c.interrupt,
    channel: c.channel ?? 'main',
    items: c.items.map((i) => ({ mediaId: i.mediaId, seconds: i.seconds === null ? '' : String(i.seconds) })),
    startsAt: isoToHallLocal(c.startsAt, timeZone),
    endsAt: c.endsAt === null ? '' : isoToHallLocal(c.endsAt, timeZone),
    dayparts: c.dayparts.map((p) => ({ ...p, days: [...p.days] })),
    targets: { all: c.targets.all, displays: [...c.targets.displays], groups: [...c.targets.groups], zones: [...c.targets.zones] },
  };
}

const secondsOf = (s: string): number | null | undefined => {
  if (s.trim() === '') return null;
  const n = Number(s);
  return Number.isInteger(n) && n >= 2 && n <= 3600 ? n : undefined;
};

/** The body for the hub, or every reason it cannot be sent yet. */
export function campaignBody(d: CampaignDraft, timeZone: string): { ok: true; body: CampaignBody } | { ok: false; problems: DraftProblem[] } {
  const problems: DraftProblem[] = [];
  const name = d.name.trim();
  if (!name) problems.push('needName');
  if (d.items.length === 0) problems.push('needItems');
  const seconds = d.items.map((i) => secondsOf(i.seconds));
  if (seconds.some((s) => s === undefined)) problems.push('badSeconds');
  const startsAt = hallLocalToIso(d.startsAt, timeZone);
  if (startsAt === null) problems.push('badStart');
  const endsAt = d.endsAt.trim() === '' ? null : hallLocalToIso(d.endsAt, timeZone);
  if (d.endsAt.trim() !== '' && endsAt === null) problems.push('badEnd');
  if (startsAt !== null && endsAt !== null && Date.parse(endsAt) <= Date.parse(startsAt)) problems.push('endBeforeStart');
  if (d.dayparts.some((p) => p.days.length === 0)) problems.push('daypartNoDays');
  const t = d.targets;
  if (!t.all && t.displays.length + t.groups.length + t.zones.length === 0) problems.push('needTargets');
  if (problems.length > 0 || startsAt === null) return { ok: false, problems };
  const channel = d.channel.trim();
  return {
    ok: true,
    body: {
      name,
      enabled: d.enabled,
      priority: Math.max(0, Math.min(9, Math.round(d.priority))),
      interrupt: d.interrupt,
      ...(channel && channel !== 'main' ? { channel } : {}),
      items: d.items.map((i, n) => ({ mediaId: i.mediaId, seconds: seconds[n] ?? null })),
      startsAt,
      endsAt,
      dayparts: d.dayparts,
      // "All screens" is all: the lists are dropped rather than kept unseen.
      targets: t.all ? { ...NO_TARGETS, all: true } : { all: false, displays: t.displays, groups: t.groups, zones: t.zones },
    },
  };
}

/** An item moved from one place in the playlist to another (drag, or a key on its handle). */
export function moveItem<T>(items: readonly T[], from: number, to: number): T[] {
  if (from < 0 || from >= items.length) return [...items];
  const out = [...items];
  const [it] = out.splice(from, 1);
  out.splice(Math.max(0, Math.min(out.length, to)), 0, it!);
  return out;
}

// ---- dayparts ----------------------------------------------------------------------------------------------------

export const newDaypart = (): Daypart => ({ days: ['mon', 'tue', 'wed', 'thu', 'fri'], from: '09:00', to: '17:00' });

/** A weekday switched on or off; the days stay in week order. */
export function toggleDay(p: Daypart, day: Weekday): Daypart {
  const on = p.days.includes(day) ? p.days.filter((d) => d !== day) : [...p.days, day];
  return { ...p, days: WEEKDAYS.filter((d) => on.includes(d)) };
}

/** A time field's value as a daypart's clock: '' (cleared) is midnight; an end of 00:00 reads as 24:00. */
export function setClock(p: Daypart, which: 'from' | 'to', value: string): Daypart {
  const v = /^\d{2}:\d{2}$/.test(value) ? value : '00:00';
  return { ...p, [which]: which === 'to' && v === '00:00' ? '24:00' : v };
}
