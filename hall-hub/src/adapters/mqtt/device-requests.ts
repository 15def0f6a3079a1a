import { KeypadOps, KeypadRequestSchemas, RateRequestSchema, topics, type KeypadOp, type KeypadReply, type RateRequest } from '@hall/shared';
import { checkSchema, firstError, parseJson } from '@hall/shared/parse-json';
import type { QueueEngine } from '../../app/queue-engine.js';
import { windowView } from '../../domain/queue/views.js';
import { servedLines } from '../../domain/queue/window-lines.js';
import type { AuditLog } from '../../ports/audit-log.js';
import { errorBody, okBody, type GatewayContext } from './gateway-context.js';
import { keypadCommand } from './keypad-commands.js';

/**
 * What the keypad's own display shows after a request. A call answers with the ticket *this* request called:
 * reading the window afterwards could show a later call of the same group commit (a double press).
 */
function keypadReply(engine: QueueEngine, windowNo: string, calledTicketId: string | null): KeypadReply {
  const w = windowView(engine.state, engine.rules, windowNo);
  const called = calledTicketId === null ? null : (engine.ticket(calledTicketId)?.number ?? null);
  const lines = servedLines(engine.state, engine.rules, windowNo);
  let waiting = 0;
  for (const { line } of lines) {
    const q = engine.state.lines.get(line);
    if (q) waiting += q.priority.length + q.normal.length;
  }
  return { windowNo, windowStatus: w.status, staffNo: w.staffNo, ticket: called ?? w.currentTicket, waiting, suspended: w.suspendedTickets };
}

/**
 * A keypad's or evaluator's request (`…/dev/<id>/request/<op>`): validated, turned into a queue command, submitted
 * with its audit row, and answered on the response topic with the envelope. The device is known (the caller checked).
 */
export function createDeviceRequestHandler(ctx: GatewayContext, audit: AuditLog) {
  const { hallId, engine, devices, logger, count, respond } = ctx;

  return async function onDeviceRequest(deviceId: string, op: string, payload: Buffer): Promise<void> {
    const responseTopic = topics.deviceResponse(hallId, deviceId, op);
    const device = devices.get(deviceId)!;
    const parsed = parseJson(payload.toString('utf8'));
    const body = parsed.ok && typeof parsed.value === 'object' && parsed.value !== null ? (parsed.value as Record<string, unknown>) : null;
    const transaction = typeof body?.transaction === 'string' && body.transaction.length <= 64 ? body.transaction : undefined;
    if (!body) {
      count('mqtt_bad_payload');
      return respond(responseTopic, errorBody('invalid_payload', '请求不是 JSON 对象。', 'The request is not a JSON object.', transaction));
    }
    const windowNo = device.window ?? '';
    const requestId = transaction ? `${deviceId}/${transaction}` : undefined;
    let cmd;
    if (device.type === 'keypad' && (KeypadOps as readonly string[]).includes(op)) {
      const schema = KeypadRequestSchemas[op as KeypadOp];
      if (!checkSchema(schema, body)) {
        count('mqtt_bad_payload');
        return respond(responseTopic, errorBody('invalid_payload', `请求内容有误：${firstError(schema, body)}`, `Invalid request: ${firstError(schema, body)}`, transaction));
      }
      cmd = keypadCommand(op as KeypadOp, body, windowNo, requestId, (n) => engine.ticketByNumber(n)?.id ?? null);
    } else if (device.type === 'evaluator' && op === 'rate') {
      if (!checkSchema(RateRequestSchema, body)) {
        count('mqtt_bad_payload');
        return respond(responseTopic, errorBody('invalid_payload', `请求内容有误：${firstError(RateRequestSchema, body)}`, `Invalid request: ${firstError(RateRequestSchema, body)}`, transaction));
      }
      const r = body as RateRequest;
      const ticketId = r.ticket === undefined ? undefined : (engine.ticketByNumber(r.ticket)?.id ?? null);
      cmd =
        ticketId === null
          ? { refused: 'unknown_ticket' as const }
          : { type: 'RateService' as const, windowNo, ticketId, level: r.level, dimensions: r.dimensions, channel: 'evaluator' as const, requestId, notAfter: r.deadline };
    } else {
      count('mqtt_unknown_op');
      return respond(responseTopic, errorBody('unknown_operation', `设备不支持这个操作：${op}`, `This device has no operation ${op}.`, transaction));
    }
    devices.seen(deviceId);
    if ('refused' in cmd) {
      return respond(responseTopic, errorBody(cmd.refused, '没有找到这张号票。', 'No such ticket today.', transaction));
    }
    // The audit row is written in the command's own transaction: one fsync for both.
    const r = await engine.submit(cmd, (result) =>
      audit.append({
        at: engine.now(),
        actor: `device:${deviceId}`,
        role: 'device',
        action: `${device.type} ${op}`,
        target: windowNo,
        outcome: result.ok ? 'ok' : 'refused',
        address: null,
        detail: result.ok ? undefined : { code: result.refusal.code },
      }),
    );
    if (!r.ok) {
      if (r.refusal.code === 'request_expired') {
        // The device was told "no answer" and its press is dropped, as PROTOCOL.md §7 promises: counted and said.
        count('device_request_expired');
        logger.warn({ deviceId, op, lateByMs: r.refusal.details?.lateByMs }, 'device request past its deadline: not applied');
      }
      return respond(responseTopic, errorBody(r.refusal.code, r.refusal.zh, r.refusal.en, transaction));
    }
    const calls = op === 'call-next' || op === 'call' || op === 'recall';
    // An evaluator is told which ticket its rating went to: its bridge stops naming that prompt.
    const data = device.type === 'keypad' ? keypadReply(engine, windowNo, calls ? r.ticketId : null) : { rated: true, ticket: r.ticketId ? (engine.ticket(r.ticketId)?.number ?? null) : null };
    respond(responseTopic, okBody(data, transaction));
  };
}
