import { Pool } from 'undici';

let seq = 0;

/**
 * Issues `perLine` tickets on each line over HTTP (POST /api/tickets, as a kiosk does, with its credential), 8 requests at a time,
 * lines interleaved, so every window has somebody to call for the whole run.
 */
export async function stockTickets(base: string, lines: readonly string[], perLine: number, kiosk: Record<string, string>): Promise<void> {
  if (perLine > 999) throw new Error('a line issues at most 999 tickets a day');
  const pool = new Pool(base, { connections: 8, pipelining: 1 });
  const jobs: string[] = [];
  for (let k = 0; k < perLine; k++) jobs.push(...lines);
  try {
    await Promise.all(
      Array.from({ length: 8 }, async () => {
        for (let lineId = jobs.shift(); lineId !== undefined; lineId = jobs.shift()) {
          const r = await pool.request({
            path: '/api/tickets',
            method: 'POST',
            headers: { 'content-type': 'application/json', ...kiosk },
            body: JSON.stringify({ lineId, requestId: `stock-${process.pid}-${(seq++).toString().padStart(8, '0')}` }),
          });
          const text = await r.body.text();
          if (r.statusCode !== 201) throw new Error(`ticket refused on ${lineId}: ${r.statusCode} ${text}`);
        }
      }),
    );
  } finally {
    await pool.close();
  }
}
