import { createSearcher, type Department, type Guide, type SearchIndex, type Searcher, type ServiceSummary, type Topic } from '@hall/shared';
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
  dept?: string | undefined;
  lines: ReadonlyArray<{ line: string }>;
}

export interface TopicDefinition {
  id: string;
  name: string;
  kind: 'life-event' | 'topic';
  audience: 'person' | 'enterprise' | 'all';
  taskCodes: readonly string[];
}

/** A business type as the search index is built from it. */
export interface SearchSource {
  summary: ServiceSummary;
  aliases: readonly string[];
}

/** Builds the search index (pinyin and all) for the business types in force; given by the app layer. */
export type SearchIndexer = (sources: readonly SearchSource[]) => SearchIndex;

export interface CatalogIndex {
  readonly size: number;
  departments(): Department[];
  servicesOfDepartment(code: string): ServiceSummary[] | null;
  topics(): Topic[];
  servicesOfTopic(id: string): ServiceSummary[] | null;
  guide(id: string): Guide | null;
  /** every guide in force, in id order */
  allGuides(): Guide[];
  /** the queue line a business type's visitors take a ticket for, if the hall maps it */
  lineFor(id: string): string | null;
  /**
   * 一口受理: the department whose windows alone take a joint item (联办: other departments listed), when
   * the hall has windows of it on the item's line; null for any other business type.
   */
  leadDeptFor(id: string): string | null;
  /** the index the kiosks search with (built on first use, then kept as long as this catalog) */
  searchIndex(): SearchIndex;
  /** the same search as the kiosk's, over the same index, so the API and the kiosks agree */
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
  indexer: SearchIndexer,
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
  let searchIndex: SearchIndex | null = null;
  let searcher: Searcher | null = null;
  const builtSearchIndex = () => (searchIndex ??= indexer(live.map((r) => ({ summary: summaries.get(r.id)!, aliases: aliasesOf(r) }))));

  const lineWindows = (lineId: string) => windows.filter((w) => w.lines.some((l) => l.line === lineId));
  const leadDeptOf = new Map<string, string>();
  for (const r of live) {
    const line = lineOf.get(r.id);
    const dept = String(r.basic.dept_code ?? '');
    const joint = String(r.extend?.other_dept ?? '').trim() !== '';
    if (line && joint && dept && lineWindows(line.id).some((w) => w.dept === dept)) leadDeptOf.set(r.id, dept);
  }

  function routing(id: string): ServiceRouting {
    const line = lineOf.get(id);
    if (!line) return { lineId: null, lineName: null, windows: [] };
    const lead = leadDeptOf.get(id);
    return {
      lineId: line.id,
      lineName: line.name,
      windows: lineWindows(line.id)
        .filter((w) => lead === undefined || w.dept === lead)
        .map(({ no, name, zone }) => ({ no, name, zone })),
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
    allGuides: () => [...byId.values()].sort((a, b) => a.id.localeCompare(b.id)).map((r) => buildGuide(r, routing(r.id))),
    lineFor: (id) => lineOf.get(id)?.id ?? null,
    leadDeptFor: (id) => leadDeptOf.get(id) ?? null,
    searchIndex: builtSearchIndex,
    search(query, limit) {
      searcher ??= createSearcher(builtSearchIndex());
      return searcher.search(query, limit).map((hit) => summaries.get(hit.id)!);
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
