import { readFileSync } from 'node:fs';
import { loadFeeds } from './feeds-file.js';
import { startProvinceSimulator } from './simulator.js';
import { businessesFromExchange } from './supervised-cases.js';

/**
 * The provincial platform simulator as a program:
 *   PROVINCE_SIM_KEY=<shared key> [PROVINCE_SIM_PORT=0] [PROVINCE_SIM_CONTROL_PORT=0] [PROVINCE_SIM_HOST=127.0.0.1]
 *   [PROVINCE_SIM_MQTT_URL=mqtt://… PROVINCE_SIM_MQTT_USERNAME=… PROVINCE_SIM_MQTT_PASSWORD=…]
 *   [PROVINCE_SIM_TLS_CERT=… PROVINCE_SIM_TLS_KEY=… PROVINCE_SIM_TLS_CA=… (client certificates required)]
 *   [PROVINCE_SIM_FEEDS=<feeds.json> (downlink feeds served from the start, e.g. hall-hub/demo/province-feeds.json)]
 *   [PROVINCE_SIM_CASES=<n> (a generated month of n cases in the 办件监督 feed)
 *    PROVINCE_SIM_CASES_CATALOG=<exchange file> (draw them from this catalog's business types)
 *    PROVINCE_SIM_CASES_TICK_SECONDS=<s> (并联审批 steps move on this often; default 60, 0 = never)]
 *   node province-sim/dist/main.js
 * Prints `PROVINCE_SIM_LISTENING port=<data> control=<control>` once it listens.
 */
async function main(): Promise<void> {
  const env = process.env;
  const key = env.PROVINCE_SIM_KEY;
  if (!key || key.length < 16) {
    console.error('✖ PROVINCE_SIM_KEY: the shared HMAC key (at least 16 characters) is required');
    process.exit(2);
  }
  const num = (v: string | undefined) => (v === undefined ? 0 : Number(v));
  const sim = await startProvinceSimulator({
    key,
    host: env.PROVINCE_SIM_HOST ?? '127.0.0.1',
    port: num(env.PROVINCE_SIM_PORT),
    controlPort: num(env.PROVINCE_SIM_CONTROL_PORT),
    ...(env.PROVINCE_SIM_TLS_CERT && env.PROVINCE_SIM_TLS_KEY
      ? {
          tls: {
            cert: readFileSync(env.PROVINCE_SIM_TLS_CERT),
            key: readFileSync(env.PROVINCE_SIM_TLS_KEY),
            ...(env.PROVINCE_SIM_TLS_CA ? { ca: readFileSync(env.PROVINCE_SIM_TLS_CA), requestCert: true } : {}),
          },
        }
      : {}),
    ...(env.PROVINCE_SIM_MQTT_URL
      ? { mqtt: { url: env.PROVINCE_SIM_MQTT_URL, username: env.PROVINCE_SIM_MQTT_USERNAME, password: env.PROVINCE_SIM_MQTT_PASSWORD } }
      : {}),
  });
  if (env.PROVINCE_SIM_FEEDS) {
    for (const f of loadFeeds(readFileSync(env.PROVINCE_SIM_FEEDS, 'utf8'), new Date())) sim.setFeed(f.feed, f.doc, f.version);
  }
  const cases = Number(env.PROVINCE_SIM_CASES ?? 0);
  if (cases > 0) {
    const catalog = env.PROVINCE_SIM_CASES_CATALOG;
    const businesses = catalog ? businessesFromExchange(JSON.parse(readFileSync(catalog, 'utf8'))) : undefined;
    sim.generateCases({ count: Math.min(cases, 50_000), now: Date.now(), ...(businesses ? { businesses } : {}) });
    const tick = Number(env.PROVINCE_SIM_CASES_TICK_SECONDS ?? 60);
    if (tick > 0) setInterval(() => sim.advanceCases(Date.now()), tick * 1000).unref();
  }
  console.log(`PROVINCE_SIM_LISTENING port=${sim.port} control=${new URL(sim.controlUrl).port}`);
  console.log(`provincial platform simulator — data ${sim.url}, control ${sim.controlUrl}/control/stats`);
  const stop = () => void sim.close().then(() => process.exit(0));
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
