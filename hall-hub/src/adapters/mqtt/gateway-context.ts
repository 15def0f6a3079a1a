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

/** A refusal of either catalog as a request's error envelope. */
export function errorBody(r: { code: string; zh: string; en: string }, transaction: string | undefined): ResponseEnvelope {
  const error = { code: r.code, message: r.zh, messageEn: r.en };
  return transaction === undefined ? { status: 'error', error } : { status: 'error', error, transaction };
}

export function okBody(data: unknown, transaction: string | undefined): ResponseEnvelope {
  return transaction === undefined ? { status: 'ok', data } : { status: 'ok', data, transaction };
}
