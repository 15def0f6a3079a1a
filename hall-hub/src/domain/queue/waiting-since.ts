import type { QueueState } from './state.js';

/** One ticket that started waiting in a line, and when it was issued (its wait counts from then). */
export interface WaitingEntry {
  readonly at: number;
  readonly id: string;
}

/**
 * 最长等候: each line's longest-waiting visitor, kept as the events arrive, so that a line's view costs
 * O(log n) and not a pass over its waiting list — the view is rebuilt for every event, and a busy line holds
 * thousands. Per line a min-heap of issue times with lazy removal: an entry counts while its ticket is waiting
 * in that line. A ticket is pushed when it starts waiting in a line (issued, reinstated, transferred in), and
 * after each event the entries no longer waiting there are dropped off the top, so the top is the answer.
 * A ticket that leaves and comes back may be in the heap twice, with the same issue time: harmless.
 */
export type WaitingHeaps = Map<string, WaitingEntry[]>;

function current(state: QueueState, lineId: string, e: WaitingEntry): boolean {
  const t = state.tickets.get(e.id);
  return t !== undefined && t.status === 'waiting' && t.lineId === lineId;
}

export function noteWaiting(state: QueueState, lineId: string, id: string, at: number): void {
  let heap = state.waitingSince.get(lineId);
  if (!heap) state.waitingSince.set(lineId, (heap = []));
  heap.push({ at, id });
  let i = heap.length - 1;
  while (i > 0) {
    const parent = (i - 1) >> 1;
    if (heap[parent]!.at <= heap[i]!.at) break;
    [heap[parent], heap[i]] = [heap[i]!, heap[parent]!];
    i = parent;
  }
}

/** Drops the entries on top of the line's heap whose tickets no longer wait in the line. */
export function settleWaiting(state: QueueState, lineId: string): void {
  const heap = state.waitingSince.get(lineId);
  while (heap && heap.length > 0 && !current(state, lineId, heap[0]!)) popTop(heap);
}

function popTop(heap: WaitingEntry[]): void {
  const last = heap.pop()!;
  if (heap.length === 0) return;
  heap[0] = last;
  let i = 0;
  for (;;) {
    const l = 2 * i + 1;
    const r = l + 1;
    let min = i;
    if (l < heap.length && heap[l]!.at < heap[min]!.at) min = l;
    if (r < heap.length && heap[r]!.at < heap[min]!.at) min = r;
    if (min === i) return;
    [heap[min], heap[i]] = [heap[i]!, heap[min]!];
    i = min;
  }
}

/** When the line's longest-waiting ticket was issued; null when nobody waits in it. */
export function oldestWaitingAt(state: QueueState, lineId: string): number | null {
  return state.waitingSince.get(lineId)?.[0]?.at ?? null;
}

/** The heaps for a state whose lists were loaded whole (a snapshot), not built event by event. */
export function rebuildWaitingSince(state: QueueState): void {
  state.waitingSince.clear();
  for (const [lineId, q] of state.lines) {
    for (const id of [...q.priority, ...q.normal]) {
      const t = state.tickets.get(id);
      if (t) noteWaiting(state, lineId, id, t.issuedAt);
    }
  }
}
