import type { CaseProgress } from '@hall/shared';
import type { CaseSource, ProvinceCase } from '../ports/case-source.js';
import type { Clock } from '../ports/clock.js';

export type CaseAnswer = { status: 'found'; case: CaseProgress } | { status: 'not-found' } | { status: 'unavailable'; error: string };

/**
 * 办件查询 for the kiosk: asks the province, keeps found and not-found answers for `cacheMs` (a visitor who
 * taps again, or the next in line with the same receipt, does not cost a round trip), never keeps a failure.
 */
export function createCaseQuery(deps: { source: CaseSource; clock: Clock; cacheMs: number; maxEntries?: number }) {
  const cache = new Map<string, { at: number; answer: { status: 'found'; case: ProvinceCase } | { status: 'not-found' } }>();
  const max = deps.maxEntries ?? 500;

  function progress(c: ProvinceCase, fetchedAt: number, cached: boolean): CaseProgress {
    const reached = c.stages.filter((s) => s.at !== null);
    return {
      ...c,
      current: (reached[reached.length - 1] ?? c.stages[0]!).stage,
      fetchedAt: new Date(fetchedAt).toISOString(),
      cached,
    };
  }

  return {
    async lookup(caseNo: string, idLast4: string | null): Promise<CaseAnswer> {
      const k = `${caseNo.toUpperCase()}|${idLast4?.toUpperCase() ?? ''}`;
      const now = deps.clock.now();
      const hit = cache.get(k);
      if (hit && now - hit.at < deps.cacheMs) {
        return hit.answer.status === 'found' ? { status: 'found', case: progress(hit.answer.case, hit.at, true) } : hit.answer;
      }
      const r = await deps.source.lookup(caseNo, idLast4);
      if (r.status === 'unavailable') return r;
      if (deps.cacheMs > 0) {
        if (cache.size >= max) cache.delete(cache.keys().next().value!);
        cache.delete(k);
        cache.set(k, { at: now, answer: r });
      }
      return r.status === 'found' ? { status: 'found', case: progress(r.case, now, false) } : r;
    },
    close: () => deps.source.close(),
  };
}
export type CaseQuery = ReturnType<typeof createCaseQuery>;
