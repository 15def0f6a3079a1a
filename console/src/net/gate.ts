import { pageRefusal } from '../store/store.js';
import { get } from './api.js';

/**
 * Loads what a manager page is built on. A refusal (403 for a staff account) replaces the page with the
 * hub's own message, so the reason is shown, never a blank screen.
 */
export async function loadForPage<T>(path: string, into: (data: T) => void): Promise<boolean> {
  const r = await get<T>(path);
  // Unreachable is no refusal: the page stays, with what it has, under the outage banner.
  if (!r.ok && r.status === 0) return false;
  if (!r.ok) {
    pageRefusal.value = { status: r.status, error: r.error };
    return false;
  }
  into(r.data);
  return true;
}
