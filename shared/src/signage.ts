import { Type, type Static } from '@sinclair/typebox';
import { LayoutSchema, WeekdaySchema } from './screen-basics.js';

/**
 * Signage (issue #20): what a screen shows besides the queue. A screen's layout is a grid of regions; media
 * regions play the campaigns that target the screen, by their schedules; every screen reports what it played.
 *
 * The hub owns the media library, layouts and campaigns; it resolves, per display, the layout and the campaigns
 * that target it (with their whole schedules, not just what plays now) into the scene, so a screen cut off from
 * the hub keeps playing its schedule from its cache. Which campaign plays at an instant is one pure function,
 * `signage-schedule.ts`, used by the hub (reports, console preview) and the screen alike.
 */

const Id = Type.String({ minLength: 1, maxLength: 64, pattern: '^[A-Za-z0-9_.-]+$' });
const IsoTime = Type.String({ format: 'date-time' });
const Clock = Type.String({ pattern: '^([01][0-9]|2[0-3]):[0-5][0-9]$|^24:00$', description: 'HH:mm, hall time; 24:00 ends a daypart at midnight' });

// ---- layouts ---------------------------------------------------------------------------------------------------

/**
 * What a region shows. The queue regions (`latest-call`, `windows`, `waiting`) keep their real-time guarantees
 * whatever else the layout shows: they render from the live feed, never wait for media.
 */
export const REGION_KINDS = [
  'latest-call', // the newest call, large, with the few before it
  'windows', // the window grid: each window and the number it serves
  'waiting', // waiting counts per line
  'media', // plays the campaigns targeting this screen (images, video, widgets, PDF pages)
  'ticker', // the notices, scrolling
  'info', // hall name, date and clock in the hall's time zone (no weather: a hall's screens need no internet)
  'case-board', // 办件公示
  'parallel-board', // 并联审批
] as const;
export type RegionKind = (typeof REGION_KINDS)[number];
export const RegionKindSchema = Type.Union(REGION_KINDS.map((k) => Type.Literal(k)));

/** A region: a rectangle of whole grid cells (0-based column x, row y; w columns wide, h rows high). */
export const RegionSchema = Type.Object(
  {
    id: Id,
    kind: RegionKindSchema,
    x: Type.Integer({ minimum: 0, maximum: 23 }),
    y: Type.Integer({ minimum: 0, maximum: 23 }),
    w: Type.Integer({ minimum: 1, maximum: 24 }),
    h: Type.Integer({ minimum: 1, maximum: 24 }),
    channel: Type.Optional(Id),
  },
  { additionalProperties: false, description: 'media regions: channel (default "main") — campaigns play in the regions of their channel' },
);
export type Region = Static<typeof RegionSchema>;

export const ScreenLayoutBodySchema = Type.Object(
  {
    name: Type.String({ minLength: 1, maxLength: 64 }),
    size: LayoutSchema,
    columns: Type.Integer({ minimum: 1, maximum: 24 }),
    rows: Type.Integer({ minimum: 1, maximum: 24 }),
    regions: Type.Array(RegionSchema, { minItems: 1, maxItems: 16 }),
  },
  { additionalProperties: false },
);
export type ScreenLayoutBody = Static<typeof ScreenLayoutBodySchema>;

// Composite, not Intersect: the body refuses unknown fields, so an intersection with it could never be valid.
export const ScreenLayoutSchema = Type.Composite(
  [Type.Object({ id: Id, updatedAt: IsoTime }), ScreenLayoutBodySchema],
  { $id: 'ScreenLayout', additionalProperties: false },
);
export type ScreenLayout = Static<typeof ScreenLayoutSchema>;

export interface LayoutProblem {
  regionId: string | null;
  code: 'outside_grid' | 'overlap' | 'duplicate_id';
  message: string;
  messageEn: string;
}

/** Why a layout cannot be used (pure; the hub refuses with these, the console shows them while editing). */
export function layoutProblems(l: Pick<ScreenLayoutBody, 'columns' | 'rows' | 'regions'>): LayoutProblem[] {
  const out: LayoutProblem[] = [];
  const seen = new Set<string>();
  for (const r of l.regions) {
    if (seen.has(r.id)) out.push({ regionId: r.id, code: 'duplicate_id', message: `区域编号 ${r.id} 重复`, messageEn: `region id ${r.id} is used twice` });
    seen.add(r.id);
    if (r.x + r.w > l.columns || r.y + r.h > l.rows) {
      out.push({ regionId: r.id, code: 'outside_grid', message: `区域 ${r.id} 超出 ${l.columns}×${l.rows} 网格`, messageEn: `region ${r.id} reaches outside the ${l.columns}×${l.rows} grid` });
    }
  }
  for (let i = 0; i < l.regions.length; i++) {
    for (let j = i + 1; j < l.regions.length; j++) {
      const a = l.regions[i]!;
      const b = l.regions[j]!;
      if (a.x < b.x + b.w && b.x < a.x + a.w && a.y < b.y + b.h && b.y < a.y + a.h) {
        out.push({ regionId: b.id, code: 'overlap', message: `区域 ${a.id} 与 ${b.id} 重叠`, messageEn: `regions ${a.id} and ${b.id} overlap` });
      }
    }
  }
  return out;
}

