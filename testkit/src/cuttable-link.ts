import { connect, createServer, type Socket } from 'node:net';
import type { AddressInfo } from 'node:net';

/**
 * A screen's network link to the hub, as a real TCP relay that can be cut: pages that go through it lose the hub
 * (their sockets drop, their requests are refused) while the hub runs on for everyone else — a pulled cable
 * between one screen and the hub. Restored on the same port, so the pages' origin (and service worker) stays.
 */
export interface CuttableLink {
  /** http://127.0.0.1:port, the hub as the screen reaches it */
  base: string;
  cut(): Promise<void>;
  restore(): Promise<void>;
  close(): Promise<void>;
}

export async function cuttableLink(target: { host: string; port: number }): Promise<CuttableLink> {
  const open = new Set<Socket>();
  const server = createServer((inbound) => {
    const outbound = connect(target.port, target.host);
    for (const s of [inbound, outbound]) {
      open.add(s);
      s.on('close', () => open.delete(s));
      s.on('error', () => s.destroy());
    }
    inbound.pipe(outbound);
    outbound.pipe(inbound);
    inbound.on('close', () => outbound.destroy());
    outbound.on('close', () => inbound.destroy());
  });
  let port = 0;
  const listen = () =>
    new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(port, '127.0.0.1', () => {
        server.off('error', reject);
        port = (server.address() as AddressInfo).port;
        resolve();
      });
    });
  const cut = async () => {
    const closed = new Promise<void>((resolve) => server.close(() => resolve()));
    for (const s of open) s.destroy();
    await closed;
  };
  await listen();
  return { base: `http://127.0.0.1:${port}`, cut, restore: listen, close: () => (server.listening ? cut() : Promise.resolve()) };
}
