import { IdCardEventSchema, KeypadRequestSchemas, RateRequestSchema, ResponseEnvelopeSchema, type KeypadOp } from '@hall/shared/devices';
import { checkSchema, parseJson } from '@hall/shared/parse-json';
import type { Logger } from 'pino';
import type { BridgeConfig } from '../config/bridge-config-schema.js';
import { cardAck, localReply, replyFromHub } from '../drivers/index.js';
import type { HubConnection } from '../mqtt/hub-connection.js';
import { maskIdNumber } from '../privacy/id-number.js';
import type { createCounters } from './counters.js';
import type { DeviceRuntime } from './device-runtime.js';
import type { DeviceOutput } from './device-output.js';
import type { HubSession } from './hub-session.js';

/** a late answer to a request the device was told timed out is still passed on within this */
const LATE_WINDOW_MS = 60_000;
/** a repeat of the same request after this long is a new press, not a retransmission */
const REPEAT_WINDOW_MS = 60_000;

type Envelope = Parameters<typeof replyFromHub>[2];

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

export interface HubRequestsDeps {
  config: BridgeConfig;
  hub: () => HubConnection;
  session: HubSession;
  out: DeviceOutput;
  counters: ReturnType<typeof createCounters>;
  logger: Logger;
  /** a new MQTT transaction id */
  transaction(): string;
}

/** Devices' requests (key presses, ratings, ID cards) as the hub's requests, and the hub's answers back to them. */
export interface HubRequests {
  onRequest(d: DeviceRuntime, seq: number, op: string, body: Record<string, unknown>, payload: Buffer): void;
  onCard(d: DeviceRuntime, seq: number, card: { name: string; idNumber: string }, payload: Buffer): void;
  /** a request whose payload the bridge cannot read: refused by its sequence number */
  refuseRequest(d: DeviceRuntime, seq: number): void;
  /** the hub's answer on a device's response topic */
  onResponse(deviceId: string, payload: Buffer): void;
  /** per evaluator, the tickets the hub said its latest ratings went to */
  ratedAt: ReadonlyMap<string, string[]>;
  close(): void;
}

