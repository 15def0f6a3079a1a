import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { WriteStream } from 'node:fs';
import { devicesFromHall, parseHallDevices } from '@hall/firmware-bridge/config/load-bridge-config';
import { startFleet, type Fleet } from '@hall/firmware-bridge/simulators/fleet';
import { brokerPrincipals } from '@hall/hub/adapters/mqtt/mqtt-acl';
import { startMosquitto, type MosquittoBroker } from '@hall/testkit/mosquitto';
import type { QueueOverview } from '@hall/shared';
import { call } from './hub-client.js';
import { BUILT, freePort, startProgram, type Program } from './processes.js';
import type { SimClock } from './sim-clock.js';
import type { SoakHall } from './hall-setup.js';

/**
 * The hall's processes, each its own OS process so each can be killed on its own: the provincial platform
 * simulator, Debian's mosquitto, the hub (the built dist/main.js, on the simulated clock), one firmware bridge
 * per bridge of the configuration with a TCP link its simulated devices dial. The hub keeps its HTTP port and
 * each bridge its link port across restarts, as a hall's fixed addresses do.
 */
export interface Cast {
  hall: SoakHall;
  hub: Program | null;
  base: string;
  broker: MosquittoBroker;
  bridges: Map<string, Program | null>;
  fleet: Fleet;
  /** starts the hub (again), its clock continuing from the soak's; resolves once it listens */
  startHub(): Promise<void>;
  startBridge(id: string): Promise<void>;
  close(): Promise<void>;
}

export interface Province {
  program: Program;
  url: string;
  controlUrl: string;
}

export async function startProvince(key: string, log: WriteStream): Promise<Province> {
  const { program, ready } = startProgram('province', BUILT.provinceSim, [], { PROVINCE_SIM_KEY: key }, log, /^PROVINCE_SIM_LISTENING port=(\d+) control=(\d+)/);
  const m = await ready;
  return { program, url: `http://127.0.0.1:${m[1]}`, controlUrl: `http://127.0.0.1:${m[2]}` };
}

export async function startCast(hall: SoakHall, clock: SimClock, runDir: string, log: WriteStream): Promise<Cast> {
  const broker = await startMosquitto(brokerPrincipals(hall.config), (u) => hall.credentials.passwordFor(u));
  let hubPort = 0;
  const bridgePorts = new Map<string, number>();
  const bridgeFiles = new Map<string, string>();
  const hallDevices = parseHallDevices(JSON.parse(readFileSync(hall.file, 'utf8')));
  const fleets: Fleet[] = [];
  for (const b of hall.config.bridges) {
    const port = await freePort();
    bridgePorts.set(b.id, port);
    const devices = devicesFromHall(hallDevices, b.id, 'soak');
    const file = join(runDir, `bridge-${b.id}.json`);
    writeFileSync(
      file,
      JSON.stringify({
        hallId: hall.config.hall.id,
        bridgeId: b.id,
        mqtt: { url: broker.url },
        links: [{ id: 'soak', kind: 'tcp-server', host: '127.0.0.1', port }],
        devices,
        logLevel: 'warn',
      }),
    );
    bridgeFiles.set(b.id, file);
    fleets.push(startFleet({ kind: 'tcp', host: '127.0.0.1', port }, devices));
  }
  const fleet: Fleet = {
    keypads: new Map(fleets.flatMap((f) => [...f.keypads])),
    evaluators: new Map(fleets.flatMap((f) => [...f.evaluators])),
    strips: new Map(fleets.flatMap((f) => [...f.strips])),
    readers: new Map(fleets.flatMap((f) => [...f.readers])),
    close: async () => void (await Promise.all(fleets.map((f) => f.close()))),
  };

  const cast: Cast = {
    hall,
    hub: null,
    base: '',
    broker,
    bridges: new Map(hall.config.bridges.map((b) => [b.id, null])),
    fleet,
    async startHub() {
      const { program, ready } = startProgram(
        'hub',
        BUILT.hub,
        [],
        {
          HALL_CONFIG: hall.file,
          HALL_HTTP_PORT: String(hubPort),
          HALL_HOST: '127.0.0.1',
          HALL_MQTT_URL: broker.url,
          HALL_SECRET_KEY: hall.secretBase64,
          HALL_UPLINK_KEY: hall.uplinkKey,
          // A second ahead of the soak's reading, so the restarted hub's clock never goes back behind the last event.
          HALL_SIM_START: new Date(clock.now() + 1000).toISOString(),
          HALL_SIM_SPEED: String(clock.speed),
          HALL_LOG_LEVEL: 'warn',
        },
        log,
        /^HALL_HUB_LISTENING port=(\d+)/,
      );
      cast.hub = program;
      const m = await ready;
      hubPort = Number(m[1]);
      cast.base = `http://127.0.0.1:${hubPort}`;
      // The hub's clock started when its process got going, a moment after the spawn: the soak follows it.
      const q = await call<QueueOverview>(cast.base, 'GET', '/api/queue');
      if (q.status === 200) clock.anchor(Date.parse(q.body.now));
    },
    async startBridge(id) {
      const { program, ready } = startProgram(`bridge ${id}`, BUILT.bridge, ['--config', bridgeFiles.get(id)!], { HALL_BRIDGE_PASSWORD: hall.credentials.passwordFor(id) ?? '' }, log, /^HALL_BRIDGE_LINK /);
      cast.bridges.set(id, program);
      await ready;
    },
    async close() {
      await fleet.close();
      for (const b of cast.bridges.values()) await b?.stop();
      await cast.hub?.stop();
      await broker.close();
    },
  };
  return cast;
}
