import type { QueueOverview, Warning } from '@hall/shared';
import type { Poll } from './checks.js';
import { call } from './hub-client.js';
import { liveKey } from './replay.js';
import type { SimClock } from './sim-clock.js';

/**
 * What the console's 红黄灯 list shows, sampled through the day: GET /api/warnings between two GET /api/queue
 * (whose `now` is the hub's clock), so the hub's moment is known to lie between the two.
 */
export function pollWarnings(base: () => string, manager: () => { authorization: string }, clock: SimClock, everyMinutes: number, stopped: () => boolean) {
  const polls: Poll[] = [];
  const hubNow = async () => {
    const r = await call<QueueOverview>(base(), 'GET', '/api/queue', undefined, {}, 3000);
    if (r.status !== 200) throw new Error(`queue: HTTP ${r.status}`);
    return Date.parse(r.body.now);
  };
  const done = (async () => {
    while (!stopped()) {
      await clock.sleep(everyMinutes);
      try {
        const before = await hubNow();
        const w = await call<Warning[]>(base(), 'GET', '/api/warnings', undefined, manager(), 3000);
        const after = await hubNow();
        // a printer's warning is the print queue's: no calling policy (and so no oracle) computes it
        if (w.status === 200) polls.push({ before: { at: before }, after: { at: after }, seen: w.body.filter((x) => x.kind !== 'printer').map(liveKey) });
      } catch {
        /* the hub is away (a fault): no sample this time */
      }
    }
  })();
  return { polls, done };
}
