import { AvailabilitySchema, DeviceStateSchema, IdCardEventSchema, type DeviceChannel } from '@hall/shared';
import { checkSchema, parseJson } from '@hall/shared/parse-json';
import type { IdCardReads } from '../../app/id-card-reads.js';
import type { IdProtector } from '../crypto/id-protection.js';
import type { GatewayContext } from './gateway-context.js';

export interface DeviceReportDeps {
  ids: IdProtector;
  idCards: IdCardReads;
  /** a kiosk printer's bridge reports jobs (`event`) and paper and cover (`state`): the print queue's */
  printerMessage?: (deviceId: string, channel: 'event' | 'state', value: unknown) => 'ok' | 'invalid';
}

const maskName = (name: string) => (name.length <= 1 ? '*' : `${name[0]}${'*'.repeat(name.length - 1)}`);

/**
 * What a known device reports on its own channels (`…/dev/<id>/<channel>`): its presence, its state, a printer's
 * jobs and an ID reader's cards. Nothing is answered; a bad report is counted and changes nothing.
 */
export function createDeviceReportHandler(ctx: GatewayContext, deps: DeviceReportDeps) {
  const { engine, devices, count } = ctx;

  return function onDeviceReport(deviceId: string, channel: DeviceChannel, payload: Buffer): void {
    if (channel === 'availability') {
      const v = payload.toString('utf8');
      if (!checkSchema(AvailabilitySchema, v)) return count('mqtt_bad_payload');
      return devices.setAvailability(deviceId, v === 'online', 'mqtt');
    }
    const parsed = parseJson(payload.toString('utf8'));
    if (!parsed.ok) return count('mqtt_bad_payload');
    if (channel === 'state') {
      if (!checkSchema(DeviceStateSchema, parsed.value)) return count('mqtt_bad_payload');
      if (devices.get(deviceId)?.type === 'printer' && deps.printerMessage?.(deviceId, 'state', parsed.value) === 'invalid') return count('mqtt_bad_payload');
      return devices.setState(deviceId, parsed.value as Record<string, unknown>);
    }
    if (channel === 'event' && devices.get(deviceId)?.type === 'printer' && deps.printerMessage) {
      if (deps.printerMessage(deviceId, 'event', parsed.value) === 'invalid') return count('mqtt_bad_payload');
      return devices.seen(deviceId);
    }
    if (channel === 'event' && devices.get(deviceId)?.type === 'id-reader') {
      if (!checkSchema(IdCardEventSchema, parsed.value)) return count('mqtt_bad_payload');
      const card = parsed.value as { name: string; idNumber: string };
      // Kept masked only: the kiosk beside the reader asks for it when a visitor takes a ticket by ID card.
      deps.idCards.put(deviceId, { identity: deps.ids.protect(card.idNumber), nameMasked: maskName(card.name), at: engine.now() });
      return devices.seen(deviceId);
    }
    count('mqtt_unexpected_message');
  };
}
