import { randomBytes } from 'node:crypto';
import { DeviceCommandSchema, IdCardEventSchema, type DeviceCommand, KeypadRequestSchemas, RateRequestSchema, ResponseEnvelopeSchema, type KeypadOp } from '@hall/shared/devices';
import type { ParsedTopic } from '@hall/shared/topics';
import type { TSchema } from '@sinclair/typebox';
import { TypeCompiler, type TypeCheck } from '@sinclair/typebox/compiler';
import type { Logger } from 'pino';
import type { BridgeConfig } from '../config/bridge-config-schema.js';
import { encodePing } from '../drivers/common/codec.js';
import { cardAck, commandMessages, decodeUplink, localReply, replyFromHub, type Uplink } from '../drivers/index.js';
import { encodeMessage, type Frame, type Message } from '../protocol/frame.js';
import type { FramerStats } from '../protocol/framer.js';
import { maskIdNumber } from '../privacy/id-number.js';
import { MessageType, type BridgedType } from '../protocol/message-types.js';
import { connectToHub, type HubConnection } from '../mqtt/hub-connection.js';
import { createPrinterHost } from '../drivers/printer/printer-host.js';
import { createLink, type Link } from '../transport/links.js';
import type { Channel } from '../transport/stream-channel.js';
import { createCounters, type CounterName, type Counters } from './counters.js';
import { addressKey, newRuntime, takeSeq, type DeviceRuntime, type StateValue } from './device-runtime.js';
import { createHubSession } from './hub-session.js';

export interface Bridge {
  /** opens the links and connects to the hub; resolves when links are up and MQTT is subscribed */
  start(): Promise<void>;
  close(): Promise<void>;
  stats(): { links: Record<string, FramerStats>; counters: Counters; online: number; devices: number };
  /** the port a tcp-server link listens on (when configured with port 0) */
  linkPort(linkId: string): number | null;
  isOnline(deviceId: string): boolean;
  /** resolves once counter `name` has reached `n` */
  counted(name: CounterName, n?: number): Promise<void>;
  hub: HubConnection;
}

export interface BridgeDeps {
  config: BridgeConfig;
  password: string;
  logger: Logger;
}

/** A device answers an unacknowledged command's repeat within this; after two repeats the command is given up. */
const ACK_TIMEOUT_MS = 1000;
const ACK_TRIES = 3;
/** ACK 3 "busy": the command is sent again after this, at most this many times (PROTOCOL.md §2). */
const BUSY_RETRY_MS = 500;
const BUSY_TRIES = 5;
/** a late answer to a request the device was told timed out is still passed on within this */
const LATE_WINDOW_MS = 60_000;
/** a repeat of the same request after this long is a new press, not a retransmission */
const REPEAT_WINDOW_MS = 60_000;

/** the frame type each device sends its requests in (answered by seq) */
const REQUEST_TYPES: Record<BridgedType, number | null> = {
  keypad: MessageType.keyRequest,
  evaluator: MessageType.rate,
  'id-reader': MessageType.card,
  'led-strip': null,
};

const compiled = new Map<TSchema, TypeCheck<TSchema>>();
function check(schema: TSchema, value: unknown): boolean {
  let c = compiled.get(schema);
  if (!c) compiled.set(schema, (c = TypeCompiler.Compile(schema)));
  return c.Check(value);
}

function parseJson(payload: Buffer): unknown {
  try {
    return JSON.parse(payload.toString('utf8'));
  } catch {
    return undefined;
  }
}

/** A request sent to the hub and not yet answered. */
interface PendingRequest {
  /** the current MQTT transaction (a request re-sent after a clock re-read gets a new one) */
  transaction: string;
  device: DeviceRuntime;
  seq: number;
  op: string;
  body: Record<string, unknown>;
  sentAt: number;
  timer: NodeJS.Timeout;
  /** the ticket an evaluator's rating names */
  rates: string | null;
  retried: boolean;
}

/** What a strip command replaces: the latest command of each slot is what the strip should show. */
function stripSlot(cmd: DeviceCommand): string {
  switch (cmd.command) {
    case 'brightness':
    case 'power':
      return cmd.command;
    case 'show-bitmap':
      return `area-${cmd.area ?? 0}`;
    default:
      return 'area-0';
  }
}

