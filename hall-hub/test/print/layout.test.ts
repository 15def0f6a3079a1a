import { noShowMessage } from '@hall/shared';
import type { PrintBlock } from '@hall/shared';
import { describe, expect, it } from 'vitest';
import { CHECKBOX, asciiPayload, windowList } from '../../src/domain/print/blocks.js';
import { guideSheetLayout } from '../../src/domain/print/guide-sheet-layout.js';
import { displayWidth, printableText, wrap } from '../../src/domain/print/text-width.js';
import { markReprint, ticketLayout, type TicketPrintInput } from '../../src/domain/print/ticket-layout.js';
import { MONDAY_0900 } from '@hall/testkit/hall-fixture';
import { sampleGuide } from './sample-guide.js';

const hall = { name: '测试政务服务中心', address: '沈阳市和平区测试路1号', phone: '024-12345678', timeZone: 'Asia/Shanghai' };
const texts = (blocks: PrintBlock[]) => blocks.flatMap((b) => (b.kind === 'text' ? [b.text] : []));
const sheet = (blocks: PrintBlock[]) => texts(blocks).join('\n');

/** Every text line fits its paper: 48 columns, 24 for double-size text. */
function expectFits(blocks: PrintBlock[], columns = 48) {
  for (const b of blocks) if (b.kind === 'text') expect(displayWidth(b.text), b.text).toBeLessThanOrEqual(b.double ? columns / 2 : columns);
}

describe('display width and wrapping (Chinese is two columns on the printer)', () => {
  it('counts Chinese, full-width punctuation and GBK symbols as two columns, ASCII as one', () => {
    expect(displayWidth('A01号 窗口')).toBe(10);
    expect(displayWidth('（共 7 项）')).toBe(11);
    expect(displayWidth('绿色通道 · 老年人')).toBe(18);
    expect(displayWidth('□')).toBe(2);
    expect(displayWidth('Ticket A001')).toBe(11);
  });

  it('wraps mixed Chinese and English by width, keeps English words and numbers whole, and indents continuations', () => {
    const text = '请携带居民身份证原件及复印件2份，Please bring your ID card (original and 2 copies) to window 12，谢谢。';
    const lines = wrap(text, 20, '  ');
    for (const l of lines) expect(displayWidth(l)).toBeLessThanOrEqual(20);
    expect(lines.slice(1).every((l) => l.startsWith('  '))).toBe(true);
    const words = lines.join(' ').split(/\s+/);
    for (const w of ['Please', 'bring', 'your', '(original', 'copies)', '12，谢谢。']) expect(words).toContain(w);
    expect(lines.join('').replace(/\s/g, '')).toBe(text.replace(/\s/g, ''));
  });

  it('never starts a line with closing punctuation (避头尾)', () => {
    for (let width = 8; width <= 20; width++) {
      for (const l of wrap('一二三四五六七，八九十、甲乙丙丁。戊己庚辛（壬癸）子丑寅卯。', width)) expect('，、。）').not.toContain(l[0]);
    }
  });

  it('cuts a word longer than a line at the edge instead of overflowing', () => {
    const lines = wrap('网址：https://zwfw.example.gov.cn/a/very/long/path/that/does/not/fit', 24);
    for (const l of lines) expect(displayWidth(l)).toBeLessThanOrEqual(24);
    expect(lines.join('')).toContain('https://zwfw.example.gov.cn/');
  });

  it('writes amounts in 元, never ¥ (it switches the printer’s code page mid-line)', () => {
    expect(printableText('工本费¥10/本，另￥ 5.50')).toBe('工本费10元/本，另5.50元');
  });

  it('keeps QR payloads ASCII: a Chinese URL is percent-encoded, Chinese text is refused', () => {
    expect(asciiPayload('https://zwfw.example.gov.cn/指南/T1')).toBe('https://zwfw.example.gov.cn/%E6%8C%87%E5%8D%97/T1');
    expect(asciiPayload('办事指南')).toBeNull();
  });
});

