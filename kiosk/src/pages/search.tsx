import type { SearchIndex } from '@hall/shared';
// Leaf modules only: the package index pulls in every TypeBox schema, which the kiosk does not need at run time.
import { createSearcher } from '@hall/shared/search/searcher';
import { useEffect, useMemo, useState } from 'preact/hooks';
import { SearchInput } from '../components/search-input.js';
import { MatchReason } from '../components/match-reason.js';
import { NoResults } from '../components/no-results.js';
import { Refusal } from '../components/refusal.js';
import { cachedGet, type ApiResult } from '../net/api.js';
import { go, t } from '../store/store.js';

const COMMON = ['营业执照', '企业设立', '食品经营', '药品经营', '公积金', '建设工程', '护士执业', '社会团体'];

function Highlighted({ text, ranges }: { text: string; ranges: ReadonlyArray<readonly [number, number]> }) {
  const parts: preact.ComponentChildren[] = [];
  let at = 0;
  for (const [start, end] of ranges) {
    if (start > at) parts.push(text.slice(at, start));
    parts.push(<mark key={start}>{text.slice(start, end)}</mark>);
    at = end;
  }
  if (at < text.length) parts.push(text.slice(at));
  return <span>{parts}</span>;
}

/**
 * Search as the visitor types: Chinese, pinyin initials (yyzz) or full pinyin, colloquial names (开公司).
 * The index comes from the hub once (and from the kiosk's cache when the hub is away); matching runs here.
 */
export function SearchPage() {
  const [query, setQuery] = useState('');
  const [index, setIndex] = useState<ApiResult<SearchIndex> | null>(null);
  useEffect(() => {
    void cachedGet<SearchIndex>('/api/catalog/search-index').then(setIndex);
  }, []);
  const searcher = useMemo(() => (index?.ok ? createSearcher(index.data) : null), [index]);
  const deptOf = useMemo(() => new Map(index?.ok ? index.data.entries.map((e) => [e.id, e.deptName]) : []), [index]);
  const results = useMemo(() => (searcher && query.trim() ? searcher.search(query, 30) : []), [searcher, query]);
  return (
    <main>
      <h2>{t('search')}</h2>
      <input
        class="search-box"
        value={query}
        placeholder={t('searchPlaceholder')}
        aria-label={t('searchPlaceholder')}
        onInput={(e) => setQuery((e.target as HTMLInputElement).value)}
      />
      <SearchInput query={query} setQuery={setQuery} index={index?.ok ? index.data : null} />
      {index && !index.ok && <Refusal error={index.error} />}
      {!query.trim() && (
        <section>
          <h3>{t('commonSearches')}</h3>
          <div class="row">
            {COMMON.map((c) => (
              <button type="button" class="btn" key={c} onClick={() => setQuery(c)}>
                {c}
              </button>
            ))}
          </div>
        </section>
      )}
      {query.trim() && searcher && index?.ok && results.length === 0 && <NoResults index={index.data} query={query} />}
      <div class="list" aria-live="polite">
        {results.map((r) => (
          <button type="button" class="item" key={r.id} onClick={() => go({ name: 'guide', id: r.id })}>
            <Highlighted text={r.name} ranges={r.highlight} />
            <small>
              {deptOf.get(r.id)}
              <MatchReason hit={r} />
            </small>
          </button>
        ))}
      </div>
    </main>
  );
}
