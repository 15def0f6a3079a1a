import { topics } from '@hall/shared';
import type { HallConfig } from '../../config/hall-config-schema.js';

/** Who may publish and subscribe to what, as MQTT topic filters. One source for aedes and for mosquitto's ACL file. */
export interface BrokerPrincipal {
  username: string;
  publish: string[];
  subscribe: string[];
}

function deviceTopics(hallId: string, deviceId: string): { publish: string[]; subscribe: string[] } {
  return {
    publish: [
      topics.device(hallId, deviceId, 'event'),
      topics.device(hallId, deviceId, 'state'),
      topics.device(hallId, deviceId, 'availability'),
      topics.deviceRequest(hallId, deviceId, 'x').replace(/x$/, '+'),
    ],
    subscribe: [topics.device(hallId, deviceId, 'set'), topics.deviceResponse(hallId, deviceId, 'x').replace(/x$/, '+')],
  };
}

/**
 * A device publishes only under its own topics and subscribes only to its own commands and replies. A bridge
 * may act for the devices attached to it, and owns its state and request topics. The hub may do anything in
 * the hall's tree.
 */
export function brokerPrincipals(config: HallConfig): BrokerPrincipal[] {
  const hallId = config.hall.id;
  const out: BrokerPrincipal[] = [{ username: 'hub', publish: [`hall/${hallId}/#`], subscribe: [`hall/${hallId}/#`] }];
  for (const b of config.bridges) {
    const publish = [topics.bridgeState(hallId, b.id), topics.bridgeRequest(hallId, b.id, 'x').replace(/x$/, '+')];
    const subscribe = [topics.bridgeResponse(hallId, b.id, 'x').replace(/x$/, '+'), topics.hubState(hallId)];
    for (const d of config.devices.filter((x) => x.bridge === b.id)) {
      const t = deviceTopics(hallId, d.id);
      publish.push(...t.publish);
      subscribe.push(...t.subscribe);
    }
    out.push({ username: b.id, publish, subscribe });
  }
  for (const d of config.devices) {
    const t = deviceTopics(hallId, d.id);
    out.push({ username: d.id, publish: t.publish, subscribe: [...t.subscribe, topics.hubState(hallId)] });
  }
  return out;
}

/**
 * Whether `username` may connect with `clientId`. A broker hands a client id's session (its subscriptions and
 * queued messages) to whoever connects with it and drops the previous holder, so an id is part of the identity:
 * a device or bridge connects only as itself, and nobody but the hub may take an id that is a device's, a
 * bridge's or the hub's own (`hub-<hallId>`, a persistent session holding ID-card reads). The hub's credentials
 * may use other ids (tools watching the hall): they can read and write the whole hall tree anyway.
 */
export function clientIdAllowed(principals: readonly BrokerPrincipal[], username: string, clientId: string): boolean {
  if (username !== 'hub') return clientId === username;
  return !principals.some((p) => p.username !== 'hub' && p.username === clientId);
}

/** MQTT topic-filter matching (+ one level, # the rest). */
export function topicMatches(filter: string, topic: string): boolean {
  const f = filter.split('/');
  const t = topic.split('/');
  for (let i = 0; i < f.length; i++) {
    if (f[i] === '#') return true;
    if (i >= t.length) return false;
    if (f[i] !== '+' && f[i] !== t[i]) return false;
  }
  return f.length === t.length;
}

/** Whether a subscription filter stays inside what is allowed (a filter is allowed if an allowed filter covers it). */
export function filterCovered(allowed: string, requested: string): boolean {
  const a = allowed.split('/');
  const r = requested.split('/');
  for (let i = 0; i < a.length; i++) {
    if (a[i] === '#') return true;
    if (i >= r.length) return false;
    if (r[i] === '#') return false;
    if (a[i] === '+') continue;
    if (r[i] === '+' || a[i] !== r[i]) return false;
  }
  return a.length === r.length;
}
