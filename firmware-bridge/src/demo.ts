/**
 * The demo hall's devices brought to life (`HALL_DEMO_DEVICES=1 npm start`): the bridge for one bridge of the
 * hall configuration, with a TCP link on loopback, and a simulated keypad, evaluator and LED strip for every
 * device the configuration puts behind it. Each window's keypad logs in its staff member and serves whoever
 * is waiting; evaluators rate when prompted; strips print what they show.
 *
 *   node firmware-bridge/dist/demo.js --mqtt mqtt://127.0.0.1:1883 --hall-config hall-hub/demo/hall.json --bridge bridge-1
 *   (password in HALL_BRIDGE_PASSWORD; --pace 0.2, or HALL_DEMO_PACE=0.2, plays five times faster)
 */
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { createBridge } from './bridge/create-bridge.js';
import { devicesFromHall, parseBridgeConfig, parseHallDevices } from './config/load-bridge-config.js';
import { createLogger } from './logger.js';
import { demoRating, serveWindow, startFleet } from './simulators/fleet.js';

/** a stop that takes longer than this (a link that will not close) ends the process anyway */
const STOP_DEADLINE_MS = 3000;

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: { mqtt: { type: 'string' }, 'hall-config': { type: 'string' }, bridge: { type: 'string', default: 'bridge-1' }, pace: { type: 'string', default: process.env.HALL_DEMO_PACE ?? '1' } },
  });
  const password = process.env.HALL_BRIDGE_PASSWORD;
  if (!values.mqtt || !values['hall-config'] || !password) {
    console.error('usage: HALL_BRIDGE_PASSWORD=… demo --mqtt mqtt://host:port --hall-config hall.json [--bridge bridge-1] [--pace 1]');
    process.exit(2);
  }
  const pace = Number(values.pace) > 0 ? Number(values.pace) : 1;
  const hall = parseHallDevices(JSON.parse(readFileSync(values['hall-config'], 'utf8')));
  const bridgeId = values.bridge;
  const devices = devicesFromHall(hall, bridgeId, 'demo');
  const config = parseBridgeConfig({
    hallId: hall.hall.id,
    bridgeId,
    mqtt: { url: values.mqtt },
    links: [{ id: 'demo', kind: 'tcp-server', host: '127.0.0.1', port: 0 }],
    devices,
    logLevel: 'warn',
  });
  const bridge = createBridge({ config, password, logger: createLogger('warn', `bridge ${bridgeId}`) });
  // Signals are taken from the start, as the bridge's own main does: a demo stopped while the hub is down (its
  // MQTT client connecting or reconnecting) or hung still stops, within a bounded time.
  let stopped = false;
  let fleet: ReturnType<typeof startFleet> | null = null;
  const stop = async () => {
    stopped = true;
    setTimeout(() => process.exit(0), STOP_DEADLINE_MS).unref();
    await fleet?.close();
    await bridge.close();
    process.exit(0);
  };
  process.once('SIGINT', () => void stop());
  process.once('SIGTERM', () => void stop());
  await bridge.start();
  fleet = startFleet({ kind: 'tcp', host: '127.0.0.1', port: bridge.linkPort('demo')! }, devices);
  const say = (line: string) => console.log(`[devices] ${line}`);
  say(`${bridgeId}: ${devices.length} simulated devices (keypads, evaluators, LED strips) on its TCP link; the windows' staff log in and serve`);

  const windowOf = new Map(hall.devices.map((d) => [d.id, d.window]));
  for (const keypad of fleet.keypads.values()) {
    const windowNo = windowOf.get(keypad.id);
    const staff = hall.staff.find((s) => windowNo !== undefined && s.windows.includes(windowNo));
    if (staff) void serveWindow(keypad, staff.no, { pace, stopped: () => stopped, log: (l) => say(`${l} (窗口 ${windowNo})`) });
  }
  for (const ev of fleet.evaluators.values()) {
    ev.onPrompt(() => {
      setTimeout(() => void ev.rate(demoRating()).catch(() => undefined), (2 + Math.random() * 4) * 1000 * pace);
    });
  }
  for (const strip of fleet.strips.values()) {
    strip.onChange((c) => {
      if (c.kind === 'text' && c.call) say(`${strip.id} 条屏：${c.text}${c.recall ? '（重呼）' : ''}`);
    });
  }
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
