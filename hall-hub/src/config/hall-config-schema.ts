import { DeviceTypeSchema, StripSizeSchema } from '@hall/shared';
import { Type, type Static } from '@sinclair/typebox';
import { EvaluationConfigSchema } from './evaluation-config-schema.js';
import { UplinkConfigSchema } from './uplink-config-schema.js';

const Clock = Type.String({ pattern: '^([01][0-9]|2[0-3]):[0-5][0-9]$', description: 'HH:mm, hall time' });
const Day = Type.String({ pattern: '^[0-9]{4}-[0-9]{2}-[0-9]{2}$', description: 'YYYY-MM-DD' });
const Id = Type.String({ minLength: 1, maxLength: 32, pattern: '^[A-Za-z0-9_.-]+$' });

export const SessionSchema = Type.Object({ open: Clock, close: Clock }, { additionalProperties: false });
export type Session = Static<typeof SessionSchema>;

const Weekday = Type.Array(SessionSchema, {
  maxItems: 4,
  description: 'working sessions of the day; the gap between two is the lunch break; [] = closed',
});

const OFFICE_DAY = [
  { open: '08:30', close: '11:30' },
  { open: '13:00', close: '17:00' },
];
const STANDARD_WEEK = { mon: OFFICE_DAY, tue: OFFICE_DAY, wed: OFFICE_DAY, thu: OFFICE_DAY, fri: OFFICE_DAY, sat: [], sun: [] };

export const CalendarSchema = Type.Object(
  {
    weekly: Type.Object(
      { mon: Weekday, tue: Weekday, wed: Weekday, thu: Weekday, fri: Weekday, sat: Weekday, sun: Weekday },
      { additionalProperties: false, default: STANDARD_WEEK },
    ),
    holidays: Type.Array(Day, { default: [] }),
    extraWorkdays: Type.Array(
      Type.Object(
        {
          date: Day,
          sameAs: Type.Union([
            Type.Literal('mon'),
            Type.Literal('tue'),
            Type.Literal('wed'),
            Type.Literal('thu'),
            Type.Literal('fri'),
          ]),
        },
        { additionalProperties: false },
      ),
      { default: [], description: '调休: weekend days worked, with the hours of the named weekday' },
    ),
    ticketingCutoffMinutes: Type.Integer({ minimum: 0, maximum: 240, default: 30 }),
    ticketingDuringBreak: Type.Boolean({ default: true }),
  },
  { additionalProperties: false, default: {} },
);
export type Calendar = Static<typeof CalendarSchema>;

export const WarningThresholdsSchema = Type.Object(
  {
    waitYellowMinutes: Type.Integer({ minimum: 1, default: 20 }),
    waitRedMinutes: Type.Integer({ minimum: 1, default: 40 }),
    serviceYellowMinutes: Type.Integer({ minimum: 1, default: 20 }),
    serviceRedMinutes: Type.Integer({ minimum: 1, default: 40 }),
    idleWithQueueMinutes: Type.Integer({ minimum: 1, default: 5 }),
  },
  { additionalProperties: false, default: {} },
);
export type WarningThresholds = Static<typeof WarningThresholdsSchema>;

export const LineSchema = Type.Object(
  {
    id: Id,
    prefix: Type.String({ pattern: '^[A-Z]{1,3}$', description: 'ticket prefix letter(s)' }),
    name: Type.String({ minLength: 1, maxLength: 40 }),
    nameEn: Type.Optional(Type.String({ maxLength: 80 })),
    serves: Type.Object(
      {
        taskCodes: Type.Array(Type.String({ minLength: 1 }), {
          default: [],
          description: 'task_code, or task_code:task_handle_item for one business type',
        }),
        deptCodes: Type.Array(Type.String({ minLength: 1 }), { default: [] }),
      },
      { additionalProperties: false, default: {} },
    ),
    dailyCap: Type.Optional(Type.Integer({ minimum: 1, maximum: 999 })),
    hours: Type.Optional(Type.Array(SessionSchema, { description: 'ticketing hours for this line, if narrower' })),
    avgServiceMinutes: Type.Number({ minimum: 0.5, maximum: 240, default: 8 }),
    warnings: Type.Optional(
      Type.Object(
        {
          waitYellowMinutes: Type.Optional(Type.Integer({ minimum: 1 })),
          waitRedMinutes: Type.Optional(Type.Integer({ minimum: 1 })),
          serviceYellowMinutes: Type.Optional(Type.Integer({ minimum: 1 })),
          serviceRedMinutes: Type.Optional(Type.Integer({ minimum: 1 })),
          idleWithQueueMinutes: Type.Optional(Type.Integer({ minimum: 1 })),
        },
        { additionalProperties: false, description: 'overrides of the hall thresholds for this line' },
      ),
    ),
  },
  { additionalProperties: false },
);


