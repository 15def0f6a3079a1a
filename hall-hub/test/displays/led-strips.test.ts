import type { DeviceCommand, DisplaySettings, Emergency, HubEvent } from '@hall/shared';
import { describe, expect, it } from 'vitest';
import { renderStrip } from '../../src/adapters/led/render-strip.js';
import { createLedStrips } from '../../src/app/led-strips.js';
import { MONDAY_0900, smallHall } from '@hall/testkit/hall-fixture';

const strip = (id: string, render: 'text' | 'bitmap'): DisplaySettings => ({
  id,
  name: id,
  surface: 'led-strip',
  layout: '1920x1080',
  zone: null,
  windowNo: '1',
  groups: ['led-strip'],
  voice: false,
  strip: { width: 128, height: 32, render },
});

const callEvent = (seq: number, recall = false): HubEvent => ({
  seq,
  type: recall ? 'TicketRecalled' : 'TicketCalled',
  at: new Date(MONDAY_0900).toISOString(),
  phase: 'open',
  call: { seq, ticket: 'A001', windowNo: '1', windowName: '综合窗口1', zone: 'general', lineId: 'general', recall, at: new Date(MONDAY_0900).toISOString() },
});

function setUp() {
  const sent: Array<[string, DeviceCommand]> = [];
  const waiters: Array<() => void> = [];
  const emergencies: Emergency[] = [];
  const settings = [strip('text-strip', 'text'), strip('frame-strip', 'bitmap')];
  const strips = createLedStrips({
    config: smallHall(),
    renderer: { render: renderStrip },
    sendCommand: (id, c) => {
      sent.push([id, c]);
      for (const w of waiters.splice(0)) w();
    },
    settings: () => settings,
    emergencies: () => emergencies,
    now: () => MONDAY_0900,
    onError: (err) => {
      throw err;
    },
  });
  const to = (id: string) => sent.filter(([d]) => d === id).map(([, c]) => c);
  /** resolves once `id` has been sent `n` commands in all */
  const commands = (id: string, n: number) =>
    new Promise<DeviceCommand[]>((resolve) => {
      const check = () => (to(id).length >= n ? resolve(to(id)) : waiters.push(check));
      check();
    });
  return { strips, settings, emergencies, to, commands };
}

describe('LED strips: one command per change, in the form each controller takes', () => {
  it('a call goes to a text strip as its text, to a frame strip as the frame the hub rendered, never both', async () => {
    const { strips, to, commands } = setUp();
    strips.onEvents([callEvent(7)]);
    expect(to('text-strip')).toEqual([{ command: 'show-call', text: '请A001到1号窗口', ticket: 'A001', windowNo: '1', recall: false, seq: 7 }]);
    const [frame] = await commands('frame-strip', 1);
    expect(frame).toMatchObject({ command: 'show-bitmap', width: 128, height: 32 });
    // The text strip's frame is rendered too (the console previews it) but not sent.
    strips.onEvents([callEvent(8, true)]);
    expect((await commands('frame-strip', 2))[1]).toMatchObject({ command: 'show-bitmap' });
    expect(to('text-strip')).toEqual([
      { command: 'show-call', text: '请A001到1号窗口', ticket: 'A001', windowNo: '1', recall: false, seq: 7 },
      { command: 'show-call', text: '请A001到1号窗口', ticket: 'A001', windowNo: '1', recall: true, seq: 8 },
    ]);
    await strips.settled('text-strip');
    expect(strips.frame('text-strip')?.text).toBe('请A001到1号窗口');
    expect(to('frame-strip').every((c) => c.command === 'show-bitmap')).toBe(true);
  });

  it('an emergency overrides the text, and after it the last call is shown again as text, not called again', async () => {
    const { strips, settings, emergencies, to, commands } = setUp();
    strips.onEvents([callEvent(7)]);
    await commands('frame-strip', 1);
    emergencies.push({
      id: 'e1',
      text: '请有序疏散',
      textEn: null,
      startsAt: new Date(MONDAY_0900 - 60_000).toISOString(),
      endsAt: null,
      clearedAt: null,
      targets: { all: true, displays: [], groups: [] },
      createdBy: 'boss',
    });
    for (const s of settings) strips.refresh(s, MONDAY_0900, true);
    expect(to('text-strip').at(-1)).toEqual({ command: 'show-text', text: '请有序疏散' });
    await commands('frame-strip', 2);
    emergencies[0]!.clearedAt = new Date(MONDAY_0900).toISOString();
    for (const s of settings) strips.refresh(s, MONDAY_0900, true);
    expect(to('text-strip').at(-1)).toEqual({ command: 'show-text', text: '请A001到1号窗口' });
    await commands('frame-strip', 3);
    // A strip back online gets what it shows, in its own form.
    strips.resend('text-strip');
    expect(to('text-strip').at(-1)).toEqual({ command: 'show-text', text: '请A001到1号窗口' });
    strips.resend('frame-strip');
    expect(to('frame-strip').at(-1)).toMatchObject({ command: 'show-bitmap', width: 128, height: 32 });
    expect(to('text-strip').some((c) => c.command === 'show-bitmap')).toBe(false);
  });

  it('finish, no-show, transfer and suspend take the call off the strip; a call-next (finish + call in one batch) shows only the new call', () => {
    const { strips, to } = setUp();
    const released = (type: string, seq: number): HubEvent => ({
      seq,
      type,
      at: new Date(MONDAY_0900).toISOString(),
      phase: 'open',
      window: { no: '1', name: '综合窗口1', zone: 'general', status: 'idle', staffNo: 'S1', staffName: null, coveringFor: null, pauseReason: null, currentTicket: null, currentTicketId: null, suspendedTickets: [], since: new Date(MONDAY_0900).toISOString(), lines: ['general'] },
    });
    strips.onEvents([callEvent(7)]);
    strips.onEvents([released('ServiceFinished', 8)]);
    expect(to('text-strip').at(-1)).toEqual({ command: 'show-text', text: '1号窗口' });
    for (const [i, type] of ['TicketMissed', 'TicketTransferred', 'TicketSuspended'].entries()) {
      strips.onEvents([callEvent(10 + i * 2)]);
      strips.onEvents([released(type, 11 + i * 2)]);
      expect(to('text-strip').at(-1)).toEqual({ command: 'show-text', text: '1号窗口' });
    }
    const before = to('text-strip').length;
    strips.onEvents([released('ServiceFinished', 20), callEvent(21)]);
    expect(to('text-strip').slice(before)).toEqual([{ command: 'show-call', text: '请A001到1号窗口', ticket: 'A001', windowNo: '1', recall: false, seq: 21 }]);
  });
});
