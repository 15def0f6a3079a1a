import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { SIM_MONDAY_9AM, writeHallConfig } from '@hall/testkit/hall-config-file';
import { spawnHub, type HubProcess } from '@hall/testkit/spawn-hub';

const SIM_START = SIM_MONDAY_9AM;

function writeConfig(dir: string): string {
  return writeHallConfig(dir, {
    id: 'crash-hall',
    name: '崩溃测试大厅',
    windows: ['1', '2', '3'],
    // A storm of 8 clients signed in as one manager from one address: far beyond any real issuer's rate.
    limits: { ticketsPerAccountPerMinute: 1_000_000, ticketsPerAddressPerMinute: 1_000_000 },
    manager: { username: 'boss', password: 'crash-test-pw' },
  });
}

interface Acked {
  requestId: string;
  id: string;
  number: string;
}

/** The manager's session (tickets are issued to kiosks and signed-in staff); it outlives the crash, as sessions do. */
let session: Record<string, string> = {};
async function signIn(base: string): Promise<void> {
  const r = await fetch(`${base}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username: 'boss', password: 'crash-test-pw' }),
  });
  session = { authorization: `Bearer ${((await r.json()) as { token: string }).token}` };
}

async function issue(base: string, requestId: string): Promise<{ status: number; body: { id: string; number: string } }> {
  const r = await fetch(`${base}/api/tickets`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...session },
    body: JSON.stringify({ lineId: 'general', requestId }),
  });
  return { status: r.status, body: (await r.json()) as { id: string; number: string } };
}

let hub: HubProcess | null = null;
afterEach(() => {
  hub?.child.kill('SIGKILL');
});

describe('kill -9 in the middle of a stream of tickets', () => {
  it('the queue holds exactly the acknowledged tickets: retries get their own ticket back, numbers continue without duplicates, the waiting order holds', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'hall-crash-'));
    const env = { HALL_CONFIG: writeConfig(dir), HALL_SIM_START: SIM_START };
    hub = await spawnHub(env);
    const first = hub;
    await signIn(first.base);
    const acked: Acked[] = [];
    const unanswered: string[] = [];
    let killed = false;
    const clients = Array.from({ length: 8 }, async (_, c) => {
      for (let i = 0; ; i++) {
        const requestId = `client${c}-req${String(i).padStart(5, '0')}`;
        try {
          const r = await issue(first.base, requestId);
          if (r.status === 201) acked.push({ requestId, ...r.body });
        } catch {
          unanswered.push(requestId);
          return; // the hub is gone
        }
        if (acked.length >= 300 && !killed) {
          killed = true;
          first.child.kill('SIGKILL');
        }
      }
    });
    await Promise.all(clients);
    await first.exited;
    expect(acked.length).toBeGreaterThanOrEqual(300);
    expect(unanswered.length).toBe(8);

    hub = await spawnHub(env);
    const base = hub.base;
    // Every ticket a client got a reply for exists, with the number the client was told.
    for (const a of acked) {
      const r = await fetch(`${base}/api/tickets/${a.id}`);
      expect(r.status).toBe(200);
      expect(((await r.json()) as { number: string }).number).toBe(a.number);
    }
    // A client that never saw its reply retries with the same request id. Retrying an acknowledged request
    // gives back the very ticket it got (never a second one).
    const again = await Promise.all(acked.slice(0, 50).map((a) => issue(base, a.requestId)));
    expect(again.map((r) => r.body.id)).toEqual(acked.slice(0, 50).map((a) => a.id));
    // Requests cut off by the crash are retried with their request ids: each gets one ticket, none twice.
    const retried = await Promise.all(unanswered.map((rid) => issue(base, rid)));
    for (const r of retried) expect([200, 201]).toContain(r.status);
    const fresh = await issue(base, 'after-restart-0001');
    const all = [...acked.map((a) => a.number), ...retried.map((r) => r.body.number), fresh.body.number];
    expect(new Set(all).size).toBe(all.length);
    const serial = (n: string) => Number(n.slice(1));
    expect(serial(fresh.body.number)).toBeGreaterThan(Math.max(...acked.map((a) => serial(a.number))));

    // The waiting order is unchanged: calling everybody returns them in issue order, each once.
    const login = await fetch(`${base}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'boss', password: 'crash-test-pw' }),
    });
    const auth = { authorization: `Bearer ${((await login.json()) as { token: string }).token}`, 'content-type': 'application/json' };
    await fetch(`${base}/api/windows/1/open`, { method: 'POST', headers: auth, body: JSON.stringify({ staffNo: 'S1' }) });
    const called: string[] = [];
    for (;;) {
      const r = await fetch(`${base}/api/windows/1/call-next`, { method: 'POST', headers: auth, body: '{}' });
      const body = (await r.json()) as { ticket: { number: string } | null };
      if (!body.ticket) break;
      called.push(body.ticket.number);
    }
    expect(called).toEqual([...called].sort((a, b) => serial(a) - serial(b)));
    // The queue holds exactly the tickets somebody was given: none missing, none extra (a request written just
    // before the kill and retried after it must not leave a second ticket behind), none twice.
    expect([...called].sort()).toEqual([...all].sort());
  }, 120_000);
});
