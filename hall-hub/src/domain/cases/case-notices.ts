import type { OutboxRecord } from '../uplink/streams.js';
import type { CaseLight } from './case-light.js';

export interface CaseNoticeFacts {
  hallId: string;
  hallName: string;
  /** the department's responsible people, phone numbers encrypted with the hall key */
  toCipher: string[];
  at: number;
}

/**
 * The SMS a department's responsible person gets when one of its cases turns yellow or red (红黄灯预警). One per
 * case and light: the key makes a second one a no-op in the outbox and at the province.
 */
export function caseLightNotice(
  f: CaseNoticeFacts,
  c: { caseNo: string; serviceName: string; departmentName: string; remainingWorkingDays: number },
  light: Exclude<CaseLight, 'green'>,
): OutboxRecord {
  const zh = light === 'red' ? '已超过承诺时限（红灯）' : `即将到期（黄灯），剩余${Math.max(0, c.remainingWorkingDays)}个工作日`;
  const en = light === 'red' ? 'is past its promised time limit (red)' : `is near its time limit (yellow): ${Math.max(0, c.remainingWorkingDays)} working day(s) left`;
  return {
    stream: 'notices',
    key: `${f.hallId}:notice:case-light:${c.caseNo}:${light}`,
    type: 'case-light',
    at: f.at,
    data: {
      toCipher: f.toCipher,
      caseNo: c.caseNo,
      light,
      text: `【${f.hallName}】办件预警：${c.departmentName}受理的“${c.serviceName}”（办件编号${c.caseNo}）${zh}，请及时处理。`,
      textEn: `${f.hallName}: case ${c.caseNo} (${c.serviceName}, ${c.departmentName}) ${en}. Please act on it.`,
    },
  };
}
