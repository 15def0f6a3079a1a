import fp from 'fastify-plugin';
import { createSqliteWarningDesk } from '../adapters/sqlite/sqlite-warning-desk.js';
import { createWarningDesk } from '../app/warning-desk.js';
import { printerWarnings } from '../domain/print/printer-warnings.js';
import { currentWarnings } from '../domain/queue/warnings.js';
import { maskPhone } from '../domain/uplink/notices.js';

/** 红黄灯 as a workflow: groups, their actions kept in SQLite, the duty manager's SMS through the notices outbox. */
export const warningDeskPlugin = fp(
  async (app) => {
    const { config, engine } = app;
    const lines = new Map(config.lines.map((l) => [l.id, l]));
    const staff = new Map(config.staff.map((s) => [s.no, s.name]));
    const alertAfter = (printerId: string) => config.printers.find((p) => p.id === printerId)?.alertAfterMinutes ?? 5;
    const dm = config.hall.dutyManager;
    const desk = createWarningDesk({
      engine,
      store: createSqliteWarningDesk(app.db),
      warnings: (now) => [...currentWarnings(engine.state, engine.rules, now), ...printerWarnings(app.print.printers(), now, alertAfter)],
      hall: { id: config.hall.id, name: config.hall.name, timeZone: config.hall.timeZone },
      lineName: (id) => {
        const l = lines.get(id);
        return { zh: l?.name ?? id, en: l?.nameEn ?? l?.name ?? id };
      },
      staffName: (no) => staff.get(no) ?? null,
      // The number is kept only as the hall key's cipher; screens and answers get the mask.
      dutyManager: dm ? { name: dm.name, phoneCipher: app.ids.protect(dm.phone).idCipher, phoneMasked: maskPhone(dm.phone) } : null,
      outbox: app.uplink.noticesOutbox,
      written: () => app.uplink.relay?.kick(),
      clock: app.clock,
      calmMs: 5 * 60_000,
      checkMs: config.uplink.notices.warningCheckSeconds * 1000,
    });
    app.decorate('warningDesk', desk);
    app.addHook('onClose', async () => desk.close());
  },
  { name: 'warning-desk', dependencies: ['hall-store', 'province-link', 'printing'] },
);