export const WindowConfigSchema = Type.Object(
  {
    no: Type.String({ minLength: 1, maxLength: 16, pattern: '^[A-Za-z0-9-]+$' }),
    name: Type.String({ minLength: 1, maxLength: 40 }),
    zone: Id,
    dept: Type.Optional(Type.String()),
    lines: Type.Array(
      Type.Object(
        {
          line: Id,
          order: Type.Integer({
            minimum: 1,
            default: 1,
            description: 'lines with a lower order are called first; equal orders share, oldest ticket first',
          }),
        },
        { additionalProperties: false },
      ),
      { minItems: 1 },
    ),
  },
  { additionalProperties: false },
);

export const StaffSchema = Type.Object(
  {
    no: Id,
    name: Type.String({ minLength: 1, maxLength: 32 }),
    dept: Type.Optional(Type.String()),
    photo: Type.Optional(Type.String({ description: 'path or URL of the badge photo (亮身份)' })),
    title: Type.Optional(Type.String({ maxLength: 32 })),
    partyMember: Type.Optional(Type.Boolean()),
    windows: Type.Array(Type.String(), { default: [] }),
    partner: Type.Optional(Type.String({ description: 'AB岗: the staff member who covers for this one' })),
  },
  { additionalProperties: false },
);

export const PriorityGroupSchema = Type.Object(
  { id: Id, name: Type.String({ minLength: 1 }), nameEn: Type.String({ minLength: 1 }) },
  { additionalProperties: false },
);

export const PriorityPolicySchema = Type.Union(
  [
    Type.Object({ mode: Type.Literal('strict') }, { additionalProperties: false }),
    Type.Object(
      {
        mode: Type.Literal('interleave'),
        priority: Type.Integer({ minimum: 1, maximum: 50, default: 3, description: 'priority calls in a run' }),
        normal: Type.Integer({ minimum: 1, maximum: 50, default: 1, description: 'normal calls in a run' }),
      },
      { additionalProperties: false },
    ),
  ],
  {
    // Only the mode here: TypeBox merges an object default into the given value, which would add interleave's
    // counts to {mode:'strict'} and fail both branches; the counts default inside their own branch instead.
    default: { mode: 'interleave' },
    description:
      'strict: green channel always first. interleave: while both kinds wait, `priority` green-channel calls, ' +
      'then `normal` calls, and so on. FIFO within each kind.',
  },
);
export type PriorityPolicy = Static<typeof PriorityPolicySchema>;

export const PolicySchema = Type.Object(
  {
    priority: PriorityPolicySchema,
    transferPlacement: Type.Union([Type.Literal('front'), Type.Literal('keep'), Type.Literal('end')], {
      default: 'front',
      description: 'where a transferred ticket joins its new line: front, by its issue time (keep), or end',
    }),
    noShow: Type.Object(
      {
        reinstateMinutes: Type.Integer({ minimum: 0, maximum: 240, default: 30 }),
        rejoinAfter: Type.Integer({ minimum: 0, maximum: 50, default: 3, description: 'goes in after the next K waiting' }),
        stepOutLimit: Type.Integer({
          minimum: 0,
          maximum: 5,
          default: 1,
          description: 'times a visitor may step out from their phone (each moves the ticket back rejoinAfter places); 0 turns it off',
        }),
      },
      { additionalProperties: false, default: {} },
    ),
    appointment: Type.Object(
      {
        earlyMinutes: Type.Integer({ minimum: 0, maximum: 240, default: 30 }),
        lateMinutes: Type.Integer({ minimum: 0, maximum: 240, default: 15 }),
      },
      { additionalProperties: false, default: {} },
    ),
    autoCall: Type.Boolean({ default: false, description: 'call the next ticket automatically at idle windows' }),
  },
  { additionalProperties: false, default: {} },
);
export type Policy = Static<typeof PolicySchema>;

