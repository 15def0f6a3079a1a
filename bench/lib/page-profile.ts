import type { Browser, Page } from 'playwright-core';

interface TraceEvent {
  name: string;
  ph: string;
  pid: number;
  tid: number;
  /** thread (CPU) time, µs */
  tdur?: number;
  dur?: number;
  args?: { name?: string };
}

/**
 * Where a page's main thread spends its CPU, per unit of work (e.g. per call): a Chromium trace of the
 * renderer's main thread, summed by event name. For finding what makes a page slow; printed, not reported.
 */
export async function profilePage(browser: Browser, page: Page): Promise<{ stop(units: number): Promise<string> }> {
  await browser.startTracing(page, { categories: ['devtools.timeline', 'disabled-by-default-devtools.timeline'] });
  return {
    async stop(units) {
      const trace = JSON.parse((await browser.stopTracing()).toString()) as { traceEvents: TraceEvent[] };
      const main = trace.traceEvents.find((e) => e.name === 'thread_name' && e.args?.name === 'CrRendererMain');
      const byName = new Map<string, { cpu: number; wall: number; n: number }>();
      for (const e of trace.traceEvents) {
        if (!main || e.pid !== main.pid || e.tid !== main.tid || e.ph !== 'X') continue;
        const t = byName.get(e.name) ?? { cpu: 0, wall: 0, n: 0 };
        t.n += 1;
        t.cpu += e.tdur ?? 0;
        t.wall += e.dur ?? 0;
        byName.set(e.name, t);
      }
      return [...byName]
        .sort((a, b) => b[1].cpu - a[1].cpu)
        .slice(0, 12)
        .map(([name, t]) => `    ${name.padEnd(24)} CPU ${(t.cpu / 1000 / units).toFixed(2)} ms  (wall ${(t.wall / 1000 / units).toFixed(2)} ms, ${(t.n / units).toFixed(1)} times)`)
        .join('\n');
    },
  };
}
