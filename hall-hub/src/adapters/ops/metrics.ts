import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import type { DeviceRegistry } from '../../app/device-registry.js';
import type { PrintService } from '../../app/print-service.js';
import type { QueueEngine } from '../../app/queue-engine.js';
import { createQueueViews } from '../../app/queue-views.js';
import type { RejectionCounter } from '../http/errors.js';

export interface MetricsSources {
  hallId: string;
  engine: QueueEngine;
  devices: DeviceRegistry;
  print: PrintService;
  rejections: RejectionCounter;
  /** the upstream relay's backlog, when the hub has one */
  backlog?: () => { events: number; oldestAgeSeconds: number | null };
}

export interface HubMetrics {
  registry: Registry;
  /** time from a command's arrival to its durable commit, by command type */
  observeCommit(commandType: string, ms: number): void;
}

/**
 * Prometheus metrics (prom-client). Gauges are read from the hub's state when scraped — nothing is counted
 * twice and nothing can drift from what the hub really holds; only commit times are observed as they happen.
 */
export function createHubMetrics(src: MetricsSources): HubMetrics {
  const registry = new Registry();
  registry.setDefaultLabels({ hall: src.hallId });
  collectDefaultMetrics({ register: registry, prefix: 'hall_hub_' });

  const { engine } = src;
  const views = createQueueViews(engine);
  const lineViews = () => views.lines();
  new Gauge({
    name: 'hall_queue_waiting',
    help: 'Visitors waiting, by line',
    labelNames: ['line'] as const,
    registers: [registry],
    collect() {
      this.reset();
      for (const l of lineViews()) this.set({ line: l.id }, l.waiting);
    },
  });
  new Gauge({
    name: 'hall_queue_longest_wait_minutes',
    help: 'The longest current wait, by line (0 when nobody waits)',
    labelNames: ['line'] as const,
    registers: [registry],
    collect() {
      this.reset();
      for (const l of lineViews()) this.set({ line: l.id }, l.longestWaitMinutes ?? 0);
    },
  });
  new Gauge({
    name: 'hall_queue_issued_today',
    help: 'Tickets issued today, by line',
    labelNames: ['line'] as const,
    registers: [registry],
    collect() {
      this.reset();
      for (const l of lineViews()) this.set({ line: l.id }, l.issuedToday);
    },
  });
  new Gauge({
    name: 'hall_windows',
    help: 'Windows by status',
    labelNames: ['status'] as const,
    registers: [registry],
    collect() {
      this.reset();
      for (const [status, n] of views.windowStatusCounts()) this.set({ status }, n);
    },
  });
  new Gauge({
    name: 'hall_warnings',
    help: '红黄灯 warnings in force, by kind and level',
    labelNames: ['kind', 'level'] as const,
    registers: [registry],
    collect() {
      this.reset();
      for (const w of views.warnings()) this.inc({ kind: w.kind, level: w.level });
    },
  });
  new Gauge({
    name: 'hall_event_log_seq',
    help: 'The last committed event sequence number',
    registers: [registry],
    collect() {
      this.set(engine.lastSeq());
    },
  });
  new Gauge({
    name: 'hall_devices',
    help: 'Declared devices and screens, by type and whether they are online',
    labelNames: ['type', 'online'] as const,
    registers: [registry],
    collect() {
      this.reset();
      for (const d of src.devices.list()) this.inc({ type: d.type, online: String(d.online) });
    },
  });
  new Gauge({
    name: 'hall_print_queue',
    help: 'Print jobs waiting, by printer',
    labelNames: ['printer'] as const,
    registers: [registry],
    collect() {
      this.reset();
      for (const p of src.print.printers()) this.set({ printer: p.id }, p.queued);
    },
  });
  new Gauge({
    name: 'hall_printer_up',
    help: '1 when the printer answered its last check and can print (paper in, cover closed, responding)',
    labelNames: ['printer'] as const,
    registers: [registry],
    collect() {
      this.reset();
      for (const p of src.print.printers()) this.set({ printer: p.id }, p.online === true && p.problem === null ? 1 : 0);
    },
  });
  new Counter({
    name: 'hall_rejected_total',
    help: 'Requests, payloads and frames refused as invalid or unauthorized, by reason',
    labelNames: ['reason'] as const,
    registers: [registry],
    collect() {
      this.reset();
      for (const [reason, n] of src.rejections) this.inc({ reason }, n);
    },
  });
  if (src.backlog) {
    const backlog = src.backlog;
    new Gauge({
      name: 'hall_uplink_backlog_events',
      help: 'Events waiting for the provincial platform',
      registers: [registry],
      collect() {
        this.set(backlog().events);
      },
    });
    new Gauge({
      name: 'hall_uplink_backlog_oldest_seconds',
      help: 'Age of the oldest event waiting for the provincial platform (0 when none)',
      registers: [registry],
      collect() {
        this.set(backlog().oldestAgeSeconds ?? 0);
      },
    });
  }
  const commit = new Histogram({
    name: 'hall_command_commit_ms',
    help: 'Time from a queue command to its durable commit, in ms',
    labelNames: ['command'] as const,
    buckets: [1, 2, 5, 10, 20, 50, 100, 250, 1000],
    registers: [registry],
  });
  return {
    registry,
    observeCommit: (command, ms) => commit.observe({ command }, ms),
  };
}
