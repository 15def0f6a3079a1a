/**
 * The simulator's 办件 (cases): a fixed, plausible set, one at each stage, so the kiosk's case query has
 * something to find in the demo and in tests. Numbers follow the common 受理编号 shape: area code, date, serial.
 */
export interface SimCase {
  caseNo: string;
  serviceName: string;
  serviceNameEn: string;
  applicantMasked: string;
  /** last four characters of the applicant's ID number (the kiosk's privacy check) */
  idLast4: string;
  stages: Array<{ stage: 'accepted' | 'under-review' | 'decided' | 'result-mailed'; at: string | null; note?: string; noteEn?: string }>;
}

const ORDER = ['accepted', 'under-review', 'decided', 'result-mailed'] as const;

function make(caseNo: string, serviceName: string, serviceNameEn: string, applicantMasked: string, idLast4: string, times: Array<string | null>, notes: Partial<Record<(typeof ORDER)[number], [string, string]>> = {}): SimCase {
  return {
    caseNo,
    serviceName,
    serviceNameEn,
    applicantMasked,
    idLast4,
    stages: ORDER.map((stage, i) => {
      const note = notes[stage];
      return { stage, at: times[i] ?? null, ...(note ? { note: note[0], noteEn: note[1] } : {}) };
    }),
  };
}

export const SIM_CASES: readonly SimCase[] = [
  make('330106202611200001', '个体工商户设立登记', 'Registration of a sole proprietorship', '张*明', '1234', ['2026-11-20T02:15:00Z', null, null, null]),
  make('330106202611180002', '居民身份证换领', 'Renewal of a resident ID card', '李*', '0018', ['2026-11-18T01:40:00Z', '2026-11-19T06:00:00Z', null, null], {
    'under-review': ['材料审核中，预计3个工作日内办结', 'Documents under review; expected within 3 working days'],
  }),
  make('330106202611100003', '不动产登记（转移登记）', 'Real-estate registration (transfer)', '王*华', '567X', ['2026-11-10T03:05:00Z', '2026-11-11T02:00:00Z', '2026-11-16T08:30:00Z', null], {
    decided: ['已办结，请携带受理回执到3号窗口领取', 'Decided — collect the result at window 3 with your receipt'],
  }),
  make('330106202611020004', '社会保障卡补领', 'Replacement of a social security card', '陈*', '4321', ['2026-11-02T05:20:00Z', '2026-11-03T01:00:00Z', '2026-11-05T07:45:00Z', '2026-11-06T02:10:00Z'], {
    'result-mailed': ['EMS 1190123456789 已寄出', 'Sent by EMS, tracking 1190123456789'],
  }),
];

export function findSimCase(caseNo: string, idLast4: string | null): SimCase | null {
  const c = SIM_CASES.find((x) => x.caseNo === caseNo);
  if (!c) return null;
  // A wrong check answers like a missing case: nothing to learn by guessing numbers.
  if (idLast4 !== null && idLast4.toUpperCase() !== c.idLast4) return null;
  return c;
}