describe('a queue ticket', () => {
  const input: TicketPrintInput = {
    hall,
    ticket: {
      id: '5f0c2a9e-1b7d-4c55-9a0e-2f3b4c5d6e7f',
      number: 'A012',
      lineName: '综合业务',
      lineNameEn: 'General services',
      peopleAhead: 7,
      estimatedWaitMinutes: 19,
      servingWindows: ['1', '2', '3'],
      issuedAt: MONDAY_0900 + 5 * 60_000,
      priorityGroup: null,
    },
    noShow: noShowMessage({ reinstateMinutes: 30, rejoinAfter: 3 }),
  };

  it('has the number big and rasterized, the line, people ahead, the wait, the windows, the time and the hall', () => {
    const blocks = ticketLayout(input);
    expect(blocks).toContainEqual({ kind: 'raster-text', text: 'A012', size: expect.any(Number), align: 'center' });
    expect(blocks[0]).toEqual({ kind: 'logo', text: '测试政务服务中心' });
    const text = sheet(blocks);
    for (const s of ['综合业务', '前面等候：7 人', '预计等候：约 19 分钟', '办理窗口：1-3号窗口', '取号时间：2026-11-23 09:05', '测试政务服务中心', '024-12345678']) {
      expect(text).toContain(s);
    }
    expect(blocks.at(-1)).toEqual({ kind: 'cut' });
    expectFits(blocks);
  });

  it('carries the ticket id in an ASCII QR code and has one line in English, in ASCII', () => {
    const blocks = ticketLayout(input);
    expect(blocks.filter((b) => b.kind === 'qr')).toEqual([{ kind: 'qr', data: input.ticket.id, cellSize: expect.any(Number) }]);
    const english = texts(blocks).filter((l) => /^[\x20-\x7e]+$/.test(l) && /[a-z]/.test(l));
    // The ticket's own line, then what the hall's no-show policy says (the same words as walls and phone).
    expect(english.join(' ')).toBe(`Ticket A012 (General services): 7 ahead, about 19 min. Windows 1-3. ${noShowMessage({ reinstateMinutes: 30, rejoinAfter: 3 }).en}.`);
    expect(english.length).toBeLessThanOrEqual(4);
  });

  it('a line whose English name is not wholly ASCII ("Department: 市场监管") prints no fragment of it, and the department’s full name is on the ticket', () => {
    const blocks = ticketLayout({
      ...input,
      ticket: { ...input.ticket, number: 'L001', lineName: '市场监管', lineNameEn: 'Department: 市场监管', departments: ['辽宁省市场监督管理局'], peopleAhead: 0 },
    });
    const english = texts(blocks).filter((l) => /^[\x20-\x7e]+$/.test(l) && /[a-z]/.test(l));
    expect(english.join(' ')).toBe(`Ticket L001: 0 ahead. Windows 1-3. ${noShowMessage({ reinstateMinutes: 30, rejoinAfter: 3 }).en}.`);
    expect(english.join(' ')).not.toContain('Department');
    expect(texts(blocks)).toContain('辽宁省市场监督管理局');
    expectFits(blocks);
  });

  it('a reprint says 补打 under the logo, once, and is otherwise the same ticket', () => {
    const blocks = ticketLayout(input);
    const again = markReprint(blocks);
    expect(again[0]).toEqual(blocks[0]);
    expect(texts(again)[0]).toBe('【补打】 REPRINT');
    expect(again.slice(2)).toEqual(blocks.slice(1));
    expect(markReprint(again)).toEqual(again);
  });

  it('names the green channel, and says nobody is ahead without a wait estimate', () => {
    const blocks = ticketLayout({ ...input, ticket: { ...input.ticket, peopleAhead: 0, estimatedWaitMinutes: 0, priorityGroup: { name: '老年人', nameEn: 'Elderly' } } });
    const text = sheet(blocks);
    expect(text).toContain('绿色通道（老年人）');
    expect(text).toContain('前面等候：0 人');
    expect(text).not.toContain('预计等候');
    expect(text.replace(/\n/g, ' ')).toContain('Ticket A012 (General services, priority: Elderly): 0 ahead.');
  });
});

