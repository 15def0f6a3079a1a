import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ConfigError } from './config/parse-hall-config.js';
import { loadConfig } from './config/load-config.js';
import { composeHub } from './compose-hub.js';
import { clockFromEnv } from './adapters/clock/sim-clock.js';

// The demo hall ships beside the sources (src/ in development, dist/ when built): both sit in hall-hub/.
const packageDir = join(dirname(fileURLToPath(import.meta.url)), '..');

async function main(): Promise<void> {
  let loaded;
  try {
    loaded = loadConfig(process.env, join(packageDir, 'demo', 'hall.json'));
  } catch (err) {
    if (err instanceof ConfigError) {
      console.error(`✖ ${err.message}`);
      process.exit(2);
    }
    throw err;
  }
  const { config, dataDir, catalogFiles } = loaded;
  const clock = clockFromEnv(process.env) ?? undefined;
  const repo = join(packageDir, '..');
  const staticApps = [
    { prefix: '/kiosk/', dir: join(repo, 'kiosk', 'dist') },
    { prefix: '/display/', dir: join(repo, 'display-wall', 'dist') },
    { prefix: '/console/', dir: join(repo, 'console', 'dist') },
    // the visitor's phone page (a ticket's QR code opens /m/#<token>)
    { prefix: '/m/', dir: join(repo, 'kiosk', 'dist-mobile') },
  ];
  const hub = await composeHub({
    config,
    dataDir,
    catalogFiles,
    clock,
    staticApps,
    // As PostgreSQL does after a failed fsync: stop, and let the service manager restart from what is on disk.
    onDurabilityLost: () => process.exit(70),
  });
  const address = await hub.app.listen({ host: config.server.host, port: config.server.httpPort });
  const port = new URL(address).port;
  const base = `http://localhost:${port}`;
  const mqttPort = new URL(hub.mqttUrl).port;
  // The launch links carry the screens' tokens: shown on a terminal, never written to a log (systemd's journal).
  const token = (id: string) => (process.stdout.isTTY ? encodeURIComponent(hub.credentials.passwordFor(id) ?? '') : '<npm run device-credentials>');
  const lines = [
    `${config.hall.name} — hall hub ready`,
    `  API       ${base}/api/queue`,
    `  API docs  ${base}/docs`,
    `  health    ${base}/api/health`,
    `  MQTT      ${hub.broker ? `embedded broker mqtt://localhost:${mqttPort}` : `external broker ${hub.mqttUrl}`}`,
    `  console   ${base}/console/   (managers and staff sign in; staff get the software caller)`,
    `  kiosk     ${base}/kiosk/?device=kiosk-1&token=${token('kiosk-1')}`,
    `  screens   socket.io at ${base}/display, kiosks ${base}/kiosk, console ${base}/console`,
    `  hall wall ${base}/display/?device=wall-main&token=${token('wall-main')}`,
    `  data      ${dataDir}`,
    `  catalog   ${hub.catalog.index.size} business types`,
  ];
  const up = hub.uplink.status();
  if (up.enabled) lines.push(`  province  ${up.transport} ${up.endpoint ?? ''}; backlog ${base}/api/uplink/status`);
  if (hub.initialAdminPassword) {
    lines.push(`  manager   admin / ${hub.initialAdminPassword}   (also in ${join(dataDir, 'initial-admin-password.txt')})`);
  }
  // Machine-readable line for scripts and tests that start the hub on port 0.
  console.log(`HALL_HUB_LISTENING port=${port} mqtt=${mqttPort}`);
  console.log(lines.join('\n'));
  const stop = async (signal: string) => {
    hub.app.log.info({ signal }, 'stopping');
    await hub.close();
    process.exit(0);
  };
  process.once('SIGINT', () => void stop('SIGINT'));
  process.once('SIGTERM', () => void stop('SIGTERM'));
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
