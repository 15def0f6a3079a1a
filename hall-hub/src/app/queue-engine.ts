import type { QueueCommand } from '../domain/queue/commands.js';
import { decide } from '../domain/queue/decide.js';
import type { QueueEvent } from '../domain/queue/events.js';
import { evolve } from '../domain/queue/evolve.js';
import type { Refusal } from '../domain/queue/refusals.js';
import type { QueueRules } from '../domain/queue/rules.js';
import { SNAPSHOT_VERSION, fromSnapshot, toSnapshot, type QueueSnapshot } from '../domain/queue/snapshot.js';
import { emptyQueueState, type QueueState, type Ticket } from '../domain/queue/state.js';
import { hallTime } from '../domain/time/hall-time.js';
import type { Clock } from '../ports/clock.js';
import type { EventStore, StoredEvent, TicketRecords } from '../ports/event-store.js';

export type ExecuteResult =
  | { ok: true; ticketId: string | null; duplicate: boolean; events: StoredEvent[] }
  | { ok: false; refusal: Refusal };

export interface QueueEngineDeps {
  store: EventStore;
  records: TicketRecords;
  rules: QueueRules;
  clock: Clock;
  newId: () => string;
  /** events between snapshots */
  snapshotEvery?: number;
}

export interface QueueEngine {
  /** Decides, durably records, then applies. Returns only after the events are on disk. */
  execute(cmd: QueueCommand): ExecuteResult;
  /** Starts the new business day if the hall clock has passed midnight. */
  ensureDay(): void;
  readonly state: QueueState;
  readonly rules: QueueRules;
  now(): number;
  /** A ticket of today from memory, or of any day from the records. */
  ticket(id: string): Ticket | null;
  ticketByNumber(number: string, day?: string): Ticket | null;
  /** Called with each committed batch, in order. */
  onCommit(listener: (events: StoredEvent[]) => void): () => void;
  lastSeq(): number;
}

function ticketIdsOf(e: QueueEvent): string[] {
  switch (e.type) {
    case 'TicketIssued':
      return [e.ticket.id];
    case 'DayStarted':
    case 'AppointmentBooked':
    case 'WindowOpened':
    case 'WindowClosed':
    case 'WindowPaused':
    case 'WindowResumed':
      return [];
    default:
      return [e.ticketId];
  }
}

export function createQueueEngine(deps: QueueEngineDeps): QueueEngine {
  const { store, records, rules, clock } = deps;
  const snapshotEvery = deps.snapshotEvery ?? 1000;
  const listeners = new Set<(events: StoredEvent[]) => void>();
  let state = load();
  let lastSnapshotSeq = store.latestSnapshot()?.seq ?? 0;

  function load(): QueueState {
    const snap = store.latestSnapshot();
    let s = emptyQueueState();
    let from = 0;
    if (snap) {
      const parsed = JSON.parse(snap.data) as QueueSnapshot;
      // A snapshot from an older hub version is ignored: replaying the log rebuilds the state exactly.
      if (parsed.version === SNAPSHOT_VERSION) {
        s = fromSnapshot(parsed);
        from = snap.seq;
      }
    }
    for (const { event } of store.eventsAfter(from)) evolve(s, event);
    return s;
  }

  function commit(events: QueueEvent[]): StoredEvent[] {
    if (events.length === 0) return [];
    try {
      const stored = store.transaction(() => {
        const out: StoredEvent[] = [];
        for (const event of events) {
          const seq = store.append(event);
          if (event.type === 'DayStarted') records.markExpired(event.expired, event.at);
          evolve(state, event);
          for (const id of ticketIdsOf(event)) {
            const t = state.tickets.get(id);
            if (t) records.save(t);
          }
          out.push({ seq, event });
        }
        const lastSeq = out[out.length - 1]!.seq;
        if (lastSeq - lastSnapshotSeq >= snapshotEvery || events.some((e) => e.type === 'DayStarted')) {
          store.saveSnapshot(lastSeq, JSON.stringify(toSnapshot(state)));
          lastSnapshotSeq = lastSeq;
        }
        return out;
      });
      for (const l of listeners) l(stored);
      return stored;
    } catch (err) {
      // The transaction rolled back but the state may be half-applied: rebuild it from what is on disk.
      state = load();
      lastSnapshotSeq = store.latestSnapshot()?.seq ?? 0;
      throw err;
    }
  }

  function run(cmd: QueueCommand): ExecuteResult {
    const d = decide(state, cmd, { now: clock.now(), rules, newId: deps.newId() });
    if (!d.ok) return d;
    return { ok: true, ticketId: d.ticketId, duplicate: d.duplicate, events: commit(d.events) };
  }

  function ensureDay(): void {
    if (state.day !== hallTime(clock.now(), rules.timeZone).day) run({ type: 'StartDay' });
  }

  function autoCall(): StoredEvent[] {
    const out: StoredEvent[] = [];
    // Each pass calls at most one ticket to one window; stops when no idle window has anybody to call.
    for (let i = 0; i < rules.windows.size; i++) {
      const r = run({ type: 'AutoCallOne' });
      if (!r.ok || r.events.length === 0) break;
      out.push(...r.events);
    }
    return out;
  }

  ensureDay();

  return {
    execute(cmd) {
      ensureDay();
      const r = run(cmd);
      if (r.ok && !r.duplicate && rules.policy.autoCall && r.events.length > 0) r.events.push(...autoCall());
      return r;
    },
    ensureDay,
    get state() {
      return state;
    },
    rules,
    now: () => clock.now(),
    ticket: (id) => state.tickets.get(id) ?? records.byId(id),
    ticketByNumber(number, day) {
      const today = state.day;
      if (day === undefined || day === today) {
        const id = state.byNumber.get(number);
        if (id) return state.tickets.get(id) ?? null;
      }
      return records.byNumber(day ?? today ?? '', number);
    },
    onCommit(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    lastSeq: () => store.lastSeq(),
  };
}