describe('a guide as a one-time notice sheet (一次性告知单)', () => {
  const printedAt = MONDAY_0900 + 30 * 60_000;
  const blocks = guideSheetLayout(sampleGuide(), { hall, printedAt });
  const text = sheet(blocks);

  it('has its title rasterized, and the service, department and type', () => {
    expect(blocks[0]).toEqual({ kind: 'raster-text', text: '一次性告知单', size: expect.any(Number), align: 'center' });
    expect(text).toContain('药品零售企业许可（新办）');
    expect(text).toContain('实施部门：辽宁省药品监督管理局');
    expect(text).toContain('事项类型：行政许可');
    expect(text).toContain('办件类型：承诺件');
  });

  it('lists every material with a box to tick, what form it takes, and which may come later (容缺)', () => {
    const guide = sampleGuide();
    for (const [i, m] of guide.materials.entries()) {
      const line = texts(blocks).find((l) => l.startsWith(`${CHECKBOX} ${i + 1}. `));
      expect(line, m.name).toBeDefined();
      expect(text.replace(/\n */g, '')).toContain(m.name);
    }
    expect(text).toContain('复印件；电子；来源：政府部门核发');
    expect(text).toContain('原件和复印件2份');
    expect(text).toContain('可容缺');
    expect(text).toContain('非必需');
    expect(text).toContain('填写：用黑色签字笔填写');
    expect(text).toContain('容缺受理');
    // ☐ is not in GBK: the box is ASCII
    expect(text).not.toContain('☐');
  });

  it('gives both time limits, the legal and the promised', () => {
    expect(text).toContain('法定办结时限：30个工作日');
    expect(text).toContain('承诺办结时限：15个工作日');
    expect(text).toContain('（材料齐全且符合法定形式之日起计算）');
  });

  it('gives the fees in 元 with the basis and reductions', () => {
    const fee = texts(blocks).find((l) => l.startsWith('证书工本费'));
    expect(fee).toMatch(/^证书工本费 +10元\/本$/);
    expect(displayWidth(fee!)).toBe(48);
    expect(text.replace(/\n */g, '')).toContain('现场核查费：按核查面积收取，每平方米1元，不足100平方米按100平方米计');
    expect(text).toContain('可减免：小微企业减半');
    expect(text).toContain('收费依据：《辽宁省行政事业性收费目录清单》');
    expect(text).not.toMatch(/[¥￥]/);
    expect(sheet(guideSheetLayout(sampleGuide({ charged: false, fees: [], feeBasis: null }), { hall, printedAt }))).toContain('不收费');
  });

  it('says where to go: address, windows, the queue line, hours, and the online guide as text and QR', () => {
    expect(text).toContain('地点：二楼 药品监管窗口');
    expect(text).toContain('窗口：1、2号窗口');
    expect(text).toContain('“综合业务”');
    expect(text).toContain('时间：周一至周五 8:30-11:30 13:00-17:00');
    expect(text).toContain('https://zwfw.example.gov.cn/guide/T1');
    expect(blocks).toContainEqual({ kind: 'qr', data: 'https://zwfw.example.gov.cn/guide/T1', cellSize: expect.any(Number) });
    expect(text).toContain('打印时间：2026-11-23 09:30');
  });

  it('fits 80 mm paper, and 58 mm paper when asked', () => {
    expectFits(blocks);
    const narrow = guideSheetLayout(sampleGuide(), { hall, printedAt, paper: { columns: 32 } });
    expectFits(narrow, 32);
    expect(texts(narrow).length).toBeGreaterThan(texts(blocks).length);
  });

  it('prints no QR code for a guide without an online address', () => {
    const offline = guideSheetLayout(sampleGuide({ onlineUrl: null, mobileUrl: null }), { hall, printedAt });
    expect(offline.some((b) => b.kind === 'qr')).toBe(false);
  });
});

describe('window lists', () => {
  it('shortens runs of three or more consecutive windows', () => {
    expect(windowList(['25', '26', '27', '28', '30', '31', '40'])).toBe('25-28、30、31、40号窗口');
    expect(windowList(['A1', 'A2', 'A3'])).toBe('A1、A2、A3号窗口');
    expect(windowList(['5'])).toBe('5号窗口');
  });
});
