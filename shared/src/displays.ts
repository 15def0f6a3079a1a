import { Type, type Static } from '@sinclair/typebox';
import { BilingualTextSchema } from './i18n-text.js';
import { LAYOUTS, LayoutSchema, WeekdaySchema } from './screen-basics.js';
import { SceneSignageSchema } from './signage.js';
import { VoiceRulesSchema, VoiceTemplatesSchema } from './voice.js';

/**
 * Display control: what each screen is (surface, layout, zone or window, groups), the notices, emergency
 * messages, power schedules and idle media managers set, and the scene a screen shows as a result. The hub
 * resolves the scene; a screen only renders it.
 */

const Id = Type.String({ minLength: 1, maxLength: 64, pattern: '^[A-Za-z0-9_.-]+$' });
const IsoTime = Type.String({ format: 'date-time' });
const Clock = Type.String({ pattern: '^([01][0-9]|2[0-3]):[0-5][0-9]$', description: 'HH:mm, hall time' });

export const SurfaceSchema = Type.Union(
  [Type.Literal('hall-wall'), Type.Literal('zone-wall'), Type.Literal('window-screen'), Type.Literal('led-strip'), Type.Literal('case-board'), Type.Literal('parallel-board')],
  { description: 'hall-wall 综合屏, zone-wall 区域屏, window-screen 窗口屏, led-strip 条屏, case-board 办件公示屏 (a screen showing the cases board), parallel-board 并联审批屏 (the parallel-approval zone’s projects and their departments’ steps)' },
);
export type Surface = Static<typeof SurfaceSchema>;

export { LAYOUTS, LayoutSchema, type Layout, WEEKDAYS, WeekdaySchema, type Weekday } from './screen-basics.js';

/** An LED strip's pixel matrix: widths are whole bytes (multiples of 8). */
export const StripSizeSchema = Type.Object(
  {
    width: Type.Integer({ minimum: 32, maximum: 512, multipleOf: 8 }),
    height: Type.Integer({ minimum: 8, maximum: 64 }),
    render: Type.Optional(
      Type.Union([Type.Literal('bitmap'), Type.Literal('text')], {
        description:
          'bitmap (default): the hub renders each text into a 1-bit frame with its own CJK font; ' +
          'text: the controller has a Chinese font of its own and is sent the text (GBK on the wire)',
      }),
    ),
  },
  { additionalProperties: false },
);
export type StripSize = Static<typeof StripSizeSchema>;

/** Which displays something is for: every one, or the named displays and groups. */
export const TargetsSchema = Type.Object(
  {
    all: Type.Boolean({ default: false }),
    displays: Type.Array(Id, { default: [], maxItems: 500 }),
    groups: Type.Array(Id, { default: [], maxItems: 100 }),
  },
  { additionalProperties: false },
);
export type Targets = Static<typeof TargetsSchema>;

export const DisplaySettingsSchema = Type.Object(
  {
    id: Id,
    name: Type.String({ minLength: 1, maxLength: 64 }),
    surface: SurfaceSchema,
    layout: Type.String({ description: `one of ${Object.keys(LAYOUTS).join(', ')} (screens)` }),
    zone: Type.Union([Type.String(), Type.Null()], { description: 'the zone a zone wall shows' }),
    windowNo: Type.Union([Type.String(), Type.Null()], { description: 'the window a window screen or strip belongs to' }),
    groups: Type.Array(Id),
    voice: Type.Boolean({ description: 'whether this display announces calls (one speaking display per area)' }),
    strip: Type.Union([StripSizeSchema, Type.Null()], { description: 'LED strips: the matrix size' }),
    layoutId: Type.Optional(Type.Union([Type.String(), Type.Null()], { description: 'the signage layout (signage.ts) this screen draws; null or absent: the surface’s built-in arrangement' })),
  },
  { $id: 'DisplaySettings' },
);
export type DisplaySettings = Static<typeof DisplaySettingsSchema>;

/** A manager's change to a display; absent fields keep their value. */
export const DisplayPatchSchema = Type.Object(
  {
    name: Type.Optional(Type.String({ minLength: 1, maxLength: 64 })),
    layout: Type.Optional(LayoutSchema),
    zone: Type.Optional(Type.Union([Type.String({ minLength: 1, maxLength: 32 }), Type.Null()])),
    windowNo: Type.Optional(Type.Union([Type.String({ minLength: 1, maxLength: 16 }), Type.Null()])),
    groups: Type.Optional(Type.Array(Id, { maxItems: 20 })),
    voice: Type.Optional(Type.Boolean()),
    strip: Type.Optional(StripSizeSchema),
    surface: Type.Optional(SurfaceSchema),
    layoutId: Type.Optional(Type.Union([Id, Type.Null()])),
  },
  { additionalProperties: false },
);
export type DisplayPatch = Static<typeof DisplayPatchSchema>;

