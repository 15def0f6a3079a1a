import type { DisplayPatch, DisplaySettings, Targets } from '@hall/shared';
import type { Refusal } from '../queue/refusals.js';
import { layoutSizeMismatch, stripHasNoLayout, unknownLayout } from '../signage/signage-refusals.js';

/**
 * The rules a manager's change to display control must keep: a patch that names a known zone, window and groups
 * and keeps a strip a strip; targets that name known displays or groups; a period that ends after it starts.
 * Each answer is a refusal (the console shows its text) or the settings to keep.
 */

// Every display is in the group named after its surface, so "all window screens" needs no setup.
const BUILT_IN_GROUPS: readonly string[] = ['hall-wall', 'zone-wall', 'window-screen', 'led-strip'];
export const isBuiltInGroup = (g: string): boolean => BUILT_IN_GROUPS.includes(g);

/** What display control knows when it checks a change. */
export interface KnownNames {
  display: (id: string) => boolean;
  group: (id: string) => boolean;
  zone: (id: string) => boolean;
  window: (no: string) => boolean;
  /** a signage layout's screen size, null when there is no such layout */
  layoutSize?: (id: string) => string | null;
}

export const invalidDisplayRequest = (zh: string, en: string): Refusal => ({ code: 'invalid_display_request', kind: 'invalid', zh, en });
export const displayThingNotFound = (what: string, zh: string): Refusal => ({ code: 'not_found', kind: 'not-found', zh: `没有找到${zh}。`, en: `No such ${what}.` });

const unknownGroup = (g: string) => invalidDisplayRequest(`没有这个显示屏分组：${g}`, `No such display group: ${g}`);
const knownGroup = (known: KnownNames, g: string) => known.group(g) || isBuiltInGroup(g);

/** A notice, emergency, schedule or image must be meant for somebody, and only for displays and groups that exist. */
export function targetsProblem(t: Targets, known: KnownNames): Refusal | null {
  const display = t.displays.find((d) => !known.display(d));
  if (display) return invalidDisplayRequest(`没有这个显示屏：${display}`, `No such display: ${display}`);
  const group = t.groups.find((g) => !knownGroup(known, g));
  if (group) return unknownGroup(group);
  if (!t.all && t.displays.length === 0 && t.groups.length === 0) return invalidDisplayRequest('请选择目标显示屏或分组。', 'Choose target displays or groups (or all).');
  return null;
}

export function periodProblem(startsAt: number, endsAt: string | null | undefined): Refusal | null {
  if (endsAt && Date.parse(endsAt) <= startsAt) return invalidDisplayRequest('结束时间必须晚于开始时间。', 'The end time must be after the start time.');
  return null;
}

export const reservedGroupProblem = (id: string): Refusal | null =>
  isBuiltInGroup(id) ? invalidDisplayRequest('这个分组名由系统保留。', 'This group id is reserved.') : null;

/** A display's settings after a manager's patch, or why the patch is refused. */
export function patchSettings(s: DisplaySettings, patch: DisplayPatch, known: KnownNames): { ok: true; settings: DisplaySettings } | { ok: false; refusal: Refusal } {
  const no = (refusal: Refusal) => ({ ok: false as const, refusal });
  if (patch.zone && !known.zone(patch.zone)) return no(invalidDisplayRequest(`没有这个区域：${patch.zone}`, `No such zone: ${patch.zone}`));
  if (patch.windowNo && !known.window(patch.windowNo)) return no(invalidDisplayRequest(`没有这个窗口：${patch.windowNo}`, `No such window: ${patch.windowNo}`));
  const group = patch.groups?.find((g) => !knownGroup(known, g));
  if (group) return no(unknownGroup(group));
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
      return no(invalidDisplayRequest('LED 条屏与屏幕的显示类型不能互换。', 'An LED strip cannot become a screen, nor a screen a strip.'));
    }
    next.surface = patch.surface;
  }
  if (patch.groups !== undefined) next.groups = [...new Set([next.surface, ...patch.groups])];
  else next.groups = [...new Set([next.surface, ...s.groups.filter((g) => !isBuiltInGroup(g))])];
  const layoutRefusal = signageLayoutProblem(next, patch, known);
  if (layoutRefusal) return no(layoutRefusal);
  if (patch.layoutId !== undefined) next.layoutId = patch.layoutId;
  if (next.surface === 'zone-wall' && !next.zone) return no(invalidDisplayRequest('区域屏需要指定区域。', 'A zone wall needs a zone.'));
  if (next.surface === 'window-screen' && !next.windowNo) return no(invalidDisplayRequest('窗口屏需要指定窗口。', 'A window screen needs a window.'));
  return { ok: true, settings: next };
}

/** A signage layout must exist and be for the display's size, both when it is chosen and when the size changes. */
function signageLayoutProblem(next: DisplaySettings, patch: DisplayPatch, known: KnownNames): Refusal | null {
  const layoutId = patch.layoutId !== undefined ? patch.layoutId : (next.layoutId ?? null);
  if (layoutId === null) return null;
  if (next.surface === 'led-strip') return stripHasNoLayout();
  const size = known.layoutSize?.(layoutId) ?? null;
  if (size === null) return unknownLayout(layoutId);
  return size === next.layout ? null : layoutSizeMismatch(size, next.layout);
}
