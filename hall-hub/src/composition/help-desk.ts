import { randomUUID } from 'node:crypto';
import { NAMESPACES } from '@hall/shared';
import fp from 'fastify-plugin';
import { createHelpDesk } from '../app/help-desk.js';

/** 请工作人员帮助: requests from kiosks, kept in memory for the console. */
export const helpDeskPlugin = fp(
  async (app) => {
    app.decorate('helpDesk', createHelpDesk({ now: () => new Date(app.engine.now()), newId: () => randomUUID() }));
  },
  { name: 'help-desk', dependencies: ['hall-store'] },
);

/** The console hears each request the moment a kiosk raises it. */
export const helpDeskLivePlugin = fp(
  async (app) => {
    const stop = app.helpDesk.onRaised((r) => app.sockets.io.of(NAMESPACES.console).emit('help-request', r));
    app.addHook('onClose', async () => void stop());
  },
  { name: 'help-desk-live', dependencies: ['help-desk', 'realtime'] },
);
