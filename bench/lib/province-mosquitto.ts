import type { BrokerPrincipal } from '@hall/hub/adapters/mqtt/mqtt-acl';
import { startMosquitto } from '@hall/testkit/mosquitto';

export const TOPIC_PREFIX = 'province';
export const PROVINCE_USER = 'province';

/** A hall's account on the upstream broker: it may publish only under its own uplink topics. */
export function hallPrincipal(hallId: string): BrokerPrincipal {
  return { username: hallId, publish: [`${TOPIC_PREFIX}/${hallId}/uplink/#`], subscribe: [] };
}

export interface ProvinceBroker {
  url: string;
  pid: number;
  stop(): Promise<void>;
}

/**
 * Debian's mosquitto as the province's upstream broker, configured like the hub's `npm run mosquitto-files`
 * (password file, one ACL block per hall) plus the limits a province must raise: mosquitto keeps at most
 * `max_queued_messages` (default 1000) QoS 1 messages per subscriber beyond those in flight and silently drops
 * the rest — after it has acknowledged them to the hall. A consumer that falls behind during a catch-up burst
 * would lose events, so the limit is lifted here (and must be in production).
 */
export async function startProvinceBroker(hallIds: readonly string[], passwordOf: (user: string) => string): Promise<ProvinceBroker> {
  const principals = [...hallIds.map(hallPrincipal), { username: PROVINCE_USER, publish: [], subscribe: [`${TOPIC_PREFIX}/+/uplink/+`] }];
  const broker = await startMosquitto(principals, passwordOf, {
    // The province's consumers share one login; a hall's relay and its probe share the hall's.
    clientIdIsUsername: false,
    extraConfig: ['max_queued_messages 1000000', 'set_tcp_nodelay true'],
  });
  return { url: broker.url, pid: broker.pid!, stop: () => broker.close() };
}
