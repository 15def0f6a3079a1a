import type { PlayRecord } from '@hall/shared';
import { PLAY_REPORT_MAX_BYTES } from '@hall/shared/signage-limits';
import type { UnnumberedRecord } from './play-order.js';

/** Where the log keeps itself: localStorage on the page, a Map in tests. Synchronous, so a record survives a reload the instant it is made. */
export interface KeyValueStore {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
}

/**
 * The hub's acknowledgement of a batch: how many of its records were new to it, and the highest seq it now holds
 * for this screen.
 */
export interface BatchStored {
  stored: number;
  hubSeq: number;
}

/**
 * Sends one batch: the acknowledgement when the hub stored it; 'refused' when it answered that it never will take
 * it (records it finds invalid: sent again they would block every later record); 'failed' when no answer came
 * (down, timed out) — kept, and sent again.
 */
export type SendBatch = (records: PlayRecord[]) => Promise<BatchStored | 'refused' | 'failed'>;

export interface PlayLog {
  /** numbers a record (seq counts up per display, across reloads) and queues it */
  record(r: UnnumberedRecord): PlayRecord;
  /** what is waiting for an acknowledgement, oldest first */
  pending(): PlayRecord[];
  /** sends the queue in batches, oldest first, until it is empty or a batch is not acknowledged; one flush at a time: one asked for meanwhile runs after it */
  flush(send: SendBatch): Promise<void>;
}

const SEQ = 'hall.display.pop.seq';
const QUEUE = 'hall.display.pop.queue';
/** the contract's largest batch (PlayReportSchema), in records */
const BATCH = 500;

/**
 * The oldest records that fit one batch: at most BATCH records and PLAY_REPORT_MAX_BYTES of JSON (a larger socket
 * message makes the hub close the connection), and always at least one.
 */
export function nextBatch(queue: readonly PlayRecord[]): PlayRecord[] {
  let bytes = 32; // {"records":[...]} and the event's framing
  let n = 0;
  while (n < queue.length && n < BATCH) {
    const size = new TextEncoder().encode(JSON.stringify(queue[n])).length + 1;
    if (n > 0 && bytes + size > PLAY_REPORT_MAX_BYTES) break;
    bytes += size;
    n += 1;
  }
  return queue.slice(0, n);
}
/**
 * About a day's opening hours of two regions each showing an item every 10 s. The queue is written whole with
 * each record (a ~1 MB string at most, so the write never holds the main thread long on a slow box); a screen cut
 * off longer than that keeps its newest records rather than failing to keep any.
 */
const KEEP = 6_000;

/**
 * Proof of play, kept durably on the page: each record is numbered and written to storage before anything is
 * sent; a record leaves the queue only when the hub has acknowledged its batch, so records made while the hub
 * was away (or before a reload) are sent when the link is back. The hub stores each seq once, so a batch resent
 * after a lost acknowledgement is harmless.
 */
export function createPlayLog(store: KeyValueStore): PlayLog {
  const read = (): PlayRecord[] => {
    try {
      const v = JSON.parse(store.getItem(QUEUE) ?? '[]') as unknown;
      return Array.isArray(v) ? (v as PlayRecord[]) : [];
    } catch {
      return [];
    }
  };
  const write = (q: readonly PlayRecord[]) => {
    try {
      store.setItem(QUEUE, JSON.stringify(q));
    } catch {
      // Storage full: the records stay in memory until sent; a reload before then loses them.
    }
  };
  let queue = read();
  let seq = Math.max(Number(store.getItem(SEQ) ?? '0') || 0, queue.at(-1)?.seq ?? 0);
  let running: Promise<void> | null = null;
  /** a flush asked for while one runs (e.g. the link came back while a send was timing out): runs after it */
  let again: SendBatch | null = null;

  /** numbers the queue again after the hub's highest seq (see drain) */
  function renumberAfter(hubSeq: number): void {
    seq = hubSeq;
    queue = queue.map((r) => ({ ...r, seq: ++seq }));
    try {
      store.setItem(SEQ, String(seq));
    } catch {
      // see write()
    }
    write(queue);
  }

  async function drain(send: SendBatch): Promise<void> {
    while (queue.length > 0) {
      const batch = nextBatch(queue);
      const answer = await send(batch).catch(() => 'failed' as const);
      if (answer === 'failed') return;
      // The hub holds numbers past any this page has made and took this batch as already held: the page's count
      // started again (its storage was cleared, or a new box took over the display's id). Sent again under new
      // numbers, the records are stored instead of dropped as repeats.
      if (answer !== 'refused' && answer.hubSeq > seq && answer.stored < batch.length) {
        renumberAfter(answer.hubSeq);
        continue;
      }
      if (answer !== 'refused' && answer.hubSeq > seq) seq = answer.hubSeq;
      const sent = batch.at(-1)!.seq;
      queue = queue.filter((r) => r.seq > sent);
      write(queue);
    }
  }

  return {
    record(r) {
      seq += 1;
      const rec: PlayRecord = { seq, ...r };
      try {
        store.setItem(SEQ, String(seq));
      } catch {
        // see write(): the queue's last record still carries the seq
      }
      queue = [...queue, rec].slice(-KEEP);
      write(queue);
      return rec;
    },
    pending: () => [...queue],
    flush(send) {
      if (running) {
        again = send;
        return running;
      }
      running = (async () => {
        await drain(send);
        while (again) {
          const next = again;
          again = null;
          await drain(next);
        }
      })().finally(() => (running = null));
      return running;
    },
  };
}