export const TopicConfigSchema = Type.Object(
  {
    id: Id,
    name: Type.String({ minLength: 1 }),
    kind: Type.Union([Type.Literal('life-event'), Type.Literal('topic')]),
    audience: Type.Union([Type.Literal('person'), Type.Literal('enterprise'), Type.Literal('all')], { default: 'all' }),
    taskCodes: Type.Array(Type.String(), { default: [] }),
  },
  { additionalProperties: false },
);

export const AccountConfigSchema = Type.Object(
  {
    username: Type.String({ minLength: 1, maxLength: 64, pattern: '^[A-Za-z0-9_.-]+$' }),
    role: Type.Union([Type.Literal('manager'), Type.Literal('staff'), Type.Literal('auditor')]),
    staffNo: Type.Optional(Type.String()),
    passwordHash: Type.String({ pattern: '^scrypt\\$', description: 'from `npm run hash-password`' }),
  },
  { additionalProperties: false },
);

const PRIVATE_AND_LOOPBACK = ['127.0.0.0/8', '::1/128', '10.0.0.0/8', '172.16.0.0/12', '192.168.0.0/16', 'fc00::/7'];
const Cidr = Type.String({ minLength: 3, maxLength: 64, description: 'an address range, e.g. 10.12.0.0/16' });

export const MqttConfigSchema = Type.Object(
  {
    mode: Type.Union([Type.Literal('embedded'), Type.Literal('external')], {
      default: 'embedded',
      description: 'embedded: the hub runs an MQTT 3.1.1 broker (aedes); external: the hub connects to `url`',
    }),
    host: Type.String({ default: '0.0.0.0' }),
    port: Type.Integer({ minimum: 0, maximum: 65535, default: 1883, description: 'embedded broker port; 0 = any free port' }),
    url: Type.Optional(Type.String({ pattern: '^(mqtt|mqtts|tcp|ssl|ws|wss)://', description: 'external broker, e.g. mqtt://10.0.0.5:1883' })),
    protocolVersion: Type.Union([Type.Literal(4), Type.Literal(5)], { default: 4, description: 'MQTT 3.1.1 (4) or 5' }),
  },
  { additionalProperties: false, default: {} },
);

