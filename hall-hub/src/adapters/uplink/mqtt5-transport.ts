import mqtt, { type MqttClient } from 'mqtt';
import type { SendResult, UplinkBatch, UplinkTransport } from '../../ports/uplink.js';

/** The topic a hall publishes a stream to on the upstream broker. */
export function uplinkTopic(prefix: string, hallId: string, stream: string): string {
  return `${prefix}/${hallId}/uplink/${stream}`;
}

/**
 * MQTT 5 to the province's broker: one QoS 1 message per batch on `{prefix}/{hallId}/uplink/{stream}`, the
 * signature and idempotency key as user properties. A batch counts as delivered on the broker's PUBACK with a
 * success reason code; no PUBACK within the timeout (or no connection) is a failure, retried by the relay —
 * the province deduplicates the copy that may still arrive.
 */
export function createMqtt5Transport(opts: {
  url: string;
  hallId: string;
  topicPrefix: string;
  /** count a PUBACK of 0x10 (no matching subscribers) as a failed send (default) */
  requireSubscriber?: boolean;
  username?: string | undefined;
  password?: string | undefined;
  timeoutMs: number;
}): UplinkTransport {
  const client: MqttClient = mqtt.connect(opts.url, {
    protocolVersion: 5,
    clientId: `hall-uplink-${opts.hallId}`,
    clean: true,
    reconnectPeriod: 1000,
    connectTimeout: 5000,
    ...(opts.username !== undefined ? { username: opts.username } : {}),
    ...(opts.password !== undefined ? { password: opts.password } : {}),
  });
  // Errors surface as failed sends (and in the uplink status); the client reconnects by itself.
  client.on('error', () => {});
  // mqtt.js reports a PUBACK of 0x10 “no matching subscribers” as success, but the broker has then dropped the
  // message: nobody at the province received it. The code is only visible on the raw packet, seen before the
  // publish callback runs, so those packet ids are noted here and the send is failed and retried.
  const unheard = new Set<number>();
  if (opts.requireSubscriber !== false) {
    client.on('packetreceive', (p) => {
      if (p.cmd === 'puback' && p.reasonCode === 0x10 && p.messageId !== undefined) unheard.add(p.messageId);
    });
  }
  return {
    kind: 'mqtt5',
    endpoint: opts.url,
    send(batch: UplinkBatch): Promise<SendResult> {
      if (!client.connected) return Promise.resolve({ ok: false, retryable: true, error: 'upstream broker not connected' });
      return new Promise((resolve) => {
        const timer = setTimeout(() => resolve({ ok: false, retryable: true, error: `no PUBACK within ${opts.timeoutMs} ms` }), opts.timeoutMs);
        client.publish(
          uplinkTopic(opts.topicPrefix, opts.hallId, batch.stream),
          batch.body,
          {
            qos: 1,
            properties: {
              contentType: 'application/json',
              userProperties: { 'x-hall-id': opts.hallId, 'x-hall-signature': `sha256=${batch.signature}`, 'idempotency-key': batch.key },
            },
          },
          (err, packet) => {
            clearTimeout(timer);
            const reason = (packet as { reasonCode?: number } | undefined)?.reasonCode ?? 0;
            const id = (packet as { messageId?: number } | undefined)?.messageId;
            if (id !== undefined && unheard.delete(id)) {
              resolve({ ok: false, retryable: true, error: 'PUBACK 0x10: no subscriber at the province received it' });
            } else if (err) resolve({ ok: false, retryable: true, error: err.message });
            else if (reason >= 0x80) resolve({ ok: false, retryable: true, error: `PUBACK reason code 0x${reason.toString(16)}` });
            else resolve({ ok: true });
          },
        );
      });
    },
    close: () => new Promise<void>((resolve) => client.end(true, {}, () => resolve())),
  };
}
