import type { ParallelStepState, ParallelStepView } from './parallel-approval.js';

/*
 * The words every screen uses for a 并联审批 step, so the zone wall, the kiosk and the phone say the same thing.
 * No TypeBox here (type imports only): the screens' bundles stay small.
 */

export interface StepWords {
  zh: string;
  en: string;
}

const STATE_WORDS: Record<ParallelStepState, StepWords> = {
  waiting: { zh: '待受理', en: 'Waiting' },
  'in-progress': { zh: '办理中', en: 'In progress' },
  done: { zh: '已办结', en: 'Done' },
  returned: { zh: '补正中', en: 'Returned for corrections' },
};

/** 待抄告 before the lead has passed the materials; then the feed's state. */
export function stepStateWords(s: Pick<ParallelStepView, 'state' | 'started'>): StepWords {
  return !s.started && s.state === 'waiting' ? { zh: '待抄告', en: 'Awaiting the materials' } : STATE_WORDS[s.state];
}

/**
 * The light as a shape and words, never colour alone: ● 正常 / ▲ 临近时限 / ■ 已超期 for an open step or
 * project; √ 按时办结 / × 超期办结 for a finished one (marks every GB2312 font has: ✔ and ✖ are missing from many).
 */
export function lightWords(light: 'green' | 'yellow' | 'red', finished: boolean): StepWords & { mark: string } {
  if (finished) return light === 'red' ? { mark: '×', zh: '超期办结', en: 'finished late' } : { mark: '√', zh: '按时办结', en: 'finished on time' };
  if (light === 'red') return { mark: '■', zh: '已超期', en: 'overdue' };
  if (light === 'yellow') return { mark: '▲', zh: '临近时限', en: 'near its limit' };
  return { mark: '●', zh: '正常', en: 'on track' };
}

/** What is left of an open, started step's limit: 剩余3个工作日 / 暂停计时 (补正) / nothing when overdue or not started. */
export function remainingWords(s: Pick<ParallelStepView, 'state' | 'started' | 'paused' | 'light' | 'remainingWorkingDays'>): StepWords | null {
  if (s.state === 'done' || !s.started || s.light === 'red') return null;
  if (s.paused) return { zh: '暂停计时', en: 'clock paused' };
  const n = Math.max(0, s.remainingWorkingDays);
  return { zh: `剩余${n}个工作日`, en: `${n} working day${n === 1 ? '' : 's'} left` };
}
