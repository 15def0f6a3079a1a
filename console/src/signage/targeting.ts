import type { Campaign, DisplaySettings, MediaAsset, SceneCampaign } from '@hall/shared';
import { playingCampaigns } from '@hall/shared/signage-schedule';

/** Which campaigns reach a screen and which of them play at an instant — the console's "what plays now" (pure). */

/** The zone a screen belongs to: its own, or its window's. */
export type ZoneOf = (s: DisplaySettings) => string | null;

export function targetsDisplay(c: Pick<Campaign, 'targets'>, s: DisplaySettings, zoneOf: ZoneOf): boolean {
  const t = c.targets;
  if (t.all || t.displays.includes(s.id)) return true;
  if (t.groups.some((g) => s.groups.includes(g))) return true;
  const zone = zoneOf(s);
  return zone !== null && t.zones.includes(zone);
}

export interface ChannelPlaying {
  channel: string;
  playing: Campaign[];
}

/** Per channel of the campaigns that reach the screen: the ones that play at `at` (enabled only). */
export function whatPlays(campaigns: readonly Campaign[], s: DisplaySettings, zoneOf: ZoneOf, at: number, timeZone: string): ChannelPlaying[] {
  const mine = campaigns.filter((c) => c.enabled && targetsDisplay(c, s, zoneOf)).map((c) => ({ ...c, channel: c.channel ?? 'main' }));
  const channels = [...new Set(mine.map((c) => c.channel))].sort();
  return channels.map((channel) => ({ channel, playing: playingCampaigns(mine, channel, at, timeZone) }));
}

const DEFAULT_MS = 10_000;

/** A campaign as a screen would receive it (for the live preview): items resolved against the library. */
export function sceneCampaign(c: Campaign, assets: readonly MediaAsset[]): SceneCampaign {
  const byId = new Map(assets.map((a) => [a.id, a]));
  const items: SceneCampaign['items'] = [];
  for (const i of c.items) {
    const a = byId.get(i.mediaId);
    if (!a) continue;
    const ms = i.seconds !== null ? i.seconds * 1000 : a.kind === 'video' && a.durationMs !== null ? a.durationMs : DEFAULT_MS;
    if (a.kind === 'pdf') a.pageUrls.forEach((url, n) => items.push({ mediaId: a.id, kind: 'pdf', url, page: n + 1, ms }));
    else items.push({ mediaId: a.id, kind: a.kind, url: a.url, page: null, ms });
  }
  return { id: c.id, name: c.name, priority: c.priority, interrupt: c.interrupt, channel: c.channel ?? 'main', startsAt: c.startsAt, endsAt: c.endsAt, dayparts: c.dayparts, items };
}
