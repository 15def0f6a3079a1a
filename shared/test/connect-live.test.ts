import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Server, type Socket } from 'socket.io';
import { afterEach, describe, expect, it } from 'vitest';
import { connectLive, type LiveSocket, type LiveStore } from '../src/live/connect-live.js';
import type { ClientToServerEvents, Handshake, HubEvent, ServerToClientEvents, Snapshot } from '../src/realtime.js';

/**
 * The live client against a real socket.io server that keeps the hub's side of the protocol
 * (hall-hub/src/adapters/socket/socket-gateway.ts): on connect or resync, the events after the client's lastSeq
 * when its epoch is this run's, else a snapshot; then the epoch.
 */

interface TestView {
  seq: number;
  /** the events' types in the order the view took them; a snapshot starts it over with `snapshot@seq` */
  log: string[];
}

function event(seq: number): HubEvent {
  return { seq, type: `E${seq}`, at: new Date(Date.UTC(2026, 0, 5, 9, 0, seq)).toISOString(), phase: 'open' };
}

function snapshotAt(seq: number): Snapshot {
  const now = new Date(Date.UTC(2026, 0, 5, 9)).toISOString();
  return { seq, overview: { hallId: 'hall-1', day: '2026-01-05', phase: 'open', now, lines: [], windows: [] }, recentCalls: [] };
}

type HubSocket = Socket<ClientToServerEvents, ServerToClientEvents>;

/** A hub run: its epoch and the events it has written. */
async function startHub(epoch: string, written: number) {
  const http = createServer();
  const io = new Server<ClientToServerEvents, ServerToClientEvents>(http, { transports: ['websocket'] });
  const hub = {
    epoch,
    written,
    handshakes: [] as Handshake[],
    resyncs: [] as { lastSeq: number; epoch?: string }[],
    sockets: [] as HubSocket[],
    catchUp(socket: HubSocket, from: { lastSeq?: number; epoch?: string }) {
      if (from.lastSeq !== undefined && from.epoch === hub.epoch && from.lastSeq <= hub.written) {
        const missed: HubEvent[] = [];
        for (let s = from.lastSeq + 1; s <= hub.written; s++) missed.push(event(s));
        if (missed.length) socket.emit('events', missed);
      } else {
        socket.emit('snapshot', snapshotAt(hub.written));
      }
      socket.emit('epoch', { epoch: hub.epoch });
    },
  };
  io.of('/kiosk').on('connection', (socket) => {
    const auth = socket.handshake.auth as Handshake;
    hub.handshakes.push(auth);
    hub.sockets.push(socket);
    socket.on('resync', (r, ack) => {
      hub.resyncs.push(r);
      hub.catchUp(socket, r);
      ack?.({ ok: true });
    });
    hub.catchUp(socket, auth);
  });
  await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
  const origin = `http://127.0.0.1:${(http.address() as AddressInfo).port}`;
  return { hub, io, origin, close: () => new Promise<void>((resolve) => io.close(() => resolve())) };
}

/** A client store whose view is a log, and a way to wait until the view is as a test expects. */
function createTestStore() {
  const waiting: { until: (v: TestView) => boolean; resolve: () => void }[] = [];
  const links: boolean[] = [];
  const store: LiveStore<TestView> = {
    view: { value: { seq: -1, log: [] } },
    fromSnapshot: (s) => ({ seq: s.seq, log: [`snapshot@${s.seq}`] }),
    applyServerEvent(view, e) {
      if (e.seq <= view.seq) return { view, gap: false };
      if (e.seq !== view.seq + 1) return { view, gap: true };
      return { view: { seq: e.seq, log: [...view.log, e.type] }, gap: false };
    },
    onView() {
      for (const w of [...waiting]) {
        if (!w.until(store.view.value)) continue;
        waiting.splice(waiting.indexOf(w), 1);
        w.resolve();
      }
    },
    onLink: (up) => links.push(up),
  };
  const viewWhere = (until: (v: TestView) => boolean) =>
    until(store.view.value) ? Promise.resolve() : new Promise<void>((resolve) => waiting.push({ until, resolve }));
  return { store, links, viewWhere };
}

const closers: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const close of closers.splice(0).reverse()) await close();
});

function connect(store: LiveStore<TestView>, origin: string): LiveSocket {
  const socket = connectLive('kiosk', { deviceId: 'kiosk-1', token: 't' }, store, origin);
  closers.push(() => void socket.close());
  return socket;
}

const once = (register: (resolve: () => void) => void) => new Promise<void>(register);

describe('connectLive', () => {
  it('takes a snapshot on first connect, and names no lastSeq or epoch it does not have', async () => {
    const run = await startHub('run-1', 4);
    closers.push(run.close);
    const { store, viewWhere } = createTestStore();
    connect(store, run.origin);
    await viewWhere((v) => v.seq === 4);
    expect(store.view.value.log).toEqual(['snapshot@4']);
    expect(run.hub.handshakes[0]).toEqual({ protocol: expect.any(Number), deviceId: 'kiosk-1', token: 't' });
  });

  it('applies live events in order, and asks for a resync from its last event when one is missing', async () => {
    const run = await startHub('run-1', 2);
    closers.push(run.close);
    const { store, viewWhere } = createTestStore();
    connect(store, run.origin);
    await viewWhere((v) => v.seq === 2);
    const hubSocket = run.hub.sockets[0]!;
    run.hub.written = 6;
    hubSocket.emit('events', [event(3)]);
    // 4 is lost on the way: 5 and 6 are not applied over the gap, and the client asks from 3
    hubSocket.emit('events', [event(5), event(6)]);
    await viewWhere((v) => v.seq === 6);
    expect(run.hub.resyncs).toEqual([{ lastSeq: 3, epoch: 'run-1' }]);
    expect(store.view.value.log).toEqual(['snapshot@2', 'E3', 'E4', 'E5', 'E6']);
  });

  it('comes back by itself after the link drops, and catches up from where its view stands', async () => {
    const run = await startHub('run-1', 3);
    closers.push(run.close);
    const { store, links, viewWhere } = createTestStore();
    const socket = connect(store, run.origin);
    const inStep = once((r) => socket.once('epoch', () => r()));
    await viewWhere((v) => v.seq === 3);
    await inStep;
    run.hub.written = 5;
    const again = once((r) => run.io.of('/kiosk').once('connection', () => r()));
    run.hub.sockets[0]!.conn.close(); // the link drops under the client, which dials again by itself
    await again;
    await viewWhere((v) => v.seq === 5);
    expect(run.hub.handshakes[1]).toMatchObject({ lastSeq: 3, epoch: 'run-1' });
    expect(store.view.value.log).toEqual(['snapshot@3', 'E4', 'E5']);
    expect(links).toEqual([true, false, true]);
  });

  it('starts over from a snapshot when the hub is a new run (a power cut took back events it had sent)', async () => {
    const first = await startHub('run-1', 7);
    closers.push(first.close);
    const { store, viewWhere } = createTestStore();
    const socket = connect(store, first.origin);
    const inStep = once((r) => socket.once('epoch', () => r()));
    await viewWhere((v) => v.seq === 7);
    await inStep;
    // The new run kept only up to 5 and wrote 6 anew: the client's 6 and 7 are not this run's.
    first.hub.epoch = 'run-2';
    first.hub.written = 6;
    first.hub.sockets[0]!.conn.close();
    await viewWhere((v) => v.log[0] === 'snapshot@6');
    expect(first.hub.handshakes[1]).toMatchObject({ lastSeq: 7, epoch: 'run-1' });
    expect(store.view.value).toEqual({ seq: 6, log: ['snapshot@6'] });
  });
});