/**
 * The bridge: frames from the hall's devices become the hub's MQTT requests and events; the hub's responses and
 * commands become frames. Bad bytes, bad frames and bad payloads from either side are counted and dropped —
 * nothing a device or the broker sends can stop it.
 */
export function createBridge(deps: BridgeDeps): Bridge {
  const { config, logger } = deps;
  const counters = createCounters();
  const devices = new Map<string, DeviceRuntime>();
  const byAddress = new Map<string, DeviceRuntime>();
  for (const d of config.devices) {
    const r = newRuntime(d);
    devices.set(d.id, r);
    byAddress.set(addressKey(d.link, d.address), r);
  }
  const bootId = randomBytes(4).toString('hex');
  let txCounter = 0;
  /**
   * Per evaluator, the tickets the hub said its latest ratings went to: a prompt for one of them that the device
   * acknowledges late (the visitor rated before the prompt came) must not stand for the next visitor's rating.
   */
  const ratedAt = new Map<string, string[]>();
  /** requests sent to the hub, by transaction; `rates` is the ticket an evaluator's rating named */
  const pending = new Map<string, PendingRequest>();
  /** requests the device was told timed out, by transaction: a late result is still passed on (PROTOCOL.md §7) */
  const timedOut = new Map<string, { device: DeviceRuntime; seq: number; op: string; at: number }>();
  let closing = false;

  const links = new Map<string, Link>();
  for (const l of config.links) {
    links.set(
      l.id,
      createLink(l, { interByteTimeoutMs: config.interByteTimeoutMs }, {
        onFrame: (frame, channel) => guarded(() => onFrame(l.id, frame, channel)),
        onChannelUp: (c) => logger.info({ link: l.id, channel: c.label }, 'link up'),
        onChannelDown: (c) => guarded(() => onChannelDown(l.id, c)),
        onProblem: (message) => logger.warn({ link: l.id }, message),
      }),
    );
  }

  const hub = connectToHub({
    config,
    password: deps.password,
    // The hub's broker accepts a bridge only under its own name as client id (a restarted bridge takes over).
    clientId: config.mqtt.username ?? config.bridgeId,
    logger,
    onConnect: () => guarded(() => session.onConnect()),
    onMessage: (t, payload) => guarded(() => onHubMessage(t, payload)),
  });

  const session = createHubSession({
    config,
    hub: () => hub,
    devices: [...devices.values()],
    counters,
    logger,
    transaction: () => `${bootId}-b${(txCounter++).toString(36)}`,
    guarded,
  });

  function guarded(f: () => void): void {
    try {
      f();
    } catch (err) {
      counters.add('handler_error');
      logger.error({ err }, 'bridge handler failed');
    }
  }

  function send(d: DeviceRuntime, m: Message): Buffer {
    const frame = encodeMessage(d.config.address, m);
    links.get(d.config.link)?.send(frame, d.channel);
    return frame;
  }

  function setOnline(d: DeviceRuntime, online: boolean, why: string): void {
    if (d.online === online) return;
    d.online = online;
    if (!online) d.channel = null;
    logger.info({ device: d.config.id, why }, online ? 'device online' : 'device offline');
    // A strip that was away may have lost its RAM areas (power cycle): it gets the latest of everything again.
    if (online) for (const slot of d.latest.keys()) d.stale.add(slot);
    if (!d.refusedBy) hub.publishAvailability(d.config.id, online);
  }

  function setState(d: DeviceRuntime, patch: Record<string, StateValue>): void {
    const next = { ...d.state, ...patch };
    if (Object.entries(patch).every(([k, v]) => d.state[k] === v)) return;
    d.state = next;
    if (!d.refusedBy) hub.publishState(d.config.id, next);
  }

  function onFrame(linkId: string, frame: Frame, channel: Channel): void {
    const d = byAddress.get(addressKey(linkId, frame.address));
    if (!d) return counters.add('unknown_address');
    const decoded = decodeUplink(d.config.type, frame);
    // A device whose HELLO names another kind than configured is not the device configured there (a wrong
    // address, a wrong board): it is not taken for online, and nothing it sends is acted on until it says so.
    if (decoded.ok && decoded.value.kind === 'hello') {
      const says = decoded.value.hello.kind;
      if (says !== d.config.type) {
        counters.add('wrong_kind');
        if (d.wrongKind !== says) logger.error({ device: d.config.id, configured: d.config.type, says }, `device ${d.config.id} says it is a ${says}, configured as a ${d.config.type}: refused`);
        d.wrongKind = says;
        setOnline(d, false, 'wrong kind');
        return;
      }
      d.wrongKind = null;
    }
    if (d.wrongKind !== null) return counters.add('wrong_kind');
    // A frame with a good CRC still proves the device is there, even if its payload is refused.
    d.lastHeard = Date.now();
    d.channel = channel;
    setOnline(d, true, 'heard');
    if (!decoded.ok) {
      counters.add('bad_frame_payload');
      logger.debug({ device: d.config.id, type: frame.type, error: decoded.error }, 'frame refused');
      // The CRC held, so the bytes are what the device sent: a request it cannot have answered would only be
      // repeated, so it is refused by its sequence number (the first payload byte of every request).
      if (REQUEST_TYPES[d.config.type] === frame.type && frame.payload.length > 0) refuseRequest(d, frame.payload[0]!);
      return;
    }
    onUplink(d, decoded.value, frame.payload);
    converge(d);
  }

  function onUplink(d: DeviceRuntime, u: Uplink, payload: Buffer): void {
    switch (u.kind) {
      case 'hello':
        // every HELLO, not only the first: a device updated in place says its new version when it comes back
        return setState(d, { version: u.hello.firmware });
      case 'ack': {
        const a = d.awaitingAck.get(u.ack.seq);
        if (!a) return;
        clearTimeout(a.timer);
        if (u.ack.status === 'busy') return a.onBusy();
        d.awaitingAck.delete(u.ack.seq);
        if (u.ack.status === 'ok') a.onOk?.();
        else {
          counters.add('device_refused');
          logger.warn({ device: d.config.id, status: u.ack.status }, 'device refused a command');
        }
        return;
      }
      case 'request':
        return onRequest(d, u.seq, u.op, u.body, payload);
      case 'card':
        return onCard(d, u.seq, u.card, payload);
    }
  }

  /** true when this is a device repeating its last request (it did not hear the reply): answered again, not re-applied */
  function isRepeat(d: DeviceRuntime, seq: number, payload: Buffer): boolean {
    const key = `${seq}:${payload.toString('hex')}`;
    const last = d.lastRequest;
    const now = Date.now();
    if (last && last.key === key && now - last.at < REPEAT_WINDOW_MS) {
      counters.add('retransmit');
      if (last.reply) links.get(d.config.link)?.send(last.reply, d.channel);
      return true;
    }
    d.lastRequest = { seq, key, at: now, reply: null };
    return false;
  }

  function refuseRequest(d: DeviceRuntime, seq: number): void {
    if (d.config.type === 'id-reader') send(d, cardAck(seq, 'refused'));
    else answerLocally(d, seq, 'invalid', 'invalid_request', '请求内容有误');
  }


  function answerLocally(d: DeviceRuntime, seq: number, status: 'refused' | 'invalid' | 'timeout' | 'hub-offline', code: string, message: string): void {
    const m = localReply(d.config.type, seq, { status, code, message });
    if (!m) return;
    const frame = send(d, m);
    if (d.lastRequest?.seq === seq) d.lastRequest.reply = frame;
  }

  function onRequest(d: DeviceRuntime, seq: number, op: string, body: Record<string, unknown>, payload: Buffer): void {
    if (isRepeat(d, seq, payload)) return;
    const schema = d.config.type === 'keypad' ? KeypadRequestSchemas[op as KeypadOp] : RateRequestSchema;
    if (!schema || !check(schema, body)) {
      counters.add('invalid_request');
      return answerLocally(d, seq, 'invalid', 'invalid_request', '请求内容有误');
    }
    if (d.refusedBy) {
      counters.add('device_not_registered');
      return answerLocally(d, seq, 'refused', 'device_not_registered', '设备未在中心登记，请联系管理员');
    }
    if (!session.usable()) {
      // Not queued: a press applied minutes later, after the staff gave up, would call a visitor nobody expects.
      counters.add('hub_offline');
      return answerLocally(d, seq, 'hub-offline', 'hub_offline', '与中心的连接中断，请稍后重试');
    }
    const sentAt = Date.now();
    // An evaluator's rating names the ticket it was prompted for: the next visitor may already be at the window
    // when the last one presses a key, and the hub must not credit the rating to the wrong service. The prompt
    // stands until the hub answers, so a rating retried after a timeout still names it (and is applied once).
    const rates = d.config.type === 'evaluator' && typeof d.state.prompting === 'string' ? d.state.prompting : null;
    const p: PendingRequest = { transaction: '', device: d, seq, op, body: { ...body, ...(rates !== null ? { ticket: rates } : {}) }, sentAt, rates, retried: false, timer: setTimeout(() => timeOut(p), config.requestTimeoutMs) };
    publishPending(p);
  }

  /** The hub may apply a request until its budget's end on the hub's own clock, never after (PROTOCOL.md §7). */
  const budgetMs = config.requestTimeoutMs - config.hubReplyMarginMs;

  function publishPending(p: PendingRequest): void {
    p.transaction = `${bootId}-${(txCounter++).toString(36)}`;
    const deadline = session.deadline(p.sentAt, budgetMs);
    pending.set(p.transaction, p);
    hub.publishRequest(p.device.config.id, p.op, { ...p.body, ...(deadline !== null ? { deadline } : {}), transaction: p.transaction });
    logger.debug({ device: p.device.config.id, op: p.op, transaction: p.transaction }, 'request');
  }

  function timeOut(p: PendingRequest): void {
    if (pending.get(p.transaction) !== p) return;
    pending.delete(p.transaction);
    counters.add('hub_timeout');
    for (const [tx, t] of timedOut) if (p.sentAt - t.at > LATE_WINDOW_MS) timedOut.delete(tx);
    timedOut.set(p.transaction, { device: p.device, seq: p.seq, op: p.op, at: p.sentAt });
    answerLocally(p.device, p.seq, 'timeout', 'hub_timeout', '中心无应答，请重试');
  }

  /**
   * The hub said `request_expired` while the bridge's own timer still runs: either the hub stalled past the
   * deadline, or the bridge's reading of the hub's clock is stale (the hub's clock was stepped). The bridge reads
   * the clock again; if the request's budget has not run out on the fresh reading it is sent once more (it was
   * not applied: the hub refused it), else the device gets the refusal.
   */
  function retryExpired(p: PendingRequest, envelope: Parameters<typeof replyFromHub>[2]): boolean {
    if (p.retried) return false;
    p.retried = true;
    const reread = session.rereadClock(() => {
      if (pending.get(p.transaction) !== p) return;
      pending.delete(p.transaction);
      if (!session.expired(p.sentAt, budgetMs)) return publishPending(p);
      clearTimeout(p.timer);
      answerFromHub(p, envelope);
    });
    if (reread) counters.add('clock_resync');
    return reread;
  }

  function onCard(d: DeviceRuntime, seq: number, card: { name: string; idNumber: string }, payload: Buffer): void {
    if (isRepeat(d, seq, payload)) return;
    const event = { type: 'id-card' as const, name: card.name, idNumber: card.idNumber };
    // CARD_ACK says why a read was not taken: a misread (read again) or the hub unreachable (take a paper ticket).
    const status = !check(IdCardEventSchema, event) || d.refusedBy ? 'refused' : session.usable() ? 'taken' : 'hub-offline';
    if (status === 'taken') hub.publishEvent(d.config.id, event);
    else counters.add('id_card_refused');
    // Never the number in clear, nor the full name: the log is not a place for personal data.
    logger.info({ device: d.config.id, idMasked: maskIdNumber(card.idNumber), published: status === 'taken' }, 'ID card read');
    const frame = send(d, cardAck(seq, status));
    if (d.lastRequest?.seq === seq) d.lastRequest.reply = frame;
  }

  function onChannelDown(linkId: string, c: Channel): void {
    logger.warn({ link: linkId, channel: c.label }, 'link down');
    for (const d of devices.values()) if (d.config.link === linkId && d.channel === c) setOnline(d, false, 'link down');
  }

  /**
   * Sends a command and repeats it until it is acknowledged: after 1 s of silence (twice), and after 500 ms on
   * "busy" (five times). A command given up is remembered by its slot, and the strip gets the latest of that
   * slot the next time it is heard (converge).
   */
  function sendAwaitingAck(d: DeviceRuntime, seq: number, m: Message, onOk?: () => void, onGiveUp?: () => void): void {
    const old = d.awaitingAck.get(seq);
    if (old) clearTimeout(old.timer);
    const frame = send(d, m);
    let busy = 0;
    const resend = (next: () => void, ms: number) => {
      links.get(d.config.link)?.send(entry.frame, d.channel);
      entry.timer = setTimeout(next, ms);
    };
    const giveUp = (counter: 'ack_timeout' | 'busy_given_up') => {
      d.awaitingAck.delete(seq);
      counters.add(counter);
      onGiveUp?.();
    };
    const retry = () => {
      if (closing || d.awaitingAck.get(seq) !== entry) return;
      if (entry.tries >= ACK_TRIES) return giveUp('ack_timeout');
      entry.tries += 1;
      resend(retry, ACK_TIMEOUT_MS);
    };
    const entry: DeviceRuntime['awaitingAck'] extends Map<number, infer E> ? E : never = {
      frame,
      tries: 1,
      timer: setTimeout(retry, ACK_TIMEOUT_MS),
      onOk,
      onBusy() {
        if (closing || d.awaitingAck.get(seq) !== entry) return;
        counters.add('device_busy');
        if (++busy > BUSY_TRIES) return giveUp('busy_given_up');
        entry.timer = setTimeout(() => {
          if (closing || d.awaitingAck.get(seq) !== entry) return;
          entry.tries = 1;
          resend(retry, ACK_TIMEOUT_MS);
        }, BUSY_RETRY_MS);
      },
    };
    d.awaitingAck.set(seq, entry);
  }

  /** A strip that missed a command (given up) gets the latest command of that slot once it is heard and idle. */
  function converge(d: DeviceRuntime): void {
    if (!d.stale.size || d.awaitingAck.size || !d.online || d.refusedBy) return;
    const slots = [...d.stale];
    d.stale.clear();
    counters.add('converged', slots.length);
    for (const slot of slots) {
      const cmd = d.latest.get(slot);
      if (cmd) sendCommand(d, cmd);
    }
  }

  /**
   * A hub answer that came after the device was told "no answer". The hub refuses what is past its deadline, so
   * this is rare (a hub that decided in time but whose answer was slower than the margin); when it did apply the
   * request, the device and the staff member must learn it: the reply goes out with the request's seq.
   */
  function onLateResponse(deviceId: string, envelope: Parameters<typeof replyFromHub>[2]): void {
    counters.add('late_response');
    const late = envelope.transaction ? timedOut.get(envelope.transaction) : undefined;
    if (!late || late.device.config.id !== deviceId || envelope.status !== 'ok') return;
    timedOut.delete(envelope.transaction!);
    counters.add('late_applied');
    logger.error({ device: deviceId, op: late.op, transaction: envelope.transaction }, 'the hub applied a request after the device was told it timed out: the late result is sent to the device');
    const m = replyFromHub(late.device.config.type, late.seq, envelope);
    if (!m) return;
    const frame = send(late.device, m);
    if (late.device.lastRequest?.seq === late.seq) late.device.lastRequest.reply = frame;
  }

  function onHubMessage(t: ParsedTopic, payload: Buffer): void {
    if (t.kind === 'bridge-response') return session.onResponse(payload);
    if (t.kind === 'device-response') {
      const body = parseJson(payload);
      if (!check(ResponseEnvelopeSchema, body)) return counters.add('bad_response');
      const envelope = body as Parameters<typeof replyFromHub>[2];
      const p = envelope.transaction ? pending.get(envelope.transaction) : undefined;
      if (!p || p.device.config.id !== t.deviceId) return onLateResponse(t.deviceId, envelope);
      if (envelope.status === 'error' && envelope.error.code === 'request_expired' && retryExpired(p, envelope)) return;
      pending.delete(envelope.transaction!);
      clearTimeout(p.timer);
      return answerFromHub(p, envelope);
    }
    if (t.kind !== 'device' || t.channel !== 'set') return;
    const d = devices.get(t.deviceId);
    if (!d) return;
    const cmd = parseJson(payload);
    if (!check(DeviceCommandSchema, cmd)) return counters.add('bad_command');
    sendCommand(d, cmd as Parameters<typeof commandMessages>[1]);
  }

  function answerFromHub(p: PendingRequest, envelope: Parameters<typeof replyFromHub>[2]): void {
    if (p.op === 'rate') {
      const data = envelope.status === 'ok' ? (envelope.data as { ticket?: unknown } | undefined) : undefined;
      const rated = typeof data?.ticket === 'string' ? data.ticket : p.rates;
      if (rated !== null) ratedAt.set(p.device.config.id, [rated, ...(ratedAt.get(p.device.config.id) ?? [])].slice(0, 8));
      // Answered (rated, or refused as already rated): one rating per prompt. A newer prompt stays.
      if (p.device.state.prompting !== null && (p.device.state.prompting === p.rates || p.device.state.prompting === rated)) setState(p.device, { prompting: null });
    }
    const m = replyFromHub(p.device.config.type, p.seq, envelope);
    if (!m) return;
    const frame = send(p.device, m);
    if (p.device.lastRequest?.seq === p.seq) p.device.lastRequest.reply = frame;
  }

  function sendCommand(d: DeviceRuntime, command: Parameters<typeof commandMessages>[1]): void {
    const slot = d.config.type === 'led-strip' ? stripSlot(command) : null;
    if (slot !== null) {
      d.latest.set(slot, command);
      d.stale.delete(slot);
    }
    const messages = commandMessages(d.config.type, command, () => takeSeq(d));
    if (!messages.ok) {
      counters.add('unsupported_command');
      logger.warn({ device: d.config.id, error: messages.error }, 'command not sent');
      return;
    }
    messages.value.forEach(({ seq, message }, i) => {
      // The strip's state changes when its last frame is acknowledged.
      const last = i === messages.value.length - 1;
      const onShown = () => {
        if (command.command === 'prompt-rating' && ratedAt.get(d.config.id)?.includes(command.ticket)) return;
        setState(d, stateAfter(command));
      };
      // A strip that never took it gets it (or a newer one of the same slot) when it is next heard.
      const onGiveUp = () => {
        if (slot !== null && d.latest.get(slot) === command) d.stale.add(slot);
      };
      sendAwaitingAck(d, seq, message, last ? onShown : undefined, onGiveUp);
    });
  }

  function stateAfter(cmd: Parameters<typeof commandMessages>[1]): Record<string, StateValue> {
    switch (cmd.command) {
      case 'show-call':
      case 'show-text':
        return { showing: cmd.text };
      case 'show-bitmap':
        return { showing: `bitmap ${cmd.width}×${cmd.height}` };
      case 'clear':
        return { showing: null };
      case 'brightness':
        return { brightness: cmd.level };
      case 'power':
        return { power: cmd.on };
      case 'prompt-rating':
        return { prompting: cmd.ticket };
    }
  }

  let pinger: NodeJS.Timeout | null = null;
  function pingAll(): void {
    const now = Date.now();
    for (const d of devices.values()) {
      if (d.online && now - d.lastHeard > config.offlineAfterMs) setOnline(d, false, 'silent');
      send(d, encodePing());
    }
  }

  // Receipt printers have their own device files and topics: they share only the MQTT session.
  const printerHost = createPrinterHost(config.printers, hub, logger);

  return {
    hub,
    async start() {
      printerHost.start();
      for (const l of links.values()) await l.start();
      pingAll();
      pinger = setInterval(() => guarded(pingAll), config.pingIntervalMs);
      await session.ready;
    },
    async close() {
      closing = true;
      if (pinger) clearInterval(pinger);
      session.close();
      for (const p of pending.values()) clearTimeout(p.timer);
      for (const d of devices.values()) for (const a of d.awaitingAck.values()) clearTimeout(a.timer);
      await printerHost.close();
      await hub.close();
      for (const l of links.values()) await l.close();
    },
    stats() {
      const linkStats: Record<string, FramerStats> = {};
      for (const [id, l] of links) linkStats[id] = l.stats();
      let online = 0;
      for (const d of devices.values()) if (d.online) online += 1;
      return { links: linkStats, counters: { ...counters.values }, online, devices: devices.size };
    },
    linkPort: (id) => links.get(id)?.port() ?? null,
    isOnline: (id) => devices.get(id)?.online ?? false,
    counted: (name, n = 1) =>
      new Promise<void>((resolve) => {
        if ((counters.values[name] ?? 0) >= n) return resolve();
        const off = counters.onCount(() => {
          if ((counters.values[name] ?? 0) < n) return;
          off();
          resolve();
        });
      }),
  };
}