export const DisplayGroupSchema = Type.Object(
  { id: Id, name: Type.String({ minLength: 1, maxLength: 64 }) },
  { additionalProperties: false, $id: 'DisplayGroup' },
);
export type DisplayGroup = Static<typeof DisplayGroupSchema>;

export const NoticeBodySchema = Type.Object(
  {
    text: Type.String({ minLength: 1, maxLength: 500 }),
    startsAt: Type.Optional(IsoTime),
    endsAt: Type.Optional(Type.Union([IsoTime, Type.Null()])),
    targets: TargetsSchema,
  },
  { additionalProperties: false },
);
export type NoticeBody = Static<typeof NoticeBodySchema>;

export const NoticeSchema = Type.Object(
  {
    id: Type.String(),
    text: Type.String(),
    startsAt: IsoTime,
    endsAt: Type.Union([IsoTime, Type.Null()]),
    targets: TargetsSchema,
    createdBy: Type.String(),
  },
  { $id: 'Notice' },
);
export type Notice = Static<typeof NoticeSchema>;

export const EmergencyBodySchema = Type.Object(
  {
    text: Type.String({ minLength: 1, maxLength: 300 }),
    textEn: Type.Optional(Type.String({ maxLength: 300 })),
    endsAt: Type.Optional(Type.Union([IsoTime, Type.Null()])),
    targets: Type.Optional(TargetsSchema),
  },
  { additionalProperties: false },
);
export type EmergencyBody = Static<typeof EmergencyBodySchema>;

export const EmergencySchema = Type.Object(
  {
    id: Type.String(),
    text: Type.String(),
    textEn: Type.Union([Type.String(), Type.Null()]),
    startsAt: IsoTime,
    endsAt: Type.Union([IsoTime, Type.Null()]),
    clearedAt: Type.Union([IsoTime, Type.Null()]),
    targets: TargetsSchema,
    createdBy: Type.String(),
  },
  { $id: 'Emergency' },
);
export type Emergency = Static<typeof EmergencySchema>;


/** Screen power and brightness by time of day and weekday — apart from content. Outside every rule a targeted display is off. */
export const PowerScheduleBodySchema = Type.Object(
  {
    name: Type.String({ minLength: 1, maxLength: 64 }),
    targets: TargetsSchema,
    rules: Type.Array(
      Type.Object(
        {
          days: Type.Array(WeekdaySchema, { minItems: 1, maxItems: 7 }),
          on: Clock,
          off: Clock,
          brightness: Type.Integer({ minimum: 0, maximum: 100, default: 100 }),
        },
        { additionalProperties: false },
      ),
      { minItems: 0, maxItems: 28, description: 'on/off times per weekday; [] = always off' },
    ),
  },
  { additionalProperties: false },
);
export type PowerScheduleBody = Static<typeof PowerScheduleBodySchema>;
export const PowerScheduleSchema = Type.Intersect([Type.Object({ id: Type.String() }), PowerScheduleBodySchema], { $id: 'PowerSchedule' });
export type PowerSchedule = Static<typeof PowerScheduleSchema>;

export const MediaItemSchema = Type.Object(
  {
    id: Type.String(),
    name: Type.String(),
    url: Type.String({ description: 'where a display fetches it' }),
    width: Type.Integer(),
    height: Type.Integer(),
    bytes: Type.Integer(),
    seconds: Type.Integer({ description: 'how long it stays in the idle playlist' }),
    targets: TargetsSchema,
  },
  { $id: 'MediaItem' },
);
export type MediaItem = Static<typeof MediaItemSchema>;

export const MediaUploadSchema = Type.Object(
  {
    name: Type.String({ minLength: 1, maxLength: 64 }),
    image: Type.String({ minLength: 8, maxLength: 8 * 1024 * 1024, description: 'the image, base64 (PNG, JPEG, WebP, GIF)' }),
    seconds: Type.Integer({ minimum: 2, maximum: 600, default: 10 }),
    targets: TargetsSchema,
  },
  { additionalProperties: false },
);
export type MediaUpload = Static<typeof MediaUploadSchema>;

