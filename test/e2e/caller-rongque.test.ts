import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { startProvinceSimulator, type ProvinceSimulator } from '@hall/province-sim';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium } from '@hall/testkit/browser';
import { fakeClock } from '@hall/testkit/engine-fixture';
import { readEscpos } from '@hall/testkit/escpos-reader';
import { basic, doc, material } from '@hall/testkit/exchange-fixture';
import { fakePrinter, type FakePrinter } from '@hall/testkit/fake-printer';
import { smallHall } from '@hall/testkit/hall-fixture';
import { CONSOLE_APP, testHub, type TestHub } from '@hall/testkit/hub-fixture';
import { repoRoot } from '@hall/testkit/repo-paths';
import { UPLINK_KEY } from '@hall/testkit/uplink-fixture';

/*
 * 容缺受理 from the software caller, in Chromium: staff serving a ticket open the form, tick what is missing
 * (only the materials the guide marks 容缺 are offered), keep or change the policy's deadline, type the applicant's
 * number (masked on screen) and submit; the 容缺受理通知书 prints on the window's printer — a fake Epson on a real
 * TCP socket, whose received bytes are read back as a printer would — and its picture is kept with the other
 * pictures of paper. A blacklisted applicant (the province simulator's credit list) is refused with the reason.
 */

const GOOD = '11010519900101123X';
const BLACK = '110105198505054321';
const PHONE = '13800000009';
const BLACK_REASON = '失信被执行人：拒不履行生效判决';
const shots = join(repoRoot, 'docs', 'screenshots');

// Two business types served at window 1 (line general serves department D1): one allows 容缺 for two of its
// three materials, the other not at all.
const catalog = doc({
  task_general_basic: [
    basic('b1', 'T1', '', '食品经营许可', { dept_code: 'D1', dept_name: '市场监督管理局' }),
    basic('b2', 'T2', '', '个体工商户注销', { dept_code: 'D1', dept_name: '市场监督管理局' }),
  ],
  task_general_extend: [{ row_guid: 'e1', cd_operation: 'I', cd_time: '2026-11-01 08:00:00', task_code: 'T1', extend_field: '{"rongque": true}' }],
  task_general_material: [
    material('m1', 'T1', '', '食品经营许可申请书'),
    material('m2', 'T1', '', '经营场所使用证明', { is_need: '2', order_num: 2 }),
    material('m3', 'T1', '', '食品安全管理制度', { is_need: '2', order_num: 3 }),
    material('m4', 'T2', '', '注销登记申请书'),
  ],
});

let sim: ProvinceSimulator;
let fp: FakePrinter;
let hub: TestHub;
let browser: Browser;

beforeAll(async () => {
  sim = await startProvinceSimulator({ key: UPLINK_KEY });
  sim.putCredit([{ number: BLACK, list: 'black', reason: BLACK_REASON, listedAt: '2026-01-01T00:00:00+08:00' }]);
  fp = await fakePrinter();
  const base = smallHall();
  const config = smallHall({
    hall: { ...base.hall, visitorUrl: 'https://q.hall.example.cn' },
    uplink: {
      enabled: true,
      url: sim.url,
      backoff: { baseMs: 20, maxMs: 200 },
      downlink: { enabled: false },
      // the deadline the caller offers first
      rongque: { supplyWorkingDays: 4 },
    },
    printers: [...base.printers, { id: 'printer-window-1', name: '1号窗口打印机', kind: 'escpos-tcp', host: '127.0.0.1', port: fp.port, window: '1' }],
  });
  hub = await testHub(config, fakeClock(), { listen: true, env: { HALL_UPLINK_KEY: UPLINK_KEY }, staticApps: [CONSOLE_APP] });
  expect((await hub.app.inject({ method: 'POST', url: '/api/admin/catalog/import', payload: catalog, headers: hub.as('boss') })).statusCode).toBe(200);
  await hub.uplink.rongque!.refreshCredit();
  for (let i = 0; i < 2; i++) expect((await hub.app.inject({ method: 'POST', url: '/api/tickets', headers: hub.kiosk(), payload: { lineId: 'general' } })).statusCode).toBe(201);
  browser = await launchChromium();
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await hub?.close();
  await sim?.close();
  await fp?.stop();
});

