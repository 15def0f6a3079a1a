import type { Campaign, CampaignItem, DisplaySettings, MediaAsset, SceneCampaign, SceneSignage, ScreenLayout } from '@hall/shared';
import { campaignReaches } from './targeting.js';

/** How long an image, a widget or a PDF page shows when its item does not say. */
export const DEFAULT_ITEM_MS = 10_000;
export const DEFAULT_CHANNEL = 'main';

export interface SignageInputs {
  layouts: ReadonlyMap<string, ScreenLayout>;
  campaigns: readonly Campaign[];
  asset: (id: string) => MediaAsset | null;
  zoneOfWindow: (windowNo: string) => string | null;
}

/** One item as a screen plays it: a PDF becomes one entry per page, a video lasts its length. An asset gone plays nothing. */
export function resolveItem(item: CampaignItem, asset: MediaAsset | null): SceneCampaign['items'] {
  if (!asset) return [];
  const set = item.seconds === null ? null : item.seconds * 1000;
  if (asset.kind === 'pdf') {
    const pages = asset.pageUrls.length > 0 ? asset.pageUrls : [asset.url];
    return pages.map((url, i) => ({ mediaId: asset.id, kind: 'pdf' as const, url, page: i + 1, ms: set ?? DEFAULT_ITEM_MS }));
  }
  const ms = set ?? (asset.kind === 'video' && asset.durationMs !== null && asset.durationMs > 0 ? asset.durationMs : DEFAULT_ITEM_MS);
  return [{ mediaId: asset.id, kind: asset.kind, url: asset.url, page: null, ms }];
}

const endedBy = (c: Pick<Campaign, 'endsAt'>, now: number) => c.endsAt !== null && Date.parse(c.endsAt) <= now;

/**
 * The signage part of a display's scene (pure): its layout, if it has one, and every enabled campaign that
 * reaches it and has not ended — with whole schedules, not just what plays now, so a screen cut off from the hub
 * keeps playing its schedule. Highest priority first, then by id. LED strips show no signage.
 */
export function resolveSignage(display: DisplaySettings, now: number, inputs: SignageInputs): SceneSignage | undefined {
  if (display.surface === 'led-strip') return undefined;
  const layout = display.layoutId ? (inputs.layouts.get(display.layoutId) ?? null) : null;
  const campaigns: SceneCampaign[] = [];
  for (const c of inputs.campaigns) {
    if (!c.enabled || endedBy(c, now) || !campaignReaches(c.targets, display, inputs.zoneOfWindow)) continue;
    const items = c.items.flatMap((i) => resolveItem(i, inputs.asset(i.mediaId)));
    if (items.length === 0) continue;
    campaigns.push({
      id: c.id,
      name: c.name,
      priority: c.priority,
      interrupt: c.interrupt,
      channel: c.channel ?? DEFAULT_CHANNEL,
      startsAt: c.startsAt,
      endsAt: c.endsAt,
      dayparts: c.dayparts,
      items,
    });
  }
  campaigns.sort((a, b) => b.priority - a.priority || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  return { layout, campaigns };
}
