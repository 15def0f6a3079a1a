import { ProvinceNoticeSchema, type DownlinkFeed, type DownlinkFeedStatus, type ProvinceNotice, type ProvinceNotices } from '@hall/shared';
import { Type, type Static } from '@sinclair/typebox';
import { registerDateTimeFormat } from '@hall/shared/date-time-format';
import { Value } from '@sinclair/typebox/value';
import type { Logger } from 'pino';
import { hallTime } from '../domain/time/hall-time.js';
import type { Clock } from '../ports/clock.js';
import type { DownlinkSource, DownlinkStore } from '../ports/uplink.js';
import { CatalogRefused } from './catalog-import.js';
import type { CatalogService } from './catalog-service.js';
import type { QueueEngine } from './queue-engine.js';

// The province's times are ISO date-times; TypeBox checks the format once it is registered.
registerDateTimeFormat();

const NoticesDocSchema = Type.Object({ version: Type.Optional(Type.String()), notices: Type.Array(ProvinceNoticeSchema, { maxItems: 200 }) });
const AppointmentsDocSchema = Type.Object({
  day: Type.String({ pattern: '^[0-9]{4}-[0-9]{2}-[0-9]{2}$' }),
  appointments: Type.Array(
    Type.Object({
      code: Type.String({ minLength: 1, maxLength: 64 }),
      lineId: Type.String({ minLength: 1, maxLength: 32 }),
      slotStart: Type.String({ format: 'date-time' }),
      slotEnd: Type.String({ format: 'date-time' }),
      name: Type.Optional(Type.String({ maxLength: 64 })),
    }),
    { maxItems: 20_000 },
  ),
});
type AppointmentsDoc = Static<typeof AppointmentsDocSchema>;

export interface Downlink {
  /** fetches the feeds now (all, or one) */
  refresh(feed?: DownlinkFeed): Promise<void>;
  /** province-wide notices in force now, from the last good copy */
  notices(): ProvinceNotices;
  status(): DownlinkFeedStatus[];
  stop(): void;
}

export interface DownlinkDeps {
  source: DownlinkSource;
  store: DownlinkStore;
  catalog: CatalogService;
  engine: QueueEngine;
  clock: Clock;
  logger: Logger;
  timeZone: string;
  pollMs: number;
}

const FEEDS: readonly DownlinkFeed[] = ['catalog', 'notices', 'appointments'];

/**
 * The province's feeds with versions and ETags: catalog updates (the exchange format, imported like a file),
 * province-wide notices for the displays, today's appointments (for check-in). Each answer is checked before it
 * replaces the last good copy; while the province is away, the hall works on that copy.
 */
export function startDownlink(deps: DownlinkDeps): Downlink {
  const { source, store, clock, logger } = deps;
  const checked = new Map<DownlinkFeed, { at: number; error: string | null }>();

  function parse(body: string): unknown {
    try {
      return JSON.parse(body);
    } catch {
      return undefined;
    }
  }

  async function bookAppointments(doc: AppointmentsDoc): Promise<void> {
    for (const a of doc.appointments) {
      const slotStart = Date.parse(a.slotStart);
      const slotEnd = Date.parse(a.slotEnd);
      const held = deps.engine.state.appointments.get(a.code);
      if (held && held.slotStart === slotStart && held.slotEnd === slotEnd && held.lineId === a.lineId) continue;
      if (!(slotEnd > slotStart)) continue;
      const r = await deps.engine.submit({ type: 'BookAppointment', code: a.code, lineId: a.lineId, slotStart, slotEnd, name: a.name });
      if (!r.ok) logger.warn({ code: a.code, refusal: r.refusal.code }, 'province appointment not booked');
    }
  }

  /** Applies a good answer; returns an error text for a bad one (the last good copy stays). */
  async function apply(feed: DownlinkFeed, body: string): Promise<string | null> {
    const doc = parse(body);
    if (feed === 'catalog') {
      try {
        const report = deps.catalog.import(doc, 'province downlink');
        logger.info({ applied: report.applied, rejected: report.rejected, services: report.services }, 'province catalog update imported');
        return null;
      } catch (err) {
        if (err instanceof CatalogRefused) return `catalog refused: ${err.message}`;
        throw err;
      }
    }
    if (feed === 'notices') return Value.Check(NoticesDocSchema, doc) ? null : 'notices: not a notices document';
    if (!Value.Check(AppointmentsDocSchema, doc)) return 'appointments: not an appointments document';
    await bookAppointments(doc);
    return null;
  }

  async function refreshOne(feed: DownlinkFeed): Promise<void> {
    const held = store.get(feed);
    const day = hallTime(clock.now(), deps.timeZone).day;
    // Appointments are per day: yesterday's ETag says nothing about today.
    const etag = feed === 'appointments' && held && !held.body.includes(`"day":"${day}"`) ? null : (held?.etag ?? null);
    const r = await source.fetch(feed, etag, feed === 'appointments' ? { day } : {});
    if (r.status === 'not-modified') return void checked.set(feed, { at: clock.now(), error: null });
    if (r.status === 'error') return void checked.set(feed, { at: clock.now(), error: r.error });
    const error = await apply(feed, r.body);
    checked.set(feed, { at: clock.now(), error });
    if (error) {
      logger.warn({ feed, error }, 'province feed refused; keeping the last good copy');
      return;
    }
    // The catalog's good copy is the catalog itself; keep only its version and ETag.
    store.put(feed, { etag: r.etag, version: r.version, body: feed === 'catalog' ? '' : r.body, fetchedAt: clock.now() });
  }

  let busy: Promise<void> | null = null;
  async function refresh(feed?: DownlinkFeed): Promise<void> {
    // One refresh at a time: a slow province must not pile up requests.
    while (busy) await busy;
    busy = (async () => {
      for (const f of feed ? [feed] : FEEDS) {
        try {
          await refreshOne(f);
        } catch (err) {
          checked.set(f, { at: clock.now(), error: (err as Error).message });
          logger.error({ err, feed: f }, 'province feed failed');
        }
      }
    })();
    try {
      await busy;
    } finally {
      busy = null;
    }
  }

  const timer = setInterval(() => void refresh(), deps.pollMs);
  timer.unref();
  void refresh();

  return {
    refresh,
    notices() {
      const held = store.get('notices');
      const doc = held ? parse(held.body) : undefined;
      if (!held || !Value.Check(NoticesDocSchema, doc)) return { version: null, notices: [] };
      const now = clock.now();
      const inForce = (n: ProvinceNotice) => (n.from === undefined || Date.parse(n.from) <= now) && (n.until === undefined || Date.parse(n.until) > now);
      return { version: held.version ?? doc.version ?? null, notices: doc.notices.filter(inForce) };
    },
    status() {
      return FEEDS.map((feed) => {
        const held = store.get(feed);
        const c = checked.get(feed);
        return {
          feed,
          version: held?.version ?? null,
          etag: held?.etag ?? null,
          fetchedAt: held ? new Date(held.fetchedAt).toISOString() : null,
          checkedAt: c ? new Date(c.at).toISOString() : null,
          lastError: c?.error ?? null,
        };
      });
    },
    stop() {
      clearInterval(timer);
    },
  };
}