/** Window 1's staff member signs in at the caller and calls the next visitor. */
async function callerAtWindow1(): Promise<Page> {
  const page = await browser.newPage({ viewport: { width: 1600, height: 1000 } });
  await page.goto(`${hub.base}/console/#/caller`);
  await page.getByLabel('用户名').fill('staff-S1');
  await page.getByLabel('密码').fill('correct horse');
  await page.getByRole('button', { name: '登录' }).click();
  await page.getByRole('button', { name: '上岗（开窗）' }).click();
  await page.getByRole('button', { name: /叫下一位/ }).click();
  await expect.poll(() => page.getByRole('status').filter({ hasText: '操作成功' }).textContent(), { timeout: 15_000 }).toContain('A001');
  return page;
}

const form = (page: Page) => page.locator('form.rongque-form');
const openForm = (page: Page) => page.getByRole('button', { name: '容缺受理', exact: true }).click();

/** Width and height from a PNG's IHDR chunk. */
const pngSize = (png: Buffer) => ({ signature: png.subarray(1, 4).toString('latin1'), width: png.readUInt32BE(16), height: png.readUInt32BE(20) });

describe('容缺受理 from the software caller (Chromium)', () => {
  it('staff accept with the missing material ticked: the 通知书 prints on the window’s printer, listing it, the deadline and the masked applicant', async () => {
    const page = await callerAtWindow1();
    await openForm(page);
    // Only the materials the guide marks 容缺, of the business types served here; T2 allows no 容缺 and is not offered.
    await expect.poll(() => form(page).locator('fieldset').first().getByRole('checkbox').count(), { timeout: 15_000 }).toBe(2);
    expect(await form(page).locator('fieldset').first().textContent()).toContain('经营场所使用证明');
    expect(await form(page).locator('fieldset').first().textContent()).toContain('食品安全管理制度');
    expect(await form(page).textContent()).not.toContain('食品经营许可申请书');
    expect(await form(page).locator('select option').allTextContents()).toEqual(['食品经营许可（市场监督管理局）']);
    const days = form(page).getByLabel('补交期限（工作日）');
    expect(await days.inputValue()).toBe('4');

    await form(page).getByRole('checkbox', { name: '经营场所使用证明' }).check();
    await days.fill('3');
    const id = form(page).getByLabel('身份证号码');
    await id.fill(GOOD);
    // Typed, but shown only masked.
    expect(await id.getAttribute('type')).toBe('password');
    expect(await form(page).locator('[data-id-shown]').textContent()).toContain('110105********123X');
    expect(await page.locator('main').textContent()).not.toContain(GOOD);
    await form(page).getByLabel('申请人姓名或单位名称').fill('王小华');
    await form(page).getByRole('checkbox', { name: '申请人同意接收补交提醒短信' }).check();
    await form(page).getByLabel('手机号码').fill(PHONE);
    await form(page).getByRole('button', { name: '确认容缺受理' }).click();

    const outcome = page.locator('[data-outcome="accepted"]');
    await expect.poll(() => outcome.count(), { timeout: 15_000 }).toBe(1);
    expect(await outcome.textContent()).toContain('已容缺受理');
    // the form folded away with the applicant's details
    expect(await form(page).count()).toBe(0);
    expect(await outcome.locator('[data-applicant]').textContent()).toBe('王*华');
    expect(await outcome.locator('[data-missing]').textContent()).toBe('经营场所使用证明');
    // Accepted Monday 23 November: Tue, Wed, Thu count.
    expect(await outcome.locator('[data-deadline]').textContent()).toContain('2026-11-26');
    await expect.poll(() => outcome.locator('[data-print]').getAttribute('data-print'), { timeout: 30_000 }).toBe('done');
    expect(await outcome.locator('[data-print]').textContent()).toContain('容缺受理通知书已打印');
    mkdirSync(shots, { recursive: true });
    await page.screenshot({ path: join(shots, 'console-caller-rongque-1600x1000.png') });

    // What the window's printer read: the notice, in GBK, nothing it would not understand, cut once.
    expect(fp.jobs()).toHaveLength(1);
    const read = readEscpos(fp.jobs()[0]!.bytes);
    expect(read.unknown).toEqual([]);
    expect(read.commands.filter((c) => c === '1d5601')).toHaveLength(1);
    // Read as one run of text: the paper's line wrapping (and its indents) aside.
    const paper = read.text.replace(/\s+/g, '');
    expect(read.rasters.length).toBeGreaterThan(0); // the title, 容缺受理通知书, drawn as an image
    expect(paper).toContain('您的申请已容缺受理');
    expect(paper).toContain('申请人：王*华');
    expect(paper).not.toContain('王小华');
    expect(paper).toContain('【待补交材料（共1项）】');
    expect(paper).toContain('经营场所使用证明');
    expect(paper).not.toContain('食品安全管理制度');
    expect(paper).toContain('补交期限：2026年11月26日前（3个工作日）');
    expect(paper).toContain('号票：A001');

    // The same job as a picture of the paper (the hub's rendering, as the virtual printer draws it), read back by
    // the staff member who printed it, kept with the other pictures of paper.
    const jobId = (await outcome.locator('[data-print]').getAttribute('data-print-job'))!;
    const preview = await hub.app.inject({ url: `/api/print/jobs/${jobId}/preview.png`, headers: hub.as('staff-S1') });
    expect(preview.statusCode).toBe(200);
    const png = preview.rawPayload;
    writeFileSync(join(shots, 'print-rongque-notice.png'), png);
    const size = pngSize(png);
    expect(size).toMatchObject({ signature: 'PNG', width: 624 });
    // every text line the printer read takes a line of paper
    expect(size.height).toBeGreaterThan(read.text.split('\n').filter((l) => l.trim() !== '').length * 30);

    // The record went upstream masked, and the SMS with the applicant's consent.
    await hub.uplink.relay!.drained();
    expect(sim.held('queue').filter((e) => e.type === 'rongque-accepted')).toHaveLength(1);
    expect(sim.sms().filter((m) => m.type === 'rongque-reminder')).toEqual([expect.objectContaining({ to: PHONE, text: expect.stringContaining('经营场所使用证明') })]);
    await page.close();
  }, 120_000);

  it('a blacklisted applicant is refused 容缺 with the province’s reason, in Chinese and English, and nothing prints', async () => {
    const page = await browser.newPage({ viewport: { width: 1600, height: 1000 } });
    await page.goto(`${hub.base}/console/#/caller`);
    await page.getByLabel('用户名').fill('staff-S1');
    await page.getByLabel('密码').fill('correct horse');
    await page.getByRole('button', { name: '登录' }).click();
    await page.getByRole('button', { name: /叫下一位/ }).click();
    await expect.poll(() => page.getByRole('status').filter({ hasText: '操作成功' }).textContent(), { timeout: 15_000 }).toContain('A002');
    const printed = fp.jobs().length;

    await openForm(page);
    await expect.poll(() => form(page).locator('fieldset').first().getByRole('checkbox').count(), { timeout: 15_000 }).toBe(2);
    await form(page).getByRole('checkbox', { name: '食品安全管理制度' }).check();
    await form(page).getByLabel('身份证号码').fill(BLACK);
    await form(page).getByLabel('申请人姓名或单位名称').fill('李四');
    await form(page).getByRole('button', { name: '确认容缺受理' }).click();

    const refused = page.locator('[data-outcome="refused"]');
    await expect.poll(() => refused.count(), { timeout: 15_000 }).toBe(1);
    expect(await refused.getAttribute('role')).toBe('alert');
    expect(await refused.getAttribute('data-code')).toBe('rongque_blacklisted');
    const text = (await refused.textContent())!;
    expect(text).toContain('不能容缺受理');
    expect(text).toContain('申请人列入失信黑名单，不适用容缺受理。');
    expect(text).toContain('black list');
    expect(await refused.locator('[data-reason]').textContent()).toContain(BLACK_REASON);
    expect(text.indexOf('申请人列入失信黑名单')).toBeLessThan(text.indexOf('black list'));
    expect(fp.jobs()).toHaveLength(printed);
    const login = await hub.auth.login('boss', 'correct horse');
    if (!login.ok) throw new Error('boss cannot sign in');
    const open = (await hub.app.inject({ url: '/api/rongque', headers: { authorization: `Bearer ${login.session.token}` } })).json() as { open: number };
    expect(open.open).toBe(1);
    await page.close();
  }, 120_000);
});