// ---- the media library -----------------------------------------------------------------------------------------

export const MEDIA_KINDS = ['image', 'video', 'widget', 'pdf'] as const;
export type MediaKind = (typeof MEDIA_KINDS)[number];

/**
 * A file in the hub's media library, as checked on upload: images decoded and re-encoded, videos probed (only
 * codecs Chromium plays without proprietary ones: WebM with VP8/VP9/AV1 and Opus/Vorbis), HTML widgets shown in a
 * sandboxed frame, PDFs rendered to page images. `url` is immutable (content-addressed): screens cache it forever.
 */
export const MediaAssetSchema = Type.Object(
  {
    id: Id,
    name: Type.String(),
    kind: Type.Union(MEDIA_KINDS.map((k) => Type.Literal(k))),
    mime: Type.String({ description: 'what the hub serves: image/webp, video/webm, text/html, image/webp per PDF page' }),
    bytes: Type.Integer({ description: 'stored bytes, all renditions' }),
    width: Type.Union([Type.Integer(), Type.Null()]),
    height: Type.Union([Type.Integer(), Type.Null()]),
    durationMs: Type.Union([Type.Integer(), Type.Null()], { description: 'videos: their length' }),
    url: Type.String({ description: 'images, videos, widgets: where a screen fetches it; PDFs: the first page' }),
    pageUrls: Type.Array(Type.String(), { description: 'PDFs: one image per page, in order; [] otherwise' }),
    sha256: Type.String(),
    createdAt: IsoTime,
    createdBy: Type.String(),
  },
  { $id: 'MediaAsset' },
);
export type MediaAsset = Static<typeof MediaAssetSchema>;

export const MediaLibrarySchema = Type.Object(
  {
    assets: Type.Array(MediaAssetSchema),
    usedBytes: Type.Integer(),
    quotaBytes: Type.Integer(),
    diskFreeBytes: Type.Union([Type.Integer(), Type.Null()]),
  },
  { $id: 'MediaLibrary' },
);
export type MediaLibrary = Static<typeof MediaLibrarySchema>;

/** Why an upload was refused (the refusal carries zh/en text saying what exactly was wrong). Nothing is stored. */
export const MEDIA_REFUSALS = [
  'media_type_mismatch', // the bytes are not what the name or declared type claims (e.g. a renamed executable)
  'media_unsupported', // a kind of file the library does not take
  'media_corrupt', // claims to be an image/video/PDF but cannot be decoded
  'media_codec', // a video Chromium cannot play without proprietary codecs (e.g. H.264/AAC in MP4)
  'media_too_large', // one file over the per-file limit
  'media_quota', // the library would exceed its quota
  'media_disk_low', // the data disk would fall below its reserve
  'media_in_use', // deleting an asset a campaign still plays
] as const;
export type MediaRefusal = (typeof MEDIA_REFUSALS)[number];

// ---- campaigns ------------------------------------------------------------------------------------------------

/** Who a campaign is for: every screen, or the named screens, display groups and zones (zone walls and the windows' screens of the zone). */
export const SignageTargetsSchema = Type.Object(
  {
    all: Type.Boolean({ default: false }),
    displays: Type.Array(Id, { default: [], maxItems: 500 }),
    groups: Type.Array(Id, { default: [], maxItems: 100 }),
    zones: Type.Array(Id, { default: [], maxItems: 100 }),
  },
  { additionalProperties: false },
);
export type SignageTargets = Static<typeof SignageTargetsSchema>;

/** A slice of the week in hall time: on these days, from `from` (inclusive) to `to` (exclusive). */
export const DaypartSchema = Type.Object(
  { days: Type.Array(WeekdaySchema, { minItems: 1, maxItems: 7 }), from: Clock, to: Clock },
  { additionalProperties: false },
);
export type Daypart = Static<typeof DaypartSchema>;

export const CampaignItemSchema = Type.Object(
  {
    mediaId: Id,
    seconds: Type.Union([Type.Integer({ minimum: 2, maximum: 3600 }), Type.Null()], {
      description: 'how long it shows; null: a video its own length, a PDF 10 s a page, anything else 10 s',
    }),
  },
  { additionalProperties: false },
);
export type CampaignItem = Static<typeof CampaignItemSchema>;

