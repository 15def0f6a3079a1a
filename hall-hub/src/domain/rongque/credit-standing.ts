import type { CreditEntry, CreditStanding } from '@hall/shared';

/**
 * Where an applicant stands on the province's credit lists, by the keyed hash of their number. A listing counts
 * from its `listedAt` until its `until` (exclusive); a subject on both lists is treated as blacklisted — the
 * black list is what 容缺 must not overlook, and the red list only ever makes things easier.
 */
export function creditStandingOf(entries: readonly CreditEntry[], subject: string, now: number): CreditStanding {
  let red: CreditEntry | null = null;
  for (const e of entries) {
    if (e.subject !== subject) continue;
    if (Date.parse(e.listedAt) > now) continue;
    if (e.until !== null && Date.parse(e.until) <= now) continue;
    if (e.list === 'black') return { list: 'black', reason: e.reason };
    red ??= e;
  }
  return red ? { list: 'red', reason: red.reason } : { list: 'none', reason: null };
}

/** An index of the lists by subject, for a hall that checks many applicants against a long list. */
export function indexCreditLists(entries: readonly CreditEntry[]): Map<string, CreditEntry[]> {
  const bySubject = new Map<string, CreditEntry[]>();
  for (const e of entries) {
    const list = bySubject.get(e.subject);
    if (list) list.push(e);
    else bySubject.set(e.subject, [e]);
  }
  return bySubject;
}
