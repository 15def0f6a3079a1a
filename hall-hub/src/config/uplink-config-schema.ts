import { Type, type Static } from '@sinclair/typebox';

const Code = Type.String({ minLength: 1, maxLength: 16 });
const FieldName = Type.Union([Type.String({ minLength: 1, maxLength: 64 }), Type.Null()], { description: 'the province’s field name; null leaves the field out' });

/**
 * How evaluations are written for the province: its field names and code sets. Presets carry the two known
 * code sets (GB/T 39046: 满意度 1 = 非常满意 … 5 = 非常不满意; Zhejiang: `satisfaction` 1 = 非常不满意 … 5 =
 * 非常满意, and its own `pf` channel codes); anything given here overrides the preset.
 */
export const EvaluationMappingSchema = Type.Object(
  {
    preset: Type.Union([Type.Literal('gbt-39046'), Type.Literal('zhejiang')], { default: 'gbt-39046' }),
    fields: Type.Optional(Type.Record(Type.String(), FieldName, { description: 'internal field → province field, e.g. {"staffNo": "workNo"}' })),
    satisfaction: Type.Optional(
      Type.Object(
        {
          'very-satisfied': Type.Optional(Code),
          satisfied: Type.Optional(Code),
          basic: Type.Optional(Code),
          dissatisfied: Type.Optional(Code),
          'very-dissatisfied': Type.Optional(Code),
        },
        { additionalProperties: false },
      ),
    ),
    pf: Type.Optional(
      Type.Object(
        {
          evaluator: Type.Optional(Code),
          'window-screen': Type.Optional(Code),
          tablet: Type.Optional(Code),
          qr: Type.Optional(Code),
          mobile: Type.Optional(Code),
        },
        { additionalProperties: false },
      ),
    ),
    constants: Type.Optional(Type.Record(Type.String(), Type.String(), { description: 'fields sent with every record, e.g. {"dataSource": "133"}' })),
  },
  { additionalProperties: false, default: {} },
);
export type EvaluationMappingConfig = Static<typeof EvaluationMappingSchema>;

const Stream = () => Type.Object({ enabled: Type.Boolean({ default: true }) }, { additionalProperties: false, default: {} });

/**
 * The link to the provincial platform. Nothing leaves the hall unless `enabled`. The HMAC key is never in this
 * file: it comes from HALL_UPLINK_KEY or from `keyFile`; the endpoint may come from HALL_UPLINK_URL.
 */
