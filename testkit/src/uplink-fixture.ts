import type { HallConfig } from '@hall/hub/config/hall-config-schema';
import { startProvinceSimulator, type ProvinceSimulator } from '@hall/province-sim';
import { fakeClock } from './engine-fixture.js';
import { smallHall } from './hall-fixture.js';
import { testHub, type TestHub } from './hub-fixture.js';

export const UPLINK_KEY = 'test-shared-key-0123456789abcdef';

/** A province simulator, and a small hall whose uplink points at it (fast backoff, small batches). */
export async function hallWithProvince(
  uplink: Record<string, unknown> = {},
  opts: { simKey?: string; overrides?: Record<string, unknown> } = {},
): Promise<{ hub: TestHub; sim: ProvinceSimulator; config: HallConfig }> {
  const sim = await startProvinceSimulator({ key: opts.simKey ?? UPLINK_KEY });
  const config = smallHall({
    uplink: { enabled: true, url: sim.url, batchSize: 50, backoff: { baseMs: 20, maxMs: 200 }, requestTimeoutMs: 10_000, downlink: { enabled: false }, ...uplink },
    ...opts.overrides,
  });
  const hub = await testHub(config, fakeClock(), { env: { HALL_UPLINK_KEY: UPLINK_KEY } });
  return { hub, sim, config };
}

/** Serves `n` tickets at window 1 (issue, call, finish), as fast as the hub answers. */
export async function serveTickets(hub: TestHub, n: number): Promise<string[]> {
  const ids: string[] = [];
  for (let i = 0; i < n; i++) {
    const t = await hub.app.inject({ method: 'POST', url: '/api/tickets', headers: hub.kiosk(), payload: { lineId: 'general' } });
    ids.push(t.json().id);
    await hub.app.inject({ method: 'POST', url: '/api/windows/1/call-next', headers: hub.as('staff-S1'), payload: {} });
    await hub.app.inject({ method: 'POST', url: '/api/windows/1/finish', headers: hub.as('staff-S1'), payload: {} });
  }
  return ids;
}
