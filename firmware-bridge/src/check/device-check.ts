import type { Duplex } from 'node:stream';
import { decodeAck, decodeHello, encodePing } from '../drivers/common/codec.js';
import { decodeRating, encodePrompt, encodeRateReply } from '../drivers/evaluator/codec.js';
import { decodeCard, encodeCardAck } from '../drivers/id-reader/codec.js';
import { decodeKeypadPress, encodeKeypadReply } from '../drivers/keypad/codec.js';
import { encodeLedFrame, type LedFrameCommand } from '../drivers/led-strip/codec.js';
import type { Decoded } from '../protocol/fields.js';
import { encodeMessage, type Frame, type Message } from '../protocol/frame.js';
import { createFramer } from '../protocol/framer.js';
import { ACK_STATUSES, KIND_CODES, MessageType, type BridgedType } from '../protocol/message-types.js';

/**
 * The conformance kit (PROTOCOL.md §10): walks the messages of one device kind against a device on a byte stream
 * — its answers to PING, its ACKs and their repeats, its requests and their repeats, the error paths and the
 * timing rules — and reports each check with the reason it failed. It plays the bridge's part; a person (or a
 * rig) presses a key or lays a card when asked.
 */
export interface CheckResult {
  name: string;
  ok: boolean;
  detail: string;
}

export interface CheckReport {
  kind: BridgedType;
  address: number;
  results: CheckResult[];
  passed: boolean;
}

export interface CheckOptions {
  stream: Duplex;
  kind: BridgedType;
  address: number;
  /** asks the person at the device to act ("press a key"); requests are checked only when given */
  operator?: ((instruction: string) => void) | undefined;
  /** how long a device may take to answer (default 1 s, the bridge's ACK timeout) */
  answerMs?: number;
  /** how long to wait for a person (default 30 s) */
  operatorMs?: number;
}

/** PROTOCOL.md §7: a device repeats an unanswered request "every second or so". */
const REPEAT_MIN_MS = 300;
const REPEAT_MAX_MS = 3000;

const KIND_NAMES: Partial<Record<BridgedType, string>> = { keypad: 'keypad', evaluator: 'evaluator', 'led-strip': 'LED strip', 'id-reader': 'ID reader' };
const kindName = (k: BridgedType) => KIND_NAMES[k] ?? k;

/** The request each requesting kind sends, with its decoder, and the replies the kit answers it with. */
const REQUESTS: Partial<Record<BridgedType, { type: number; decode: (p: Buffer) => Decoded<{ seq: number }>; ok: (seq: number) => Message; refuse: (seq: number) => Message; ask: string }>> = {
  keypad: {
    type: MessageType.keyRequest,
    decode: decodeKeypadPress,
    ok: (seq) => encodeKeypadReply(seq, { status: 'ok', windowStatus: 'idle', waiting: 0, ticket: null, staffNo: null, suspended: [] }),
    refuse: (seq) => encodeKeypadReply(seq, { status: 'timeout', code: 'hub_timeout', message: '中心无应答，请重试' }),
    ask: 'press a key on the keypad (e.g. call-next)',
  },
  evaluator: {
    type: MessageType.rate,
    decode: decodeRating,
    ok: (seq) => encodeRateReply(seq, { status: 'ok' }),
    refuse: (seq) => encodeRateReply(seq, { status: 'refused', code: 'already_rated', message: '这次服务已经评价过了' }),
    ask: 'press a rating key on the evaluator',
  },
  'id-reader': {
    type: MessageType.card,
    decode: decodeCard,
    ok: (seq) => encodeCardAck(seq, 'taken'),
    refuse: (seq) => encodeCardAck(seq, 'hub-offline'),
    ask: 'lay an ID card on the reader',
  },
};

interface Heard {
  frame: Frame;
  at: number;
}

