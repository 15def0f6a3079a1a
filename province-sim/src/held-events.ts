import { Value } from '@sinclair/typebox/value';
import { UplinkBatchBodySchema, type UplinkBatchBody } from '@hall/shared';

/** One event as the provincial platform holds it. */
export interface HeldEvent {
  hallId: string;
  stream: string;
  key: string;
  seq: number;
  type: string;
  at: number;
  data: Record<string, unknown>;
  receivedAt: number;
  via: 'https' | 'mqtt';
}

/** A batch as it arrives, in the protocol's shape (shared/src/province.ts). */
export type IncomingBatch = UplinkBatchBody;

export interface SimStats {
  requests: number;
  accepted: number;
  duplicates: number;
  badSignatures: number;
  badBodies: number;
  outOfOrder: number;
  failedOnPurpose: number;
  mqttMessages: number;
  downlinkRequests: number;
  /** downlink requests answered 304 Not Modified (the hall's ETag was current) */
  notModified: number;
}

/** Checks the shape of a batch without trusting it. */
export function asBatch(v: unknown): IncomingBatch | null {
  return Value.Check(UplinkBatchBodySchema, v) ? v : null;
}

/**
 * What the province received: every event once (deduplicated on its key), in arrival order per hall and
 * stream, with a count of events that arrived behind a later one of the same stream (must stay 0).
 */
export type HeldEvents = ReturnType<typeof createHeldEvents>;

export function createHeldEvents() {
  const held = new Map<string, HeldEvent[]>();
  const keys = new Set<string>();
  const lastSeq = new Map<string, number>();
  const listeners = new Set<() => void>();
  const stats: SimStats = { requests: 0, accepted: 0, duplicates: 0, badSignatures: 0, badBodies: 0, outOfOrder: 0, failedOnPurpose: 0, mqttMessages: 0, downlinkRequests: 0, notModified: 0 };

  function accept(b: IncomingBatch, via: HeldEvent['via'], now: number): { accepted: number; duplicates: number } {
    const id = `${b.hallId}/${b.stream}`;
    let list = held.get(id);
    if (!list) held.set(id, (list = []));
    let accepted = 0;
    let duplicates = 0;
    for (const e of b.events) {
      if (keys.has(e.key)) {
        duplicates += 1;
        continue;
      }
      if (e.seq <= (lastSeq.get(id) ?? 0)) stats.outOfOrder += 1;
      lastSeq.set(id, e.seq);
      keys.add(e.key);
      list.push({ hallId: b.hallId, stream: b.stream, key: e.key, seq: e.seq, type: e.type, at: e.at, data: e.data, receivedAt: now, via });
      accepted += 1;
    }
    stats.accepted += accepted;
    stats.duplicates += duplicates;
    if (accepted > 0) for (const l of listeners) l();
    return { accepted, duplicates };
  }

  return {
    stats,
    accept,
    list(stream?: string, hallId?: string): HeldEvent[] {
      const out: HeldEvent[] = [];
      for (const list of held.values()) {
        for (const e of list) if ((stream === undefined || e.stream === stream) && (hallId === undefined || e.hallId === hallId)) out.push(e);
      }
      return out;
    },
    count: () => keys.size,
    onChange(l: () => void): () => void {
      listeners.add(l);
      return () => listeners.delete(l);
    },
  };
}
