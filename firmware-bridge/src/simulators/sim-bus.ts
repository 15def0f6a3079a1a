import { connect, createServer, type Socket } from 'node:net';
import type { Duplex } from 'node:stream';
import { SerialPort } from 'serialport';
import { BROADCAST, encodeMessage, type Message } from '../protocol/frame.js';
import { createFramer } from '../protocol/framer.js';
import { createBackoff } from '../transport/backoff.js';

/** A simulated device's view of its line: it hears frames for its address and writes its own. */
export interface SimDevice {
  readonly id: string;
  readonly address: number;
  onMessage(m: Message): void;
  /** the line came up (again): a device says HELLO */
  onLineUp(): void;
}

/** One line (a TCP connection, a serial port) shared by one or more simulated devices, as on a multi-drop bus. */
export interface SimBus {
  attach(device: SimDevice): void;
  send(address: number, m: Message): void;
  /** raw bytes, for tests that inject garbage */
  writeRaw(bytes: Buffer): void;
  readonly up: boolean;
  close(): Promise<void>;
}

function busOver(open: (onStream: (s: Duplex) => void) => { close(): Promise<void> }): SimBus {
  const devices = new Map<number, SimDevice>();
  let stream: Duplex | null = null;
  const handle = open((s) => {
    const framer = createFramer();
    stream = s;
    s.on('data', (chunk: Buffer) => {
      for (const f of framer.push(chunk)) {
        const m = { type: f.type, payload: f.payload };
        if (f.address === BROADCAST) for (const d of devices.values()) d.onMessage(m);
        else devices.get(f.address)?.onMessage(m);
      }
    });
    s.on('close', () => {
      if (stream === s) stream = null;
    });
    for (const d of devices.values()) d.onLineUp();
  });
  return {
    attach(d) {
      devices.set(d.address, d);
      if (stream) d.onLineUp();
    },
    send(address, m) {
      stream?.write(encodeMessage(address, m));
    },
    writeRaw(bytes) {
      stream?.write(bytes);
    },
    get up() {
      return stream !== null;
    },
    close: () => handle.close(),
  };
}

/** A TCP connection to the bridge's tcp-server link, redialled with backoff like a real networked device. */
export function tcpSimBus(host: string, port: number): SimBus {
  return busOver((onStream) => {
    const backoff = createBackoff({ minMs: 100, maxMs: 5000 });
    let closing = false;
    let socket: Socket | null = null;
    let retry: NodeJS.Timeout | null = null;
    const dial = () => {
      const s = connect({ host, port, noDelay: true });
      socket = s;
      s.once('connect', () => {
        backoff.reset();
        onStream(s);
      });
      s.on('error', () => {});
      s.once('close', () => {
        if (!closing) retry = setTimeout(dial, backoff.next());
      });
    };
    dial();
    return {
      async close() {
        closing = true;
        if (retry) clearTimeout(retry);
        socket?.destroy();
      },
    };
  });
}

/**
 * Devices behind a listening TCP port (as behind a serial-to-Ethernet server): whoever connects — a bridge's
 * tcp-client link, or `hall-device-check` — is their line. `port` resolves once listening.
 */
export function listeningSimBus(host = '127.0.0.1', port = 0): SimBus & { port: Promise<number> } {
  let resolvePort: (p: number) => void = () => {};
  const listening = new Promise<number>((r) => (resolvePort = r));
  const bus = busOver((onStream) => {
    const sockets = new Set<Socket>();
    const server = createServer({ noDelay: true }, (s) => {
      sockets.add(s);
      s.on('error', () => {});
      s.once('close', () => sockets.delete(s));
      onStream(s);
    });
    server.listen(port, host, () => resolvePort((server.address() as { port: number }).port));
    return {
      close: () =>
        new Promise<void>((resolve) => {
          for (const s of sockets) s.destroy();
          server.close(() => resolve());
        }),
    };
  });
  return Object.assign(bus, { port: listening });
}

/** A serial port (the far end of a pty pair in tests and demos, or a real RS-485 adapter). */
export function serialSimBus(path: string, baudRate = 9600): SimBus {
  return busOver((onStream) => {
    const port = new SerialPort({ path, baudRate, autoOpen: false });
    port.open((err) => {
      if (!err) onStream(port);
    });
    return {
      close: () => new Promise<void>((resolve) => (port.isOpen ? port.close(() => resolve()) : resolve())),
    };
  });
}
