import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { until } from '@hall/testkit/clients';
import { deviceBecomes, type TestHub } from '@hall/testkit/hub-fixture';
import { hallWithProvince, serveTickets } from '@hall/testkit/uplink-fixture';
import type { ProvinceSimulator } from '@hall/province-sim';
import { devicesFromHall } from '../src/config/load-bridge-config.js';
import { serialSimBus } from '../src/simulators/sim-bus.js';
import { evaluatorSim } from '../src/simulators/sim-devices.js';
import { ptyPair, type PtyPair } from './support/bridge-fixture.js';

const bridgeMain = join(dirname(fileURLToPath(import.meta.url)), '..', 'src', 'main.ts');
const QUEUE_TYPES = "('TicketIssued', 'TicketCalled', 'ServiceFinished', 'TicketMissed')";

let hub: TestHub | null = null;
let sim: ProvinceSimulator | null = null;
let pty: PtyPair | null = null;
const children: ChildProcess[] = [];
const closers: Array<() => unknown> = [];
afterEach(async () => {
  for (const c of closers.splice(0).reverse()) await c();
  for (const c of children.splice(0)) if (c.exitCode === null && c.signalCode === null) c.kill('SIGKILL');
  pty?.close();
  await hub?.close();
  await sim?.close();
});

/** The bridge as its own process (`firmware-bridge/src/main.ts --config …`), so it can be killed with -9. */
function startBridgeProcess(configFile: string, password: string): ChildProcess {
  const child = spawn(process.execPath, ['--import', 'tsx', bridgeMain, '--config', configFile], {
    env: { ...process.env, HALL_BRIDGE_PASSWORD: password },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  children.push(child);
  return child;
}

// The bridge is not on the uplink path: what this proves is that ratings made through a bridge that is killed
// while the outbox drains reach the province, each once. (A kill -9 of the hub itself in the middle of draining
// is hall-hub/test/uplink/outage.test.ts.)
describe('ratings through the bridge while the outbox drains', { timeout: 240_000 }, () => {
  it('kill -9 of the bridge in the middle of draining: every rating made before and after reaches the province once, in order per stream', async () => {
    const started = await hallWithProvince();
    hub = started.hub;
    sim = started.sim;
    const h = hub;
    const province = sim;

    // Window 1's evaluator sits on an RS-485 line (a real pty pair) behind bridge-1, a process of its own.
    pty = await ptyPair();
    const devices = devicesFromHall(started.config, 'bridge-1', 'bus');
    const configFile = join(mkdtempSync(join(tmpdir(), 'bridge-kill-')), 'bridge.json');
    writeFileSync(
      configFile,
      JSON.stringify({
        hallId: started.config.hall.id,
        bridgeId: 'bridge-1',
        mqtt: { url: h.mqttUrl },
        links: [{ id: 'bus', kind: 'serial', path: pty.bridgeEnd, baudRate: 9600 }],
        devices,
        pingIntervalMs: 500,
        offlineAfterMs: 3000,
        interByteTimeoutMs: 50,
        logLevel: 'warn',
      }),
    );
    const password = h.credentials.passwordFor('bridge-1')!;
    let bridge = startBridgeProcess(configFile, password);
    const line = serialSimBus(pty.deviceEnd);
    closers.push(() => line.close());
    const evaluator = evaluatorSim(line, 'evaluator-1', devices.find((d) => d.id === 'evaluator-1')!.address);
    await deviceBecomes(h, 'evaluator-1', true, 60_000);

    // The platform is away: a stretch of served and rated tickets piles up in the outbox.
    expect((await h.app.inject({ method: 'POST', url: '/api/windows/1/open', headers: h.as('staff-S1'), payload: {} })).statusCode).toBe(200);
    // Nothing in flight when it goes (a batch cut off mid-answer would rightly come twice: not what this checks).
    await h.uplink.relay!.drained();
    await province.goAway();
    const rateServed = async (n: number) => {
      for (let i = 0; i < n; i++) {
        // A service takes a few minutes on the hall's clock; the evaluator rates the one just finished.
        h.clock.advance(3 * 60_000);
        await serveTickets(h, 1);
        expect(await evaluator.rate({ level: i % 5 === 4 ? 'basic' : 'satisfied' })).toEqual({ status: 'ok' });
      }
    };
    await rateServed(20);
    const backlog = () => h.uplink.status().streams.reduce((n, s) => n + s.backlog, 0);
    expect(backlog()).toBeGreaterThan(60);

    // Back, but slow: draining takes a while — and the bridge is killed in the middle of it.
    province.setMode({ mode: 'slow', delayMs: 300 });
    await province.comeBack();
    await province.waitForHeld(1, undefined, 60_000);
    expect(backlog()).toBeGreaterThan(0);
    bridge.kill('SIGKILL');
    await new Promise((r) => bridge.once('exit', r));
    await deviceBecomes(h, 'evaluator-1', false, 30_000);

    // The bridge comes back; the window goes on serving and its visitors go on rating.
    bridge = startBridgeProcess(configFile, password);
    await deviceBecomes(h, 'evaluator-1', true, 60_000);
    await rateServed(10);
    province.setMode({ mode: 'ok' });
    await until((check) => {
      const t = setInterval(check, 100);
      return () => clearInterval(t);
    }, () => (backlog() === 0 ? true : undefined), 120_000, 'the outbox drained');

    // Exactly once, in order per stream, and nothing missing: compared with the hub's own event log.
    const queueSeqs = (h.db.prepare(`SELECT seq FROM events WHERE type IN ${QUEUE_TYPES} ORDER BY seq`).all() as Array<{ seq: number }>).map((r) => r.seq);
    const heldQueue = province.held('queue');
    expect(heldQueue.map((e) => e.key)).toEqual(queueSeqs.map((s) => `${started.config.hall.id}:queue:${s}`));
    expect(new Set(heldQueue.map((e) => e.key)).size).toBe(heldQueue.length);
    const heldEvaluations = province.held('evaluation');
    expect(heldEvaluations).toHaveLength(30);
    expect(new Set(heldEvaluations.map((e) => e.key)).size).toBe(30);
    const seqs = heldEvaluations.map((e) => e.seq);
    expect(seqs).toEqual([...seqs].sort((a, b) => a - b));
    // Received once, not only held once: the province's de-duplication had nothing to drop.
    expect(province.stats()).toMatchObject({ outOfOrder: 0, badSignatures: 0, duplicates: 0 });
  });
});
