/**
 * The bare baseline of call-latency, run as a process of its own and built like the hub's real-time path with
 * the logic taken out: an embedded MQTT broker (aedes, no authentication or ACL), an MQTT client connected to it
 * over loopback and subscribed to one topic filter, and a socket.io server (namespace /display, the hub's
 * socket.io options) to which every message is re-emitted as it comes — no validation, no queue, no disk.
 * Started by bench/lib/relay.ts; prints `RELAY_LISTENING port=N mqtt=M` once all three are up.
 *
 * Environment: RELAY_TOPIC (an MQTT topic filter).
 */
import { createServer as createHttpServer } from 'node:http';
import { createRequire } from 'node:module';
import { createServer as createTcpServer, type AddressInfo } from 'node:net';
import { pathToFileURL } from 'node:url';
import mqtt from 'mqtt';

// socket.io (the server) and aedes are dependencies of the hub only: load the very copies the hub runs.
const requireFromHub = createRequire(new URL('../../hall-hub/package.json', import.meta.url));
const { Server } = requireFromHub('socket.io') as typeof import('../../hall-hub/node_modules/socket.io/dist/index.js');
const { Aedes } = (await import(pathToFileURL(requireFromHub.resolve('aedes')).href)) as typeof import('../../hall-hub/node_modules/aedes/aedes.js');

const topic = process.env.RELAY_TOPIC;
if (!topic) throw new Error('RELAY_TOPIC is not set');

const broker = await Aedes.createBroker();
const tcp = createTcpServer(broker.handle);
await new Promise<void>((resolve) => tcp.listen(0, '127.0.0.1', () => resolve()));
const mqttPort = (tcp.address() as AddressInfo).port;

const http = createHttpServer();
// The hub's options. (Not an inline literal: the engine.io option types do not resolve through this import path.)
const options = { serveClient: false, pingInterval: 10_000, pingTimeout: 5_000, maxHttpBufferSize: 64 * 1024 };
const io = new Server(http, options);
const display = io.of('/display');

const client = mqtt.connect(`mqtt://127.0.0.1:${mqttPort}`, { clientId: 'relay', protocolVersion: 4, clean: true, reconnectPeriod: 500 });
client.on('message', (_topic, payload) => {
  display.emit('events', [JSON.parse(payload.toString('utf8')) as unknown]);
});
client.on('error', (err) => console.error(`relay: mqtt ${err.message}`));
await new Promise<void>((resolve, reject) => {
  client.once('connect', () => resolve());
  client.once('error', reject);
});
await client.subscribeAsync(topic, { qos: 1 });
await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', () => resolve()));
console.log(`RELAY_LISTENING port=${(http.address() as AddressInfo).port} mqtt=${mqttPort}`);

const stop = (): void => {
  client.end(true);
  io.disconnectSockets(true);
  io.close();
  tcp.close();
  broker.close(() => process.exit(0));
  setTimeout(() => process.exit(0), 2000).unref();
};
process.once('SIGTERM', stop);
process.once('SIGINT', stop);
