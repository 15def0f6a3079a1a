/**
 * Writes mosquitto.conf, its password file and ACL file for this hall, for a hall that uses an external
 * broker (Debian's mosquitto 2.x): every device, bridge and the hub get their own login, and each device may
 * publish only under its own topics. Usage: npm run mosquitto-files -- <output dir> [port] [listen address]
 */
import { resolve, join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createDeviceCredentials } from '../adapters/crypto/device-credentials.js';
import { loadHallSecret } from '../adapters/crypto/hall-secret.js';
import { brokerPrincipals } from '../adapters/mqtt/mqtt-acl.js';
import { writeMosquittoFiles } from '../adapters/mqtt/mosquitto-files.js';
import { loadConfig } from '../config/load-config.js';

const [outDir, port = '1883', host = '0.0.0.0'] = process.argv.slice(2).filter((a) => a !== '--');
if (!outDir) {
  console.error('usage: npm run mosquitto-files -- <output dir> [port] [listen address]');
  process.exit(2);
}
const packageDir = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const { config, dataDir } = loadConfig(process.env, join(packageDir, 'demo', 'hall.json'));
const credentials = createDeviceCredentials(loadHallSecret(dataDir, process.env), config);
const dir = resolve(outDir);
const files = writeMosquittoFiles(dir, brokerPrincipals(config), (u) => credentials.passwordFor(u), Number(port), {
  persistenceDir: join(dir, 'data'),
  host,
});
console.log(`wrote ${files.configFile}, ${files.passwordFile} (0600), ${files.aclFile}`);
console.log(`start: mosquitto -c ${files.configFile}   (as root it switches to user mosquitto: chown the files to it)`);
console.log(`hub:   HALL_MQTT_URL=mqtt://<broker>:${port} npm start`);
