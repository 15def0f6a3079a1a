import type { FastifyInstance, FastifyPluginAsync } from 'fastify';
import fp from 'fastify-plugin';
import { authRoutes } from './routes/auth-routes.js';
import { caseRoutes } from './routes/case-routes.js';
import { supervisionRoutes } from './routes/supervision-routes.js';
import { warningRoutes } from './routes/warning-routes.js';
import { rongqueRoutes } from './routes/rongque-routes.js';
import { catalogRoutes } from './routes/catalog-routes.js';
import { consoleRoutes } from './routes/console-routes.js';
import { deviceRoutes } from './routes/device-routes.js';
import { displayRoutes } from './routes/display-routes.js';
import { evaluationRoutes } from './routes/evaluation-routes.js';
import { handwritingRoutes } from './routes/handwriting-routes.js';
import { mediaRoutes } from './routes/media-routes.js';
import { hallRoutes } from './routes/hall-routes.js';
import { helpRoutes } from './routes/help-routes.js';
import { mobileRoutes } from './routes/mobile-routes.js';
import { opsRoutes } from './routes/ops-routes.js';
import { printRoutes } from './routes/print-routes.js';
import { qrRoutes } from './routes/qr-routes.js';
import { queueRoutes } from './routes/queue-routes.js';
import { reportRoutes } from './routes/report-routes.js';
import { signageRoutes } from './routes/signage-routes.js';
import { ticketRoutes } from './routes/ticket-routes.js';
import { uplinkRoutes } from './routes/uplink-routes.js';
import { windowRoutes } from './routes/window-routes.js';
import { windowLinesRoutes } from './routes/window-lines-routes.js';

/**
 * A named route plugin: `routes` gets the decorated instance (typed by the `Pick` each route factory declares)
 * and registers its routes in a child context of their own, so their hooks stay theirs. `dependencies` are the
 * service plugins whose decorations it reads: fastify refuses to start if one was not registered before.
 * Every route plugin depends on `http-base` (validators, security headers, audit, OpenAPI).
 */
export function routePlugin<O extends object = Record<never, never>>(
  name: string,
  dependencies: readonly string[],
  routes: (app: FastifyInstance, opts: O) => FastifyPluginAsync,
) {
  return fp<O>(async (app, opts) => void (await app.register(routes(app, opts))), { name, dependencies: ['http-base', ...dependencies] });
}

export const hallRoutesPlugin = routePlugin('hall-routes', ['hall-store', 'catalog'], hallRoutes);
export const authRoutesPlugin = routePlugin('auth-routes', ['hall-store', 'accounts'], authRoutes);
export const catalogRoutesPlugin = routePlugin('catalog-routes', ['hall-store', 'catalog', 'accounts'], catalogRoutes);
export const ticketRoutesPlugin = routePlugin('ticket-routes', ['hall-store', 'catalog', 'accounts', 'devices', 'province-link'], ticketRoutes);
export const windowRoutesPlugin = routePlugin('window-routes', ['hall-store', 'accounts'], windowRoutes);
export const windowLinesRoutesPlugin = routePlugin('window-lines-routes', ['hall-store', 'accounts'], windowLinesRoutes);
export const queueRoutesPlugin = routePlugin('queue-routes', ['hall-store', 'accounts', 'printing'], queueRoutes);
export const warningRoutesPlugin = routePlugin('warning-routes', ['hall-store', 'accounts', 'warning-desk'], warningRoutes);
export const deviceRoutesPlugin = routePlugin('device-routes', ['hall-store', 'accounts', 'devices'], deviceRoutes);
export const printRoutesPlugin = routePlugin('print-routes', ['hall-store', 'catalog', 'accounts', 'devices', 'printing'], printRoutes);
export const qrRoutesPlugin = routePlugin('qr-routes', [], () => qrRoutes());
export const evaluationRoutesPlugin = routePlugin('evaluation-routes', ['hall-store', 'accounts', 'devices', 'province-link'], evaluationRoutes);
export const uplinkRoutesPlugin = routePlugin('uplink-routes', ['hall-store', 'accounts', 'province-link'], uplinkRoutes);
export const caseRoutesPlugin = routePlugin('case-routes', ['hall-store', 'accounts', 'devices', 'province-link'], caseRoutes);
export const supervisionRoutesPlugin = routePlugin('supervision-routes', ['hall-store', 'accounts', 'devices', 'province-link'], supervisionRoutes);
export const rongqueRoutesPlugin = routePlugin('rongque-routes', ['hall-store', 'catalog', 'accounts', 'province-link', 'printing'], rongqueRoutes);
export const reportRoutesPlugin = routePlugin('report-routes', ['hall-store', 'accounts', 'reports'], reportRoutes);
export const consoleRoutesPlugin = routePlugin('console-routes', ['hall-store', 'catalog', 'accounts'], consoleRoutes);
export const handwritingRoutesPlugin = routePlugin('handwriting-routes', ['hall-store', 'catalog', 'devices', 'handwriting'], (app) => handwritingRoutes(app, app.handwriting));
export const helpRoutesPlugin = routePlugin('help-routes', ['hall-store', 'accounts', 'devices', 'help-desk'], (app) => helpRoutes(app, app.helpDesk));
export const displayRoutesPlugin = routePlugin('display-routes', ['hall-store', 'accounts', 'displays'], displayRoutes);
export const mediaRoutesPlugin = routePlugin('media-routes', ['hall-store', 'accounts', 'media-library'], mediaRoutes);
export const signageRoutesPlugin = routePlugin('signage-routes', ['hall-store', 'accounts', 'displays'], signageRoutes);
export const opsRoutesPlugin = routePlugin('ops-routes', ['hall-store', 'accounts', 'ops'], (app) =>
  opsRoutes({ auth: app.auth, staffAddress: app.staffAddress, registry: app.metrics.registry, backups: app.backups, audit: app.audit, checks: app.readiness, now: () => app.clock.now() }),
);

/**
 * The visitor's phone page. Its held polls let go first when the hub stops (preClose): they would keep the HTTP
 * server open for their hold.
 */
export const mobileRoutesPlugin = routePlugin<{ holdMs: number; perMinute: number }>('mobile-routes', ['hall-store'], (app, opts) => {
  const stopping = new AbortController();
  app.addHook('preClose', async () => stopping.abort());
  return mobileRoutes({ engine: app.engine, hallName: app.config.hall.name, holdMs: opts.holdMs, perMinute: opts.perMinute, stopping: stopping.signal });
});
