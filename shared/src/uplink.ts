import { Type, type Static } from '@sinclair/typebox';

/**
 * The link to the provincial platform as the managers' console and the displays see it: the backlog of the
 * outbox per stream, the disk-use policy, and the downlink feeds (province-wide notices among them).
 */

export const UplinkStreamSchema = Type.Union(
  [Type.Literal('queue'), Type.Literal('evaluation'), Type.Literal('attendance'), Type.Literal('device-health'), Type.Literal('notices')],
  { description: 'queue events; evaluations (好差评); window and staff attendance; device health; SMS notices (短信通知) for the province’s gateway' },
);
export type UplinkStream = Static<typeof UplinkStreamSchema>;

const NullableTime = Type.Union([Type.String({ format: 'date-time' }), Type.Null()]);

export const UplinkStreamStatusSchema = Type.Object({
  stream: UplinkStreamSchema,
  enabled: Type.Boolean(),
  backlog: Type.Integer({ description: 'events waiting in the outbox' }),
  oldestAt: NullableTime,
  oldestAgeSeconds: Type.Union([Type.Integer(), Type.Null()]),
  delivered: Type.Integer({ description: 'events delivered since the hub started' }),
  lastDeliveredAt: NullableTime,
  failures: Type.Integer({ description: 'consecutive failed attempts' }),
  lastError: Type.Union([Type.String(), Type.Null()]),
  nextAttemptAt: NullableTime,
});
export type UplinkStreamStatus = Static<typeof UplinkStreamStatusSchema>;

export const DiskLevelSchema = Type.Union([Type.Literal('ok'), Type.Literal('warn'), Type.Literal('critical')]);
export type DiskLevel = Static<typeof DiskLevelSchema>;

export const DiskStatusSchema = Type.Object({
  level: DiskLevelSchema,
  outboxBytes: Type.Integer(),
  dataFileBytes: Type.Integer(),
  freeBytes: Type.Integer(),
  daysOfRoom: Type.Union([Type.Number(), Type.Null()], { description: 'days until the disk is full at the current backlog growth; null when not growing' }),
  message: Type.String(),
  messageEn: Type.String(),
});
export type DiskStatus = Static<typeof DiskStatusSchema>;

export const DownlinkFeedSchema = Type.Union([Type.Literal('catalog'), Type.Literal('notices'), Type.Literal('appointments')]);
export type DownlinkFeed = Static<typeof DownlinkFeedSchema>;

export const DownlinkFeedStatusSchema = Type.Object({
  feed: DownlinkFeedSchema,
  version: Type.Union([Type.String(), Type.Null()]),
  etag: Type.Union([Type.String(), Type.Null()]),
  fetchedAt: NullableTime,
  checkedAt: NullableTime,
  lastError: Type.Union([Type.String(), Type.Null()]),
});
export type DownlinkFeedStatus = Static<typeof DownlinkFeedStatusSchema>;

export const UplinkStatusSchema = Type.Object({
  enabled: Type.Boolean(),
  transport: Type.Union([Type.Literal('https'), Type.Literal('mqtt5'), Type.Null()]),
  endpoint: Type.Union([Type.String(), Type.Null()]),
  streams: Type.Array(UplinkStreamStatusSchema),
  disk: DiskStatusSchema,
  downlink: Type.Array(DownlinkFeedStatusSchema),
});
export type UplinkStatus = Static<typeof UplinkStatusSchema>;

/** A province-wide notice for the hall's displays (downlink). */
export const ProvinceNoticeSchema = Type.Object(
  {
    id: Type.String({ minLength: 1, maxLength: 64 }),
    text: Type.String({ minLength: 1, maxLength: 500 }),
    textEn: Type.Optional(Type.String({ maxLength: 1000 })),
    level: Type.Optional(Type.Union([Type.Literal('info'), Type.Literal('important'), Type.Literal('emergency')], { description: 'default info' })),
    from: Type.Optional(Type.String({ format: 'date-time' })),
    until: Type.Optional(Type.String({ format: 'date-time' })),
  },
  { additionalProperties: false },
);
export type ProvinceNotice = Static<typeof ProvinceNoticeSchema>;

export const ProvinceNoticesSchema = Type.Object({
  version: Type.Union([Type.String(), Type.Null()]),
  notices: Type.Array(ProvinceNoticeSchema),
});
export type ProvinceNotices = Static<typeof ProvinceNoticesSchema>;
