import { createServer, connect, type Server, type Socket } from 'node:net';
import { SerialPort } from 'serialport';
import type { LinkConfig } from '../config/bridge-config-schema.js';
import type { Frame } from '../protocol/frame.js';
import type { FramerStats } from '../protocol/framer.js';
import { createBackoff } from './backoff.js';
import { addStats, emptyStats, streamChannel, type Channel } from './stream-channel.js';

export interface LinkHandlers {
  onFrame(frame: Frame, channel: Channel): void;
  onChannelUp(channel: Channel): void;
  onChannelDown(channel: Channel): void;
  onProblem(message: string): void;
}

/** A serial bus or a TCP endpoint the bridge reaches devices through. */
export interface Link {
  readonly id: string;
  start(): Promise<void>;
  /** writes a frame to `via` if it is open, else to every open channel (devices ignore other addresses) */
  send(frame: Buffer, via?: Channel | null): boolean;
  /** framer counters over every channel the link has had */
  stats(): FramerStats;
  openChannels(): number;
  /** the TCP port a tcp-server link listens on */
  port(): number | null;
  close(): Promise<void>;
}

interface Opts {
  interByteTimeoutMs: number;
}

function channelSet(handlers: LinkHandlers) {
  const open = new Set<Channel>();
  const closedStats = emptyStats();
  return {
    open,
    handlers: {
      onFrame: handlers.onFrame,
      onClose(c: Channel) {
        open.delete(c);
        addStats(closedStats, c.stats);
        handlers.onChannelDown(c);
      },
    },
    add(c: Channel) {
      open.add(c);
      handlers.onChannelUp(c);
    },
    send(frame: Buffer, via?: Channel | null): boolean {
      if (via?.open) return via.write(frame);
      let sent = false;
      for (const c of open) sent = c.write(frame) || sent;
      return sent;
    },
    stats(): FramerStats {
      const total = addStats(emptyStats(), closedStats);
      for (const c of open) addStats(total, c.stats);
      return total;
    },
  };
}

/** A serial port (an RS-485 adapter, a pty in tests); reopened with backoff when it fails or disappears. */
function serialLink(cfg: Extract<LinkConfig, { kind: 'serial' }>, opts: Opts, handlers: LinkHandlers): Link {
  const set = channelSet(handlers);
  const backoff = createBackoff({ minMs: 250, maxMs: 10_000 });
  let closing = false;
  let port: SerialPort | null = null;
  let retry: NodeJS.Timeout | null = null;
  let firstOpen: (() => void) | null = null;

  const schedule = () => {
    if (closing || retry) return;
    retry = setTimeout(() => {
      retry = null;
      openPort();
    }, backoff.next());
  };
  const openPort = () => {
    const p = new SerialPort({ path: cfg.path, baudRate: cfg.baudRate, dataBits: 8, parity: 'none', stopBits: 1, autoOpen: false });
    port = p;
    p.open((err) => {
      if (err) {
        handlers.onProblem(`${cfg.id}: cannot open ${cfg.path}: ${err.message}`);
        firstOpen?.();
        firstOpen = null;
        return schedule();
      }
      backoff.reset();
      const channel = streamChannel(p, `${cfg.id}:${cfg.path}`, opts.interByteTimeoutMs, {
        onFrame: set.handlers.onFrame,
        onClose(c) {
          set.handlers.onClose(c);
          schedule();
        },
      });
      set.add(channel);
      firstOpen?.();
      firstOpen = null;
    });
  };
  return {
    id: cfg.id,
    start: () =>
      new Promise<void>((resolve) => {
        firstOpen = resolve;
        openPort();
      }),
    send: set.send,
    stats: set.stats,
    openChannels: () => set.open.size,
    port: () => null,
    async close() {
      closing = true;
      if (retry) clearTimeout(retry);
      const p = port;
      if (p?.isOpen) await new Promise<void>((resolve) => p.close(() => resolve()));
    },
  };
}

/** A TCP connection to a device or a serial-to-Ethernet server; reconnected with backoff. */
function tcpClientLink(cfg: Extract<LinkConfig, { kind: 'tcp-client' }>, opts: Opts, handlers: LinkHandlers): Link {
  const set = channelSet(handlers);
  const backoff = createBackoff({ minMs: 200, maxMs: 10_000 });
  let closing = false;
  let socket: Socket | null = null;
  let retry: NodeJS.Timeout | null = null;
  const schedule = () => {
    if (closing || retry) return;
    retry = setTimeout(() => {
      retry = null;
      dial();
    }, backoff.next());
  };
  const dial = () => {
    const s = connect({ host: cfg.host, port: cfg.port, noDelay: true });
    socket = s;
    let connected = false;
    s.once('connect', () => {
      connected = true;
      backoff.reset();
      set.add(
        streamChannel(s, `${cfg.id}:${cfg.host}:${cfg.port}`, opts.interByteTimeoutMs, {
          onFrame: set.handlers.onFrame,
          onClose(c) {
            set.handlers.onClose(c);
            schedule();
          },
        }),
      );
    });
    s.once('error', (err) => {
      if (s.connecting) handlers.onProblem(`${cfg.id}: cannot connect to ${cfg.host}:${cfg.port}: ${err.message}`);
    });
    // A connected socket's close is the channel's to handle; a failed dial retries from here.
    s.once('close', () => {
      if (!connected) schedule();
    });
  };
  return {
    id: cfg.id,
    async start() {
      dial();
    },
    send: set.send,
    stats: set.stats,
    openChannels: () => set.open.size,
    port: () => null,
    async close() {
      closing = true;
      if (retry) clearTimeout(retry);
      socket?.destroy();
    },
  };
}

/** Devices (or serial servers) connect to the bridge; each connection is a channel of its own. */
function tcpServerLink(cfg: Extract<LinkConfig, { kind: 'tcp-server' }>, opts: Opts, handlers: LinkHandlers): Link {
  const set = channelSet(handlers);
  let server: Server | null = null;
  let bound: number | null = null;
  return {
    id: cfg.id,
    async start() {
      const srv = createServer({ noDelay: true }, (s) => {
        set.add(streamChannel(s, `${cfg.id}:${s.remoteAddress}:${s.remotePort}`, opts.interByteTimeoutMs, set.handlers));
      });
      server = srv;
      await new Promise<void>((resolve, reject) => {
        srv.once('error', reject);
        srv.listen(cfg.port, cfg.host, () => resolve());
      });
      const a = srv.address();
      bound = typeof a === 'object' && a ? a.port : cfg.port;
    },
    send: set.send,
    stats: set.stats,
    openChannels: () => set.open.size,
    port: () => bound,
    async close() {
      for (const c of [...set.open]) c.close();
      const srv = server;
      if (srv) await new Promise<void>((resolve) => srv.close(() => resolve()));
    },
  };
}

export function createLink(cfg: LinkConfig, opts: Opts, handlers: LinkHandlers): Link {
  switch (cfg.kind) {
    case 'serial':
      return serialLink(cfg, opts, handlers);
    case 'tcp-client':
      return tcpClientLink(cfg, opts, handlers);
    case 'tcp-server':
      return tcpServerLink(cfg, opts, handlers);
  }
}
