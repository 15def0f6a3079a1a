#!/usr/bin/env node
// `npm start` after setup and build: the hub, exactly as `node hall-hub/dist/main.js` runs it. With
// HALL_DEMO_DEVICES=1 (or --demo-devices) it also starts the firmware bridge of each bridge in the hall
// configuration, with simulated keypads, evaluators and LED strips behind it (firmware-bridge/dist/demo.js).
// A hall configuration with `uplink.simulator` (the demo hall's) also gets the provincial platform simulator
// (province-sim/dist/main.js) as a process of its own, started first and handed to the hub as its province.
import { execFileSync, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const demo = process.env.HALL_DEMO_DEVICES === '1' || process.argv.includes('--demo-devices');
const hallConfig = resolve(process.env.HALL_CONFIG ?? join(root, 'hall-hub', 'demo', 'hall.json'));

await startProvinceSimulator();

/**
 * The demo's province: started when the configuration asks for it and no real one is named, with a key made
 * for this run (the simulator keeps nothing between runs). The hub finds it through HALL_UPLINK_URL/KEY.
 */
async function startProvinceSimulator() {
  const uplink = JSON.parse(readFileSync(hallConfig, 'utf8')).uplink ?? {};
  if (!uplink.enabled || !uplink.simulator || process.env.HALL_UPLINK_URL) return;
  const key = process.env.HALL_UPLINK_KEY ?? randomBytes(24).toString('base64url');
  const sim = spawn(process.execPath, [join(root, 'province-sim', 'dist', 'main.js')], {
    stdio: ['ignore', 'pipe', 'inherit'],
    env: {
      ...process.env,
      PROVINCE_SIM_KEY: key,
      PROVINCE_SIM_PORT: String(uplink.simulator.port ?? 0),
      PROVINCE_SIM_FEEDS: join(root, 'hall-hub', 'demo', 'province-feeds.json'),
      // 办件监督: a month of cases drawn from the demo catalog's business types, for the supervision page and board
      PROVINCE_SIM_CASES: process.env.PROVINCE_SIM_CASES ?? '600',
      PROVINCE_SIM_CASES_CATALOG: join(root, 'hall-hub', 'demo', 'catalog', 'demo-catalog.json'),
    },
  });
  process.once('exit', () => sim.exitCode === null && sim.kill('SIGTERM'));
  const lines = createInterface({ input: sim.stdout });
  const port = await new Promise((ok, fail) => {
    sim.once('exit', (code) => fail(new Error(`province simulator exited (${code}) before it listened`)));
    lines.on('line', (line) => {
      const m = /^PROVINCE_SIM_LISTENING port=(\d+) control=(\d+)/.exec(line);
      if (m) ok(m[1]);
      else console.log(`[province] ${line}`);
    });
  });
  process.env.HALL_UPLINK_URL = `http://127.0.0.1:${port}`;
  process.env.HALL_UPLINK_KEY = key;
}

if (!demo) {
  await import(join(root, 'hall-hub', 'dist', 'main.js'));
} else {
  const children = [];
  const hub = spawn(process.execPath, [join(root, 'hall-hub', 'dist', 'main.js')], { stdio: ['inherit', 'pipe', 'inherit'] });
  children.push(hub);
  const stopAll = (signal) => {
    for (const c of children) if (c.exitCode === null) c.kill(signal);
  };
  process.once('SIGINT', () => stopAll('SIGINT'));
  process.once('SIGTERM', () => stopAll('SIGTERM'));
  hub.once('exit', (code) => {
    stopAll('SIGTERM');
    process.exit(code ?? 1);
  });
  createInterface({ input: hub.stdout }).on('line', (line) => {
    console.log(line);
    const m = /^HALL_HUB_LISTENING port=\d+ mqtt=(\d+)/.exec(line);
    if (m) startDevices(m[1]);
  });

  function startDevices(mqttPort) {
    const bridges = JSON.parse(readFileSync(hallConfig, 'utf8')).bridges ?? [];
    if (!bridges.length) return console.log('[devices] the hall configuration has no bridges: no devices to simulate');
    // The bridges' passwords, derived from the hall secret the hub has just created or loaded.
    const rows = JSON.parse(
      execFileSync(process.execPath, ['--import', 'tsx', join(root, 'hall-hub', 'src', 'cli', 'device-credentials.ts'), '--json'], {
        env: process.env,
        encoding: 'utf8',
      }),
    );
    const url = process.env.HALL_MQTT_URL ?? `mqtt://127.0.0.1:${mqttPort}`;
    for (const b of bridges) {
      const password = rows.find((r) => r.id === b.id)?.password;
      const child = spawn(process.execPath, [join(root, 'firmware-bridge', 'dist', 'demo.js'), '--mqtt', url, '--hall-config', hallConfig, '--bridge', b.id], {
        stdio: 'inherit',
        env: { ...process.env, HALL_BRIDGE_PASSWORD: password },
      });
      children.push(child);
    }
  }
}
