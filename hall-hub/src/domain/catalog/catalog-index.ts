import type { Department, Guide, ServiceSummary, Topic } from '@hall/shared';
import { aliasesOf, buildGuide, summaryOf, type ServiceRecord, type ServiceRouting } from './guide.js';

export interface RoutingLine {
  id: string;
  name: string;
  serves: { taskCodes: readonly string[]; deptCodes: readonly string[] };
}

export interface RoutingWindow {
  no: string;
  name: string;
  zone: string;
  lines: ReadonlyArray<{ line: string }>;
}

export interface TopicDefinition {
  id: string;
  name: string;
  kind: 'life-event' | 'topic';
  audience: 'person' | 'enterprise' | 'all';
  taskCodes: readonly string[];
}

export interface CatalogIndex {
  readonly size: number;
  departments(): Department[];
  servicesOfDepartment(code: string): ServiceSummary[] | null;
  topics(): Topic[];
  servicesOfTopic(id: string): ServiceSummary[] | null;
  guide(id: string): Guide | null;
  /** the queue line a business type's visitors take a ticket for, if the hall maps it */
  lineFor(id: string): string | null;
  search(query: string, limit: number): ServiceSummary[];
}

/**
 * The catalog as the kiosk and the console read it: business types in force (task_state 1), grouped by
 * department and topic, each routed to the hall's queue line and windows by the hall configuration
 * (a business type's own code first, then its item code, then its department).
 */
export function createCatalogIndex(
  records: readonly ServiceRecord[],
  lines: readonly RoutingLine[],
  windows: readonly RoutingWindow[],
  topicDefs: readonly TopicDefinition[],
): CatalogIndex {
  const live = records.filter((r) => r.basic.task_state === '1' || r.basic.task_state === undefined);
  const byId = new Map(live.map((r) => [r.id, r]));
  const lineOf = new Map<string, RoutingLine>();
  for (const r of live) {
    const line = routeLine(r, lines);
    if (line) lineOf.set(r.id, line);
  }
  const summaries = new Map(live.map((r) => [r.id, summaryOf(r, lineOf.get(r.id)?.id ?? null)]));
  const byDept = new Map<string, ServiceSummary[]>();
  for (const s of summaries.values()) {
    const list = byDept.get(s.deptCode) ?? [];
    list.push(s);
    byDept.set(s.deptCode, list);
  }
  const topicMembers = new Map(
    topicDefs.map((t) => {
      const codes = new Set(t.taskCodes);
      return [t.id, [...summaries.values()].filter((s) => codes.has(s.id) || codes.has(s.taskCode))];
    }),
  );
  const searchText = new Map(
    live.map((r) => [r.id, { name: summaries.get(r.id)!.name, aliases: aliasesOf(r), dept: summaries.get(r.id)!.deptName }]),
  );

  function routing(id: string): ServiceRouting {
    const line = lineOf.get(id);
    if (!line) return { lineId: null, lineName: null, windows: [] };
    return {
      lineId: line.id,
      lineName: line.name,
      windows: windows.filter((w) => w.lines.some((l) => l.line === line.id)).map(({ no, name, zone }) => ({ no, name, zone })),
    };
  }

  return {
    size: live.length,
    departments: () =>
      [...byDept.entries()]
        .map(([code, list]) => ({ code, name: list[0]!.deptName, services: list.length }))
        .sort((a, b) => a.code.localeCompare(b.code)),
    servicesOfDepartment: (code) => byDept.get(code) ?? null,
    topics: () =>
      topicDefs.map((t) => ({ id: t.id, name: t.name, kind: t.kind, audience: t.audience, services: topicMembers.get(t.id)?.length ?? 0 })),
    servicesOfTopic: (id) => topicMembers.get(id) ?? null,
    guide(id) {
      const r = byId.get(id);
      return r ? buildGuide(r, routing(id)) : null;
    },
    lineFor: (id) => lineOf.get(id)?.id ?? null,
    search(query, limit) {
      const q = query.trim().toLowerCase();
      if (q === '') return [];
      const scored: Array<{ s: ServiceSummary; score: number }> = [];
      for (const [id, t] of searchText) {
        const name = t.name.toLowerCase();
        let score = 0;
        if (name.startsWith(q)) score = 4;
        else if (name.includes(q)) score = 3;
        else if (t.aliases.some((a) => a.includes(q))) score = 2;
        else if (t.dept.includes(q)) score = 1;
        if (score > 0) scored.push({ s: summaries.get(id)!, score });
      }
      return scored
        .sort((a, b) => b.score - a.score || a.s.name.length - b.s.name.length || a.s.id.localeCompare(b.s.id))
        .slice(0, limit)
        .map((x) => x.s);
    },
  };
}

function routeLine(r: ServiceRecord, lines: readonly RoutingLine[]): RoutingLine | null {
  const taskCode = String(r.basic.task_code ?? '');
  const dept = String(r.basic.dept_code ?? '');
  return (
    lines.find((l) => l.serves.taskCodes.includes(r.id)) ??
    lines.find((l) => l.serves.taskCodes.includes(taskCode)) ??
    lines.find((l) => l.serves.deptCodes.includes(dept)) ??
    null
  );
}
