import { topics } from '@hall/shared';
import { parseJson } from '@hall/shared/parse-json';
import type { HallConfig } from '../../config/hall-config-schema.js';
import { deny, unknownOperation } from '../../app/request-refusals.js';
import { errorBody, okBody, type GatewayContext } from './gateway-context.js';

/** The devices a bridge says it has that the hall configuration does not put behind it as that type. */
function refusedDevices(mine: ReadonlyArray<{ id: string; type: string }>, configured: unknown[]): Array<{ id: string; reason: string }> {
  const out: Array<{ id: string; reason: string }> = [];
  for (const c of configured.slice(0, 256)) {
    if (typeof c !== 'object' || c === null) continue;
    const { id, type } = c as { id?: unknown; type?: unknown };
    if (typeof id !== 'string' || id.length > 64) continue;
    const known = mine.find((d) => d.id === id);
    // Shown as is on the managers' console: Chinese first, English second.
    if (!known) out.push({ id, reason: '大厅配置未将其置于此网关下 (not behind this bridge in the hall configuration)' });
    else if (known.type !== type) {
      const said = String(type).slice(0, 32);
      out.push({ id, reason: `类型不符：网关配置为 ${said}，大厅配置为 ${known.type} (configured as ${said}, the hall says ${known.type})` });
    }
  }
  return out;
}

/**
 * A bridge's own request (`…/bridge/<id>/request/<op>`): `clock` (the hub's time and rate) or `devices` (which
 * devices it serves, and which of those it says it has the hub refuses).
 */
export function createBridgeRequestHandler(ctx: GatewayContext, config: HallConfig, clockRate: number | undefined) {
  const { hallId, engine, devices, logger, count, respond } = ctx;

  return function onBridgeRequest(bridgeId: string, op: string, payload: Buffer): void {
    const parsed = parseJson(payload.toString('utf8'));
    const body = parsed.ok && typeof parsed.value === 'object' && parsed.value !== null && !Array.isArray(parsed.value) ? (parsed.value as Record<string, unknown>) : null;
    const transaction = typeof body?.transaction === 'string' && body.transaction.length <= 64 ? body.transaction : undefined;
    const topic = topics.bridgeResponse(hallId, bridgeId, op);
    if (!body || (body.transaction !== undefined && transaction === undefined)) {
      count('mqtt_bad_payload');
      return respond(topic, errorBody(deny('bridge_request_malformed'), transaction));
    }
    if (op === 'clock') {
      // The bridge estimates the hub's clock from this to stamp its requests' deadlines (PROTOCOL.md §7).
      return respond(topic, okBody({ now: engine.now(), rate: clockRate ?? 1 }, transaction));
    }
    if (op !== 'devices') {
      count('mqtt_unknown_op');
      return respond(topic, errorBody(unknownOperation(op, 'bridge'), transaction));
    }
    // A bridge learns from the hub which devices it serves; one that names the devices it has configured is told
    // which of them the hub refuses, and those are named on the console (each refused alone, not the bridge).
    const mine = config.devices.filter((d) => d.bridge === bridgeId);
    const data = mine.map((d) => ({ id: d.id, type: d.type, window: d.window ?? null }));
    if (Array.isArray(body.configured)) {
      const refused = refusedDevices(mine, body.configured);
      devices.setBridgeRefusals(bridgeId, refused);
      if (refused.length) {
        count('bridge_device_refused');
        logger.warn({ bridgeId, refused }, 'a bridge is configured with devices the hall configuration does not put behind it: refused');
      }
    }
    respond(topic, okBody(data, transaction));
  };
}
