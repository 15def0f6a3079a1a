import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { promisify } from 'node:util';
import { fileURLToPath } from 'node:url';
import type { MqttClient } from 'mqtt';
import sharp from 'sharp';
import { afterEach, describe, expect, it } from 'vitest';
import { bundledFont } from '../../src/adapters/printer/raster.js';
import { SHIPPED_FAMILY } from '../../src/adapters/led/own-fontconfig.js';
import { renderStrip } from '../../src/adapters/led/render-strip.js';
import { frameToText, isLit, type StripFrame } from '../../src/adapters/led/strip-bitmap.js';
import { collect, connectMqtt } from '@hall/testkit/clients';
import { fakeClock } from '@hall/testkit/engine-fixture';
import { smallHall } from '@hall/testkit/hall-fixture';
import { testHub, type TestHub } from '@hall/testkit/hub-fixture';

const here = dirname(fileURLToPath(import.meta.url));
const golden = (name: string) => readFileSync(join(here, 'golden', `${name}.txt`), 'utf8').trimEnd();

let hub: TestHub;
const closers: Array<() => unknown> = [];
afterEach(async () => {
  for (const c of closers.splice(0)) await c();
  await hub?.close();
});

interface BitmapCommand {
  command: 'show-bitmap';
  width: number;
  height: number;
  bitmap: string;
}
/** What a strip controller does with the command: rows of width/8 bytes, MSB leftmost. */
function decode(c: BitmapCommand): StripFrame {
  const bits = Buffer.from(c.bitmap, 'base64');
  expect(bits.length).toBe((c.width / 8) * c.height);
  return { width: c.width, height: c.height, bits };
}

async function nextBitmap(inbox: ReturnType<typeof collect>, topic: string): Promise<BitmapCommand> {
  for (;;) {
    const m = JSON.parse((await inbox.next(topic)).payload) as { command: string };
    if (m.command === 'show-bitmap') return m as BitmapCommand;
  }
}

/**
 * An independent reference: the text as one pango line (no layout logic), thresholded the same way. Every lit
 * LED of a one-line frame must come from this line's ink, shifted to where the frame centres it.
 */
async function inkLine(text: string, size: number, cut: number): Promise<{ width: number; height: number; lit: (x: number, y: number) => boolean }> {
  const { data, info } = await sharp({ text: { text, font: `${SHIPPED_FAMILY} Regular ${size}`, fontfile: bundledFont('Regular'), rgba: true, dpi: 72 } })
    .extractChannel(3)
    .raw()
    .toBuffer({ resolveWithObject: true });
  return { width: info.width, height: info.height, lit: (x, y) => x >= 0 && y >= 0 && x < info.width && y < info.height && data[y * info.width + x]! >= cut };
}

