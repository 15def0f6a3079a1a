import { Value } from '@sinclair/typebox/value';
import type { CreditEntry } from '@hall/shared';
import { describe, expect, it } from 'vitest';
import { CalendarSchema, type Calendar } from '../../src/domain/hall-vocabulary.js';
import { creditStandingOf } from '../../src/domain/rongque/credit-standing.js';
import { decideRongque, supplyState, waivableMaterials, type RongqueGuide } from '../../src/domain/rongque/rongque-acceptance.js';

const SH = 'Asia/Shanghai';
const sh = (day: string, hhmm = '10:00') => Date.parse(`${day}T${hhmm}:00+08:00`);
const endOf = (day: string) => sh(day, '00:00') + 86_400_000 - 1;

/** National Day week: 1–7 October off, Saturday 10 October worked as a Friday. */
const calendar: Calendar = Value.Default(CalendarSchema, {
  holidays: ['2026-10-01', '2026-10-02', '2026-10-03', '2026-10-04', '2026-10-05', '2026-10-06', '2026-10-07'],
  extraWorkdays: [{ date: '2026-10-10', sameAs: 'fri' }],
}) as Calendar;

const guide: RongqueGuide = {
  rongqueAllowed: true,
  materials: [
    { name: '营业执照', required: 'required' },
    { name: '场所产权证明', required: 'rongque' },
    { name: '从业人员健康证明', required: 'rongque' },
    { name: '其他说明材料', required: 'optional' },
  ],
};

const none = { list: 'none', reason: null } as const;
const request = (over: Partial<Parameters<typeof decideRongque>[2]> = {}) => ({
  guide,
  missing: ['场所产权证明'],
  standing: none,
  supplyWorkingDays: 5,
  acceptedAt: sh('2026-09-28', '15:30'),
  ...over,
});

const subject = (c: string) => c.repeat(43);
const entry = (over: Partial<CreditEntry>): CreditEntry => ({
  subject: subject('a'),
  list: 'black',
  reason: '拒不履行法院判决（失信被执行人）',
  listedAt: '2026-01-01T00:00:00+08:00',
  until: null,
  ...over,
});

describe('容缺受理 at the window (domain)', () => {
  it('accepts with materials the guide marks 容缺 and sets the supply deadline in working days of the hall calendar', () => {
    const d = decideRongque(calendar, SH, request({ missing: [' 场所产权证明', '从业人员健康证明 '] }));
    expect(d.ok).toBe(true);
    if (!d.ok) return;
    expect(d.missing).toEqual(['场所产权证明', '从业人员健康证明']);
    // 29 and 30 September count, the holiday week does not, 8, 9 and the 调休 Saturday 10 October do.
    expect(d.supplyDeadline).toBe(endOf('2026-10-10'));
    expect(d.credit).toBe('none');
  });

  it('refuses a material the guide requires outright, and one the guide does not list', () => {
    const required = decideRongque(calendar, SH, request({ missing: ['营业执照'] }));
    expect(required.ok ? null : required.refusal.code).toBe('rongque_material_not_allowed');
    expect(required.ok ? null : required.refusal.details).toEqual({ materials: ['营业执照'] });
    const optional = decideRongque(calendar, SH, request({ missing: ['其他说明材料'] }));
    expect(optional.ok ? null : optional.refusal.code).toBe('rongque_material_not_allowed');
    const unknown = decideRongque(calendar, SH, request({ missing: ['户口本'] }));
    expect(unknown.ok ? null : unknown.refusal.code).toBe('rongque_material_not_listed');
  });

  it('refuses a business type whose guide does not allow 容缺', () => {
    const d = decideRongque(calendar, SH, request({ guide: { ...guide, rongqueAllowed: false } }));
    expect(d.ok ? null : d.refusal.code).toBe('rongque_not_allowed');
    expect(waivableMaterials({ ...guide, rongqueAllowed: false })).toEqual([]);
    expect(waivableMaterials(guide)).toEqual(['场所产权证明', '从业人员健康证明']);
  });

  it('refuses a blacklisted applicant with the province’s reason, and keeps a red-list standing on the record', () => {
    const black = decideRongque(calendar, SH, request({ standing: { list: 'black', reason: '拒不履行法院判决（失信被执行人）' } }));
    expect(black.ok).toBe(false);
    if (black.ok) return;
    expect(black.refusal.code).toBe('rongque_blacklisted');
    expect(black.refusal.kind).toBe('forbidden');
    expect(black.refusal.details).toEqual({ reason: '拒不履行法院判决（失信被执行人）' });
    const red = decideRongque(calendar, SH, request({ standing: { list: 'red', reason: 'A级纳税人' } }));
    expect(red.ok && red.credit).toBe('red');
  });

  it('finds an applicant on the lists by subject, within the listing’s term; black outweighs red', () => {
    const now = sh('2026-09-28');
    const lists = [
      entry({ subject: subject('a'), list: 'red', reason: 'A级纳税人' }),
      entry({ subject: subject('b'), list: 'black', until: '2026-06-30T00:00:00+08:00' }),
      entry({ subject: subject('c'), list: 'black', listedAt: '2026-12-01T00:00:00+08:00' }),
      entry({ subject: subject('d'), list: 'red', reason: '守信' }),
      entry({ subject: subject('d'), list: 'black', reason: '虚假承诺' }),
    ];
    expect(creditStandingOf(lists, subject('a'), now)).toEqual({ list: 'red', reason: 'A级纳税人' });
    expect(creditStandingOf(lists, subject('b'), now)).toEqual({ list: 'none', reason: null });
    expect(creditStandingOf(lists, subject('c'), now)).toEqual({ list: 'none', reason: null });
    expect(creditStandingOf(lists, subject('d'), now)).toEqual({ list: 'black', reason: '虚假承诺' });
    expect(creditStandingOf(lists, subject('z'), now)).toEqual({ list: 'none', reason: null });
  });

  it('tells open, overdue and supplied (on time or late) apart at the end of the deadline day', () => {
    const deadline = endOf('2026-10-10');
    expect(supplyState(deadline, null, deadline)).toBe('open');
    expect(supplyState(deadline, null, deadline + 1)).toBe('overdue');
    expect(supplyState(deadline, sh('2026-10-09'), deadline + 1)).toBe('supplied');
    expect(supplyState(deadline, deadline + 60_000, deadline + 120_000)).toBe('supplied-late');
  });
});