export const ServerConfigSchema = Type.Object(
  {
    host: Type.String({ default: '0.0.0.0' }),
    httpPort: Type.Integer({ minimum: 0, maximum: 65535, default: 8080, description: '0 = any free port' }),
    dataDir: Type.String({ minLength: 1, default: 'data' }),
    catalog: Type.Array(Type.String({ minLength: 1 }), {
      default: [],
      description: 'exchange files imported at start-up (paths relative to this file)',
    }),
    sessionMinutes: Type.Integer({ minimum: 5, maximum: 24 * 60, default: 480 }),
    mqtt: MqttConfigSchema,
    staffNetworks: Type.Array(Cidr, {
      default: PRIVATE_AND_LOOPBACK,
      description: 'staff and manager endpoints answer only these address ranges (the hall intranet)',
    }),
    deviceNetworks: Type.Array(Cidr, {
      default: PRIVATE_AND_LOOPBACK,
      description: 'screens, kiosks and devices connect only from these address ranges',
    }),
    tls: Type.Optional(
      Type.Object({ certFile: Type.String({ minLength: 1 }), keyFile: Type.String({ minLength: 1 }) }, { additionalProperties: false }),
    ),
    logLevel: Type.Union(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'].map((l) => Type.Literal(l)), {
      default: 'info',
    }),
    log: Type.Object(
      {
        file: Type.Optional(Type.String({ minLength: 1, description: 'write JSON log lines here (rotated) instead of stdout, e.g. /var/log/hall/hub.log' })),
        rotate: Type.Union([Type.Literal('daily'), Type.Literal('hourly')], { default: 'daily' }),
        maxSizeMb: Type.Integer({ minimum: 1, maximum: 10_000, default: 100, description: 'also rotate when a file reaches this size' }),
        keep: Type.Integer({ minimum: 1, maximum: 365, default: 30, description: 'rotated files kept' }),
      },
      { additionalProperties: false, default: {} },
    ),
    backup: Type.Object(
      {
        dir: Type.Optional(Type.String({ minLength: 1, description: 'default: <dataDir>/backups; better on another disk' })),
        dailyAt: Type.Union([Type.String({ pattern: '^([01][0-9]|2[0-3]):[0-5][0-9]$' }), Type.Null()], {
          default: '02:30',
          description: 'hall time of the daily online backup; null: only on demand',
        }),
        keep: Type.Integer({ minimum: 1, maximum: 365, default: 14 }),
      },
      { additionalProperties: false, default: {} },
    ),
    limits: Type.Object(
      {
        ticketsPerKioskPerMinute: Type.Integer({ minimum: 1, default: 12, description: 'tickets one kiosk may issue a minute (a visitor needs several seconds at the screen)' }),
        ticketsPerAccountPerMinute: Type.Integer({ minimum: 1, default: 30, description: 'tickets one signed-in staff member or manager may issue a minute' }),
        ticketsPerAddressPerMinute: Type.Integer({ minimum: 1, default: 30, description: 'tickets one network address may take a minute, whoever asks' }),
        checkInsPerAddressPerMinute: Type.Integer({ minimum: 1, default: 20, description: 'appointment check-ins (codes tried) from one address a minute' }),
        loginFailuresPerAddress: Type.Integer({ minimum: 1, default: 10, description: 'failed sign-ins from one address a minute before it waits, doubling each time' }),
        loginFailuresPerName: Type.Integer({ minimum: 1, default: 5, description: 'failed sign-ins for one username from one address before that pair waits, doubling each time' }),
        concurrentLogins: Type.Integer({ minimum: 1, maximum: 8, default: 2, description: 'password checks (scrypt, off the event loop) run at once; more wait their turn' }),
        queuedLogins: Type.Integer({ minimum: 0, default: 32, description: 'sign-ins that may wait for a password check; beyond that, 429' }),
        importMaxMb: Type.Integer({ minimum: 1, maximum: 1024, default: 128, description: 'largest catalog upload, streamed to a temporary file' }),
        concurrentUploads: Type.Integer({ minimum: 1, maximum: 8, default: 1, description: 'catalog uploads received at once; more get 503' }),
      },
      { additionalProperties: false, default: {} },
    ),
  },
  { additionalProperties: false, default: {} },
);

const DeviceId = Type.String({ minLength: 1, maxLength: 64, pattern: '^[A-Za-z0-9_.-]+$' });

export const DeviceConfigSchema = Type.Object(
  {
    id: DeviceId,
    type: DeviceTypeSchema,
    name: Type.Optional(Type.String({ maxLength: 64 })),
    window: Type.Optional(Type.String({ description: 'the window a keypad, evaluator, strip or window screen belongs to' })),
    zone: Type.Optional(Type.String({ description: 'the zone a zone wall shows' })),
    bridge: Type.Optional(Type.String({ description: 'the bridge the device is attached to, if not directly on MQTT' })),
    printer: Type.Optional(Type.String({ description: 'a kiosk’s receipt printer (an id from `printers`): its tickets and guide sheets print there' })),
    idReader: Type.Optional(Type.String({ description: 'a kiosk’s ID-card reader (the id of an id-reader device)' })),
    strip: Type.Optional(StripSizeSchema),
    credentialVersion: Type.Integer({ minimum: 1, default: 1, description: 'bump to revoke the device’s credentials' }),
  },
  { additionalProperties: false },
);
export type DeviceConfig = Static<typeof DeviceConfigSchema>;