describe('LED strips: 1-bit frames rendered by the hub', () => {
  it('a call from a keypad goes to the strip as a bitmap on its set topic, equal to the reference rendering', async () => {
    hub = await testHub(smallHall(), fakeClock(), { listen: true });
    await hub.app.inject({ method: 'POST', url: '/api/tickets', headers: hub.kiosk(), payload: { lineId: 'general' } });
    await hub.app.inject({ method: 'POST', url: '/api/windows/2/open', headers: hub.as('staff-S2'), payload: {} });
    const led: MqttClient = await connectMqtt(hub.mqttUrl, 'led-2', hub.credentials.passwordFor('led-2')!);
    closers.push(() => led.end(true));
    const inbox = collect(led);
    await led.subscribeAsync('hall/test-hall/dev/led-2/set', { qos: 1 });
    const keypad = await connectMqtt(hub.mqttUrl, 'keypad-2', hub.credentials.passwordFor('keypad-2')!);
    closers.push(() => keypad.end(true));
    await keypad.publishAsync('hall/test-hall/dev/keypad-2/request/call-next', JSON.stringify({ transaction: 'k-1' }), { qos: 1 });

    const cmd = await nextBitmap(inbox, 'hall/test-hall/dev/led-2/set');
    expect(cmd).toMatchObject({ width: 128, height: 32 });
    const frame = decode(cmd);
    expect(frameToText(frame)).toBe(golden('128x32-请A001到2号窗口'));
    expect(frameToText(frame)).toBe(frameToText(await renderStrip(['请A001到2号窗口'], 128, 32)));
    // The preview the console shows is drawn from the same frame.
    const preview = await hub.app.inject({ url: '/api/displays/led-2/preview.png', headers: hub.as('boss') });
    expect(await sharp(preview.rawPayload).metadata()).toMatchObject({ width: 128 * 6, height: 32 * 6 });

    // The strip is changed to 160×32: the paused window's text fits on one line at 16 px.
    await hub.app.inject({ method: 'PATCH', url: '/api/displays/led-2', headers: hub.as('boss'), payload: { strip: { width: 160, height: 32 } } });
    // At once, the call it shows is drawn again for its new size; the preview asked for right away shows that frame.
    const resized = await hub.app.inject({ url: '/api/displays/led-2/preview.png', headers: hub.as('boss') });
    expect(await sharp(resized.rawPayload).metadata()).toMatchObject({ width: 160 * 6, height: 32 * 6 });
    const redrawn = decode(await nextBitmap(inbox, 'hall/test-hall/dev/led-2/set'));
    expect(redrawn.width).toBe(160);
    expect(frameToText(redrawn)).toBe(frameToText(await renderStrip(['请A001到2号窗口', 'A001 2号窗口', 'A001 2号', 'A001'], 160, 32)));
    await hub.app.inject({ method: 'POST', url: '/api/windows/2/no-show', headers: hub.as('staff-S2'), payload: {} });
    // The visitor has gone: the strip is given the window's idle text, not left on the old call.
    const idle = decode(await nextBitmap(inbox, 'hall/test-hall/dev/led-2/set'));
    expect(frameToText(idle)).not.toBe(frameToText(redrawn));
    await hub.app.inject({ method: 'POST', url: '/api/windows/2/pause', headers: hub.as('staff-S2'), payload: { reason: '系统维护' } });
    const paused = decode(await nextBitmap(inbox, 'hall/test-hall/dev/led-2/set'));
    expect(paused.width).toBe(160);
    expect(frameToText(paused)).toBe(golden('160x32-2号窗口暂停服务'));
    const ref = await inkLine('2号窗口暂停服务', 16, 90);
    const left = Math.floor((160 - ref.width) / 2);
    const top = Math.floor((32 - ref.height) / 2);
    let lit = 0;
    for (let y = 0; y < 32; y++) {
      for (let x = 0; x < 160; x++) {
        expect(isLit(paused, x, y)).toBe(ref.lit(x - left, y - top));
        if (isLit(paused, x, y)) lit++;
      }
    }
    expect(lit).toBeGreaterThan(200);
  });

  it("the frames are the shipped font's, whatever fonts and font rules the machine has", async () => {
    // The golden frames are what the shipped font must produce. Each process below starts with the fontconfig of
    // another kind of machine; each must render exactly them. (On this machine the system's own configuration
    // happens to give the same frames, so it proves nothing; these do differ from it when obeyed.)
    const dir = mkdtempSync(join(tmpdir(), 'hall-fc-'));
    const machine = (name: string, rules: string) => {
      const file = join(dir, `${name}.conf`);
      writeFileSync(file, `<?xml version="1.0"?>\n<fontconfig>\n${rules}\n</fontconfig>\n`);
      return file;
    };
    const system = '<include ignore_missing="yes">/etc/fonts/fonts.conf</include>';
    const machines = [
      // No fonts at all.
      machine('none', ''),
      // Another CJK font preferred for everything (as a hall PC with its own font choices would have).
      machine('other-font', `${system}<match target="pattern"><edit name="family" mode="prepend" binding="strong"><string>Noto Serif CJK SC</string></edit></match>`),
      // Other rendering rules: full hinting by the autohinter, and emboldening.
      machine('other-rules', `${system}<match target="font"><edit name="hintstyle" mode="assign"><const>hintfull</const></edit><edit name="autohint" mode="assign"><bool>true</bool></edit><edit name="embolden" mode="assign"><bool>true</bool></edit></match>`),
    ];
    const render = async (fontconfig: string, args: string[]) =>
      (
        await promisify(execFile)(process.execPath, ['--import', 'tsx', join(here, 'print-strip-frame.ts'), ...args], {
          cwd: join(here, '..', '..'),
          env: { ...process.env, FONTCONFIG_FILE: fontconfig, FONTCONFIG_PATH: dir },
        })
      ).stdout.trimEnd();
    for (const fontconfig of machines) {
      expect([fontconfig, await render(fontconfig, ['128', '32', '请A001到2号窗口'])]).toEqual([fontconfig, golden('128x32-请A001到2号窗口')]);
      expect([fontconfig, await render(fontconfig, ['160', '32', '2号窗口暂停服务'])]).toEqual([fontconfig, golden('160x32-2号窗口暂停服务')]);
    }
  }, 60_000);

  it('a strip too small for the hall text shows the short form; widths that are not whole bytes are refused', async () => {
    const small = await renderStrip(['请A001到2号窗口', 'A001 2号窗口', 'A001 2号', 'A001'], 64, 16);
    expect(frameToText(small)).toBe(golden('64x16-请A001到2号窗口'));
    await expect(renderStrip('x', 60, 16)).rejects.toThrow(/multiple of 8/);
    const blank = await renderStrip('   ', 128, 32);
    expect(blank.bits.every((b) => b === 0)).toBe(true);
  });
});
