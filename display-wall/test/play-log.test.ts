import type { PlayRecord } from '@hall/shared';
import { describe, expect, it } from 'vitest';
import { PLAY_REPORT_MAX_BYTES } from '@hall/shared/signage-limits';
import { createPlayLog, type KeyValueStore } from '../src/signage/play-log.js';
import type { UnnumberedRecord } from '../src/signage/play-order.js';

const memory = (): KeyValueStore & { data: Map<string, string> } => {
  const data = new Map<string, string>();
  return { data, getItem: (k) => data.get(k) ?? null, setItem: (k, v) => void data.set(k, v) };
};
const rec = (mediaId: string): UnnumberedRecord => ({
  campaignId: 'c1',
  mediaId,
  page: null,
  regionId: 'm1',
  startedAt: '2026-12-07T02:00:00.000Z',
  endedAt: '2026-12-07T02:00:10.000Z',
  complete: true,
});

/** A hub that acknowledges when it is up, and what it stored: once per seq, as the real one (a repeat is dropped). */
function hub(stored = new Map<number, PlayRecord>()) {
  const batches: number[][] = [];
  let up = true;
  return {
    stored,
    batches,
    set up(v: boolean) {
      up = v;
    },
    send: async (records: PlayRecord[]) => {
      batches.push(records.map((r) => r.seq));
      if (!up) return 'failed' as const;
      const fresh = records.filter((r) => !stored.has(r.seq));
      for (const r of fresh) stored.set(r.seq, r);
      return { stored: fresh.length, hubSeq: Math.max(0, ...stored.keys()) };
    },
  };
}

describe('proof of play is kept on the page until the hub acknowledges it', () => {
  it('numbers records from 1 and keeps counting across a reload (a new log on the same storage)', () => {
    const store = memory();
    const log = createPlayLog(store);
    expect([log.record(rec('a')).seq, log.record(rec('b')).seq]).toEqual([1, 2]);
    const reloaded = createPlayLog(store);
    expect(reloaded.pending().map((r) => r.mediaId)).toEqual(['a', 'b']);
    expect(reloaded.record(rec('c')).seq).toBe(3);
  });

  it('a batch the hub does not acknowledge stays queued and is sent again when the link is back', async () => {
    const store = memory();
    const h = hub();
    const log = createPlayLog(store);
    h.up = false;
    log.record(rec('a'));
    log.record(rec('b'));
    await log.flush(h.send);
    expect(log.pending().map((r) => r.seq)).toEqual([1, 2]);
    // reloaded while the hub is away: still there
    const again = createPlayLog(store);
    again.record(rec('c'));
    h.up = true;
    await again.flush(h.send);
    expect([...h.stored.keys()]).toEqual([1, 2, 3]);
    expect(again.pending()).toEqual([]);
    expect(createPlayLog(store).pending()).toEqual([]);
  });

  it('sends batches oldest first, each within the hub’s message size and 500 records, until the queue is empty', async () => {
    const log = createPlayLog(memory());
    for (let i = 0; i < 1_203; i++) log.record(rec(`m${i}`));
    const h = hub();
    const sizes: number[] = [];
    await log.flush(async (records) => {
      sizes.push(new TextEncoder().encode(JSON.stringify({ records })).length);
      return h.send(records);
    });
    // contiguous and in order: batch k starts where batch k-1 ended
    expect(h.batches.flat()).toEqual(Array.from({ length: 1_203 }, (_, i) => i + 1));
    expect(h.batches.length).toBeGreaterThan(2);
    for (const b of h.batches) expect(b.length).toBeLessThanOrEqual(500);
    for (const n of sizes) expect(n).toBeLessThanOrEqual(PLAY_REPORT_MAX_BYTES);
    // full batches: every one but the last would pass the limit with one more record
    for (const n of sizes.slice(0, -1)) expect(n).toBeGreaterThan(PLAY_REPORT_MAX_BYTES - 400);
    expect(h.stored.size).toBe(1_203);
  });

  it('a record made while a batch is on its way is sent after it; a flush asked for meanwhile does not send twice at once', async () => {
    const log = createPlayLog(memory());
    const sent: number[][] = [];
    let inFlight = 0;
    let most = 0;
    const slow = async (records: PlayRecord[]) => {
      inFlight += 1;
      most = Math.max(most, inFlight);
      await Promise.resolve();
      sent.push(records.map((r) => r.seq));
      inFlight -= 1;
      return { stored: records.length, hubSeq: records.at(-1)!.seq };
    };
    log.record(rec('a'));
    const first = log.flush(slow);
    log.record(rec('b'));
    const second = log.flush(slow);
    await Promise.all([first, second]);
    expect(sent.flat()).toEqual([1, 2]);
    expect(most).toBe(1);
    expect(log.pending()).toEqual([]);
  });

  it('a batch the hub refuses (it will never take it) is dropped, so it cannot hold back the records after it', async () => {
    const log = createPlayLog(memory());
    log.record(rec('bad'));
    const refuse = async (records: PlayRecord[]) => (records[0]!.mediaId === 'bad' ? ('refused' as const) : { stored: records.length, hubSeq: records.at(-1)!.seq });
    await log.flush(refuse);
    log.record(rec('good'));
    const h = hub();
    await log.flush(h.send);
    expect([...h.stored.values()].map((r) => [r.seq, r.mediaId])).toEqual([[2, 'good']]);
  });

  it('a send that throws counts as not acknowledged', async () => {
    const log = createPlayLog(memory());
    log.record(rec('a'));
    await log.flush(() => Promise.reject(new Error('socket closed')));
    expect(log.pending().map((r) => r.seq)).toEqual([1]);
  });

  it('a screen whose storage was cleared numbers again after what the hub holds, so its records are stored, not dropped as repeats', async () => {
    const h = hub();
    const before = createPlayLog(memory());
    for (const m of ['a', 'b', 'c']) before.record(rec(m));
    await before.flush(h.send);
    // The box's storage is wiped (or a new box takes the display's id): its count starts at 1 again.
    const after = createPlayLog(memory());
    after.record(rec('d'));
    after.record(rec('e'));
    await after.flush(h.send);
    expect([...h.stored.values()].map((r) => [r.seq, r.mediaId])).toEqual([[1, 'a'], [2, 'b'], [3, 'c'], [4, 'd'], [5, 'e']]);
    expect(after.pending()).toEqual([]);
    expect(after.record(rec('f')).seq).toBe(6);
  });

  it('an acknowledgement of a batch resent after a lost answer does not renumber anything', async () => {
    const h = hub();
    const log = createPlayLog(memory());
    log.record(rec('a'));
    log.record(rec('b'));
    // the hub stored the batch but its answer was lost
    await log.flush(async (records) => (await h.send(records), 'failed' as const));
    await log.flush(h.send);
    expect(h.batches).toEqual([[1, 2], [1, 2]]);
    expect([...h.stored.values()].map((r) => [r.seq, r.mediaId])).toEqual([[1, 'a'], [2, 'b']]);
    expect(log.record(rec('c')).seq).toBe(3);
  });
});
