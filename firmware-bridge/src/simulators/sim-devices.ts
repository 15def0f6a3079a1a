import type { BridgedType } from '../protocol/message-types.js';
import { MessageType } from '../protocol/message-types.js';
import type { Message } from '../protocol/frame.js';
import type { Decoded } from '../protocol/fields.js';
import { encodeAck, encodeHello } from '../drivers/common/codec.js';
import { decodeKeypadReply, encodeKeypadPress, type KeypadFrameReply, type KeypadPress } from '../drivers/keypad/codec.js';
import { decodePrompt, decodeRateReply, encodeRating, type RateFrameReply, type Rating, type RatingPrompt } from '../drivers/evaluator/codec.js';
import { decodeLedFrame, type LedFrameCommand } from '../drivers/led-strip/codec.js';
import { decodeCardAck, encodeCard, type CardAckStatus, type CardRead } from '../drivers/id-reader/codec.js';
import type { SimBus, SimDevice } from './sim-bus.js';

export const SIM_FIRMWARE = 'sim-1.0';

interface Awaiting<T> {
  resolve(v: T): void;
  reject(e: Error): void;
}

export interface SimOptions {
  retryMs?: number;
  tries?: number;
  /** the sequence number before the first request (default random, as after a real power-up) */
  firstSeq?: number;
}

/**
 * What every simulated device does: HELLO when the line comes up and in answer to PING; a request repeated
 * until its reply comes (stop-and-wait, as real keypads do), with the same sequence number and bytes.
 */
function core<R>(bus: SimBus, id: string, address: number, kind: BridgedType, opts: SimOptions) {
  const retryMs = opts.retryMs ?? 1000;
  const tries = opts.tries ?? 10;
  // A device powers up at any sequence number; a test that writes raw frames of its own picks one apart from them.
  let seq = opts.firstSeq ?? Math.floor(Math.random() * 256);
  const waiting = new Map<number, Awaiting<R>>();
  return {
    hello: () => bus.send(address, encodeHello({ kind, firmware: SIM_FIRMWARE })),
    /** sends a request and resolves with its reply; repeats it every retryMs, gives up after `tries` */
    request(build: (seq: number) => Message): Promise<R> {
      seq = (seq + 1) & 0xff;
      const s = seq;
      const m = build(s);
      return new Promise<R>((resolve, reject) => {
        let n = 0;
        let timer: NodeJS.Timeout;
        const attempt = () => {
          if (n++ >= tries) {
            waiting.delete(s);
            reject(new Error(`${id}: no reply after ${tries} tries`));
            return;
          }
          bus.send(address, m);
          timer = setTimeout(attempt, retryMs);
        };
        waiting.set(s, {
          resolve: (v) => {
            clearTimeout(timer);
            resolve(v);
          },
          reject,
        });
        attempt();
      });
    },
    reply(d: Decoded<{ seq: number } & Record<string, unknown>>, pick: (v: never) => R): void {
      if (!d.ok) return;
      const w = waiting.get(d.value.seq);
      if (!w) return;
      waiting.delete(d.value.seq);
      w.resolve(pick(d.value as never));
    },
  };
}

export interface KeypadSim extends SimDevice {
  press(p: KeypadPress): Promise<KeypadFrameReply>;
}

export function keypadSim(bus: SimBus, id: string, address: number, opts: SimOptions = {}): KeypadSim {
  const c = core<KeypadFrameReply>(bus, id, address, 'keypad', opts);
  const dev: KeypadSim = {
    id,
    address,
    onLineUp: c.hello,
    onMessage(m) {
      if (m.type === MessageType.ping) return c.hello();
      if (m.type === MessageType.keyReply) c.reply(decodeKeypadReply(m.payload), (v: { reply: KeypadFrameReply }) => v.reply);
    },
    press: (p) => c.request((seq) => encodeKeypadPress(seq, p)),
  };
  bus.attach(dev);
  return dev;
}

export interface EvaluatorSim extends SimDevice {
  prompts: RatingPrompt[];
  rate(r: Rating): Promise<RateFrameReply>;
  onPrompt(cb: (p: RatingPrompt) => void): void;
}

export function evaluatorSim(bus: SimBus, id: string, address: number, opts: SimOptions = {}): EvaluatorSim {
  const c = core<RateFrameReply>(bus, id, address, 'evaluator', opts);
  const listeners: Array<(p: RatingPrompt) => void> = [];
  const dev: EvaluatorSim = {
    id,
    address,
    prompts: [],
    onLineUp: c.hello,
    onMessage(m) {
      if (m.type === MessageType.ping) return c.hello();
      if (m.type === MessageType.rateReply) return c.reply(decodeRateReply(m.payload), (v: { reply: RateFrameReply }) => v.reply);
      if (m.type === MessageType.promptRating) {
        const d = decodePrompt(m.payload);
        bus.send(address, encodeAck({ seq: d.ok ? d.value.seq : (m.payload[0] ?? 0), status: d.ok ? 'ok' : 'bad-argument' }));
        // The bridge repeats an unacknowledged prompt: the same one twice in a row is one prompt.
        if (d.ok && JSON.stringify(dev.prompts.at(-1)) !== JSON.stringify(d.value.prompt)) {
          dev.prompts.push(d.value.prompt);
          for (const l of listeners) l(d.value.prompt);
        }
      }
    },
    rate: (r) => c.request((seq) => encodeRating(seq, r)),
    onPrompt: (cb) => void listeners.push(cb),
  };
  bus.attach(dev);
  return dev;
}

