import http from 'node:http';
import type { AddressInfo } from 'node:net';

/** One uplink request as the province received it: the body's size on the wire and what it carried. */
export interface CapturedBatch {
  stream: string;
  /** the request body as sent (encodeBatch), in bytes */
  bytes: number;
  /** the hub's clock when it sent the batch (`sentAt`), ms */
  sentAt: number;
  events: Array<{ key: string; type: string; at: number; payload: string }>;
}

/**
 * A stand-in province that only listens: it answers every uplink POST with 200 and keeps what came, so the
 * hall-day simulation can count batches and bytes exactly as the relay sent them. (The real simulator checks
 * signatures and deduplicates; here the relay never retries, so there is nothing to deduplicate.)
 */
export async function startCaptureProvince(): Promise<{ url: string; batches: CapturedBatch[]; close(): Promise<void> }> {
  const batches: CapturedBatch[] = [];
  const server = http.createServer((req, res) => {
    // The hub also asks the province for its credit lists at start (a GET); this stand-in has none to give.
    if (req.method !== 'POST') {
      req.resume();
      res.writeHead(404, { 'content-type': 'application/json' });
      res.end('{"error":"not served by the capture province"}');
      return;
    }
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const body = Buffer.concat(chunks);
      const doc = JSON.parse(body.toString('utf8')) as {
        stream: string;
        sentAt: string;
        events: Array<{ key: string; type: string; at: number; data: unknown }>;
      };
      batches.push({
        stream: doc.stream,
        bytes: body.length,
        sentAt: Date.parse(doc.sentAt),
        // The payload is the outbox row's JSON text: stringify gives back the same text the hub stored.
        events: doc.events.map((e) => ({ key: e.key, type: e.type, at: e.at, payload: JSON.stringify(e.data) })),
      });
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end('{"ok":true}');
    });
  });
  server.keepAliveTimeout = 60_000;
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    batches,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