export const PrinterConfigSchema = Type.Object(
  {
    id: Id,
    name: Type.Optional(Type.String({ maxLength: 64 })),
    kind: Type.Union([Type.Literal('escpos-tcp'), Type.Literal('bridge'), Type.Literal('virtual')], {
      description:
        'escpos-tcp: a network thermal printer on its raw port; bridge: a kiosk’s own USB or serial printer, driven by the firmware bridge on the kiosk PC; virtual: writes PNG files (demo, tests)',
    }),
    host: Type.Optional(Type.String({ minLength: 1, maxLength: 253, description: 'escpos-tcp: the printer’s address' })),
    device: Type.Optional(Type.String({ description: 'bridge: the printer’s device id (a device of type printer, with its bridge)' })),
    port: Type.Integer({ minimum: 1, maximum: 65535, default: 9100 }),
    widthDots: Type.Integer({ minimum: 192, maximum: 576, default: 576, description: 'printable width: 576 dots on 80 mm paper, 384 on 58 mm' }),
    jobTtlMinutes: Type.Integer({
      minimum: 1,
      maximum: 24 * 60,
      default: 30,
      description: 'a job not printed by then (printer down) is dropped as expired: the visitor has left',
    }),
    alertAfterMinutes: Type.Integer({
      minimum: 1,
      maximum: 24 * 60,
      default: 5,
      description: 'a printer that cannot print (jam, cover open, paper out, unreachable) is a yellow warning at once, red (the manager’s alert) after this long',
    }),
  },
  { additionalProperties: false },
);
export type PrinterConfig = Static<typeof PrinterConfigSchema>;

export const BridgeConfigSchema = Type.Object(
  {
    id: DeviceId,
    name: Type.Optional(Type.String({ maxLength: 64 })),
    credentialVersion: Type.Integer({ minimum: 1, default: 1 }),
  },
  { additionalProperties: false },
);

export const TemplatesSchema = Type.Object(
  {
    led: Type.String({ default: '请{ticket}到{window}号窗口' }),
    voice: Type.String({ default: '请{ticket}号到{window}号窗口办理' }),
    voiceRecall: Type.String({ default: '请{ticket}号到{window}号窗口办理（重呼）' }),
    paused: Type.String({ default: '{window}号窗口暂停服务' }),
  },
  { additionalProperties: false, default: {} },
);

export const HallConfigSchema = Type.Object(
  {
    server: ServerConfigSchema,
    hall: Type.Object(
      {
        id: Id,
        name: Type.String({ minLength: 1 }),
        timeZone: Type.String({ default: 'Asia/Shanghai' }),
        address: Type.Optional(Type.String()),
        phone: Type.Optional(Type.String()),
        visitorUrl: Type.Optional(
          Type.String({
            pattern: '^https?://[^/]+$',
            description: 'the hub as phones on the visitors’ Wi-Fi reach it, e.g. https://q.hall.example.cn; a ticket’s QR opens <visitorUrl>/m/#<token>. Default: the address the kiosk used',
          }),
        ),
      },
      { additionalProperties: false },
    ),
    calendar: CalendarSchema,
    zones: Type.Array(Type.Object({ id: Id, name: Type.String({ minLength: 1 }) }, { additionalProperties: false }), {
      minItems: 1,
    }),
    lines: Type.Array(LineSchema, { minItems: 1 }),
    windows: Type.Array(WindowConfigSchema, { minItems: 1 }),
    staff: Type.Array(StaffSchema, { default: [] }),
    priorityGroups: Type.Array(PriorityGroupSchema, { default: [] }),
    policy: PolicySchema,
    warnings: WarningThresholdsSchema,
    topics: Type.Array(TopicConfigSchema, { default: [] }),
    accounts: Type.Array(AccountConfigSchema, { default: [] }),
    devices: Type.Array(DeviceConfigSchema, { default: [] }),
    bridges: Type.Array(BridgeConfigSchema, { default: [] }),
    printers: Type.Array(PrinterConfigSchema, { default: [] }),
    templates: TemplatesSchema,
    evaluation: EvaluationConfigSchema,
    uplink: UplinkConfigSchema,
    synonyms: Type.Array(
      Type.Object(
        {
          phrases: Type.Array(Type.String({ minLength: 1 }), { minItems: 1 }),
          targets: Type.Array(Type.String({ minLength: 1 }), { minItems: 1 }),
        },
        { additionalProperties: false },
      ),
      { default: [], description: 'the hall’s own colloquial phrases for search, e.g. {phrases: ["办证"], targets: ["许可证核发"]}' },
    ),
  },
  { additionalProperties: false },
);
export type HallConfig = Static<typeof HallConfigSchema>;
export type LineConfig = HallConfig['lines'][number];
export type WindowConfig = HallConfig['windows'][number];
export type StaffConfig = HallConfig['staff'][number];
