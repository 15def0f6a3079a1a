/**
 * The conformance kit for device makers (PROTOCOL.md §10):
 *
 *   hall-device-check --link tcp://192.168.1.50:4001 --kind keypad --address 3
 *   hall-device-check --link /dev/ttyUSB0 [--baud 9600] --kind strip --address 5 [--no-requests]
 *
 * Prints a PASS/FAIL line per check with the reason, and exits 0 when every check passed, 1 otherwise.
 */
import { connect } from 'node:net';
import type { Duplex } from 'node:stream';
import { parseArgs } from 'node:util';
import { SerialPort } from 'serialport';
import { formatReport, runDeviceCheck } from './check/device-check.js';
import type { BridgedType } from './protocol/message-types.js';

const USAGE = `usage: hall-device-check --link (tcp://host:port | /dev/ttyUSB0) [--baud 9600]
         --kind (keypad | evaluator | strip | idreader) --address N [--no-requests] [--operator-seconds 30]`;
const KINDS: Record<string, BridgedType> = { keypad: 'keypad', evaluator: 'evaluator', strip: 'led-strip', idreader: 'id-reader' };

function fail(message: string): never {
  console.error(`✖ ${message}\n${USAGE}`);
  process.exit(2);
}

function parse() {
  try {
    return parseArgs({
      options: {
        link: { type: 'string' },
        baud: { type: 'string', default: '9600' },
        kind: { type: 'string' },
        address: { type: 'string' },
        'no-requests': { type: 'boolean', default: false },
        'operator-seconds': { type: 'string', default: '30' },
        help: { type: 'boolean', default: false },
      },
    }).values;
  } catch (err) {
    return fail((err as Error).message);
  }
}

async function open(link: string, baudRate: number): Promise<Duplex> {
  const tcp = /^tcp:\/\/(.+):([0-9]+)$/.exec(link);
  if (tcp) {
    const socket = connect({ host: tcp[1]!, port: Number(tcp[2]), noDelay: true });
    await new Promise<void>((resolve, reject) => {
      socket.once('connect', () => resolve());
      socket.once('error', reject);
    });
    return socket;
  }
  const port = new SerialPort({ path: link, baudRate, autoOpen: false });
  await new Promise<void>((resolve, reject) => port.open((err) => (err ? reject(err) : resolve())));
  return port;
}

async function main(): Promise<void> {
  const values = parse();
  if (values.help) {
    console.log(USAGE);
    process.exit(0);
  }
  const kind = KINDS[values.kind ?? ''] ?? fail('--kind must be keypad, evaluator, strip or idreader');
  const address = /^[0-9]+$/.test(values.address ?? '') && Number(values.address) >= 1 && Number(values.address) <= 247 ? Number(values.address) : fail('--address must be 1–247');
  if (!values.link) fail('--link is required');
  const stream = await open(values.link, Number(values.baud)).catch((err: unknown) => fail(`cannot open ${values.link}: ${(err as Error).message}`));
  const report = await runDeviceCheck({
    stream,
    kind,
    address,
    operatorMs: Number(values['operator-seconds']) * 1000,
    operator: values['no-requests'] ? undefined : (instruction) => console.log(`→ now ${instruction}`),
  });
  console.log(formatReport(report));
  stream.destroy();
  process.exit(report.passed ? 0 : 1);
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
