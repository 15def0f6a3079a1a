import type { ResponseEnvelope } from '@hall/shared';
import type { Logger } from 'pino';
import type { DeviceRegistry } from '../../app/device-registry.js';
import type { QueueEngine } from '../../app/queue-engine.js';

/** What every part of the MQTT gateway shares: the hall, the queue, the devices, and how to count and answer. */
export interface GatewayContext {
  readonly hallId: string;
  readonly engine: QueueEngine;
  readonly devices: DeviceRegistry;
  readonly logger: Logger;
  /** counts a refused or unexpected message under its code (the rejection counts the console shows) */
  count(code: string): void;
  /** publishes an answer on a request's response topic */
  respond(topic: string, body: ResponseEnvelope): void;
}

export function errorBody(code: string, message: string, messageEn: string, transaction: string | undefined): ResponseEnvelope {
  return transaction === undefined
    ? { status: 'error', error: { code, message, messageEn } }
    : { status: 'error', error: { code, message, messageEn }, transaction };
}

export function okBody(data: unknown, transaction: string | undefined): ResponseEnvelope {
  return transaction === undefined ? { status: 'ok', data } : { status: 'ok', data, transaction };
}
