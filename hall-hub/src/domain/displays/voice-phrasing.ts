import type { VoiceTemplates } from '@hall/shared';

/**
 * The hall's voice phrasing with `{noShow}` filled in by the no-show policy's one message (noShowMessage): a
 * recall (the last call before a visitor is marked 过号) then tells them what the queue will really do if they
 * miss it — the same words as the wall band, the printed ticket and the phone page, never a promise of its own.
 */
export function voicePhrasing(templates: VoiceTemplates & { led: string; paused: string }, noShow: string): VoiceTemplates {
  // the LED strips' and the paused window's texts are not the voice's
  const { led: _led, paused: _paused, ...filled } = templates;
  for (const key of Object.keys(filled) as Array<keyof VoiceTemplates>) filled[key] = filled[key].replaceAll('{noShow}', noShow);
  return filled;
}
