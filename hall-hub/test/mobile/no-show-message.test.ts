import { noShowMessage, type PrintBlock } from '@hall/shared';
import { afterEach, describe, expect, it } from 'vitest';
import { smallHall } from '@hall/testkit/hall-fixture';
import { testHub, type TestHub } from '@hall/testkit/hub-fixture';

const hubs: TestHub[] = [];
afterEach(async () => {
  for (const h of hubs.splice(0)) await h.close();
});

const printed = (blocks: PrintBlock[]) => blocks.flatMap((b) => (b.kind === 'text' ? [b.text] : [])).join('\n');

describe('one no-show policy, one message', () => {
  it('says what the policy does: reinstated within its minutes, or void when it reinstates nothing', () => {
    expect(noShowMessage({ reinstateMinutes: 30, rejoinAfter: 3 }).zh).toBe('过号30分钟内请到办理窗口恢复排队，超时请重新取号');
    expect(noShowMessage({ reinstateMinutes: 30, rejoinAfter: 3 }).en).toContain('Within 30 min,');
    expect(noShowMessage({ reinstateMinutes: 0, rejoinAfter: 3 }).zh).toBe('过号作废，请重新取号');
  });

  it('the wall band, the printed ticket and the phone page all tell a visitor what this hall’s policy does', async () => {
    const base = smallHall();
    const config = { ...base, policy: { ...base.policy, noShow: { ...base.policy.noShow, reinstateMinutes: 20 } } };
    const h = await testHub(config);
    hubs.push(h);
    const said = noShowMessage(config.policy.noShow);
    expect(said.zh).toContain('20分钟');

    // The walls' scene carries it (the band shows it when there is no notice).
    expect(h.app.displays.scene('wall-1')!.noShow).toEqual(said);

    // The ticket a kiosk prints.
    const ticket = (await h.app.inject({ method: 'POST', url: '/api/tickets', headers: h.kiosk(), payload: { lineId: 'general' } })).json() as { id: string };
    const job = await h.app.inject({ method: 'POST', url: '/api/print/ticket', headers: h.kiosk(), payload: { ticketId: ticket.id } });
    expect(job.statusCode).toBeLessThan(300);
    // (Lines wrap at the paper's width: compared without the breaks and the spaces they take.)
    const text = printed(h.app.print.job((job.json() as { jobId: string }).jobId)!.blocks).replace(/\s+/g, '');
    expect(text).toContain(said.zh);
    expect(text).toContain(said.en.replace(/\s+/g, ''));
    expect(text).not.toContain('过号请到办理窗口咨询');

    // The phone page, in both languages.
    const phone = (await h.app.inject({ url: '/api/m/ticket', headers: { 'x-ticket-token': ticket.id } })).json() as { noShow: unknown };
    expect(phone.noShow).toEqual(said);

    // The voice: a recall (the last call before 过号) ends with the same instruction; no placeholder is left.
    const templates = h.app.displays.scene('wall-1')!.templates;
    expect(templates.voiceRecall).toBe(`请{ticket}号到{window}号窗口办理（重呼）。${said.zh}`);
    expect(Object.values(templates).join('')).not.toContain('{noShow}');

    // The kiosk's own ticket status reads it from the hall's description.
    const hall = (await h.app.inject({ url: '/api/hall' })).json() as { noShow: unknown };
    expect(hall.noShow).toEqual(said);
  });
});
