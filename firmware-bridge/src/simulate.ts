/**
 * Simulated hall devices speaking the frame protocol to a bridge — for demos, manual testing and load tests.
 *
 *   hall-device-sim --tcp 127.0.0.1:7000 --keypads 4 --evaluators 4 --strips 4 --readers 1
 *   hall-device-sim --serial /dev/pts/7 --config bridge.json --link bus-1 --script "login S{n}; call-next; wait 5000; finish; wait 2000; repeat"
 *
 * --config/--link simulate the devices a bridge configuration puts on that link (same addresses); otherwise
 * --keypads/--evaluators/--strips/--readers N devices at consecutive addresses from --first-address.
 * --script runs on every keypad ({n} is the keypad's number); --auto-rate makes evaluators rate when prompted;
 * --swipe-every S lays a made-up ID card on each reader every S seconds. LED strips print what they show.
 */
import { parseArgs } from 'node:util';
import { loadBridgeConfig } from './config/load-bridge-config.js';
import { countedDevices, demoIdNumber, demoRating, startFleet, type FleetTransport } from './simulators/fleet.js';
import { parseKeypadScript, runKeypadScript } from './simulators/keypad-script.js';
import { maskIdNumber } from './privacy/id-number.js';

function fail(message: string): never {
  console.error(`✖ ${message}`);
  process.exit(2);
}

const USAGE = `usage: hall-device-sim (--tcp host:port | --serial /dev/… [--baud 9600])
         [--keypads N] [--evaluators N] [--strips N] [--readers N] [--first-address 1]
         [--config bridge.json --link LINK]   the devices a bridge configuration puts on that link
         [--script "login S{n}; call-next; wait 5000; finish; repeat"] [--auto-rate] [--swipe-every S] [--quiet]`;

const OPTIONS = {
  tcp: { type: 'string' },
  serial: { type: 'string' },
  baud: { type: 'string', default: '9600' },
  config: { type: 'string' },
  link: { type: 'string' },
  keypads: { type: 'string', default: '0' },
  evaluators: { type: 'string', default: '0' },
  strips: { type: 'string', default: '0' },
  readers: { type: 'string', default: '0' },
  'first-address': { type: 'string', default: '1' },
  script: { type: 'string' },
  'auto-rate': { type: 'boolean', default: false },
  'swipe-every': { type: 'string' },
  quiet: { type: 'boolean', default: false },
  help: { type: 'boolean', default: false },
} as const;

function parse() {
  try {
    return parseArgs({ options: OPTIONS });
  } catch (err) {
    // an unknown or malformed option: say what, and how it is used, rather than a stack trace
    console.error(`✖ ${(err as Error).message}\n${USAGE}`);
    process.exit(2);
  }
}

const { values } = parse();
if (values.help) {
  console.log(USAGE);
  process.exit(0);
}

const int = (v: string | undefined, what: string) => (v !== undefined && /^[0-9]+$/.test(v) ? Number(v) : fail(`${what} must be a whole number`));
let transport: FleetTransport;
if (values.tcp) {
  const m = /^(.+):([0-9]+)$/.exec(values.tcp);
  if (!m) fail('--tcp takes host:port');
  transport = { kind: 'tcp', host: m[1]!, port: Number(m[2]) };
} else if (values.serial) transport = { kind: 'serial', path: values.serial, baudRate: int(values.baud, '--baud') };
else fail('give --tcp host:port or --serial /dev/…');

let devices;
if (values.config) {
  if (!values.link) fail('--config needs --link (which of its links to simulate)');
  devices = loadBridgeConfig(values.config).devices.filter((d) => d.link === values.link);
} else {
  devices = countedDevices(
    { keypads: int(values.keypads, '--keypads'), evaluators: int(values.evaluators, '--evaluators'), strips: int(values.strips, '--strips'), readers: int(values.readers, '--readers') },
    'sim',
    int(values['first-address'], '--first-address'),
  );
}
if (!devices.length) fail('no devices to simulate');
const steps = values.script ? (() => {
  try {
    return parseKeypadScript(values.script);
  } catch (err) {
    return fail((err as Error).message);
  }
})() : null;

const log = (line: string) => values.quiet || console.log(`${new Date().toISOString().slice(11, 19)} ${line}`);
const fleet = startFleet(transport, devices);
let stopping = false;
log(`simulating ${devices.length} device(s) over ${transport.kind === 'tcp' ? `tcp ${transport.host}:${transport.port}` : `serial ${transport.path}`}`);

for (const strip of fleet.strips.values()) {
  strip.onChange((c) => {
    if (c.kind === 'text') log(`${strip.id} [${c.area}] ${c.recall ? '(重呼) ' : ''}${c.text}`);
    else if (c.kind === 'clear') log(`${strip.id} cleared`);
    else if (c.kind === 'brightness') log(`${strip.id} brightness ${c.level}`);
    else if (c.kind === 'power') log(`${strip.id} power ${c.on ? 'on' : 'off'}`);
    else if (c.offset === 0) log(`${strip.id} [${c.area}] bitmap ${c.width}×${c.height}`);
  });
}
for (const ev of fleet.evaluators.values()) {
  ev.onPrompt((p) => {
    log(`${ev.id} 请对本次服务进行评价 (${p.ticket} @ ${p.windowNo})`);
    if (!values['auto-rate']) return;
    setTimeout(() => {
      const rating = demoRating();
      ev.rate(rating).then(
        (r) => log(`${ev.id} rated ${rating.level}: ${r.status === 'ok' ? 'ok' : `${r.code} ${r.message}`}`),
        (err: Error) => log(`${ev.id} rating: ${err.message}`),
      );
    }, 1000 + Math.random() * 3000);
  });
}
if (steps) {
  let n = 0;
  for (const keypad of fleet.keypads.values()) {
    n += 1;
    const number = n;
    const own = steps.map((s) => (s.kind === 'press' && s.press.op === 'login' ? { ...s, press: { ...s.press, staffNo: s.press.staffNo.replaceAll('{n}', String(number)) } } : s));
    void runKeypadScript(
      own,
      (p) => keypad.press(p),
      (p, r) => log(`${keypad.id} ${p.op} → ${r instanceof Error ? r.message : r.status === 'ok' ? `${r.windowStatus} ${r.ticket ?? ''} (waiting ${r.waiting})` : `${r.code} ${r.message}`}`),
      () => stopping,
    );
  }
}
if (values['swipe-every']) {
  const every = int(values['swipe-every'], '--swipe-every') * 1000;
  for (const reader of fleet.readers.values()) {
    setInterval(() => {
      const idNumber = demoIdNumber();
      reader.swipe({ name: '测试', idNumber }).then(
        (ok) => log(`${reader.id} card ${maskIdNumber(idNumber)} ${ok ? 'taken' : 'refused'}`),
        (err: Error) => log(`${reader.id} card: ${err.message}`),
      );
    }, every);
  }
}
const stop = async () => {
  stopping = true;
  await fleet.close();
  process.exit(0);
};
process.once('SIGINT', () => void stop());
process.once('SIGTERM', () => void stop());
