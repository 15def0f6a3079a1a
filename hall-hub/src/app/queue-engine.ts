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
  onSnapshotError?: (err: unknown) => void;
  /**
   * The disk failed to flush written commits: what is in memory (and on the screens) may not be on disk. The
   * waiting callers are refused; the hub should stop and restart from what the disk has (see main.ts).
   */
  onDurabilityLost?: (err: Error) => void;
}

export interface QueueEngine {
  /** Decides, durably records, then applies. Returns only after the events are on disk. */
  execute(cmd: QueueCommand): ExecuteResult;
  /**
   * The same, group-committed with the other commands of this event-loop turn (what the network adapters use).
   * Resolves only once the commit is on disk; the screens are told as soon as it is written (see onWritten).
   */
  submit(cmd: QueueCommand, alongside?: (r: ExecuteResult) => void): Promise<ExecuteResult>;
  /** Starts the new business day if the hall clock has passed midnight. */
  ensureDay(): void;
  readonly state: QueueState;
  readonly rules: QueueRules;
  now(): number;
  /** A ticket of today from memory, or of any day from the records. */
  ticket(id: string): Ticket | null;
  ticketByNumber(number: string, day?: string): Ticket | null;
  /** Called with each committed batch once it is on disk, in order: for what leaves the hall or answers somebody. */
  onCommit(listener: (events: StoredEvent[]) => void): () => void;
  /**
   * Called with each committed batch as soon as it is written, before the disk flush completes, in order: for
   * the screens, which show a call a few milliseconds sooner. A power cut in that moment can take back what a
   * screen showed; the realtime feed's epoch makes a screen that saw it start over (see realtime-feed.ts).
   */
  onWritten(listener: (events: StoredEvent[]) => void): () => void;
  /**
   * Called with each event as it is appended, inside the transaction that appends it, with the state after
   * it: what a projection must write together with the event (the uplink outbox, evaluations). A projector
   * that throws rolls the transaction back.
   */
  project(projector: (e: StoredEvent, state: QueueState) => void): () => void;
  lastSeq(): number;
  /** Resolves once every command committed so far is on disk. */
  durable(): Promise<void>;
  /** Stops background work (a pending snapshot); the store can then be closed. */
  close(): void;
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
    case 'WindowLinesAssigned':
    case 'RequestHandled':
      return [];
    default:
      return [e.ticketId];
  }
}

