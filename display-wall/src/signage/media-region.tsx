import type { Region, SceneCampaign } from '@hall/shared';
import { nextScheduleChange } from '@hall/shared/signage-schedule';
import { useEffect, useRef, useState } from 'preact/hooks';
import { campaignUrls, syncMediaCache } from './media-cache.js';
import { initialPlayer, stepPlayer, type Playback, type PlayerContext, type PlayerEvent, type PlayerState } from './play-order.js';
import { reportPlay } from './play-reports.js';

/** setTimeout's longest delay; a schedule change further away is looked at again then */
const MAX_DELAY = 2 ** 31 - 1;
/** a video gets this much longer than its stated length before it counts as stuck */
const VIDEO_GRACE_MS = 2_000;

export interface MediaRegionProps {
  region: Region;
  campaigns: readonly SceneCampaign[];
  timeZone: string;
  /** an emergency message covers the screen: playback stops (the item playing is reported cut short) */
  held: boolean;
  /** keep the campaigns' files in the screen's cache (not in the console's preview) */
  cache: boolean;
}

/**
 * A media region: plays its channel's campaigns by their schedules in the hall's time zone (play-order.ts), one
 * item at a time — images and PDF pages as images, videos muted (the voice that calls numbers always has the
 * speaker), HTML widgets in a sandboxed frame with no access to the page and no autoplay — and reports each item it showed.
 * Loaded on demand: a wall without a media region never loads this code.
 */
export function MediaRegion({ region, campaigns, timeZone, held, cache }: MediaRegionProps) {
  const ctx: PlayerContext = { campaigns, channel: region.channel ?? 'main', timeZone, regionId: region.id };
  const ctxRef = useRef(ctx);
  ctxRef.current = ctx;
  const stateRef = useRef<PlayerState>(initialPlayer);
  const [state, setState] = useState<PlayerState>(initialPlayer);
  /** counts looks at the schedule, so its timer is set again after each */
  const [looks, setLooks] = useState(0);
  const failed = useRef(false);
  /** the video element playing, kept from one play of a file to the next; `videoErrors` counts its failures */
  const video = useRef<HTMLVideoElement>(null);
  const videoErrors = useRef(0);

  const dispatch = (e: PlayerEvent) => {
    const r = stepPlayer(stateRef.current, ctxRef.current, e);
    stateRef.current = r.state;
    for (const rec of r.records) reportPlay(rec);
    setState(r.state);
  };
  const ended = (p: Playback | null) => {
    if (p && stateRef.current.current === p) dispatch({ type: 'ended', at: Date.now(), shown: !failed.current });
  };

  // First, so a region that mounts under an emergency starts held rather than starting and cutting an item.
  useEffect(() => dispatch({ type: held ? 'stop' : 'resume', at: Date.now() }), [held]);

  useEffect(() => {
    dispatch({ type: 'schedule', at: Date.now() });
    setLooks((n) => n + 1);
    if (cache) void syncMediaCache(campaignUrls(campaigns));
  }, [campaigns, timeZone, region.channel]);

  useEffect(() => {
    const next = nextScheduleChange(campaigns, Date.now());
    if (next === null) return;
    const t = setTimeout(() => {
      dispatch({ type: 'schedule', at: Date.now() });
      setLooks((n) => n + 1);
    }, Math.min(MAX_DELAY, Math.max(0, next - Date.now())));
    return () => clearTimeout(t);
  }, [looks]);

  // The region going away (another layout, the screen switched off) or the page unloading cuts the item short.
  useEffect(() => {
    const gone = () => dispatch({ type: 'stop', at: Date.now() });
    addEventListener('pagehide', gone);
    return () => {
      removeEventListener('pagehide', gone);
      gone();
    };
  }, []);

  const current = state.current;
  useEffect(() => {
    failed.current = false;
    if (!current) return;
    // The same file again (a playlist of one video, or its turn come round): the element that played it plays it
    // again from the start. Tearing a video element down and making another stalls a slow box's main thread for
    // tens of milliseconds, every time a video ends.
    const v = video.current;
    if (current.item.kind === 'video' && v && (v.ended || v.currentTime > 0)) {
      v.currentTime = 0;
      void v.play().catch(() => undefined);
    }
    const ms = current.item.kind === 'video' ? current.item.ms + VIDEO_GRACE_MS : current.item.ms;
    // Counted from when the item started, not from this effect (which runs after a paint, later on a slow box):
    // otherwise every item overruns and the last one of a campaign plays past its end.
    const t = setTimeout(() => ended(current), Math.max(0, current.startedAt + ms - Date.now()));
    return () => clearTimeout(t);
  }, [current]);

  if (!current) return <div class="media media-idle" data-region-media="idle" />;
  const { item } = current;
  const onError = () => (failed.current = true);
  const onVideoError = () => {
    failed.current = true;
    // a file that failed is loaded afresh, in a new element, the next time it plays
    videoErrors.current += 1;
  };
  return (
    <div class="media" data-region-media={item.kind} data-media={item.mediaId} data-campaign={item.campaignId} data-page={item.page ?? undefined}>
      {item.kind === 'video' ? (
        <video key={`${item.url}#${videoErrors.current}`} ref={video} src={item.url} muted autoPlay playsInline onEnded={() => ended(current)} onError={onVideoError} />
      ) : item.kind === 'widget' ? (
        <iframe key={current.startedAt} src={item.url} sandbox="allow-scripts" allow="autoplay 'none'" referrerpolicy="no-referrer" title={item.mediaId} />
      ) : (
        <img key={current.startedAt} src={item.url} alt="" onError={onError} />
      )}
    </div>
  );
}
