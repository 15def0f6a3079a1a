import { createServer, type Server, type Socket } from 'node:net';
import { Aedes, type AuthenticateError, type Client } from 'aedes';
import type { BrokerPrincipal } from './mqtt-acl.js';
import { clientIdAllowed, filterCovered, topicMatches } from './mqtt-acl.js';
import { MAX_PACKET_BYTES } from './mosquitto-files.js';
import { createPacketSizeGuard } from './packet-size-guard.js';

export interface EmbeddedBrokerOptions {
  host: string;
  port: number;
  principals: readonly BrokerPrincipal[];
  verify: (username: string, password: string) => boolean;
  /** devices and bridges connect only from these addresses (the hub's own client comes over loopback) */
  addressAllowed: (address: string | undefined) => boolean;
  onRefusal?: (what: string, client: string) => void;
  /** a client declaring a larger packet is cut off before it is read (default MAX_PACKET_BYTES, as mosquitto's) */
  maxPacketBytes?: number;
}

export interface EmbeddedBroker {
  port: number;
  /** resolves once a client of this username holds a subscription to exactly this filter (for tests and health) */
  subscribed(username: string, filter: string): Promise<void>;
  close(): Promise<void>;
}

function authError(message: string, code: 2 | 4 | 5): AuthenticateError {
  return Object.assign(new Error(message), { returnCode: code }) as AuthenticateError;
}

/**
 * The hall's own MQTT 3.1.1 broker (aedes): every device, bridge and the hub authenticate with their own
 * credentials, and the ACL lets each publish only under its own topics and subscribe only to its own commands.
 */
export async function startEmbeddedBroker(opts: EmbeddedBrokerOptions): Promise<EmbeddedBroker> {
  const byName = new Map(opts.principals.map((p) => [p.username, p]));
  const who = new WeakMap<Client, BrokerPrincipal>();
  const refuse = (what: string, client: string) => opts.onRefusal?.(what, client);

  const broker = await Aedes.createBroker({
    authenticate(client, username, password, done) {
      const address = (client.conn as Socket).remoteAddress;
      const p = username ? byName.get(username) : undefined;
      if (username !== 'hub' && !opts.addressAllowed(address)) {
        refuse('address', username ?? '?');
        return done(authError('address not allowed', 5), false);
      }
      if (!p || !password || !opts.verify(p.username, password.toString('utf8'))) {
        refuse('credentials', username ?? '?');
        return done(authError('bad username or password', 4), false);
      }
      // Checked before aedes takes the id over from a client holding it (that happens after authenticate).
      if (!clientIdAllowed(opts.principals, p.username, client.id)) {
        refuse('client_id', p.username);
        return done(authError(`${p.username} may not connect as ${client.id}`, 2), false);
      }
      who.set(client, p);
      done(null, true);
    },
    authorizePublish(client, packet, callback) {
      if (client === null) return callback(null); // the broker's own messages ($SYS, wills it stores)
      const p = who.get(client);
      if (p && p.publish.some((f) => topicMatches(f, packet.topic))) return callback(null);
      refuse('publish', p?.username ?? '?');
      callback(new Error(`${p?.username ?? '?'} may not publish to ${packet.topic}`));
    },
    authorizeSubscribe(client, subscription, callback) {
      const p = who.get(client);
      if (p && p.subscribe.some((f) => filterCovered(f, subscription.topic))) return callback(null, subscription);
      refuse('subscribe', p?.username ?? '?');
      // A refused subscription is answered with 0x80 (failure), not a dropped connection.
      callback(null, null);
    },
  });

  const held = new Set<string>();
  const waiters = new Map<string, Array<() => void>>();
  broker.on('subscribe', (subs, client) => {
    const p = client ? who.get(client) : undefined;
    if (!p) return;
    for (const sub of subs) {
      const key = `${p.username}\u0000${sub.topic}`;
      held.add(key);
      for (const w of waiters.get(key) ?? []) w();
      waiters.delete(key);
    }
  });

  // Nagle off: the hub answers a keypad with several small packets in a row (PUBACK, reply, LED command), and
  // Nagle would hold each behind the previous one's delayed ACK — tens of milliseconds a call, measured.
  const maxPacketBytes = opts.maxPacketBytes ?? MAX_PACKET_BYTES;
  const server: Server = createServer({ noDelay: true }, (socket) => {
    broker.handle(socket);
    // aedes reads with 'readable' + read(); a 'data' listener added after it sees each chunk read() hands out,
    // without switching the socket to flowing mode. Destroying the socket ends the aedes client with it.
    const guard = createPacketSizeGuard(maxPacketBytes);
    socket.on('data', (chunk: Buffer) => {
      const verdict = guard(chunk);
      if (verdict === 'ok') return;
      refuse(verdict === 'too-large' ? 'packet_size' : 'malformed_packet', socket.remoteAddress ?? '?');
      socket.destroy();
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port, opts.host, () => resolve());
  });
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : opts.port;
  const sockets = new Set<Socket>();
  server.on('connection', (s) => {
    sockets.add(s);
    s.once('close', () => sockets.delete(s));
  });
  return {
    port,
    subscribed(username, filter) {
      const key = `${username}\u0000${filter}`;
      if (held.has(key)) return Promise.resolve();
      return new Promise((resolve) => waiters.set(key, [...(waiters.get(key) ?? []), resolve]));
    },
    async close() {
      for (const s of sockets) s.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await new Promise<void>((resolve) => broker.close(() => resolve()));
    },
  };
}
