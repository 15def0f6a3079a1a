import fp from 'fastify-plugin';
import { attachSupervisionSockets } from '../adapters/socket/supervision-sockets.js';

/** 办件监督 pushed over the live link: the walls' 办件公示 board and the console's supervision page (when supervision is on). */
export const supervisionLivePlugin = fp(
  async (app) => {
    const supervision = app.uplink.supervision;
    if (!supervision) return;
    const detach = attachSupervisionSockets(app.sockets.io, {
      supervision,
      typeOf: (id) => app.devices.get(id)?.type ?? null,
      onError: (err) => app.hubLogger.warn({ err }, 'supervision push failed'),
    });
    app.addHook('onClose', async () => detach());
  },
  { name: 'supervision-live', dependencies: ['province-link', 'devices', 'realtime'] },
);
