import type { SampledRate } from '@hall/shared';

/** `count` of `of` with its sample: a rate over fewer than `minimum` reads 样本不足 (enough: false). */
export function sampled(count: number, of: number, minimum: number): SampledRate {
  return { count, of, rate: of > 0 ? Math.round((count / of) * 10_000) / 10_000 : null, enough: of > 0 && of >= minimum };
}
