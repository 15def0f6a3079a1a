import { SerialPort } from 'serialport';
import { afterEach, describe, expect, it } from 'vitest';
import { until } from '@hall/testkit/clients';
import { fakeClock } from '@hall/testkit/engine-fixture';
import { smallHall } from '@hall/testkit/hall-fixture';
import { deviceBecomes, testHub, type TestHub } from '@hall/testkit/hub-fixture';
import { readEscpos } from '@hall/testkit/escpos-reader';
import { answerTo, type PrinterState } from '@hall/testkit/fake-printer';
import { ptyPair, startBridge, stopAll, type PtyPair, type TestBridge } from './support/bridge-fixture.js';

/**
 * A receipt printer on the far end of a pty, as an Epson on USB or a serial line: it reads the stream in order and
 * answers every DLE EOT n with its status byte.
 */
function ptyPrinter(path: string) {
  const state: PrinterState = { coverOpen: false, paperEnd: false, paperNearEnd: false, error: false };
  let bytes = Buffer.alloc(0);
  let scanned = 0;
  const port = new SerialPort({ path, baudRate: 115_200 });
  port.on('data', (d: Buffer) => {
    bytes = Buffer.concat([bytes, d]);
    for (; scanned + 2 < bytes.length; scanned++) {
      if (bytes[scanned] === 0x10 && bytes[scanned + 1] === 0x04 && bytes[scanned + 2]! >= 1 && bytes[scanned + 2]! <= 4) {
        port.write(Buffer.from([answerTo(bytes[scanned + 2]!, state)]));
        scanned += 2;
      }
    }
  });
  return {
    state,
    read: () => readEscpos(bytes),
    close: () => new Promise<void>((resolve) => (port.isOpen ? port.close(() => resolve()) : resolve())),
  };
}

let hub: TestHub | null = null;
let tb: TestBridge | null = null;
let pty: PtyPair | null = null;
const closers: Array<() => unknown> = [];
afterEach(() => stopAll({ closers, tb, pty, hub }));

describe('a kiosk’s own receipt printer on a device file (a pty), through the bridge', { timeout: 60_000 }, () => {
  it('a ticket the kiosk asks for prints whole and is done once the printer confirmed it; paper out is reported and holds the next ticket until paper is in', async () => {
    const base = smallHall();
    const config = smallHall({
      hall: { id: 'test-hall', name: '测试政务服务中心', visitorUrl: 'https://q.hall.example.cn' },
      devices: [...base.devices.map((d) => (d.id === 'kiosk-1' ? { ...d, printer: 'kiosk-1-printer' } : d)), { id: 'printer-k1', type: 'printer', bridge: 'bridge-1' }],
      printers: [{ id: 'kiosk-1-printer', name: '1号自助机打印机', kind: 'bridge', device: 'printer-k1' }],
    });
    hub = await testHub(config, fakeClock(), { listen: true });
    pty = await ptyPair();
    const printer = ptyPrinter(pty.deviceEnd);
    closers.push(() => printer.close());
    tb = await startBridge({
      mqttUrl: hub.mqttUrl,
      password: hub.credentials.passwordFor('bridge-1')!,
      links: [{ id: 'tcp', kind: 'tcp-server', host: '127.0.0.1', port: 0 }],
      devices: [],
      overrides: { printers: [{ id: 'printer-k1', path: pty.bridgeEnd, checkIntervalMs: 200, statusTimeoutMs: 300 }] },
    });
    await deviceBecomes(hub, 'printer-k1', true, 30_000);
    const kiosk = { authorization: `Device kiosk-1:${hub.credentials.passwordFor('kiosk-1')}` };
    const h = hub;
    const printTicket = async () => {
      const t = (await h.app.inject({ method: 'POST', url: '/api/tickets', headers: kiosk, payload: { lineId: 'general' } })).json() as { id: string };
      const r = await h.app.inject({ method: 'POST', url: '/api/print/ticket', payload: { ticketId: t.id }, headers: kiosk });
      expect(r.statusCode).toBe(202);
      return { ticket: t.id, job: (r.json() as { jobId: string }).jobId };
    };
    const jobNow = (id: string) => h.print.job(id);
    const finished = (id: string) => until((c) => h.print.onJobChange(c), () => (jobNow(id)?.status === 'done' ? jobNow(id)! : undefined), 30_000, `job ${id} done`);

    const first = await printTicket();
    await finished(first.job);
    const read = printer.read();
    expect(read.unknown).toEqual([]);
    expect(read.qr).toEqual([{ data: `https://q.hall.example.cn/m/#${first.ticket}`, printed: true }]);
    expect(read.commands.filter((c) => c === '1d5601')).toHaveLength(1);
    expect(read.commands.slice(0, 3)).toEqual(['100401', '100402', '100404']);
    // The question after the job, whose answer made it done. The periodic status check (every 200 ms here) may have
    // asked more by the time we read, so look at the first question after the cut, not at the very end.
    // The idle check asks three questions in a row (01, 02, 04); the job's own question is a lone 01.
    const asked = read.commands.slice(read.commands.indexOf('1d5601') + 1).filter((c) => c.startsWith('1004'));
    expect(asked[0]).toBe('100401');
    expect(asked[1]).not.toBe('100402');

    printer.state.paperEnd = true;
    await expect.poll(() => h.print.printers()[0], { timeout: 20_000 }).toMatchObject({ id: 'kiosk-1-printer', kind: 'bridge', online: true, paperOut: true, problem: expect.stringContaining('paper out') });
    const second = await printTicket();
    await until((c) => h.print.onJobChange(c), () => ((jobNow(second.job)?.attempts ?? 0) > 0 ? true : undefined), 30_000, 'the job held');
    expect(jobNow(second.job)).toMatchObject({ status: 'queued', lastError: expect.stringContaining('paper out') });
    expect(printer.read().qr).toHaveLength(1);
    const warnings = (await h.app.inject({ url: '/api/warnings', headers: h.as('boss') })).json() as Array<{ kind: string; printerId?: string }>;
    expect(warnings).toContainEqual(expect.objectContaining({ kind: 'printer', printerId: 'kiosk-1-printer' }));

    printer.state.paperEnd = false;
    await finished(second.job);
    expect(printer.read().qr.map((q) => q.data)).toEqual([first.ticket, second.ticket].map((id) => `https://q.hall.example.cn/m/#${id}`));
  });
});
