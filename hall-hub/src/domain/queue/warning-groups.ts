import { warningGroupKey, type Warning, type WarningGroupActionKind } from '@hall/shared';

/**
 * 红黄灯 grouped: one row per line (its visitors' waits), per window (a long service, idle with a queue) and per
 * printer, instead of one row per ticket. A group is what a person acts on: "社会事务 is backed up", not "A017".
 */
export interface WarningGroupFacts {
  key: string;
  scope: 'line' | 'window' | 'printer';
  lineId: string | null;
  windowNo: string | null;
  count: number;
  red: number;
  yellow: number;
  level: 'yellow' | 'red';
  longestMinutes: number;
  warnings: Warning[];
}

export function groupWarnings(ws: readonly Warning[]): WarningGroupFacts[] {
  const groups = new Map<string, WarningGroupFacts>();
  for (const w of ws) {
    const key = warningGroupKey(w);
    let g = groups.get(key);
    if (!g) {
      const scope = key.slice(0, key.indexOf(':')) as WarningGroupFacts['scope'];
      g = { key, scope, lineId: scope === 'line' ? w.lineId : null, windowNo: scope === 'window' ? w.windowNo : null, count: 0, red: 0, yellow: 0, level: 'yellow', longestMinutes: 0, warnings: [] };
      groups.set(key, g);
    }
    g.count += 1;
    if (w.level === 'red') {
      g.red += 1;
      g.level = 'red';
    } else g.yellow += 1;
    g.longestMinutes = Math.max(g.longestMinutes, w.minutes);
    g.warnings.push(w);
  }
  const out = [...groups.values()];
  for (const g of out) g.warnings.sort((a, b) => (a.level === b.level ? b.minutes - a.minutes : a.level === 'red' ? -1 : 1));
  // Red first, then the group whose oldest condition has lasted longest.
  return out.sort((a, b) => (a.level === b.level ? b.longestMinutes - a.longestMinutes : a.level === 'red' ? -1 : 1));
}

/**
 * A red episode: from the moment a group turns red until it has stayed out of red for the calm period. The duty
 * manager is texted once per episode; a group that flickers (a red wait called, the next one red a minute
 * later) stays in the same episode rather than sending a text per refresh.
 */
export interface RedEpisode {
  key: string;
  startedAt: number;
  /** since when the group has not been red; null while it is */
  calmSince: number | null;
}

export interface EpisodeStep {
  /** episodes still open after this look, to keep */
  open: RedEpisode[];
  /** begun in this look: each one is texted */
  started: RedEpisode[];
  /** over in this look */
  ended: RedEpisode[];
}

export function stepRedEpisodes(open: readonly RedEpisode[], redNow: ReadonlySet<string>, now: number, calmMs: number): EpisodeStep {
  const next: RedEpisode[] = [];
  const ended: RedEpisode[] = [];
  const known = new Set<string>();
  for (const e of open) {
    known.add(e.key);
    if (redNow.has(e.key)) next.push(e.calmSince === null ? e : { ...e, calmSince: null });
    else {
      const calmSince = e.calmSince ?? now;
      if (now - calmSince >= calmMs) ended.push({ ...e, calmSince });
      else next.push(e.calmSince === null ? { ...e, calmSince } : e);
    }
  }
  const started: RedEpisode[] = [];
  for (const key of redNow) {
    if (known.has(key)) continue;
    const e = { key, startedAt: now, calmSince: null };
    started.push(e);
    next.push(e);
  }
  return { open: next, started, ended };
}

/** One recorded action, as the workflow's state needs it. */
export interface GroupActionFact {
  action: WarningGroupActionKind;
  assignee: string | null;
  at: number;
}

/**
 * What a group's actions amount to now. A group that turns red needs acknowledging again: an acknowledgement
 * of its yellow does not cover its red. The assignment stands until another replaces it.
 */
export function groupStatus(actions: readonly GroupActionFact[], redSince: number | null): { acknowledged: boolean; assignee: string | null; escalated: boolean } {
  const from = redSince ?? Number.NEGATIVE_INFINITY;
  let assignee: string | null = null;
  let acknowledged = false;
  let escalated = false;
  for (const a of actions) {
    if (a.action === 'assign') assignee = a.assignee;
    if (a.at < from) continue;
    if (a.action === 'acknowledge') acknowledged = true;
    if (a.action === 'escalate') escalated = true;
  }
  return { acknowledged, assignee, escalated };
}

/** The group keys a staff member at these windows answers for: the windows and the lines they serve. */
export function keysFor(windowNos: readonly string[], lineIds: readonly string[]): Set<string> {
  return new Set([...windowNos.map((no) => `window:${no}`), ...lineIds.map((id) => `line:${id}`)]);
}
