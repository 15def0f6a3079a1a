import mqtt, { type MqttClient } from 'mqtt';
import { topics, type ResponseEnvelope } from '@hall/shared';

export interface DeviceFleet {
  clients: Map<string, MqttClient>;
  /** publishes a request (QoS 1) with a fresh transaction; resolves with the hub's response */
  request(deviceId: string, op: string, body?: Record<string, unknown>, ms?: number): Promise<ResponseEnvelope>;
  /** commands received on the devices' `set` topics */
  commands(): number;
  /** connection drops seen (a healthy run has none) */
  drops(): number;
  close(): Promise<void>;
}

let txSeq = 0;

/**
 * Connects MQTT devices the way the hall's keypads and evaluators connect (MQTT 3.1.1, own credentials), each
 * subscribed to its own command and response topics.
 */
export async function connectDevices(
  url: string,
  hallId: string,
  ids: readonly string[],
  passwordFor: (id: string) => string | null,
): Promise<DeviceFleet> {
  const clients = new Map<string, MqttClient>();
  const waiting = new Map<string, { resolve: (r: ResponseEnvelope) => void; timer: NodeJS.Timeout }>();
  let commands = 0;
  let drops = 0;
  let closing = false;
  const connectOne = async (id: string): Promise<void> => {
    const password = passwordFor(id);
    if (!password) throw new Error(`no credentials for ${id}`);
    const client = mqtt.connect(url, {
      username: id,
      password,
      clientId: id, // the broker accepts a device only under its own id
      protocolVersion: 4,
      clean: true,
      reconnectPeriod: 1000,
      connectTimeout: 10_000,
    });
    await new Promise<void>((resolve, reject) => {
      client.once('connect', () => resolve());
      client.once('error', reject);
    });
    // Nagle off, as the firmware bridge has it: a press right after a reply would otherwise wait behind the
    // PUBACK for that reply until the broker's delayed ACK (about 40 ms).
    (client.stream as { setNoDelay?: (on: boolean) => void }).setNoDelay?.(true);
    client.on('connect', () => (client.stream as { setNoDelay?: (on: boolean) => void }).setNoDelay?.(true));
    client.on('close', () => {
      if (!closing) drops += 1;
    });
    client.on('message', (topic, payload) => {
      if (topic.endsWith('/set')) {
        commands += 1;
        return;
      }
      const r = JSON.parse(payload.toString('utf8')) as ResponseEnvelope;
      const w = r.transaction ? waiting.get(r.transaction) : undefined;
      if (w) {
        waiting.delete(r.transaction!);
        clearTimeout(w.timer);
        w.resolve(r);
      }
    });
    await client.subscribeAsync(
      [topics.device(hallId, id, 'set'), topics.deviceResponse(hallId, id, 'x').replace(/x$/, '+')],
      { qos: 1 },
    );
    clients.set(id, client);
  };
  // A few at a time: a hall's devices come up over seconds, not in one burst.
  for (let i = 0; i < ids.length; i += 20) await Promise.all(ids.slice(i, i + 20).map(connectOne));

  return {
    clients,
    request(deviceId, op, body = {}, ms = 10_000) {
      const client = clients.get(deviceId);
      if (!client) throw new Error(`no device ${deviceId}`);
      const transaction = `b${(txSeq++).toString(36)}`;
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => {
          waiting.delete(transaction);
          reject(new Error(`no response to ${op} from ${deviceId} within ${ms} ms`));
        }, ms);
        waiting.set(transaction, { resolve, timer });
        client.publish(topics.deviceRequest(hallId, deviceId, op), JSON.stringify({ ...body, transaction }), { qos: 1 });
      });
    },
    commands: () => commands,
    drops: () => drops,
    async close() {
      closing = true;
      for (const w of waiting.values()) clearTimeout(w.timer);
      waiting.clear();
      await Promise.all([...clients.values()].map((c) => c.endAsync(true)));
      clients.clear();
    },
  };
}
