import type { HallConfig } from '@hall/hub/config/hall-config-schema';
import { pickDisplays } from './displays.js';
import type { VisitorGroup } from './visitor-model.js';

/**
 * The hall's busiest moments, staged in the day (issue #17): the crowd at the door when the hall opens and every
 * window calling at once; a coach party driving one line red, and a manager moving idle windows onto it from the
 * console's proposals; a B post (AB岗) taking over a colleague's window for a few visitors and handing it back.
 * Chosen from the hall configuration alone, so any hall the soak runs gets them.
 */
export interface RushScene {
  /** the visitors at the door: one more for each line than the windows that call it first */
  crowd: VisitorGroup;
}

export interface RedLineScene {
  lineId: string;
  /** the coach party: enough visitors that the line's own windows leave some waiting past red */
  burst: VisitorGroup;
  /** staff cross-trained for the line (the soak's copy of the hall gives them the line in `skills`) */
  helpers: string[];
  /** windows the manager moves onto the line at most */
  maxMoves: number;
  /** hall minute the manager starts watching GET /api/line-moves */
  watchFromMinute: number;
  /** hall minute the manager stops looking for more moves */
  watchUntilMinute: number;
  /** the line's red threshold (minutes a visitor has waited) */
  redMinutes: number;
  /** the red must clear within this many hall minutes of the first move */
  clearWithinMinutes: number;
}

export interface TakeoverScene {
  windowNo: string;
  aPost: { no: string; name: string };
  bPost: { no: string; name: string };
  /** the B post takes over between two visitors once the hall's clock passes this minute */
  atMinute: number;
  /** services the B post finishes before handing back */
  services: number;
  absenceReason: string;
  /** the B post's own console account (the soak's copy of the hall adds it) */
  account: { username: string; password: string };
}

export interface ScenePlan {
  rush: RushScene;
  redLine: RedLineScene | null;
  takeover: TakeoverScene | null;
}

const firstOrder = (w: HallConfig['windows'][number]) => Math.min(...w.lines.map((l) => l.order));

/** The windows that call each line first (their lowest order). */
function firstWindows(config: HallConfig): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const w of config.windows) {
    for (const l of w.lines) if (l.order === firstOrder(w)) out.set(l.line, [...(out.get(l.line) ?? []), w.no]);
  }
  return out;
}

function planTakeover(config: HallConfig, displays: number, fromMinute: number, span: number): TakeoverScene | null {
  // A window whose screen the soak watches, with an A post whose partner is free (posted at no window of their own).
  const screens = pickDisplays(config, displays).filter((d) => d.surface === 'window-screen').map((d) => d.area.windowNo!);
  const candidates = [...screens, ...config.windows.map((w) => w.no)];
  for (const no of candidates) {
    const a = config.staff.find((s) => s.windows.includes(no));
    const b = a?.partner ? config.staff.find((s) => s.no === a.partner) : undefined;
    if (!a || !b || b.windows.length > 0) continue;
    return {
      windowNo: no,
      aPost: { no: a.no, name: a.name },
      bPost: { no: b.no, name: b.name },
      atMinute: fromMinute + 0.42 * span,
      services: 3,
      absenceReason: '外出参加业务培训',
      account: { username: `soak-b-post-${b.no.replace(/[^A-Za-z0-9_.-]/g, '')}`, password: 'soak-b-post-password-2026' },
    };
  }
  return null;
}

function planRedLine(config: HallConfig, fromMinute: number, toMinute: number, avoidWindow: string | null): RedLineScene | null {
  const first = firstWindows(config);
  const zoneSize = (zone: string) => config.windows.filter((w) => w.zone === zone).length;
  const zoneOf = (lineId: string) => config.windows.find((w) => w.no === first.get(lineId)?.[0])?.zone ?? '';
  // The line with the fewest windows calling it first, in the largest zone (most colleagues who could help).
  const lines = config.lines
    .filter((l) => (first.get(l.id)?.length ?? 0) > 0)
    .sort((a, b) => first.get(a.id)!.length - first.get(b.id)!.length || zoneSize(zoneOf(b.id)) - zoneSize(zoneOf(a.id)));
  const line = lines[0];
  if (!line) return null;
  const zone = zoneOf(line.id);
  const helpers = config.windows
    .filter((w) => w.zone === zone && w.no !== avoidWindow && !w.lines.some((l) => l.line === line.id))
    .flatMap((w) => config.staff.filter((s) => s.windows.includes(w.no)).slice(0, 1).map((s) => s.no))
    .slice(0, 8);
  if (helpers.length === 0) return null;
  const red = line.warnings?.waitRedMinutes ?? config.warnings.waitRedMinutes;
  // Most services take ~0.6 of the line's average (visitor-model.ts): enough visitors that, when the first of them
  // turns red, the line's own windows would need about as long again to reach the last.
  const perWindow = red / (line.avgServiceMinutes * 0.6);
  const count = Math.max(6, Math.round(first.get(line.id)!.length * perWindow * 2.2));
  const atMinute = fromMinute + 5;
  if (toMinute - atMinute < red + 10) return null;
  return {
    lineId: line.id,
    burst: { kind: 'red-line', atMinute, spreadMinutes: 3, lines: [{ lineId: line.id, count }] },
    helpers,
    maxMoves: 4,
    watchFromMinute: atMinute + red - 2,
    watchUntilMinute: atMinute + red + 60,
    redMinutes: red,
    // Twice the red minutes: at 35× a loaded machine stretches every keypad round trip into hall minutes, so the
    // moved windows' pace in hall time varies; without the moves (or with moves that do not take effect) the
    // line's own two windows leave it red far longer, and the moved windows' calls are checked on their own.
    clearWithinMinutes: 2 * red,
  };
}

export function planScenes(config: HallConfig, opts: { fromMinute: number; toMinute: number; displays: number }): ScenePlan {
  const crowd: VisitorGroup = {
    kind: 'opening-crowd',
    // A moment after opening (the kiosks refuse before it), all within a few hall seconds.
    atMinute: opts.fromMinute + 0.1,
    spreadMinutes: 0.3,
    lines: [...firstWindows(config)].map(([lineId, windows]) => ({ lineId, count: windows.length + 1 })),
  };
  const span = opts.toMinute - opts.fromMinute;
  const takeover = planTakeover(config, opts.displays, opts.fromMinute, span);
  return { rush: { crowd }, redLine: planRedLine(config, opts.fromMinute, opts.toMinute, takeover?.windowNo ?? null), takeover };
}

/** What the scenes add to the soak's copy of the hall: the helpers' skill, the B post's account. */
export function sceneAdditions(plan: ScenePlan): { skills: Map<string, string[]>; accounts: Array<{ username: string; password: string; staffNo: string }> } {
  const skills = new Map<string, string[]>();
  if (plan.redLine) for (const no of plan.redLine.helpers) skills.set(no, [plan.redLine.lineId]);
  const accounts = plan.takeover ? [{ ...plan.takeover.account, staffNo: plan.takeover.bPost.no }] : [];
  return { skills, accounts };
}
