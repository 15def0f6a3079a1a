import { displaysApi } from '../net/hall-services.js';
import { en, zh } from '../i18n/messages.js';
import { ActionError } from './refusal.js';
import { useObjectUrl } from './use-object-url.js';


/**
 * An LED strip as the hall sees it now (the hub draws its last 1-bit frame as LEDs). `showing` is whatever
 * says the strip changed — its reported content, its size, the call at its window: a new value fetches again
 * (the hub answers once the frame of the latest change is rendered).
 */
export function StripPreview({ id, name, showing }: { id: string; name: string; showing: string }) {
  const { url, error } = useObjectUrl(() => displaysApi.stripPreview(id), showing);
  if (error) return <ActionError error={error} />;
  if (!url) return <span class="muted">…</span>;
  // alt in both languages whatever the console's language: it names the picture, not the interface.
  return <img class="strip-preview" src={url} data-strip-preview={id} alt={`${name}：${zh.stripPreviewAlt} / ${en.stripPreviewAlt}`} />;
}
