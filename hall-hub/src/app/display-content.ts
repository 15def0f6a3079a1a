import {
  DisplayGroupSchema,
  EmergencySchema,
  MediaItemSchema,
  NoticeSchema,
  PowerScheduleSchema,
  type DisplayGroup,
  type Emergency,
  type EmergencyBody,
  type MediaItem,
  type Notice,
  type NoticeBody,
  type PowerSchedule,
  type PowerScheduleBody,
  type Targets,
} from '@hall/shared';
import type { Static, TSchema } from '@sinclair/typebox';
import { checkSchema } from '@hall/shared/parse-json';
import { displayThingNotFound, periodProblem, reservedGroupProblem } from '../domain/displays/settings-rules.js';
import type { DisplayDocKind, DisplayStore } from '../ports/display-store.js';
import { Refused, refuseIf } from './refused.js';

/** What the managers put on the screens: display groups, notices, emergency messages, power schedules and images. */
export interface DisplayContent {
  groups(): DisplayGroup[];
  /** whether a manager-made group of this id exists */
  hasGroup(id: string): boolean;
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
}

export interface DisplayContentDeps {
  store: DisplayStore;
  now: () => number;
  newId: () => string;
  /** throws when targets name no one, or a display or group that does not exist */
  checkTargets: (t: Targets) => void;
  /** a group is gone: displays leave it */
  groupRemoved: (id: string) => void;
  /** something shown changed: scenes are resolved again */
  changed: () => void;
}

const EVERYONE: Targets = { all: true, displays: [], groups: [] };

export function createDisplayContent(deps: DisplayContentDeps): DisplayContent {
  const { store, now, newId, checkTargets, changed } = deps;
  const iso = (ms: number) => new Date(ms).toISOString();
  // Stored documents are checked on the way in too: a damaged row is skipped, never shown.
  const load = <S extends TSchema>(kind: DisplayDocKind, schema: S): Map<string, Static<S>> => {
    const m = new Map<string, Static<S>>();
    for (const doc of store.all(kind)) if (checkSchema(schema, doc)) m.set((doc as { id: string }).id, doc);
    return m;
  };
  const groups: Map<string, DisplayGroup> = load('group', DisplayGroupSchema);
  const notices: Map<string, Notice> = load('notice', NoticeSchema);
  const emergencies: Map<string, Emergency> = load('emergency', EmergencySchema);
  const schedules: Map<string, PowerSchedule> = load('schedule', PowerScheduleSchema);
  const media: Map<string, MediaItem> = load('media', MediaItemSchema);
  const removed = (kind: DisplayDocKind, id: string, from: Map<string, unknown>): boolean => {
    if (!from.delete(id)) return false;
    store.remove(kind, id);
    return true;
  };

  return {
    groups: () => [...groups.values()],
    hasGroup: (id) => groups.has(id),
    putGroup(g) {
      refuseIf(reservedGroupProblem(g.id));
      groups.set(g.id, g);
      store.put('group', g.id, g, now());
      return g;
    },
    removeGroup(id) {
      if (!removed('group', id, groups)) return false;
      deps.groupRemoved(id);
      changed();
      return true;
    },
    notices: () => [...notices.values()],
    addNotice(body, by) {
      checkTargets(body.targets);
      const startsAt = body.startsAt ? Date.parse(body.startsAt) : now();
      refuseIf(periodProblem(startsAt, body.endsAt));
      const n: Notice = { id: newId(), text: body.text, startsAt: iso(startsAt), endsAt: body.endsAt ?? null, targets: body.targets, createdBy: by };
      notices.set(n.id, n);
      store.put('notice', n.id, n, now());
      changed();
      return n;
    },
    removeNotice(id) {
      if (!removed('notice', id, notices)) return false;
      changed();
      return true;
    },
    emergencies: () => [...emergencies.values()],
    raiseEmergency(body, by) {
      const targets = body.targets ?? EVERYONE;
      checkTargets(targets);
      const at = now();
      refuseIf(periodProblem(at, body.endsAt));
      const e: Emergency = { id: newId(), text: body.text, textEn: body.textEn ?? null, startsAt: iso(at), endsAt: body.endsAt ?? null, clearedAt: null, targets, createdBy: by };
      emergencies.set(e.id, e);
      store.put('emergency', e.id, e, at);
      changed();
      return e;
    },
    clearEmergency(id) {
      const e = emergencies.get(id);
      if (!e) throw new Refused(displayThingNotFound('emergency message', '这条紧急通知'));
      const cleared = e.clearedAt ? e : { ...e, clearedAt: iso(now()) };
      emergencies.set(id, cleared);
      store.put('emergency', id, cleared, now());
      changed();
      return cleared;
    },
    schedules: () => [...schedules.values()],
    putSchedule(id, body) {
      checkTargets(body.targets);
      if (id !== null && !schedules.has(id)) throw new Refused(displayThingNotFound('schedule', '这个开关屏计划'));
      const s: PowerSchedule = { id: id ?? newId(), ...body };
      schedules.set(s.id, s);
      store.put('schedule', s.id, s, now());
      changed();
      return s;
    },
    removeSchedule(id) {
      if (!removed('schedule', id, schedules)) return false;
      changed();
      return true;
    },
    media: () => [...media.values()],
    addMedia(item, mime, bytes) {
      checkTargets(item.targets);
      const id = newId();
      const m: MediaItem = { ...item, id, url: `/api/display-media/${id}/file` };
      store.putMediaFile(id, mime, bytes);
      media.set(id, m);
      store.put('media', id, m, now());
      changed();
      return m;
    },
    removeMedia(id) {
      if (!removed('media', id, media)) return false;
      store.removeMediaFile(id);
      changed();
      return true;
    },
    mediaFile: (id) => (media.has(id) ? store.mediaFile(id) : null),
  };
}
