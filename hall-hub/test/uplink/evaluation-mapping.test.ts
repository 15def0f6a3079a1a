import { describe, expect, it } from 'vitest';
import { parseHallConfig } from '../../src/config/parse-hall-config.js';
import { assessTime, mapEvaluation, type EvaluationFacts } from '../../src/domain/uplink/evaluation-mapping.js';
import { resolveProfile } from '../../src/domain/uplink/province-profiles.js';
import { smallHall } from '@hall/testkit/hall-fixture';

// Monday 2026-11-23 10:15:07 in Shenyang (UTC+8).
const RATED_AT = Date.UTC(2026, 10, 23, 2, 15, 7);

const facts = (over: Partial<EvaluationFacts> = {}): EvaluationFacts => ({
  hallId: 'ln-hall',
  areaCode: '210000',
  day: '2026-11-23',
  ticketNumber: 'A017',
  taskCode: '11210000MB0000000X4000111008000',
  taskHandleItem: '11210000MB0000000X400011100800001',
  taskName: '食品经营许可',
  deptCode: '11210000MB0000000X',
  level: 'very-satisfied',
  channel: 'evaluator',
  reasons: [],
  comment: null,
  ratedAt: RATED_AT,
  windowNo: '12',
  staffNo: 'LN0321',
  assessNumber: 1,
  ...over,
});

describe('evaluations mapped to a province’s field names and code sets', () => {
  it('GB/T 39046: 满意度 1 = 非常满意 … 5 = 非常不满意', () => {
    const p = resolveProfile({ preset: 'gbt-39046' });
    const levels = ['very-satisfied', 'satisfied', 'basic', 'dissatisfied', 'very-dissatisfied'] as const;
    expect(levels.map((level) => mapEvaluation(facts({ level }), p, 'Asia/Shanghai').satisfaction)).toEqual(['1', '2', '3', '4', '5']);
    expect(mapEvaluation(facts(), p, 'Asia/Shanghai')).toEqual({
      projectNo: 'ln-hall-20261123-A017',
      taskCode: '11210000MB0000000X4000111008000',
      taskHandleItem: '11210000MB0000000X400011100800001',
      taskName: '食品经营许可',
      deptCode: '11210000MB0000000X',
      areaCode: '210000',
      pf: '5',
      satisfaction: '1',
      evalDetail: null,
      writingEvaluation: null,
      assessTime: '2026-11-23 10:15:07',
      assessNumber: 1,
      windowNo: '12',
      workNo: 'LN0321',
      hallCode: 'ln-hall',
    });
  });

  it('Zhejiang: satisfaction reversed (1 = 非常不满意 … 5 = 非常满意), its own field names and dataSource', () => {
    const p = resolveProfile({ preset: 'zhejiang' });
    const levels = ['very-satisfied', 'satisfied', 'basic', 'dissatisfied', 'very-dissatisfied'] as const;
    expect(levels.map((level) => mapEvaluation(facts({ level }), p, 'Asia/Shanghai').satisfaction)).toEqual(['5', '4', '3', '2', '1']);
    const bad = mapEvaluation(facts({ level: 'very-dissatisfied', channel: 'qr', reasons: ['A01', 'A04'], comment: '等太久' }), p, 'Asia/Shanghai');
    expect(bad).toMatchObject({ satisfaction: '1', pf: '3', evalDetail: 'A01,A04', writingEvaluation: '等太久', dataSource: '133', handleUserNo: 'LN0321' });
    expect(bad).not.toHaveProperty('hallCode');
    expect(bad).not.toHaveProperty('workNo');
    // The same internal rating means opposite numbers in the two provinces: never compare raw codes.
    const national = mapEvaluation(facts({ level: 'very-dissatisfied' }), resolveProfile({ preset: 'gbt-39046' }), 'Asia/Shanghai');
    expect([national.satisfaction, bad.satisfaction]).toEqual(['5', '1']);
  });

  it('a hall overrides channel codes, field names and constants in its configuration', () => {
    const config = parseHallConfig({
      ...smallHall(),
      uplink: {
        evaluationMapping: {
          preset: 'zhejiang',
          pf: { evaluator: '6', tablet: '9' },
          fields: { windowNo: 'ckbh', taskName: null },
          constants: { version: '2' },
        },
      },
    });
    const p = resolveProfile(config.uplink.evaluationMapping);
    const r = mapEvaluation(facts(), p, 'Asia/Shanghai');
    expect(r).toMatchObject({ pf: '6', ckbh: '12', version: '2', dataSource: '133', satisfaction: '5' });
    expect(r).not.toHaveProperty('taskName');
    expect(mapEvaluation(facts({ channel: 'tablet' }), p, 'Asia/Shanghai').pf).toBe('9');
    expect(() => resolveProfile({ preset: 'gbt-39046', fields: { colour: 'x' } })).toThrow(/unknown field/);
  });

  it('assessTime is yyyy-MM-dd HH:mm:ss in the hall’s time zone', () => {
    expect(assessTime(Date.UTC(2026, 11, 31, 16, 0, 0), 'Asia/Shanghai')).toBe('2027-01-01 00:00:00');
    expect(assessTime(Date.UTC(2026, 0, 1, 0, 0, 59), 'Asia/Shanghai')).toBe('2026-01-01 08:00:59');
  });
});
