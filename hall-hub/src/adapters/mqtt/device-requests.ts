import { KeypadOps, KeypadRequestSchemas, RateRequestSchema, topics, type KeypadOp, type RateRequest } from '@hall/shared';
import { checkSchema, firstError, parseJson } from '@hall/shared/parse-json';
import { createQueueActions } from '../../app/queue-actions.js';
import type { ExecuteResult } from '../../app/queue-engine.js';
import { createQueueViews } from '../../app/queue-views.js';
import { deny, invalidPayload, unknownOperation } from '../../app/request-refusals.js';
import type { AuditLog } from '../../ports/audit-log.js';
import { errorBody, okBody, type GatewayContext } from './gateway-context.js';
import { keypadAction } from './keypad-commands.js';

/**
 * A keypad's or evaluator's request (`…/dev/<id>/request/<op>`): validated, handed to the queue's use case (the one HTTP calls too), submitted
 * with its audit row, and answered on the response topic with the envelope. The device is known (the caller checked).
 */
export function createDeviceRequestHandler(ctx: GatewayContext, audit: AuditLog) {
  const { hallId, engine, devices, logger, count, respond } = ctx;
  const actions = createQueueActions(engine);
  const views = createQueueViews(engine);

  return async function onDeviceRequest(deviceId: string, op: string, payload: Buffer): Promise<void> {
    const responseTopic = topics.deviceResponse(hallId, deviceId, op);
    const device = devices.get(deviceId)!;
    const parsed = parseJson(payload.toString('utf8'));
    const body = parsed.ok && typeof parsed.value === 'object' && parsed.value !== null ? (parsed.value as Record<string, unknown>) : null;
    const transaction = typeof body?.transaction === 'string' && body.transaction.length <= 64 ? body.transaction : undefined;
    if (!body) {
      count('mqtt_bad_payload');
      return respond(responseTopic, errorBody(deny('not_a_json_object'), transaction));
    }
    const windowNo = device.window ?? '';
    const requestId = transaction ? `${deviceId}/${transaction}` : undefined;
    // The audit row is written in the command's own transaction: one fsync for both.
    const alongside = (result: ExecuteResult) =>
      audit.append({
        at: engine.now(),
        actor: `device:${deviceId}`,
        role: 'device',
        action: `${device.type} ${op}`,
        target: windowNo,
        outcome: result.ok ? 'ok' : 'refused',
        address: null,
        detail: result.ok ? undefined : { code: result.refusal.code },
      });
    let run: () => Promise<ExecuteResult>;
    if (device.type === 'keypad' && (KeypadOps as readonly string[]).includes(op)) {
      const schema = KeypadRequestSchemas[op as KeypadOp];
      if (!checkSchema(schema, body)) {
        count('mqtt_bad_payload');
        return respond(responseTopic, errorBody(invalidPayload(firstError(schema, body)), transaction));
      }
      const notAfter = typeof body.deadline === 'number' ? body.deadline : undefined;
      run = () => actions.atWindow(windowNo, keypadAction(op as KeypadOp, body), { requestId, notAfter }, alongside);
    } else if (device.type === 'evaluator' && op === 'rate') {
      if (!checkSchema(RateRequestSchema, body)) {
        count('mqtt_bad_payload');
        return respond(responseTopic, errorBody(invalidPayload(firstError(RateRequestSchema, body)), transaction));
      }
      run = () => actions.rateAtEvaluator(windowNo, body as RateRequest, { requestId }, alongside);
    } else {
      count('mqtt_unknown_op');
      return respond(responseTopic, errorBody(unknownOperation(op, 'device'), transaction));
    }
    devices.seen(deviceId);
    const r = await run();
    if (!r.ok) {
      if (r.refusal.code === 'request_expired') {
        // The device was told "no answer" and its press is dropped, as PROTOCOL.md §7 promises: counted and said.
        count('device_request_expired');
        logger.warn({ deviceId, op, lateByMs: r.refusal.details?.lateByMs }, 'device request past its deadline: not applied');
      }
      return respond(responseTopic, errorBody(r.refusal, transaction));
    }
    const calls = op === 'call-next' || op === 'call' || op === 'recall';
    // An evaluator is told which ticket its rating went to: its bridge stops naming that prompt.
    const data = device.type === 'keypad' ? views.keypad(windowNo, calls ? r.ticketId : null) : { rated: true, ticket: r.ticketId ? (engine.ticket(r.ticketId)?.number ?? null) : null };
    respond(responseTopic, okBody(data, transaction));
  };
}