export interface LedStripSim extends SimDevice {
  /** text per RAM area (area 0 is the strip's main line) */
  areas: Map<number, string>;
  bitmaps: Map<number, { width: number; height: number; data: Buffer; filled: number }>;
  brightness: number;
  power: boolean;
  history: LedFrameCommand[];
  /** answers ACK 3 "busy" (and applies nothing) to this many frames more */
  busyFor: number;
  /** hears nothing but PING (a strip whose receiver is jammed): no ACK, nothing applied */
  mute: boolean;
  onChange(cb: (c: LedFrameCommand) => void): void;
}

export function ledStripSim(bus: SimBus, id: string, address: number): LedStripSim {
  const listeners: Array<(c: LedFrameCommand) => void> = [];
  const seen = new Set<string>();
  const dev: LedStripSim = {
    id,
    address,
    areas: new Map(),
    bitmaps: new Map(),
    brightness: 100,
    power: true,
    history: [],
    busyFor: 0,
    mute: false,
    onLineUp: () => bus.send(address, encodeHello({ kind: 'led-strip', firmware: SIM_FIRMWARE })),
    onChange: (cb) => void listeners.push(cb),
    onMessage(m) {
      if (m.type === MessageType.ping) return dev.onLineUp();
      if (dev.mute) return;
      if (dev.busyFor > 0 && m.payload.length) {
        dev.busyFor -= 1;
        return bus.send(address, encodeAck({ seq: m.payload[0]!, status: 'busy' }));
      }
      const d = decodeLedFrame(m);
      if (!d.ok) {
        if (m.payload.length) bus.send(address, encodeAck({ seq: m.payload[0]!, status: 'bad-argument' }));
        return;
      }
      const c = d.value;
      bus.send(address, encodeAck({ seq: c.seq, status: 'ok' }));
      // A repeat of a frame already applied (its ACK was lost) is acknowledged again, not applied twice.
      const key = `${c.seq}:${m.type}:${m.payload.toString('hex')}`;
      if (seen.has(key)) return;
      seen.add(key);
      if (seen.size > 64) seen.delete(seen.values().next().value!);
      apply(c);
      dev.history.push(c);
      for (const l of listeners) l(c);
    },
  };
  function apply(c: LedFrameCommand): void {
    switch (c.kind) {
      case 'text':
        dev.areas.set(c.area, c.text);
        dev.bitmaps.delete(c.area);
        break;
      case 'bitmap': {
        let b = dev.bitmaps.get(c.area);
        if (!b || b.width !== c.width || b.height !== c.height || c.offset === 0) {
          b = { width: c.width, height: c.height, data: Buffer.alloc((c.width / 8) * c.height), filled: 0 };
          dev.bitmaps.set(c.area, b);
        }
        c.data.copy(b.data, c.offset);
        b.filled += c.data.length;
        dev.areas.delete(c.area);
        break;
      }
      case 'clear':
        if (c.area === 0xff) {
          dev.areas.clear();
          dev.bitmaps.clear();
        } else {
          dev.areas.delete(c.area);
          dev.bitmaps.delete(c.area);
        }
        break;
      case 'brightness':
        dev.brightness = c.level;
        break;
      case 'power':
        dev.power = c.on;
        break;
    }
  }
  bus.attach(dev);
  return dev;
}

export interface IdReaderSim extends SimDevice {
  /** a card laid on the reader; resolves with whether the bridge took it */
  swipe(card: CardRead): Promise<boolean>;
  /** every CARD_ACK status heard, in order: why a read was not taken (refused, or the hub offline) */
  acks: CardAckStatus[];
}

export function idReaderSim(bus: SimBus, id: string, address: number, opts: SimOptions = {}): IdReaderSim {
  const c = core<boolean>(bus, id, address, 'id-reader', opts);
  const dev: IdReaderSim = {
    id,
    address,
    acks: [],
    onLineUp: c.hello,
    onMessage(m) {
      if (m.type === MessageType.ping) return c.hello();
      if (m.type !== MessageType.cardAck) return;
      const d = decodeCardAck(m.payload);
      if (d.ok) dev.acks.push(d.value.status);
      c.reply(d, (v: { ok: boolean }) => v.ok);
    },
    swipe: (card) => c.request((seq) => encodeCard(seq, card)),
  };
  bus.attach(dev);
  return dev;
}
