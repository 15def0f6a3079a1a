import type {
  Calendar,
  LineConfig,
  Policy,
  StaffConfig,
  WarningThresholds,
  WindowConfig,
} from '../hall-vocabulary.js';

/** The parts of the hall configuration the queue obeys, indexed for lookup. */
export interface QueueRules {
  readonly timeZone: string;
  readonly calendar: Calendar;
  readonly lines: ReadonlyMap<string, LineConfig>;
  readonly windows: ReadonlyMap<string, WindowConfig>;
  readonly staff: ReadonlyMap<string, StaffConfig>;
  readonly priorityGroups: ReadonlySet<string>;
  readonly policy: Policy;
  readonly warnings: WarningThresholds;
  /** line id → windows serving it, with the order the window gives the line */
  readonly windowsByLine: ReadonlyMap<string, ReadonlyArray<{ windowNo: string; order: number }>>;
  /** how long after a service a rating at its window that names no ticket still goes to it */
  readonly ratingAtWindowMs: number;
}

/** What the queue reads of the hall configuration (the whole HallConfig fits). */
export interface QueueRulesSource {
  readonly hall: { readonly timeZone: string };
  readonly calendar: Calendar;
  readonly lines: readonly LineConfig[];
  readonly windows: readonly WindowConfig[];
  readonly staff: readonly StaffConfig[];
  readonly priorityGroups: ReadonlyArray<{ readonly id: string }>;
  readonly policy: Policy;
  readonly warnings: WarningThresholds;
  readonly evaluation: { readonly atWindowMinutes: number };
}

export function queueRulesFrom(config: QueueRulesSource): QueueRules {
  const windowsByLine = new Map<string, Array<{ windowNo: string; order: number }>>();
  for (const w of config.windows) {
    for (const l of w.lines) {
      const list = windowsByLine.get(l.line) ?? [];
      list.push({ windowNo: w.no, order: l.order });
      windowsByLine.set(l.line, list);
    }
  }
  return {
    timeZone: config.hall.timeZone,
    calendar: config.calendar,
    lines: new Map(config.lines.map((l) => [l.id, l])),
    windows: new Map(config.windows.map((w) => [w.no, w])),
    staff: new Map(config.staff.map((s) => [s.no, s])),
    priorityGroups: new Set(config.priorityGroups.map((g) => g.id)),
    policy: config.policy,
    warnings: config.warnings,
    windowsByLine,
    ratingAtWindowMs: config.evaluation.atWindowMinutes * 60_000,
  };
}

export function thresholdsFor(rules: QueueRules, lineId: string): WarningThresholds {
  return { ...rules.warnings, ...(rules.lines.get(lineId)?.warnings ?? {}) };
}