export function createHubRequests(deps: HubRequestsDeps): HubRequests {
  const { config, session, out, counters, logger } = deps;
  /**
   * Per evaluator, the tickets the hub said its latest ratings went to: a prompt for one of them that the device
   * acknowledges late (the visitor rated before the prompt came) must not stand for the next visitor's rating.
   */
  const ratedAt = new Map<string, string[]>();
  /** requests sent to the hub, by transaction; `rates` is the ticket an evaluator's rating named */
  const pending = new Map<string, PendingRequest>();
  /** requests the device was told timed out, by transaction: a late result is still passed on (PROTOCOL.md §7) */
  const timedOut = new Map<string, { device: DeviceRuntime; seq: number; op: string; at: number }>();
  /** The hub may apply a request until its budget's end on the hub's own clock, never after (PROTOCOL.md §7). */
  const budgetMs = config.requestTimeoutMs - config.hubReplyMarginMs;

  /** true when this is a device repeating its last request (it did not hear the reply): answered again, not re-applied */
  function isRepeat(d: DeviceRuntime, seq: number, payload: Buffer): boolean {
    const key = `${seq}:${payload.toString('hex')}`;
    const last = d.lastRequest;
    const now = Date.now();
    if (last && last.key === key && now - last.at < REPEAT_WINDOW_MS) {
      counters.add('retransmit');
      if (last.reply) out.resend(d, last.reply);
      return true;
    }
    d.lastRequest = { seq, key, at: now, reply: null };
    return false;
  }

  function refuseRequest(d: DeviceRuntime, seq: number): void {
    if (d.config.type === 'id-reader') out.send(d, cardAck(seq, 'refused'));
    else answerLocally(d, seq, 'invalid', 'invalid_request', '请求内容有误');
  }

  function answerLocally(d: DeviceRuntime, seq: number, status: 'refused' | 'invalid' | 'timeout' | 'hub-offline', code: string, message: string): void {
    const m = localReply(d.config.type, seq, { status, code, message });
    if (m) out.reply(d, seq, m);
  }

  function onRequest(d: DeviceRuntime, seq: number, op: string, body: Record<string, unknown>, payload: Buffer): void {
    if (isRepeat(d, seq, payload)) return;
    const schema = d.config.type === 'keypad' ? KeypadRequestSchemas[op as KeypadOp] : RateRequestSchema;
    if (!schema || !checkSchema(schema, body)) {
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

  function publishPending(p: PendingRequest): void {
    p.transaction = deps.transaction();
    const deadline = session.deadline(p.sentAt, budgetMs);
    pending.set(p.transaction, p);
    deps.hub().publishRequest(p.device.config.id, p.op, { ...p.body, ...(deadline !== null ? { deadline } : {}), transaction: p.transaction });
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
  function retryExpired(p: PendingRequest, envelope: Envelope): boolean {
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
    const status = !checkSchema(IdCardEventSchema, event) || d.refusedBy ? 'refused' : session.usable() ? 'taken' : 'hub-offline';
    if (status === 'taken') deps.hub().publishEvent(d.config.id, event);
    else counters.add('id_card_refused');
    // Never the number in clear, nor the full name: the log is not a place for personal data.
    logger.info({ device: d.config.id, idMasked: maskIdNumber(card.idNumber), published: status === 'taken' }, 'ID card read');
    out.reply(d, seq, cardAck(seq, status));
  }

  /**
   * A hub answer that came after the device was told "no answer". The hub refuses what is past its deadline, so
   * this is rare (a hub that decided in time but whose answer was slower than the margin); when it did apply the
   * request, the device and the staff member must learn it: the reply goes out with the request's seq.
   */
  function onLateResponse(deviceId: string, envelope: Envelope): void {
    counters.add('late_response');
    const late = envelope.transaction ? timedOut.get(envelope.transaction) : undefined;
    if (!late || late.device.config.id !== deviceId || envelope.status !== 'ok') return;
    timedOut.delete(envelope.transaction!);
    counters.add('late_applied');
    logger.error({ device: deviceId, op: late.op, transaction: envelope.transaction }, 'the hub applied a request after the device was told it timed out: the late result is sent to the device');
    const m = replyFromHub(late.device.config.type, late.seq, envelope);
    if (m) out.reply(late.device, late.seq, m);
  }

  function onResponse(deviceId: string, payload: Buffer): void {
    const body = parseJson(payload.toString('utf8'));
    if (!body.ok || !checkSchema(ResponseEnvelopeSchema, body.value)) return counters.add('bad_response');
    const envelope = body.value as Envelope;
    const p = envelope.transaction ? pending.get(envelope.transaction) : undefined;
    if (!p || p.device.config.id !== deviceId) return onLateResponse(deviceId, envelope);
    if (envelope.status === 'error' && envelope.error.code === 'request_expired' && retryExpired(p, envelope)) return;
    pending.delete(envelope.transaction!);
    clearTimeout(p.timer);
    answerFromHub(p, envelope);
  }

  function answerFromHub(p: PendingRequest, envelope: Envelope): void {
    if (p.op === 'rate') {
      const data = envelope.status === 'ok' ? (envelope.data as { ticket?: unknown } | undefined) : undefined;
      const rated = typeof data?.ticket === 'string' ? data.ticket : p.rates;
      if (rated !== null) ratedAt.set(p.device.config.id, [rated, ...(ratedAt.get(p.device.config.id) ?? [])].slice(0, 8));
      // Answered (rated, or refused as already rated): one rating per prompt. A newer prompt stays.
      if (p.device.state.prompting !== null && (p.device.state.prompting === p.rates || p.device.state.prompting === rated)) out.setState(p.device, { prompting: null });
    }
    const m = replyFromHub(p.device.config.type, p.seq, envelope);
    if (m) out.reply(p.device, p.seq, m);
  }

  return {
    onRequest,
    onCard,
    refuseRequest,
    onResponse,
    ratedAt,
    close: () => {
      for (const p of pending.values()) clearTimeout(p.timer);
    },
  };
}
