import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { until } from '@hall/testkit/clients';
import { fakeClock } from '@hall/testkit/engine-fixture';
import { MINUTE, smallHall } from '@hall/testkit/hall-fixture';
import { CONSOLE_APP, testHub, type TestHub } from '@hall/testkit/hub-fixture';
import { fakePrinter, type FakePrinter } from '@hall/testkit/fake-printer';
import { launchChromium } from '@hall/testkit/browser';

let hub: TestHub;
let fp: FakePrinter;
let browser: Browser;

/** The small hall with kiosk-1's printer a network printer (the fake Epson), alerting managers after 5 minutes. */
beforeAll(async () => {
  fp = await fakePrinter();
  const base = smallHall();
  hub = await testHub(
    smallHall({
      hall: { id: 'test-hall', name: '测试政务服务中心', visitorUrl: 'https://q.hall.example.cn' },
      printers: [{ id: 'counter', name: '1号自助机打印机', kind: 'escpos-tcp', host: '127.0.0.1', port: fp.port, alertAfterMinutes: 5 }],
      devices: base.devices.map((d) => (d.id === 'kiosk-1' ? { ...d, printer: 'counter' } : d)),
    }),
    fakeClock(),
    // a job unconfirmed for 500 ms is flagged (a hall waits 10 s)
    { listen: true, staticApps: [CONSOLE_APP], env: { HALL_PRINT_CONFIRM_MS: '500' } },
  );
  browser = await launchChromium();
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await hub?.close().catch(() => undefined);
  await fp?.stop();
});

async function signIn(username: string): Promise<Page> {
  const page = await browser.newPage({ viewport: { width: 1600, height: 1000 } });
  await page.goto(`${hub.base}/console/`);
  await page.getByLabel('用户名').fill(username);
  await page.getByLabel('密码').fill('correct horse');
  await page.getByRole('button', { name: '登录' }).click();
  await expect.poll(() => page.getByRole('button', { name: '退出登录' }).isVisible(), { timeout: 15_000 }).toBe(true);
  return page;
}

/** A visitor takes a ticket at kiosk-1 and it is sent to kiosk-1's printer; also an event that brings the console's warning check forward. */
async function printTicket(): Promise<string> {
  const t = (await hub.app.inject({ method: 'POST', url: '/api/tickets', headers: hub.kiosk(), payload: { lineId: 'general' } })).json() as { id: string };
  const r = await hub.app.inject({ method: 'POST', url: '/api/print/ticket', headers: hub.kiosk(), payload: { ticketId: t.id } });
  expect(r.statusCode).toBe(202);
  return (r.json() as { jobId: string }).jobId;
}
const nudge = () => hub.app.inject({ method: 'POST', url: '/api/tickets', headers: hub.kiosk(), payload: { lineId: 'tax' } });
const job = (id: string, ok: (j: NonNullable<ReturnType<TestHub['print']['job']>>) => boolean, what: string) =>
  until((check) => hub.print.onJobChange(check), () => { const j = hub.print.job(id); return j && ok(j) ? j : undefined; }, 15_000, what);

describe('a kiosk printer that cannot print, in the console (Chromium)', () => {
  it('cover open: a yellow warning with a chime, red (a second chime) after 5 minutes; a jam mid-job: a new warning and chime; both clear once it prints', async () => {
    const boss = await signIn('boss');
    const panel = boss.locator('.warnings');
    await expect.poll(() => panel.getAttribute('data-checks'), { timeout: 15_000 }).not.toBe('0');
    expect(await panel.getAttribute('data-chimes')).toBe('0');

    fp.state.coverOpen = true;
    const covered = await printTicket();
    await job(covered, (j) => j.attempts > 0, 'the job refused while the cover is open');
    await nudge();
    await expect.poll(() => panel.textContent(), { timeout: 15_000 }).toContain('打印机无法打印');
    expect(await panel.textContent()).toMatch(/▲ 黄灯 打印机无法打印： 1号自助机打印机：打印机盖未合上 cover open 0 分钟（阈值 5）/);
    await expect.poll(() => panel.getAttribute('data-chimes')).toBe('1');

    // The manager's alert: still out after 5 minutes, the same printer turns red and chimes again.
    hub.clock.advance(6 * MINUTE);
    await nudge();
    await expect.poll(() => panel.textContent(), { timeout: 15_000 }).toMatch(/■ 红灯 打印机无法打印： 1号自助机打印机：打印机盖未合上 cover open 6 分钟/);
    await expect.poll(() => panel.getAttribute('data-chimes')).toBe('2');
    expect(fp.jobs()).toHaveLength(0);

    fp.state.coverOpen = false;
    await job(covered, (j) => j.status === 'done', 'the ticket printed once the cover closed');
    await nudge();
    await expect.poll(() => panel.textContent(), { timeout: 15_000 }).not.toContain('打印机无法打印');

    // A jam mid-job: the printer stops reading; the job is flagged, not done, and the console says so.
    fp.stallNextJobAfter(3000);
    const jammed = await printTicket();
    await job(jammed, (j) => j.status === 'sending' && (j.lastError ?? '').includes('未确认'), 'the job flagged unconfirmed');
    await nudge();
    await expect.poll(() => panel.textContent(), { timeout: 15_000 }).toMatch(/▲ 黄灯 打印机无法打印： 1号自助机打印机：打印机未确认收到（卡纸或盖未合上？）/);
    await expect.poll(() => panel.getAttribute('data-chimes')).toBe('3');
    expect(fp.complete()).toHaveLength(1);

    fp.resume();
    await job(jammed, (j) => j.status === 'done', 'the jammed ticket printed once cleared');
    expect(fp.complete()).toHaveLength(2);
    await nudge();
    await expect.poll(() => panel.textContent(), { timeout: 15_000 }).not.toContain('打印机无法打印');
    await boss.close();
  }, 120_000);
});
