/**
 * The bare baseline of mobile-page: an HTTP server that holds `GET /wait?id=N` until `POST /fire?id=N`, then
 * answers it with a small JSON body — long polling with no queue, no disk, no views. A process of its own, like
 * the hub. Prints `LONGPOLL_LISTENING port=N`.
 */
import { createServer, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

const held = new Map<string, ServerResponse>();
const body = JSON.stringify({ number: 'A001', status: 'called', windowNo: '1', windowName: '窗口1', peopleAhead: null, pad: 'x'.repeat(200) });

const server = createServer((req, res) => {
  const url = new URL(req.url ?? '/', 'http://x');
  const id = url.searchParams.get('id') ?? '';
  if (req.method === 'GET' && url.pathname === '/wait') {
    held.set(id, res);
    req.on('close', () => held.delete(id));
    return;
  }
  if (req.method === 'POST' && url.pathname === '/fire') {
    const waiting = held.get(id);
    held.delete(id);
    waiting?.writeHead(200, { 'content-type': 'application/json', 'cache-control': 'no-store' }).end(body);
    res.writeHead(waiting ? 204 : 404).end();
    return;
  }
  res.writeHead(404).end();
});
server.keepAliveTimeout = 60_000;
server.listen(0, '127.0.0.1', () => console.log(`LONGPOLL_LISTENING port=${(server.address() as AddressInfo).port}`));
process.once('SIGTERM', () => server.close(() => process.exit(0)));