/** A staff member as a window screen shows them (亮身份). */
export const StaffBadgeSchema = Type.Object({
  no: Type.String(),
  name: Type.String(),
  title: Type.Union([Type.String(), Type.Null()]),
  partyMember: Type.Boolean(),
  photoUrl: Type.Union([Type.String(), Type.Null()]),
});
export type StaffBadge = Static<typeof StaffBadgeSchema>;

/** Everything a display shows apart from the live queue: resolved by the hub for this display at this time. */
export const DisplaySceneSchema = Type.Object(
  {
    at: IsoTime,
    hallName: Type.String(),
    timeZone: Type.String({ description: 'the hall’s IANA time zone: screens draw the hall’s time, whatever zone their PC is set to' }),
    settings: DisplaySettingsSchema,
    power: Type.Object({ on: Type.Boolean(), brightness: Type.Integer(), scheduled: Type.Boolean({ description: 'a power schedule applies' }) }),
    emergency: Type.Union([Type.Object({ id: Type.String(), text: Type.String(), textEn: Type.Union([Type.String(), Type.Null()]) }), Type.Null()]),
    notices: Type.Array(Type.Object({ id: Type.String(), text: Type.String() })),
    media: Type.Array(Type.Object({ id: Type.String(), url: Type.String(), seconds: Type.Integer() })),
    zones: Type.Array(Type.Object({ id: Type.String(), name: Type.String() })),
    staff: Type.Array(StaffBadgeSchema, { description: 'window screens: who may sit at this window' }),
    templates: VoiceTemplatesSchema,
    voice: Type.Object(
      {
        windows: Type.Array(Type.String(), { description: 'the windows whose calls this display announces (its voice area); [] when it is silent' }),
        rules: VoiceRulesSchema,
      },
      { description: 'each call is announced by the speakers of one area: the most specific speaking display covering its window' },
    ),
    noShow: BilingualTextSchema,
    signage: Type.Optional(SceneSignageSchema),
  },
  { $id: 'DisplayScene' },
);
export type DisplayScene = Static<typeof DisplaySceneSchema>;

export const DisplayStatusSchema = Type.Object(
  {
    settings: DisplaySettingsSchema,
    online: Type.Boolean(),
    lastSeen: Type.Union([IsoTime, Type.Null()]),
    version: Type.Union([Type.String(), Type.Null()]),
    showing: Type.Union([Type.String(), Type.Null()]),
    audio: Type.Union([Type.String(), Type.Null()]),
    power: Type.Object({ on: Type.Boolean(), brightness: Type.Integer(), scheduled: Type.Boolean() }),
    screenshotAt: Type.Union([IsoTime, Type.Null()]),
    alert: Type.Boolean({ description: 'down during opening hours and not switched off on purpose' }),
  },
  { $id: 'DisplayStatus' },
);
export type DisplayStatus = Static<typeof DisplayStatusSchema>;

export const DisplayAlertSchema = Type.Object(
  {
    id: Type.Integer(),
    displayId: Type.String(),
    kind: Type.Literal('down'),
    raisedAt: IsoTime,
    clearedAt: Type.Union([IsoTime, Type.Null()]),
    message: Type.String(),
    messageEn: Type.String(),
  },
  { $id: 'DisplayAlert' },
);
export type DisplayAlert = Static<typeof DisplayAlertSchema>;

export const ScreenshotRequestSchema = Type.Object({ requestId: Type.String() });
export type ScreenshotRequest = Static<typeof ScreenshotRequestSchema>;

/**
 * A display's picture of itself, sent over the socket when the hub asks — in chunks, each acknowledged, since
 * a socket message is capped (64 KB) so no client can make the hub buffer megabytes at once.
 */
export const SCREENSHOT_CHUNK = 48 * 1024;
export const ScreenshotChunkSchema = Type.Object(
  {
    requestId: Type.String({ minLength: 1, maxLength: 64 }),
    mime: Type.Union([Type.Literal('image/png'), Type.Literal('image/svg+xml')]),
    index: Type.Integer({ minimum: 0, maximum: 199 }),
    count: Type.Integer({ minimum: 1, maximum: 200 }),
    data: Type.String({ minLength: 1, maxLength: SCREENSHOT_CHUNK, description: 'a slice of the base64 text' }),
  },
  { additionalProperties: false },
);
export type ScreenshotChunk = Static<typeof ScreenshotChunkSchema>;