export const CampaignBodySchema = Type.Object(
  {
    name: Type.String({ minLength: 1, maxLength: 64 }),
    enabled: Type.Boolean({ default: true }),
    priority: Type.Integer({ minimum: 0, maximum: 9, default: 0, description: 'the highest-priority live campaigns play; equal ones take turns item by item' }),
    interrupt: Type.Boolean({ default: false, description: 'cut the item playing when this campaign goes live, instead of waiting for it to end' }),
    channel: Type.Optional(Id),
    items: Type.Array(CampaignItemSchema, { minItems: 1, maxItems: 100 }),
    startsAt: IsoTime,
    endsAt: Type.Union([IsoTime, Type.Null()]),
    dayparts: Type.Array(DaypartSchema, { maxItems: 14, description: '[]: all day, every day, between startsAt and endsAt' }),
    targets: SignageTargetsSchema,
  },
  { additionalProperties: false },
);
export type CampaignBody = Static<typeof CampaignBodySchema>;

export const CampaignSchema = Type.Composite(
  [Type.Object({ id: Id, createdBy: Type.String(), updatedAt: IsoTime }), CampaignBodySchema],
  { $id: 'Campaign', additionalProperties: false },
);
export type Campaign = Static<typeof CampaignSchema>;

/** A campaign as a screen receives it: its schedule, and its items resolved to what the screen fetches. */
export const SceneCampaignSchema = Type.Object({
  id: Id,
  name: Type.String(),
  priority: Type.Integer(),
  interrupt: Type.Boolean(),
  channel: Type.String(),
  startsAt: IsoTime,
  endsAt: Type.Union([IsoTime, Type.Null()]),
  dayparts: Type.Array(DaypartSchema),
  items: Type.Array(
    Type.Object({
      mediaId: Id,
      kind: Type.Union(MEDIA_KINDS.map((k) => Type.Literal(k))),
      /** one URL per thing shown: a PDF's pages become one entry each */
      url: Type.String(),
      page: Type.Union([Type.Integer(), Type.Null()]),
      ms: Type.Integer({ description: 'how long it shows, resolved (a video: its length)' }),
    }),
  ),
});
export type SceneCampaign = Static<typeof SceneCampaignSchema>;

/** The signage part of a display's scene. */
export const SceneSignageSchema = Type.Object({
  layout: Type.Union([ScreenLayoutSchema, Type.Null()], { description: 'null: the surface draws its built-in arrangement' }),
  campaigns: Type.Array(SceneCampaignSchema, { description: 'every enabled campaign targeting this display that has not ended, whole schedules' }),
});
export type SceneSignage = Static<typeof SceneSignageSchema>;

// ---- proof of play ---------------------------------------------------------------------------------------------

/**
 * One thing a screen showed, from when to when. `seq` counts up per display and survives reloads (kept in the
 * screen's storage), so a batch resent after an outage is stored once.
 */
export const PlayRecordSchema = Type.Object(
  {
    seq: Type.Integer({ minimum: 1 }),
    campaignId: Type.Union([Id, Type.Null()]),
    mediaId: Id,
    page: Type.Union([Type.Integer({ minimum: 1 }), Type.Null()]),
    regionId: Id,
    startedAt: IsoTime,
    endedAt: IsoTime,
    /** false when the item was cut short (an interrupt, an emergency, the screen reloading) */
    complete: Type.Boolean(),
  },
  { additionalProperties: false },
);
export type PlayRecord = Static<typeof PlayRecordSchema>;

export { PLAY_REPORT_MAX_BYTES } from './signage-limits.js';

/** display → hub, socket event `proof-of-play`, acknowledged with the highest seq stored. */
export const PlayReportSchema = Type.Object(
  { records: Type.Array(PlayRecordSchema, { minItems: 1, maxItems: 500 }) },
  { additionalProperties: false },
);
export type PlayReport = Static<typeof PlayReportSchema>;

export const ProofOfPlayRowSchema = Type.Object({
  displayId: Type.String(),
  displayName: Type.String(),
  campaignId: Type.Union([Type.String(), Type.Null()]),
  campaignName: Type.Union([Type.String(), Type.Null()]),
  mediaId: Type.String(),
  mediaName: Type.String(),
  page: Type.Union([Type.Integer(), Type.Null()]),
  regionId: Type.String(),
  startedAt: IsoTime,
  endedAt: IsoTime,
  complete: Type.Boolean(),
  receivedAt: IsoTime,
});
export type ProofOfPlayRow = Static<typeof ProofOfPlayRowSchema>;

/** Totals per campaign or per screen over a period: what the console charts. */
export const ProofOfPlaySummarySchema = Type.Array(
  Type.Object({ key: Type.String(), name: Type.String(), plays: Type.Integer(), seconds: Type.Number(), screens: Type.Integer() }),
);
export type ProofOfPlaySummary = Static<typeof ProofOfPlaySummarySchema>;

// ---- the console's live preview --------------------------------------------------------------------------------

/**
 * The console previews a layout by framing the real wall page at `/display/?preview=<size>` (same origin) and
 * posting it this message; a wall in preview mode opens no socket, draws the layout with sample queue data and
 * plays the campaigns given.
 */
export interface LayoutPreviewMessage {
  type: 'hall-layout-preview';
  layout: ScreenLayoutBody;
  campaigns: SceneCampaign[];
  lang: 'zh' | 'en';
}
