import http from 'node:http';
import type { FeedName, SimMode } from './data-server.js';
import type { HeldEvent, SimStats } from './held-events.js';
import { json, parse, readBody } from './http-util.js';
import type { SmsRecord } from './simulator.js';
import { SupervisedCaseSchema, type SupervisedCase } from '@hall/shared';
import { Value } from '@sinclair/typebox/value';
import type { GenerateOptions } from './supervised-cases.js';
import type { CreditListing } from './credit-lists.js';

/** What the control API can see and do; the simulator's own handle, less what only an in-process test needs. */
export interface ControlTarget {
  stats(): SimStats;
  heldCount(): number;
  away(): boolean;
  mode(): SimMode;
  held(stream?: string, hallId?: string): HeldEvent[];
  sms(): SmsRecord[];
  setMode(m: SimMode): void;
  goAway(): Promise<void>;
  comeBack(): Promise<void>;
  setFeed(feed: FeedName, doc: unknown, version?: string): void;
  putCases(cases: readonly SupervisedCase[]): void;
  generateCases(opts: GenerateOptions): SupervisedCase[];
  putCredit(listings: readonly CreditListing[]): void;
}

const isListing = (l: unknown): l is CreditListing => {
  const o = l as Partial<CreditListing> | null;
  return typeof o === 'object' && o !== null && typeof o.number === 'string' && (o.list === 'red' || o.list === 'black') && typeof o.reason === 'string' && o.reason.length > 0;
};

/**
 * The control API, on a port of its own so that "away" really closes the data port:
 * GET /control/stats, /control/held?stream=&hallId=, /control/sms; POST /control/mode {mode}, /control/away,
 * /control/back; PUT /control/feed/{catalog|notices|appointments}?version=; PUT /control/cases [cases] (办件监督
 * feed: add or change), POST /control/cases/generate {count, seed?, now?}, PUT /control/credit
 * [{number, list: red|black, reason, listedAt?, until?}] (the credit lists for 容缺受理, replaced whole).
 */
export function createControlServer(t: ControlTarget): http.Server {
  async function route(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://x');
    const body = req.method === 'GET' ? null : parse((await readBody(req)) ?? Buffer.alloc(0));
    if (req.method === 'GET' && url.pathname === '/control/stats') return json(res, 200, { ...t.stats(), held: t.heldCount(), away: t.away(), mode: t.mode() });
    if (req.method === 'GET' && url.pathname === '/control/held') {
      return json(res, 200, t.held(url.searchParams.get('stream') ?? undefined, url.searchParams.get('hallId') ?? undefined));
    }
    if (req.method === 'GET' && url.pathname === '/control/sms') return json(res, 200, t.sms());
    if (req.method === 'POST' && url.pathname === '/control/mode') {
      const m = body as SimMode | undefined;
      if (!m || !['ok', 'fail', 'slow'].includes(m.mode)) return json(res, 400, { error: 'mode: ok | fail | slow' });
      t.setMode(m);
      return json(res, 200, { mode: t.mode() });
    }
    if (req.method === 'POST' && url.pathname === '/control/away') return void (await t.goAway(), json(res, 200, { away: true }));
    if (req.method === 'POST' && url.pathname === '/control/back') return void (await t.comeBack(), json(res, 200, { away: false }));
    const feed = /^\/control\/feed\/(catalog|notices|appointments)$/.exec(url.pathname);
    if (req.method === 'PUT' && feed) {
      if (body === undefined) return json(res, 400, { error: 'not JSON' });
      t.setFeed(feed[1] as FeedName, body, url.searchParams.get('version') ?? undefined);
      return json(res, 200, { ok: true });
    }
    if (req.method === 'PUT' && url.pathname === '/control/cases') {
      const bad = Array.isArray(body) ? body.findIndex((c) => !Value.Check(SupervisedCaseSchema, c)) : 0;
      if (bad !== -1) return json(res, 400, { error: `case ${bad}: not a supervised case (shared/src/case-feed.ts)` });
      t.putCases(body as SupervisedCase[]);
      return json(res, 200, { ok: true });
    }
    if (req.method === 'POST' && url.pathname === '/control/cases/generate') {
      const o = (body ?? {}) as { count?: unknown; seed?: unknown; now?: unknown };
      const count = typeof o.count === 'number' && o.count >= 0 && o.count <= 50_000 ? Math.floor(o.count) : -1;
      if (count < 0) return json(res, 400, { error: 'count: 0 … 50000' });
      const cases = t.generateCases({ count, seed: typeof o.seed === 'number' ? o.seed : 19, now: typeof o.now === 'number' ? o.now : Date.now() });
      return json(res, 200, { generated: cases.length });
    }
    if (req.method === 'PUT' && url.pathname === '/control/credit') {
      if (!Array.isArray(body) || !body.every(isListing)) return json(res, 400, { error: 'credit: [{number, list: red|black, reason, listedAt?, until?}]' });
      t.putCredit(body);
      return json(res, 200, { ok: true, entries: body.length });
    }
    json(res, 404, { error: 'no such control route' });
  }
  return http.createServer((req, res) => void route(req, res).catch(() => json(res, 500, { error: 'simulator error' })));
}
