import type { ParallelProject, SupervisedCase } from '@hall/shared';
import type { Logger } from 'pino';
import { severity, type CaseLight } from '../domain/cases/case-light.js';
import { caseLightNotice } from '../domain/cases/case-notices.js';
import { hallTime } from '../domain/time/hall-time.js';
import { isParallelCase, parallelBoard, parallelProject } from '../domain/cases/parallel-steps.js';
import { caseBoard, judge, supervisionFigures, type BoardRow, type DepartmentFigures, type JudgedCase, type SupervisionRules, type WatchedCase } from '../domain/cases/supervision-view.js';
import type { CaseFeedSource } from '../ports/case-feed-source.js';
import type { Clock } from '../ports/clock.js';
import type { CaseWarningRow, SupervisedCaseStore } from '../ports/supervised-case-store.js';
import type { Outbox } from '../ports/uplink.js';

export interface CaseSupervisionDeps {
  source: CaseFeedSource;
  store: SupervisedCaseStore;
  rules: SupervisionRules;
  hall: { id: string; name: string };
  /** each department's responsible people, phone numbers encrypted with the hall key */
  phonesOf: (departmentCode: string) => string[];
  /** the SMS of a light goes here, in the transaction that records the light; null when notices are off */
  outbox: Outbox | null;
  written: () => void;
  clock: Clock;
  logger: Pick<Logger, 'info' | 'warn' | 'error'>;
  pollMs: number;
  checkMs: number;
  board: { days: number; rows: number };
  /** how long a finished case is kept after it finished (the report period and a margin) */
  keepFinishedMs: number;
}

export interface SupervisionStatus {
  cases: number;
  open: number;
  lastSyncAt: string | null;
  lastError: string | null;
  lastCheckAt: string | null;
}

export interface SupervisionView {
  at: string;
  status: SupervisionStatus;
  departments: DepartmentFigures[];
  attention: WatchedCase[];
  /** warnings raised in the last 30 days, with their handling (全程留痕) */
  warnings: CaseWarningRow[];
  /** warnings raised per hall day over the last 14 days, for the trend chart */
  trend: Array<{ day: string; yellow: number; red: number }>;
}

export interface CaseSupervision {
  /** asks the province for changes until it has them all, then checks the lights */
  sync(): Promise<void>;
  /** recomputes every light on the hall clock; returns the cases whose light got worse */
  check(): Array<{ caseNo: string; light: CaseLight }>;
  view(): SupervisionView;
  board(): { at: string; rows: BoardRow[]; departments: Array<{ departmentName: string; onTimeRate: number | null; finished: number }> };
  /** 并联审批: the zone wall's projects, each with its departments' steps and lights */
  parallel(): { at: string; projects: ParallelProject[] };
  /** one 并联审批 project, for the applicant following it (kiosk, phone); null for a case of one department */
  parallelOf(caseNo: string): ParallelProject | null;
  handle(id: number, by: string, note: string): CaseWarningRow | null;
  /** called after every change of lights or cases (for live screens) */
  onChange(listener: () => void): () => void;
  close(): void;
}

const PAGE = 500;
/** projects on the 并联审批 zone's wall: more than a screen shows, fewer than a hub should send every minute */
const PARALLEL_ROWS = 60;
const DAY = 86_400_000;

/**
 * 办件监督 on the hub: keeps the province's cases (sealed at rest), lights each on its time limit by the hall
 * calendar, and when a light gets worse records the warning and — in the same transaction — the SMS to the
 * department's responsible people. A restart finds the lights it had, so nobody is told twice.
 */
