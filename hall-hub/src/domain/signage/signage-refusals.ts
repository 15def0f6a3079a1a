import { layoutProblems, type ScreenLayoutBody } from '@hall/shared';
import type { Refusal } from '../queue/refusals.js';

/** Why signage said no: one catalog of refusals, Chinese first (the console shows `zh`). */

export const invalidLayout = (body: Pick<ScreenLayoutBody, 'columns' | 'rows' | 'regions'>): Refusal | null => {
  const problems = layoutProblems(body);
  if (problems.length === 0) return null;
  return {
    code: 'invalid_layout',
    kind: 'invalid',
    zh: `布局有误：${problems.map((p) => p.message).join('；')}`,
    en: `The layout cannot be used: ${problems.map((p) => p.messageEn).join('; ')}`,
    details: { problems },
  };
};

export const signageNotFound = (what: string, zh: string): Refusal => ({ code: 'not_found', kind: 'not-found', zh: `没有找到${zh}。`, en: `No such ${what}.` });

export const layoutInUse = (displays: readonly string[]): Refusal => ({
  code: 'layout_in_use',
  kind: 'conflict',
  zh: `这个布局正在被显示屏使用（${displays.join('、')}），请先为它们换用其他布局。`,
  en: `This layout is used by ${displays.join(', ')}; give them another layout first.`,
  details: { displays },
});

export const layoutResizedInUse = (displays: readonly string[]): Refusal => ({
  code: 'layout_in_use',
  kind: 'conflict',
  zh: `这个布局正在被显示屏使用（${displays.join('、')}），不能改变它的尺寸。`,
  en: `This layout is used by ${displays.join(', ')}; its size cannot change.`,
  details: { displays },
});

export const unknownLayout = (id: string): Refusal => ({ code: 'unknown_layout', kind: 'invalid', zh: `没有这个布局：${id}`, en: `No such layout: ${id}` });

export const layoutSizeMismatch = (layoutSize: string, displaySize: string): Refusal => ({
  code: 'layout_size_mismatch',
  kind: 'invalid',
  zh: `布局尺寸 ${layoutSize} 与显示屏尺寸 ${displaySize} 不一致。`,
  en: `The layout is for ${layoutSize} screens; this display is ${displaySize}.`,
});

export const stripHasNoLayout = (): Refusal => ({ code: 'invalid_display_request', kind: 'invalid', zh: 'LED 条屏不使用布局。', en: 'An LED strip has no layout.' });

export const invalidCampaign = (zh: string, en: string): Refusal => ({ code: 'invalid_campaign', kind: 'invalid', zh, en });

export const unknownMedia = (ids: readonly string[]): Refusal => ({
  code: 'unknown_media',
  kind: 'invalid',
  zh: `媒体库中没有这些文件：${ids.join('、')}`,
  en: `Not in the media library: ${ids.join(', ')}`,
  details: { mediaIds: ids },
});
