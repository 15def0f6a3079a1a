import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { topics } from '@hall/shared';
import fp from 'fastify-plugin';
import { createBridgePrinter, type BridgePrinter } from '../adapters/printer/bridge-printer.js';
import { createRasterizer } from '../adapters/printer/raster.js';
import { createEscposTcpPrinter } from '../adapters/printer/tcp-printer.js';
import { createVirtualPrinter, renderPreview } from '../adapters/printer/virtual-printer.js';
import { createSqlitePresenceLog } from '../adapters/sqlite/sqlite-presence-log.js';
import { createSqlitePrintJobStore } from '../adapters/sqlite/sqlite-print-job-store.js';
import { createSqliteReportQueries } from '../adapters/sqlite/sqlite-report-queries.js';
import { renderReportPdf } from '../adapters/pdf/report-pdf.js';
import { createDeviceRegistry } from '../app/device-registry.js';
import { createPrintService, type PrinterEntry } from '../app/print-service.js';
import { createReportService } from '../app/report-service.js';
import type { Printer } from '../ports/printer.js';

/** The hall's declared devices and their presence (which goes upstream as device health). */
export const devicesPlugin = fp(
  async (app) => {
    app.decorate('devices', createDeviceRegistry(app.config, app.clock, app.uplink.presenceLog(createSqlitePresenceLog(app.db))));
  },
  { name: 'devices', dependencies: ['hall-store', 'province-link'] },
);

/**
 * Printers (ESC/POS over TCP, kiosk printers behind a bridge, virtual ones writing PNGs) and the print queue.
 * Bridge printers get their jobs over MQTT, which starts after the print queue (plugin `mqtt`).
 */
export const printingPlugin = fp(
  async (app) => {
    const { config, env, dataDir, devices, hubLogger: logger } = app;
    // One rasterizer for every printer and preview: the logo and ticket numbers are rendered once.
    const rasterizer = createRasterizer();
    const bridgePrinters = new Map<string, BridgePrinter>();
    const mqttUp = () => (app.hasDecorator('mqtt') && app.mqtt.client.connected ? app.mqtt : null);
    // How long a job may go unconfirmed before the printer is flagged (jam, cover opened mid-job) — still waited for.
    const confirmTimeoutMs = env.HALL_PRINT_CONFIRM_MS === undefined ? undefined : Number(env.HALL_PRINT_CONFIRM_MS);
    const printers: PrinterEntry[] = config.printers.map((p) => {
      let printer: Printer;
      if (p.kind === 'escpos-tcp') printer = createEscposTcpPrinter({ id: p.id, host: p.host!, port: p.port, widthDots: p.widthDots, rasterizer, ...(confirmTimeoutMs ? { confirmTimeoutMs } : {}) });
      else if (p.kind === 'bridge') {
        const deviceId = p.device!;
        const bp = createBridgePrinter({
          id: p.id,
          deviceId,
          widthDots: p.widthDots,
          rasterizer,
          send: (command) => {
            const link = mqttUp();
            return link ? (link.client.publish(topics.device(config.hall.id, deviceId, 'set'), JSON.stringify(command), { qos: 1 }), true) : false;
          },
          online: () => devices.view(deviceId)?.online === true,
          confirmTimeoutMs: confirmTimeoutMs ?? 15_000,
        });
        bridgePrinters.set(deviceId, bp);
        printer = bp;
      } else printer = createVirtualPrinter({ id: p.id, outDir: join(dataDir, 'virtual-prints', p.id), widthDots: p.widthDots, rasterizer });
      return { name: p.name ?? p.id, jobTtlMs: p.jobTtlMinutes * 60_000, printer };
    });
    if (!config.hall.visitorUrl && config.printers.some((p) => p.kind !== 'virtual')) {
      logger.error('hall.visitorUrl is not set: printed tickets’ QR codes will point at the address each kiosk uses, not one visitors’ phones can open');
    }
    const print = createPrintService({ store: createSqlitePrintJobStore(app.db), printers, clock: app.clock, logger, newId: () => randomUUID() });
    const widthOf = new Map(config.printers.map((p) => [p.id, p.widthDots]));
    app.decorate('print', print);
    app.decorate('printPreview', (job) => renderPreview(job.blocks, { widthDots: widthOf.get(job.printerId) ?? 576, rasterizer }));
    app.decorate('bridgePrinters', bridgePrinters);
    app.addHook('onClose', () => print.close());
  },
  { name: 'printing', dependencies: ['hall-store', 'devices'] },
);

/** Daily and monthly reports (JSON, CSV, PDF). */
export const reportsPlugin = fp(
  async (app) => {
    const { engine, catalog } = app;
    app.decorate(
      'reports',
      createReportService({
        // The cases 办件监督 keeps rest sealed: the queries open those a report needs (none without a case feed).
        source: createSqliteReportQueries(app.db, app.ids.personal),
        rules: engine.rules,
        hallName: app.config.hall.name,
        now: () => engine.now(),
        departmentNames: () => new Map(catalog.index.departments().map((d) => [d.code, d.name])),
        minimumSample: app.config.reports.minimumSample,
        renderPdf: renderReportPdf,
      }),
    );
  },
  { name: 'reports', dependencies: ['hall-store', 'catalog'] },
);
