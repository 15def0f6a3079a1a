import { randomBytes } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { startProvinceSimulator, type ProvinceSimulator } from '@hall/province-sim';
import { SIM_MONDAY_9AM, deviceCredentialsOf, writeHallConfig } from '@hall/testkit/hall-config-file';
import { killHub, spawnHub, type HubProcess } from '@hall/testkit/spawn-hub';
import { readTrace, straceArgs, tcpPorts, type Syscall } from '../support/syscall-trace.js';
import { UPLINK_KEY } from '@hall/testkit/uplink-fixture';

const SIM_START = SIM_MONDAY_9AM;
/** strace holds every fdatasync/fsync this long: whatever does not wait for the flush overtakes it visibly. */
const FLUSH_DELAY_MS = 250;
const ROUNDS = 3;
const TOGETHER = 3;

function writeConfig(dir: string, provinceUrl: string): string {
  return writeHallConfig(dir, {
    id: 'flush-hall',
    name: '落盘测试大厅',
    windows: ['1'],
    // tickets come from the hall's kiosk, in rounds faster than any visitor could tap
    limits: { ticketsPerKioskPerMinute: 10_000, ticketsPerAddressPerMinute: 10_000 },
    devices: [{ id: 'kiosk-1', type: 'kiosk' }],
    uplink: { enabled: true, url: provinceUrl, backoff: { baseMs: 50, maxMs: 300 }, requestTimeoutMs: 5000, downlink: { enabled: false } },
  });
}

const SECRET = randomBytes(32);
let kiosk = '';

async function issue(base: string, requestId: string): Promise<{ status: number; body: { number: string } }> {
  const r = await fetch(`${base}/api/tickets`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: kiosk },
    body: JSON.stringify({ lineId: 'general', requestId }),
  });
  return { status: r.status, body: (await r.json()) as { number: string } };
}

let hub: HubProcess | null = null;
let sim: ProvinceSimulator | null = null;
afterEach(async () => {
  await killHub(hub);
  await sim?.close();
  hub = null;
  sim = null;
});

/** One ticket request as the hub's system calls show it. */
interface Exchange {
  /** the read of `POST /api/tickets` on the hub's socket */
  request: Syscall;
  /** the write of its `201` on the same socket, and the ticket number in it */
  ack: Syscall;
  number: string;
  /** the WAL flushes that began after the request was read and were over before the ack was written */
  flushesBetween: Syscall[];
}

const writes = (c: Syscall) => c.name === 'write' || c.name === 'writev';

function exchanges(trace: Syscall[], hubPort: number): Exchange[] {
  const walFlushes = trace.filter((c) => (c.name === 'fdatasync' || c.name === 'fsync') && c.fd.endsWith('/hall.db-wal'));
  const onHubSocket = (c: Syscall) => tcpPorts(c.fd)?.local === hubPort;
  const out: Exchange[] = [];
  for (const request of trace.filter((c) => c.name === 'read' && onHubSocket(c) && c.text.includes('"POST /api/tickets '))) {
    const ack = trace.find((c) => c.start > request.start && c.fd === request.fd && writes(c) && c.text.includes('HTTP/1.1 201'));
    const number = ack && /\\"number\\":\\"([A-Z]+[0-9]+)\\"/.exec(ack.text)?.[1];
    if (!ack || !number) continue;
    out.push({ request, ack, number, flushesBetween: walFlushes.filter((f) => f.start >= request.start && f.end <= ack.start) });
  }
  return out;
}

/** The hub's writes to the province that carry a ticket's queue events (its number in the batch's JSON). */
function uplinkWritesOf(trace: Syscall[], provincePort: number, number: string): Syscall[] {
  return trace.filter((c) => writes(c) && tcpPorts(c.fd)?.remote === provincePort && c.text.includes(`\\"ticketNumber\\":\\"${number}\\"`));
}

describe('the flush the hub claims, as the kernel sees it (strace on the real hub)', () => {
  it('every ticket is acknowledged after an fdatasync of the WAL that began after its request, and goes upstream only after it', async () => {
    sim = await startProvinceSimulator({ key: UPLINK_KEY });
    const dir = mkdtempSync(join(tmpdir(), 'hall-flush-'));
    const log = join(dir, 'strace.log');
    const config = writeConfig(dir, sim.url);
    kiosk = `Device kiosk-1:${deviceCredentialsOf(SECRET, config).passwordFor('kiosk-1')}`;
    hub = await spawnHub(
      { HALL_CONFIG: config, HALL_SIM_START: SIM_START, HALL_UPLINK_KEY: UPLINK_KEY, HALL_SECRET_KEY: SECRET.toString('base64') },
      { wrap: straceArgs(log, FLUSH_DELAY_MS) },
    );
    // Rounds of tickets requested together: while one is being flushed the next is written, so the relay, woken
    // by the first flush, finds a row on disk but not yet flushed — it must wait for that flush too.
    const numbers: string[] = [];
    for (let round = 0; round < ROUNDS; round++) {
      const replies = await Promise.all(Array.from({ length: TOGETHER }, (_, k) => issue(hub!.base, `flush-check-${round}-${k}-0000`)));
      for (const r of replies) expect(r.status).toBe(201);
      numbers.push(...replies.map((r) => r.body.number));
      await sim.waitForHeld(numbers.length, 'queue', 20_000);
    }
    expect(sim.held('queue').map((e) => e.data.ticketNumber).sort()).toEqual([...numbers].sort());
    expect(sim.stats().duplicates).toBe(0);
    const hubPort = hub.port;
    // strace prints a call when it returns, which can be after its peer has already read the bytes; and killing the
    // wrapper loses what strace has not written yet. So wait until the log shows every 201 and every upstream send.
    const provincePort = sim.port;
    await expect
      .poll(() => {
        const t = readTrace(log, FLUSH_DELAY_MS);
        const acked = new Set(exchanges(t, hubPort).map((x) => x.number));
        return numbers.filter((n) => !acked.has(n) || uplinkWritesOf(t, provincePort, n).length === 0);
      }, { timeout: 30_000, interval: 250 })
      .toEqual([]);
    hub.child.kill('SIGKILL');
    await hub.exited;
    hub = null;

    const trace = readTrace(log, FLUSH_DELAY_MS);
    const seen = exchanges(trace, hubPort);
    expect(seen.map((x) => x.number).sort()).toEqual([...numbers].sort());
    for (const x of seen) {
      // Acknowledged only once a flush of the WAL, begun after the request came in, had returned from the kernel.
      expect(x.flushesBetween.length, `ticket ${x.number}: no WAL flush between its request and its 201`).toBeGreaterThan(0);
      // What leaves the hall waits for the same flush: the hub's relay↔disk hook, as the hub composes it.
      const flushedAt = Math.max(...x.flushesBetween.map((f) => f.end));
      const sent = uplinkWritesOf(trace, sim.port, x.number);
      expect(sent.length, `ticket ${x.number}: never sent upstream`).toBeGreaterThan(0);
      for (const w of sent) expect(w.start, `ticket ${x.number}: sent upstream before its flush returned`).toBeGreaterThanOrEqual(flushedAt);
    }
  }, 120_000);
});