/** The state from the latest snapshot of this hub version, then the events after it. */
function loadState(store: EventStore): QueueState {
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

/** Listeners added and removed by the caller; `add` returns the remover. */
function listenerSet<T extends unknown[]>() {
  const set = new Set<(...args: T) => void>();
  return {
    add(l: (...args: T) => void): () => void {
      set.add(l);
      return () => set.delete(l);
    },
    call: (...args: T) => {
      for (const l of set) l(...args);
    },
  };
}

/**
 * The state in memory and the log it comes from: decides a command, appends and projects its events, applies
 * them. Every call runs inside a store transaction (transact); a failed one reloads the state from disk.
 */
function createLedger(deps: QueueEngineDeps, projectors: { call(e: StoredEvent, state: QueueState): void }) {
  const { store, records, rules, clock } = deps;
  const snapshotEvery = deps.snapshotEvery ?? 5000;
  let state = loadState(store);
  let lastSnapshotSeq = store.latestSnapshot()?.seq ?? 0;
  let snapshotDue = false;

  /** Appends, projects and applies events; only ever called inside a store transaction. */
  function apply(events: QueueEvent[]): StoredEvent[] {
    const out: StoredEvent[] = [];
    for (const event of events) {
      const seq = store.append(event);
      if (event.type === 'DayStarted') {
        records.markExpired(event.expired, event.at);
        snapshotDue = true;
      }
      evolve(state, event);
      for (const id of ticketIdsOf(event)) {
        const t = state.tickets.get(id);
        if (t) records.save(t);
      }
      const stored = { seq, event };
      projectors.call(stored, state);
      out.push(stored);
      if (seq - lastSnapshotSeq >= snapshotEvery) snapshotDue = true;
    }
    return out;
  }

  function step(cmd: QueueCommand): ExecuteResult {
    const d = decide(state, cmd, { now: clock.now(), rules, newId: deps.newId() });
    if (!d.ok) return d;
    const events = apply(d.events);
    if (rules.policy.autoCall && !d.duplicate && events.length > 0 && cmd.type !== 'AutoCallOne') {
      // Each pass calls at most one ticket to one window; stops when no idle window has anybody to call.
      for (let i = 0; i < rules.windows.size; i++) {
        const r = step({ type: 'AutoCallOne' });
        if (!r.ok || r.events.length === 0) break;
        events.push(...r.events);
      }
    }
    return { ok: true, ticketId: d.ticketId, duplicate: d.duplicate, events };
  }

  function startDayIfNeeded(): StoredEvent[] {
    if (state.day === hallTime(clock.now(), rules.timeZone).day) return [];
    const r = step({ type: 'StartDay' });
    return r.ok ? r.events : [];
  }

  /** Runs fn in one transaction: one fsync however many commands it holds. */
  function transact<T>(fn: () => T, write: <U>(f: () => U) => U = (f) => store.transaction(f)): T {
    try {
      return write(fn);
    } catch (err) {
      // The transaction rolled back but the state may be half-applied: rebuild it from what is on disk.
      state = loadState(store);
      lastSnapshotSeq = store.latestSnapshot()?.seq ?? 0;
      throw err;
    }
  }

  function saveSnapshot(): void {
    try {
      const seq = store.lastSeq();
      if (seq === lastSnapshotSeq) return;
      // Written but not flushed: its fdatasync (megabytes at thousands of tickets) then runs with the next batch's
      // on the thread pool, not inside the commit on the event loop. A kill -9 keeps it (it is in the WAL); a
      // power cut may lose it, which costs only a longer replay, as a missed snapshot does.
      store.transactionWritten(() => store.saveSnapshot(seq, JSON.stringify(toSnapshot(state))));
      lastSnapshotSeq = seq;
    } catch (err) {
      // A missed snapshot costs only a longer replay at the next start.
      deps.onSnapshotError?.(err);
    }
  }

  return {
    get state() {
      return state;
    },
    step,
    startDayIfNeeded,
    transact,
    saveSnapshot,
    /** true once after a day start or `snapshotEvery` events */
    takeSnapshotDue(): boolean {
      const due = snapshotDue;
      snapshotDue = false;
      return due;
    },
  };
}

export function createQueueEngine(deps: QueueEngineDeps): QueueEngine {
  const { store, records, rules, clock } = deps;
  const listeners = listenerSet<[StoredEvent[]]>();
  const writtenListeners = listenerSet<[StoredEvent[]]>();
  const projectors = listenerSet<[StoredEvent, QueueState]>();
  const ledger = createLedger(deps, projectors);
  const { step, startDayIfNeeded, transact } = ledger;
  let snapshotTimer: NodeJS.Immediate | null = null;
  let pending: Array<{
    cmd: QueueCommand;
    /** more writes that belong with the command (its audit row): committed in the same transaction, one fsync */
    alongside: ((r: ExecuteResult) => void) | undefined;
    resolve: (r: ExecuteResult) => void;
    reject: (e: unknown) => void;
  }> = [];

  function written(events: StoredEvent[]): void {
    if (events.length > 0) writtenListeners.call(events);
  }

  /** Flushes still running for earlier batches: a durable batch is announced only after them, in order. */
  let inFlight = 0;
  /**
   * A batch's disk flush is running. Commands arriving meanwhile wait and are written together when it ends:
   * one transaction and one flush for all of them rather than a transaction each, and none is answered later
   * than it would have been had the flush still blocked the event loop.
   */
  let flushing = false;

  /** Tells the durable listeners, in commit order: at once if nothing written before it is still being flushed. */
  function committedInOrder(events: StoredEvent[]): void {
    if (inFlight === 0) return committed(events);
    inFlight += 1;
    void store.durable().then(
      () => {
        inFlight -= 1;
        committed(events);
      },
      () => {
        // The flush that failed is reported by the batch it belongs to.
        inFlight -= 1;
      },
    );
  }

  /** The same, written now and flushed to disk later (store.durable()). */
  function transactWritten<T>(fn: () => T): T {
    return transact(fn, (f) => store.transactionWritten(f));
  }

  function committed(events: StoredEvent[]): void {
    if (events.length > 0) listeners.call(events);
    if (ledger.takeSnapshotDue()) {
      // Off the reply path: the snapshot costs O(today's tickets) and only shortens the next start.
      snapshotTimer = setImmediate(() => {
        snapshotTimer = null;
        ledger.saveSnapshot();
      });
    }
  }

  function execute(cmd: QueueCommand): ExecuteResult {
    let dayEvents: StoredEvent[] = [];
    const r = transact(() => {
      dayEvents = startDayIfNeeded();
      return step(cmd);
    });
    const events = [...dayEvents, ...(r.ok ? r.events : [])];
    written(events);
    committedInOrder(events);
    return r;
  }

  /**
   * Group commit: commands arriving in the same turn of the event loop (or while the previous batch was being
   * flushed) are decided one after another and committed in one transaction, written at once and flushed to
   * disk off the event loop. The screens are told when it is written; each caller is answered, and the durable
   * listeners told, only once it is on disk — durability is the same as one transaction each, with one flush
   * for the lot.
   */
  function flush(): void {
    if (pending.length === 0) return;
    const batch = pending;
    pending = [];
    let results: ExecuteResult[];
    let all: StoredEvent[] = [];
    try {
      results = transactWritten(() => {
        all = startDayIfNeeded();
        return batch.map(({ cmd, alongside }) => {
          const r = step(cmd);
          if (r.ok) all.push(...r.events);
          alongside?.(r);
          return r;
        });
      });
    } catch (err) {
      for (const b of batch) b.reject(err);
      return;
    }
    written(all);
    inFlight += 1;
    flushing = true;
    store.durable().then(
      () => {
        inFlight -= 1;
        flushing = false;
        committed(all);
        batch.forEach((b, i) => b.resolve(results[i]!));
        flush();
      },
      (err: Error) => {
        inFlight -= 1;
        flushing = false;
        for (const b of batch) b.reject(err);
        deps.onDurabilityLost?.(err);
        // Whatever gathered meanwhile is refused by the failed store.
        flush();
      },
    );
  }

  function ensureDay(): void {
    if (ledger.state.day === hallTime(clock.now(), rules.timeZone).day) return;
    const events = transact(startDayIfNeeded);
    written(events);
    committedInOrder(events);
  }

  ensureDay();

  return {
    execute,
    submit(cmd, alongside) {
      return new Promise<ExecuteResult>((resolve, reject) => {
        pending.push({ cmd, alongside, resolve, reject });
        // While a batch is being flushed, the next one gathers; it is written when the flush ends (flush()).
        if (pending.length === 1 && !flushing) setImmediate(flush);
      });
    },
    ensureDay,
    get state() {
      return ledger.state;
    },
    rules,
    now: () => clock.now(),
    ticket: (id) => ledger.state.tickets.get(id) ?? records.byId(id),
    ticketByNumber(number, day) {
      const state = ledger.state;
      const today = state.day;
      if (day === undefined || day === today) {
        const id = state.byNumber.get(number);
        if (id) return state.tickets.get(id) ?? null;
      }
      return records.byNumber(day ?? today ?? '', number);
    },
    onCommit: (listener) => listeners.add(listener),
    onWritten: (listener) => writtenListeners.add(listener),
    project: (projector) => projectors.add(projector),
    lastSeq: () => store.lastSeq(),
    durable: () => store.durable(),
    close() {
      if (snapshotTimer) clearImmediate(snapshotTimer);
      snapshotTimer = null;
    },
  };
}