export async function runDeviceCheck(opts: CheckOptions): Promise<CheckReport> {
  const { stream, kind, address } = opts;
  const answerMs = opts.answerMs ?? 1000;
  const operatorMs = opts.operatorMs ?? 30_000;
  const framer = createFramer();
  const heard: Heard[] = [];
  const waiters = new Set<() => void>();
  const others = new Set<number>();
  const onData = (chunk: Buffer) => {
    for (const f of framer.push(chunk)) {
      if (f.address !== address) others.add(f.address);
      else heard.push({ frame: f, at: Date.now() });
    }
    for (const w of [...waiters]) w();
  };
  stream.on('data', onData);
  const results: CheckResult[] = [];
  const record = (name: string, ok: boolean, detail: string) => void results.push({ name, ok, detail });
  const send = (m: Message) => stream.write(encodeMessage(address, m));

  /** the first frame heard from index `from` on that `match`es, or null after `ms` */
  const next = (from: number, match: (f: Frame) => boolean, ms: number): Promise<Heard | null> =>
    new Promise((resolve) => {
      const check = () => {
        const h = heard.slice(from).find((x) => match(x.frame));
        if (!h) return;
        finish(h);
      };
      const finish = (h: Heard | null) => {
        clearTimeout(timer);
        waiters.delete(check);
        resolve(h);
      };
      const timer = setTimeout(() => finish(null), ms);
      waiters.add(check);
      check();
    });

  /** sends a downlink command and waits for its ACK: the status, or null without one */
  async function command(m: Message, seq: number): Promise<string | null> {
    const from = heard.length;
    send(m);
    const h = await next(from, (f) => f.type === MessageType.ack && f.payload[0] === seq, answerMs);
    if (!h) return null;
    const a = decodeAck(h.frame.payload);
    return a.ok ? a.value.status : 'malformed';
  }

  try {
    // HELLO in answer to PING (§2), three tries as the bridge's ACK timing.
    let hello: Heard | null = null;
    for (let i = 0; i < 3 && !hello; i++) {
      const from = heard.length;
      send(encodePing());
      hello = await next(from, (f) => f.type === MessageType.hello, answerMs);
    }
    if (!hello) {
      record('HELLO in answer to PING', false, `no HELLO from address ${address} within ${answerMs} ms, 3 PINGs${others.size ? ` (frames came from address ${[...others].join(', ')})` : ''}`);
    } else {
      record('HELLO in answer to PING', true, `answered in time`);
      const h = decodeHello(hello.frame.payload);
      if (!h.ok) record('HELLO payload', false, `HELLO does not decode: ${h.error}`);
      else {
        const code = KIND_CODES[h.value.kind];
        record('HELLO names the kind', h.value.kind === kind, h.value.kind === kind ? `kind ${code} (${kindName(kind)})` : `HELLO says kind ${code} (${kindName(h.value.kind)}), expected ${KIND_CODES[kind]} (${kindName(kind)})`);
        const fw = h.value.firmware;
        record('firmware version', fw.length >= 1 && fw.length <= 32, fw.length >= 1 && fw.length <= 32 ? `"${fw}"` : `firmware string of ${fw.length} bytes: 1–32 printable ASCII expected`);
      }
    }
    // A device of another kind would fail every check of this one: its HELLO has said what is wrong.
    if (hello && results.every((r) => r.ok)) {
      if (kind === 'led-strip') await stripChecks();
      if (kind === 'evaluator') await promptChecks();
      if (opts.operator && REQUESTS[kind]) await requestChecks();
    }
  } finally {
    stream.off('data', onData);
  }
  const s = framer.stats;
  const faults = s.badCrc + s.badEnd + s.badLength + s.garbageBytes;
  record(
    'frames well formed',
    faults === 0,
    faults === 0 ? `${s.frames} frames, every CRC and end byte right` : `${s.badCrc} bad CRC, ${s.badEnd} bad end byte, ${s.badLength} bad length, ${s.garbageBytes} stray bytes (CRC-16/MODBUS over address…payload, low byte first: PROTOCOL.md §1)`,
  );
  return { kind, address, results, passed: results.every((r) => r.ok) };

  async function acked(name: string, c: LedFrameCommand | Message, seq: number, want = 'ok'): Promise<void> {
    const m = 'kind' in c ? encodeLedFrame(c) : c;
    const status = await command(m, seq);
    if (status === null) return record(name, false, `no ACK for seq ${seq} within ${answerMs} ms`);
    record(name, status === want, status === want ? `ACK ${ACK_STATUSES.indexOf(status as never)} (${status})` : `ACK status ${status}, expected ${want}`);
  }

  async function stripChecks(): Promise<void> {
    const text: LedFrameCommand = { kind: 'text', seq: 0x10, area: 0, call: true, recall: false, text: '请A001到1号窗口' };
    await acked('TEXT acknowledged', text, 0x10);
    await acked('a repeated TEXT acknowledged again', text, 0x10);
    const width = 256;
    const height = 64;
    const bitmap = Buffer.alloc((width / 8) * height, 0x5a);
    for (let offset = 0, seq = 0x20; offset < bitmap.length; offset += 1016, seq++) {
      await acked(`BITMAP chunk at offset ${offset} acknowledged`, { kind: 'bitmap', seq, area: 1, width, height, offset, data: bitmap.subarray(offset, offset + 1016) }, seq);
    }
    await acked('CLEAR acknowledged', { kind: 'clear', seq: 0x30, area: 0xff }, 0x30);
    await acked('BRIGHTNESS acknowledged', { kind: 'brightness', seq: 0x31, level: 60 }, 0x31);
    await acked('POWER acknowledged', { kind: 'power', seq: 0x32, on: true }, 0x32);
    // an area out of range: ACK 1, bad argument (§5)
    await acked('TEXT to area 9 refused as a bad argument', { kind: 'text', seq: 0x33, area: 9, call: false, recall: false, text: 'x' }, 0x33, 'bad-argument');
  }

  async function promptChecks(): Promise<void> {
    const prompt = encodePrompt(0x40, { ticket: 'A001', windowNo: '1' });
    await acked('PROMPT acknowledged', prompt, 0x40);
    await acked('a repeated PROMPT acknowledged again', prompt, 0x40);
  }

  async function requestChecks(): Promise<void> {
    const r = REQUESTS[kind]!;
    const seqs: number[] = [];
    for (const [round, answer] of [
      ['answered ok', r.ok],
      ['answered with a refusal', r.refuse],
    ] as const) {
      const from = heard.length;
      opts.operator!(r.ask);
      const first = await next(from, (f) => f.type === r.type, operatorMs);
      if (!first) return record(`request (${round})`, false, `no request (type 0x${r.type.toString(16)}) within ${operatorMs} ms`);
      const d = r.decode(first.frame.payload);
      if (!d.ok) return record(`request (${round})`, false, `the request does not decode: ${d.error}`);
      record(`request (${round}) decodes`, true, `seq ${d.value.seq}`);
      seqs.push(d.value.seq);
      // unanswered, it is repeated with the same seq and bytes, about every second
      const at = heard.indexOf(first) + 1;
      const again = await next(at, (f) => f.type === r.type, REPEAT_MAX_MS);
      if (!again) record('unanswered request repeated', false, `no repeat within ${REPEAT_MAX_MS} ms (stop-and-wait: PROTOCOL.md §7)`);
      else {
        const same = again.frame.payload.equals(first.frame.payload);
        const gap = again.at - first.at;
        record('unanswered request repeated with the same seq and bytes', same, same ? `after ${gap} ms` : 'the repeat differs from the request (same seq, same bytes expected)');
        record('repeat interval', gap >= REPEAT_MIN_MS, gap >= REPEAT_MIN_MS ? `${gap} ms` : `repeated after ${gap} ms: at least ${REPEAT_MIN_MS} ms expected ("every second or so")`);
      }
      send(answer(d.value.seq));
      const after = heard.length;
      const more = await next(after, (f) => f.type === r.type && f.payload.equals(first.frame.payload), REPEAT_MAX_MS);
      record(`request stops once ${round}`, more === null, more === null ? 'no more repeats' : 'still repeated after its reply');
    }
    if (seqs.length === 2) record('a new request takes a new seq', seqs[0] !== seqs[1], seqs[0] !== seqs[1] ? `${seqs[0]} then ${seqs[1]}` : `both requests used seq ${seqs[0]}`);
  }
}

/** The report as a person reads it: one line a check, then the verdict. */
export function formatReport(r: CheckReport): string {
  const lines = r.results.map((x) => `${x.ok ? 'PASS' : 'FAIL'}  ${x.name}: ${x.detail}`);
  lines.push(`${r.passed ? 'PASS' : 'FAIL'}: ${kindName(r.kind)} at address ${r.address}, ${r.results.filter((x) => x.ok).length}/${r.results.length} checks passed`);
  return lines.join('\n');
}
