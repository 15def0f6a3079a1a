import type { BridgeDevice } from '../config/bridge-config-schema.js';
import type { KeypadFrameReply, KeypadPress } from '../drivers/keypad/codec.js';
import type { Rating } from '../drivers/evaluator/codec.js';
import { LEVELS } from '../drivers/evaluator/codec.js';
import { idCheckChar } from '../privacy/id-number.js';
import { serialSimBus, tcpSimBus, type SimBus } from './sim-bus.js';
import { evaluatorSim, idReaderSim, keypadSim, ledStripSim, type EvaluatorSim, type IdReaderSim, type KeypadSim, type LedStripSim } from './sim-devices.js';

export type FleetTransport = { kind: 'tcp'; host: string; port: number } | { kind: 'serial'; path: string; baudRate?: number };

export interface Fleet {
  keypads: Map<string, KeypadSim>;
  evaluators: Map<string, EvaluatorSim>;
  strips: Map<string, LedStripSim>;
  readers: Map<string, IdReaderSim>;
  close(): Promise<void>;
}

/**
 * Simulated devices against a bridge: over TCP each device dials its own connection (as networked devices do);
 * over a serial line all of them share the one bus (a multi-drop RS-485 line).
 */
export function startFleet(transport: FleetTransport, devices: readonly BridgeDevice[]): Fleet {
  const buses: SimBus[] = [];
  let shared: SimBus | null = null;
  const busFor = (): SimBus => {
    if (transport.kind === 'serial') return (shared ??= (buses.push(serialSimBus(transport.path, transport.baudRate)), buses.at(-1)!));
    const b = tcpSimBus(transport.host, transport.port);
    buses.push(b);
    return b;
  };
  const fleet: Fleet = { keypads: new Map(), evaluators: new Map(), strips: new Map(), readers: new Map(), close: async () => void (await Promise.all(buses.map((b) => b.close()))) };
  for (const d of devices) {
    if (d.type === 'keypad') fleet.keypads.set(d.id, keypadSim(busFor(), d.id, d.address));
    else if (d.type === 'evaluator') fleet.evaluators.set(d.id, evaluatorSim(busFor(), d.id, d.address));
    else if (d.type === 'led-strip') fleet.strips.set(d.id, ledStripSim(busFor(), d.id, d.address));
    else fleet.readers.set(d.id, idReaderSim(busFor(), d.id, d.address));
  }
  return fleet;
}

/** N of each type at consecutive addresses from `first`: keypads, then evaluators, strips, readers. */
export function countedDevices(n: { keypads: number; evaluators: number; strips: number; readers: number }, link: string, first = 1): BridgeDevice[] {
  const out: BridgeDevice[] = [];
  let address = first;
  const add = (count: number, type: BridgeDevice['type'], prefix: string) => {
    for (let i = 1; i <= count; i++) out.push({ id: `${prefix}-${i}`, type, link, address: address++ });
  };
  add(n.keypads, 'keypad', 'keypad');
  add(n.evaluators, 'evaluator', 'evaluator');
  add(n.strips, 'led-strip', 'led');
  add(n.readers, 'id-reader', 'idreader');
  if (address - 1 > 247) throw new Error('more than 247 devices on one link');
  return out;
}

/** A visitor's rating as the demo gives it: mostly very satisfied, now and then less so. */
export function demoRating(random: () => number = Math.random): Rating {
  const r = random();
  const level = LEVELS[r < 0.8 ? 0 : r < 0.93 ? 1 : r < 0.97 ? 2 : r < 0.99 ? 3 : 4]!;
  const score = () => (level === 'very-satisfied' ? 5 : Math.max(1, 5 - LEVELS.indexOf(level)));
  return { level, dimensions: { attitude: score(), quality: score(), efficiency: score(), integrity: 5 } };
}

/** A made-up resident ID number with a right check character (for simulated card reads). */
export function demoIdNumber(random: () => number = Math.random): string {
  const birth = 19500101 + Math.floor(random() * 500) * 100 + 1 + Math.floor(random() * 27);
  const first17 = `210102${birth}${String(Math.floor(random() * 1000)).padStart(3, '0')}`;
  return `${first17}${idCheckChar(first17)}`;
}

/**
 * A window's staff at work, as the demo plays it: log in, then call the next visitor whenever idle, serve them
 * for a while, finish (the evaluator is then prompted). `pace` scales every pause.
 */
export async function serveWindow(
  keypad: KeypadSim,
  staffNo: string,
  opts: { pace: number; stopped: () => boolean; log: (line: string) => void; random?: () => number },
): Promise<void> {
  const random = opts.random ?? Math.random;
  const pause = (minS: number, maxS: number) => new Promise((r) => setTimeout(r, (minS + random() * (maxS - minS)) * 1000 * opts.pace));
  const press = async (p: KeypadPress): Promise<KeypadFrameReply | null> => keypad.press(p).catch(() => null);
  await pause(0, 5);
  const login = await press({ op: 'login', staffNo });
  if (login?.status !== 'ok') opts.log(`${keypad.id}: login ${staffNo} → ${login ? `${login.code} ${login.message}` : 'no reply'}`);
  while (!opts.stopped()) {
    const call = await press({ op: 'call-next' });
    if (call?.status === 'ok' && call.ticket) {
      opts.log(`${keypad.id}: 呼叫 ${call.ticket}`);
      await pause(3, 8);
      await press({ op: 'start' });
      await pause(20, 90);
      await press({ op: 'finish' });
    }
    await pause(10, 30);
  }
}
