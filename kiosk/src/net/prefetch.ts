import type { Department, Topic } from '@hall/shared';
import { cachedGet } from './api.js';

interface IndexEntry {
  id: string;
}

/**
 * Walks the catalog once after start-up, a few requests at a time, so that every guide (and the lists that
 * lead to them) is in IndexedDB before the network next fails. Slow on purpose: visitors come first.
 */
export async function prefetchGuides(): Promise<void> {
  const index = await cachedGet<{ entries: IndexEntry[] }>('/api/catalog/search-index');
  const depts = await cachedGet<Department[]>('/api/catalog/departments');
  const topics = await cachedGet<Topic[]>('/api/catalog/topics');
  const paths: string[] = [];
  if (depts.ok) for (const d of depts.data) paths.push(`/api/catalog/departments/${encodeURIComponent(d.code)}/services`);
  if (topics.ok) for (const x of topics.data) paths.push(`/api/catalog/topics/${encodeURIComponent(x.id)}/services`);
  if (index.ok) for (const e of index.data.entries) paths.push(`/api/catalog/services/${encodeURIComponent(e.id)}`);
  let cached = 0;
  let complete = true;
  const workers = Array.from({ length: 3 }, async () => {
    for (let p = paths.shift(); p !== undefined; p = paths.shift()) {
      const r = await cachedGet(p);
      if (!r.ok && r.offline) {
        complete = false; // the hub went away: the rest waits for the next start
        return;
      }
      cached += 1;
    }
  });
  await Promise.all(workers);
  // For the kiosk's health and for tests: how much of the catalog is held locally.
  document.documentElement.dataset.catalogCached = complete && index.ok ? 'all' : String(cached);
}
