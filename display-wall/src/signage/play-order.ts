import type { MediaKind, PlayRecord, SceneCampaign } from '@hall/shared';
import { playingCampaigns } from '@hall/shared/signage-schedule';

/**
 * What a media region plays next (pure): the live campaigns of the highest priority in its channel take turns
 * item by item (A1 B1 A2 B2 …, each campaign keeping its own place in its list), an interrupting campaign that
 * goes live cuts the item playing, and an emergency stops playback. Time comes in as arguments; the region
 * (media-region.tsx) owns the timers and the media elements.
 */

export interface PlayItem {
  campaignId: string;
  mediaId: string;
  kind: MediaKind;
  url: string;
  page: number | null;
  ms: number;
}

/** Whose turn is next, and where each campaign is in its own list. */
export interface PlayOrder {
  /** the campaign that had the last turn */
  last: string | null;
  /** campaign id → index of its next item */
  next: Readonly<Record<string, number>>;
}

export interface Playback {
  item: PlayItem;
  startedAt: number;
}

export interface PlayerState {
  order: PlayOrder;
  /** the campaigns playing as of the last look at the schedule (ids): a new interrupting one cuts in */
  live: readonly string[];
  current: Playback | null;
  /** an emergency (or the region going away) holds playback */
  stopped: boolean;
}

export interface PlayerContext {
  campaigns: readonly SceneCampaign[];
  channel: string;
  timeZone: string;
  regionId: string;
}

export type PlayerEvent =
  /** the item ran its time or its video ended; `shown: false` when it never loaded (nothing to report) */
  | { type: 'ended'; at: number; shown: boolean }
  /** the schedule may have changed: a timer at nextScheduleChange, or new campaigns from the hub */
  | { type: 'schedule'; at: number }
  | { type: 'stop'; at: number }
  | { type: 'resume'; at: number };

/** A play record before the page's log numbers it. */
export type UnnumberedRecord = Omit<PlayRecord, 'seq'>;

export const initialPlayer: PlayerState = { order: { last: null, next: {} }, live: [], current: null, stopped: false };

/** The next item among `playing` (sorted by id, as playingCampaigns returns them); `first` takes the turn if given. */
export function nextItem(playing: readonly SceneCampaign[], order: PlayOrder, first?: string): { item: PlayItem; order: PlayOrder } | null {
  const withItems = playing.filter((c) => c.items.length > 0);
  if (withItems.length === 0) return null;
  const campaign =
    withItems.find((c) => c.id === first) ?? (order.last === null ? undefined : withItems.find((c) => c.id > order.last!)) ?? withItems[0]!;
  const i = (order.next[campaign.id] ?? 0) % campaign.items.length;
  const it = campaign.items[i]!;
  return {
    item: { campaignId: campaign.id, mediaId: it.mediaId, kind: it.kind, url: it.url, page: it.page, ms: it.ms },
    order: { last: campaign.id, next: { ...order.next, [campaign.id]: i + 1 } },
  };
}

function recordOf(p: Playback, regionId: string, at: number, complete: boolean): UnnumberedRecord {
  return {
    campaignId: p.item.campaignId,
    mediaId: p.item.mediaId,
    page: p.item.page,
    regionId,
    startedAt: new Date(p.startedAt).toISOString(),
    endedAt: new Date(at).toISOString(),
    complete,
  };
}

function start(s: PlayerState, playing: readonly SceneCampaign[], at: number, first?: string): PlayerState {
  const n = nextItem(playing, s.order, first);
  return n ? { ...s, order: n.order, current: { item: n.item, startedAt: at } } : { ...s, current: null };
}

/** One step of a region's player: the new state and what it finished showing. */
export function stepPlayer(s: PlayerState, ctx: PlayerContext, e: PlayerEvent): { state: PlayerState; records: UnnumberedRecord[] } {
  const playing = playingCampaigns(ctx.campaigns, ctx.channel, e.at, ctx.timeZone);
  const live = playing.map((c) => c.id);
  switch (e.type) {
    case 'ended': {
      if (!s.current || s.stopped) return { state: s, records: [] };
      const records = e.shown ? [recordOf(s.current, ctx.regionId, e.at, true)] : [];
      return { state: start({ ...s, live }, playing, e.at), records };
    }
    case 'schedule': {
      if (s.stopped) return { state: { ...s, live }, records: [] };
      if (!s.current) return { state: start({ ...s, live }, playing, e.at), records: [] };
      const cutter = playing.find((c) => c.interrupt && !s.live.includes(c.id) && c.id !== s.current!.item.campaignId);
      if (!cutter) return { state: { ...s, live }, records: [] };
      return { state: start({ ...s, live }, playing, e.at, cutter.id), records: [recordOf(s.current, ctx.regionId, e.at, false)] };
    }
    case 'stop': {
      const records = s.current ? [recordOf(s.current, ctx.regionId, e.at, false)] : [];
      return { state: { ...s, live, current: null, stopped: true }, records };
    }
    case 'resume':
      if (!s.stopped) return { state: s, records: [] };
      return { state: start({ ...s, live, stopped: false }, playing, e.at), records: [] };
  }
}
