/**
 * Prints the MQTT / socket.io credentials of every device and bridge of the hall (and of the hub itself), for
 * provisioning. They are derived from the hall secret: run this where the hub's data folder is (HALL_DATA_DIR)
 * or with HALL_SECRET_KEY set. Usage: npm run device-credentials [-- --json]
 */
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createDeviceCredentials } from '../adapters/crypto/device-credentials.js';
import { loadHallSecret } from '../adapters/crypto/hall-secret.js';
import { loadConfig } from '../config/load-config.js';

const packageDir = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const { config, dataDir } = loadConfig(process.env, join(packageDir, 'demo', 'hall.json'));
const credentials = createDeviceCredentials(loadHallSecret(dataDir, process.env), config);
const rows = [
  { id: 'hub', type: 'hub', password: credentials.passwordFor('hub') },
  ...config.bridges.map((b) => ({ id: b.id, type: 'bridge', password: credentials.passwordFor(b.id) })),
  ...config.devices.map((d) => ({ id: d.id, type: d.type, password: credentials.passwordFor(d.id) })),
];
if (process.argv.includes('--json')) console.log(JSON.stringify(rows, null, 2));
else for (const r of rows) console.log(`${r.id.padEnd(24)} ${r.type.padEnd(14)} ${r.password}`);
