import type { Department, Guide, Topic } from '@hall/shared';
import { setMany } from 'idb-keyval';
import { cachedGet } from './api.js';

/**
 * After start-up, the whole catalog goes into IndexedDB — every guide in one document from the hub, then the
 * department and topic lists — so that all of it stays readable the next time the network fails.
 */
export async function prefetchGuides(): Promise<void> {
  const guides = await cachedGet<Guide[]>('/api/catalog/guides');
  if (guides.ok && !guides.cached) {
    await setMany(guides.data.map((g) => [`GET /api/catalog/services/${encodeURIComponent(g.id)}`, g])).catch(() => undefined);
  }
  await cachedGet('/api/catalog/search-index');
  const depts = await cachedGet<Department[]>('/api/catalog/departments');
  const topics = await cachedGet<Topic[]>('/api/catalog/topics');
  const lists: string[] = [];
  if (depts.ok) for (const d of depts.data) lists.push(`/api/catalog/departments/${encodeURIComponent(d.code)}/services`);
  if (topics.ok) for (const x of topics.data) lists.push(`/api/catalog/topics/${encodeURIComponent(x.id)}/services`);
  let complete = guides.ok && !guides.cached;
  for (const path of lists) {
    const r = await cachedGet(path);
    if (!r.ok || r.cached) complete = false;
  }
  // For the kiosk's health and for tests: whether the whole catalog is held locally.
  document.documentElement.dataset.catalogCached = complete ? 'all' : 'partial';
}
