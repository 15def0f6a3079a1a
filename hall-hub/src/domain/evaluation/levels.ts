import type { Satisfaction } from '@hall/shared';

/** The five levels of 好差评, best first. */
export const LEVELS: readonly Satisfaction[] = ['very-satisfied', 'satisfied', 'basic', 'dissatisfied', 'very-dissatisfied'];

export const LEVEL_NAMES: Readonly<Record<Satisfaction, readonly [zh: string, en: string]>> = {
  'very-satisfied': ['非常满意', 'Very satisfied'],
  satisfied: ['满意', 'Satisfied'],
  basic: ['基本满意', 'Fairly satisfied'],
  dissatisfied: ['不满意', 'Dissatisfied'],
  'very-dissatisfied': ['非常不满意', 'Very dissatisfied'],
};

/** 差评: the last two levels; they must be followed up. */
export function isBad(level: Satisfaction): boolean {
  return level === 'dissatisfied' || level === 'very-dissatisfied';
}

/** 好评: 非常满意, 满意, 基本满意. */
export function isGood(level: Satisfaction): boolean {
  return !isBad(level);
}