export function startCaseSupervision(deps: CaseSupervisionDeps): CaseSupervision {
  const { store, clock, logger, rules } = deps;
  const held = new Map<string, { record: SupervisedCase; light: CaseLight | null }>();
  for (const e of store.all()) held.set(e.record.caseNo, e);
  const listeners = new Set<() => void>();
  let lastSyncAt: number | null = null;
  let lastCheckAt: number | null = null;
  let lastError: string | null = null;
  let syncing: Promise<void> | null = null;
  /** cases came from the feed since the last check */
  let fresh = false;

  const changed = () => {
    for (const l of listeners) l();
  };

  function judgedNow(now: number): JudgedCase[] {
    return [...held.values()].map((e) => judge(rules, e.record, now));
  }

  function check(): Array<{ caseNo: string; light: CaseLight }> {
    const now = clock.now();
    const worse: Array<{ caseNo: string; light: CaseLight }> = [];
    // Retention: finished cases past their keeping leave the hot set (and the board); their warnings stay.
    const dropped = store.dropFinished(now - deps.keepFinishedMs);
    for (const caseNo of dropped) held.delete(caseNo);
    let any = dropped.length > 0;
    for (const j of judgedNow(now)) {
      const e = held.get(j.record.caseNo)!;
      if (e.light === j.light) continue;
      any = true;
      const worsened = e.light === null ? j.light !== 'green' : severity(j.light) > severity(e.light);
      const open = j.record.finishedAt === null;
      const phones = deps.phonesOf(j.record.departmentCode);
      const notice = () => {
        if (!deps.outbox || !phones.length || !open || j.light === 'green') return;
        deps.outbox.append(caseLightNotice({ hallId: deps.hall.id, hallName: deps.hall.name, toCipher: phones, at: now }, { ...j.record, remainingWorkingDays: j.clock.remainingWorkingDays }, j.light));
      };
      // A finished case is judged, not warned about: its light says whether it kept its limit.
      const raised = store.setLight(j.record.caseNo, j.light, now, open && worsened ? { alongside: notice } : null);
      e.light = j.light;
      if (open && worsened) worse.push({ caseNo: j.record.caseNo, light: j.light });
      if (raised) logger.info({ caseNo: raised.caseNo, light: raised.light, department: raised.departmentCode }, 'case light warning');
    }
    lastCheckAt = now;
    if (worse.length && deps.outbox) deps.written();
    if (any || fresh) changed();
    fresh = false;
    return worse;
  }

  async function pull(): Promise<void> {
    for (let page = 0; page < 1000; page++) {
      const r = await deps.source.fetch(store.cursor(), PAGE);
      if (r.status === 'error') {
        lastError = r.error;
        logger.warn({ error: r.error }, 'case feed: province not reachable; supervising the cases held');
        return;
      }
      store.put(r.page.cases, r.page.cursor);
      for (const c of r.page.cases) held.set(c.caseNo, { record: c, light: held.get(c.caseNo)?.light ?? null });
      // A new or finished case changes the board even when no light moves (told once, by the check after the pull).
      if (r.page.cases.length) fresh = true;
      lastError = null;
      lastSyncAt = clock.now();
      if (!r.page.more) break;
    }
  }

  async function sync(): Promise<void> {
    while (syncing) await syncing;
    syncing = pull()
      .then(() => void check())
      .catch((err: unknown) => {
        lastError = (err as Error).message;
        logger.error({ err }, 'case feed failed');
      });
    try {
      await syncing;
    } finally {
      syncing = null;
    }
  }

  function status(): SupervisionStatus {
    let open = 0;
    for (const e of held.values()) if (e.record.finishedAt === null) open += 1;
    const iso = (t: number | null) => (t === null ? null : new Date(t).toISOString());
    return { cases: held.size, open, lastSyncAt: iso(lastSyncAt), lastError, lastCheckAt: iso(lastCheckAt) };
  }

  function trend(warnings: readonly CaseWarningRow[], now: number): SupervisionView['trend'] {
    const days: SupervisionView['trend'] = [];
    const dayOf = (t: number) => hallTime(t, rules.timeZone).day;
    for (let i = 13; i >= 0; i--) days.push({ day: dayOf(now - i * DAY), yellow: 0, red: 0 });
    for (const w of warnings) {
      const d = days.find((x) => x.day === dayOf(w.at));
      if (d) d[w.light] += 1;
    }
    return days;
  }

  const poll = setInterval(() => void sync(), deps.pollMs);
  const tick = setInterval(() => void check(), deps.checkMs);
  poll.unref();
  tick.unref();
  void sync();

  return {
    sync,
    check,
    view() {
      const now = clock.now();
      const { departments, attention } = supervisionFigures(rules, judgedNow(now), now);
      const warnings = store.warnings({ since: now - 30 * DAY });
      return { at: new Date(now).toISOString(), status: status(), departments, attention, warnings, trend: trend(warnings, now) };
    },
    board() {
      const now = clock.now();
      return { at: new Date(now).toISOString(), ...caseBoard(rules, judgedNow(now), now, deps.board) };
    },
    parallel() {
      const now = clock.now();
      return { at: new Date(now).toISOString(), projects: parallelBoard(rules, [...held.values()].map((e) => e.record), now, { rows: PARALLEL_ROWS, finishedDays: deps.board.days }) };
    },
    parallelOf(caseNo) {
      const c = held.get(caseNo)?.record;
      return c && isParallelCase(c) ? parallelProject(rules, c, clock.now()) : null;
    },
    handle(id, by, note) {
      const r = store.handle(id, by, note, clock.now());
      if (r) changed();
      return r;
    },
    onChange(listener) {
      listeners.add(listener);
      return () => void listeners.delete(listener);
    },
    close() {
      clearInterval(poll);
      clearInterval(tick);
      deps.source.close();
    },
  };
}
