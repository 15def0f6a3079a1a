/**
 * The baseline for the phone page: a bare long-poll server in a process of its own, with no logic. Phones poll
 * GET /poll?g=<group> with If-None-Match; a poll whose version is current is held until POST /trigger?g=<group>
 * bumps the group's version (every held poll of the group is answered at once, with a body as large as the hub's
 * ticket view) or until the hold runs out (304). Started by bench/lib/mobile-bare.ts over an IPC channel.
 */
import { createServer, type ServerResponse } from 'node:http';

export interface BareStart {
  holdMs: number;
  /** the size of a 200's body, so the baseline moves as many bytes as the hub */
  bodyBytes: number;
}

export type BareMessage = { type: 'listening'; port: number };

interface Group {
  v: number;
  held: Set<ServerResponse>;
}

process.once('message', (raw) => {
  const start = raw as BareStart;
  const groups = new Map<string, Group>();
  const groupOf = (g: string): Group => {
    let grp = groups.get(g);
    if (!grp) groups.set(g, (grp = { v: 1, held: new Set() }));
    return grp;
  };
  const answer = (res: ServerResponse, v: number): void => {
    const head = JSON.stringify({ v, pad: '' });
    const body = JSON.stringify({ v, pad: 'x'.repeat(Math.max(0, start.bodyBytes - head.length)) });
    res.writeHead(200, {
      'content-type': 'application/json; charset=utf-8',
      'content-length': Buffer.byteLength(body),
      'cache-control': 'no-store',
      etag: `"${v}"`,
    });
    res.end(body);
  };

  const server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://x');
    const grp = groupOf(url.searchParams.get('g') ?? '0');
    if (req.method === 'POST' && url.pathname === '/trigger') {
      grp.v += 1;
      const held = [...grp.held];
      grp.held.clear();
      for (const r of held) answer(r, grp.v);
      res.writeHead(204).end();
      return;
    }
    if (req.method !== 'GET' || url.pathname !== '/poll') return void res.writeHead(404).end();
    if (req.headers['if-none-match'] !== `"${grp.v}"`) return answer(res, grp.v);
    grp.held.add(res);
    const timer = setTimeout(() => {
      grp.held.delete(res);
      res.writeHead(304, { etag: `"${grp.v}"`, 'cache-control': 'no-store' }).end();
    }, start.holdMs);
    res.once('close', () => {
      clearTimeout(timer);
      grp.held.delete(res);
    });
  });
  // As the hub's fastify: keep-alive connections idle up to 72 s.
  server.keepAliveTimeout = 72_000;
  server.listen(0, '127.0.0.1', () => {
    const a = server.address();
    process.send?.({ type: 'listening', port: typeof a === 'object' && a ? a.port : 0 } satisfies BareMessage);
  });
  process.on('disconnect', () => {
    server.closeAllConnections();
    server.close();
  });
});
