import { createServer, type Server, type Socket } from 'node:net';

const DLE_EOT_PAPER = Buffer.from([0x10, 0x04, 0x04]);

export interface Connection {
  /** every byte received, the DLE EOT query included */
  bytes: Buffer;
  /** the client closed its side after sending (a job delivered whole) */
  ended: boolean;
}

/**
 * A real TCP server standing in for a network thermal printer on its raw port: it records what each connection
 * sent, answers DLE EOT 4 with `paperStatus` (or stays silent, as many printers do), and can be stopped and
 * started again on the same port, or told to reset the next job part-way.
 */
export interface FakePrinter {
  port: number;
  connections: Connection[];
  /** the answer to DLE EOT 4: 0x12 paper present, 0x72 paper out, null no answer */
  paperStatus: number | null;
  /** the next connection that carries a job is reset (RST) once this many bytes arrived */
  resetNextJobAfter(bytes: number): void;
  /** connections that carried more than a status query */
  jobs(): Connection[];
  stop(): Promise<void>;
  start(): Promise<void>;
}

export async function fakePrinter(): Promise<FakePrinter> {
  const sockets = new Set<Socket>();
  let resetAfter: number | null = null;
  let server: Server | null = null;
  const fp: FakePrinter = {
    port: 0,
    connections: [],
    paperStatus: 0x12,
    resetNextJobAfter: (n) => void (resetAfter = n),
    jobs: () => fp.connections.filter((c) => c.bytes.length > DLE_EOT_PAPER.length),
    async stop() {
      for (const s of sockets) s.destroy();
      await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
      server = null;
    },
    async start() {
      const srv = createServer((socket) => {
        sockets.add(socket);
        const conn: Connection = { bytes: Buffer.alloc(0), ended: false };
        fp.connections.push(conn);
        let answered = false;
        let resetAt: number | null = null;
        socket.on('data', (d) => {
          conn.bytes = Buffer.concat([conn.bytes, d]);
          if (!answered && conn.bytes.subarray(0, 3).equals(DLE_EOT_PAPER)) {
            answered = true;
            if (fp.paperStatus !== null) socket.write(Buffer.from([fp.paperStatus]));
          }
          if (resetAt === null && resetAfter !== null && conn.bytes.length > DLE_EOT_PAPER.length) {
            resetAt = resetAfter;
            resetAfter = null;
          }
          if (resetAt !== null && conn.bytes.length >= resetAt) {
            // The printer died having taken only this much (loopback may have delivered the rest already).
            conn.bytes = conn.bytes.subarray(0, resetAt);
            socket.resetAndDestroy();
          }
        });
        socket.on('end', () => {
          conn.ended = true;
          socket.end();
        });
        socket.on('error', () => {});
        socket.on('close', () => sockets.delete(socket));
      });
      await new Promise<void>((resolve, reject) => {
        srv.once('error', reject);
        srv.listen(fp.port, '127.0.0.1', () => resolve());
      });
      fp.port = (srv.address() as { port: number }).port;
      server = srv;
    },
  };
  await fp.start();
  return fp;
}
