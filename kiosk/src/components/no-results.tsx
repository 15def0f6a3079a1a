import type { SearchIndex, Topic } from '@hall/shared';
import { useEffect, useMemo, useState } from 'preact/hooks';
import { cachedGet, post } from '../net/api.js';
import { go, t } from '../store/store.js';

const SHOWN = 4;

/** How many of the query's characters a text shares (a visitor's words, even misspelt, point somewhere). */
function shared(query: string, text: string): number {
  let n = 0;
  for (const c of new Set(query)) if (c.trim() && text.includes(c)) n++;
  return n;
}

/** The departments whose services share most characters with the query; the largest when none does. */
export function closestDepartments(index: SearchIndex, query: string): Array<{ code: string; name: string }> {
  const score = new Map<string, { code: string; name: string; score: number; size: number }>();
  for (const e of index.entries) {
    const d = score.get(e.deptCode) ?? { code: e.deptCode, name: e.deptName, score: 0, size: 0 };
    d.score = Math.max(d.score, shared(query, e.name) * 2 + shared(query, e.deptName));
    d.size++;
    score.set(e.deptCode, d);
  }
  return [...score.values()].sort((a, b) => b.score - a.score || b.size - a.size).slice(0, SHOWN);
}

/**
 * Never a dead end: when nothing matches, the closest departments and topics, and a button that asks staff to
 * come (the console hears it at once).
 */
export function NoResults({ index, query }: { index: SearchIndex; query: string }) {
  const [topics, setTopics] = useState<Topic[]>([]);
  const [asked, setAsked] = useState<'no' | 'sending' | 'ok' | 'failed'>('no');
  useEffect(() => {
    void cachedGet<Topic[]>('/api/catalog/topics').then((r) => r.ok && setTopics(r.data));
  }, []);
  const departments = useMemo(() => closestDepartments(index, query), [index, query]);
  const closeTopics = useMemo(() => [...topics].sort((a, b) => shared(query, b.name) - shared(query, a.name)).slice(0, SHOWN), [topics, query]);
  const ask = () => {
    setAsked('sending');
    void post('/api/help-requests', { query: query.slice(0, 100) }).then((r) => setAsked(r.ok ? 'ok' : 'failed'));
  };
  return (
    <section class="no-results" aria-live="polite">
      <p>{t('noResults')}</p>
      <h3>{t('closestDepartments')}</h3>
      <div class="row">
        {departments.map((d) => (
          <button type="button" class="btn" key={d.code} onClick={() => go({ name: 'department', code: d.code, title: d.name })}>
            {d.name}
          </button>
        ))}
      </div>
      {closeTopics.length > 0 && <h3>{t('closestTopics')}</h3>}
      <div class="row">
        {closeTopics.map((x) => (
          <button type="button" class="btn" key={x.id} onClick={() => go({ name: 'topic', id: x.id, title: x.name })}>
            {x.name}
          </button>
        ))}
      </div>
      {asked === 'ok' ? (
        <p class="help-status" role="status">{t('staffComing')}</p>
      ) : (
        <button type="button" class="btn primary ask-staff" disabled={asked === 'sending'} onClick={ask}>
          {t('askStaff')}
        </button>
      )}
      {asked === 'failed' && <p class="help-status" role="status">{t('staffFailed')}</p>}
    </section>
  );
}