export const UplinkConfigSchema = Type.Object(
  {
    enabled: Type.Boolean({ default: false }),
    transport: Type.Union([Type.Literal('https'), Type.Literal('mqtt5')], { default: 'https' }),
    url: Type.Optional(Type.String({ pattern: '^https?://', description: 'the province’s base URL (uplink POSTs and downlink GETs)' })),
    mqtt: Type.Optional(
      Type.Object(
        {
          url: Type.String({ pattern: '^(mqtt|mqtts)://', description: 'the upstream broker (MQTT 5)' }),
          topicPrefix: Type.String({ default: 'province', pattern: '^[A-Za-z0-9_/-]+$' }),
          username: Type.Optional(Type.String({ maxLength: 64 })),
          requireSubscriber: Type.Boolean({
            default: true,
            description:
              'a PUBACK saying “no matching subscribers” (0x10) is a failed send, retried later: the province was not listening. Set false where the broker consumes messages without a subscription (e.g. an EMQX rule writing to Kafka)',
          }),
        },
        { additionalProperties: false },
      ),
    ),
    keyFile: Type.Optional(Type.String({ minLength: 1, description: 'file holding the shared HMAC-SHA256 key (HALL_UPLINK_KEY wins)' })),
    tls: Type.Optional(
      Type.Object(
        {
          caFile: Type.Optional(Type.String({ minLength: 1 })),
          certFile: Type.Optional(Type.String({ minLength: 1, description: 'client certificate: mutual TLS' })),
          keyFile: Type.Optional(Type.String({ minLength: 1 })),
        },
        { additionalProperties: false },
      ),
    ),
    batchSize: Type.Integer({ minimum: 1, maximum: 5000, default: 500 }),
    backoff: Type.Object(
      {
        baseMs: Type.Integer({ minimum: 10, maximum: 60_000, default: 500 }),
        maxMs: Type.Integer({ minimum: 10, maximum: 3_600_000, default: 60_000 }),
      },
      { additionalProperties: false, default: {} },
    ),
    requestTimeoutMs: Type.Integer({ minimum: 100, maximum: 120_000, default: 15_000 }),
    streams: Type.Object(
      {
        queue: Type.Object(
          {
            enabled: Type.Boolean({ default: true }),
            personalData: Type.Union([Type.Literal('none'), Type.Literal('masked'), Type.Literal('full')], {
              default: 'none',
              description: 'ID numbers in queue events: none (default), masked, or full where the province requires it',
            }),
          },
          { additionalProperties: false, default: {} },
        ),
        evaluation: Stream(),
        attendance: Stream(),
        deviceHealth: Stream(),
      },
      { additionalProperties: false, default: {} },
    ),
    evaluationMapping: EvaluationMappingSchema,
    areaCode: Type.Optional(Type.String({ maxLength: 12, description: '行政区划代码 sent with evaluations' })),
    downlink: Type.Object(
      {
        enabled: Type.Boolean({ default: true }),
        pollSeconds: Type.Integer({ minimum: 1, maximum: 86_400, default: 300 }),
      },
      { additionalProperties: false, default: {} },
    ),
    disk: Type.Object(
      {
        warnFreeMb: Type.Integer({ minimum: 1, default: 2048 }),
        criticalFreeMb: Type.Integer({ minimum: 1, default: 512 }),
        warnOutboxMb: Type.Integer({ minimum: 1, default: 256 }),
        warnDaysOfRoom: Type.Integer({ minimum: 1, default: 14, description: 'warn when the backlog’s growth would fill the disk within this many days' }),
      },
      { additionalProperties: false, default: {} },
    ),
    notices: Type.Object(
      {
        enabled: Type.Boolean({ default: true, description: 'SMS notices (短信通知) through the province’s gateway' }),
        turnNearPlaces: Type.Integer({ minimum: 0, maximum: 50, default: 3, description: 'a consenting visitor is told when this many people or fewer are ahead' }),
        managerPhones: Type.Array(Type.String({ pattern: '^1[3-9][0-9]{9}$' }), { default: [], maxItems: 20, description: 'managers told of each new red warning (红灯预警)' }),
        warningCheckSeconds: Type.Integer({ minimum: 5, maximum: 3600, default: 30, description: 'how often warnings that appear by time alone are looked for' }),
      },
      { additionalProperties: false, default: {} },
    ),
    cases: Type.Object(
      {
        cacheSeconds: Type.Integer({ minimum: 0, maximum: 3600, default: 60, description: '办件查询 answers kept this long' }),
        timeoutMs: Type.Integer({ minimum: 100, maximum: 60_000, default: 5000, description: 'a kiosk visitor waits no longer than this for the province' }),
      },
      { additionalProperties: false, default: {} },
    ),
    supervision: Type.Object(
      {
        enabled: Type.Boolean({ default: false, description: '办件监督: follow the province’s case feed and light each case against its time limit (红黄灯)' }),
        pollSeconds: Type.Integer({ minimum: 5, maximum: 86_400, default: 60, description: 'how often the case feed is asked for changes' }),
        checkSeconds: Type.Integer({ minimum: 1, maximum: 3600, default: 60, description: 'how often every light is recomputed on the hall clock' }),
        yellowWorkingDays: Type.Integer({ minimum: 0, maximum: 60, default: 2, description: 'yellow when this many working days or fewer remain …' }),
        yellowPercent: Type.Integer({ minimum: 0, maximum: 100, default: 20, description: '… or this share of the limit or less' }),
        keepFinishedDays: Type.Integer({
          minimum: 1,
          maximum: 3660,
          default: 62,
          description: 'a finished case is kept (judged on time or late, on the board and in the on-time rates) this many days after it finished — the report month and a margin — then dropped from the cases held; its warnings stay in the trail (全程留痕)',
        }),
        departments: Type.Array(
          Type.Object(
            {
              code: Type.String({ minLength: 1, maxLength: 64 }),
              phones: Type.Array(Type.String({ pattern: '^1[3-9][0-9]{9}$' }), { default: [], maxItems: 10, description: 'responsible people told when a case turns yellow or red' }),
              yellowWorkingDays: Type.Optional(Type.Integer({ minimum: 0, maximum: 60 })),
              yellowPercent: Type.Optional(Type.Integer({ minimum: 0, maximum: 100 })),
            },
            { additionalProperties: false },
          ),
          { default: [], maxItems: 200 },
        ),
        board: Type.Object(
          {
            days: Type.Integer({ minimum: 1, maximum: 90, default: 7, description: '办件公示 shows cases accepted or finished in this many days' }),
            rows: Type.Integer({ minimum: 1, maximum: 200, default: 30 }),
          },
          { additionalProperties: false, default: {} },
        ),
      },
      { additionalProperties: false, default: {} },
    ),
    rongque: Type.Object(
      {
        supplyWorkingDays: Type.Integer({ minimum: 1, maximum: 30, default: 5, description: '容缺受理: the supply deadline the caller offers first, in working days of the hall calendar' }),
      },
      { additionalProperties: false, default: {} },
    ),
    simulator: Type.Optional(
      Type.Object(
        { port: Type.Integer({ minimum: 0, maximum: 65535, default: 0 }) },
        { additionalProperties: false, description: 'demo only: `npm start` (scripts/start.mjs) runs the provincial platform simulator (province-sim/) beside the hub and hands it over as the province (HALL_UPLINK_URL, HALL_UPLINK_KEY)' },
      ),
    ),
  },
  { additionalProperties: false, default: {} },
);
export type UplinkConfig = Static<typeof UplinkConfigSchema>;
