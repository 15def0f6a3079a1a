import { DeviceTypeSchema, StripSizeSchema } from '@hall/shared';
import { Type, type Static } from '@sinclair/typebox';

/*
 * The hall's vocabulary as the domain reads it: sessions and calendar, lines, windows, staff, priority policy,
 * warning thresholds, devices. The hall configuration (config/hall-config-schema.ts) is built from these
 * schemas; the domain never imports the configuration.
 */

const Clock = Type.String({ pattern: '^([01][0-9]|2[0-3]):[0-5][0-9]$', description: 'HH:mm, hall time' });
const Day = Type.String({ pattern: '^[0-9]{4}-[0-9]{2}-[0-9]{2}$', description: 'YYYY-MM-DD' });
export const Id = Type.String({ minLength: 1, maxLength: 32, pattern: '^[A-Za-z0-9_.-]+$' });

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
    skills: Type.Optional(
      Type.Array(Type.String(), { description: '弹性窗口: lines this member can serve beyond their department’s, for proposed moves' }),
    ),
    mayAssignLines: Type.Optional(
      Type.Boolean({ description: '弹性窗口: may change which lines the windows they work at serve (managers always may)' }),
    ),
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

export const DeviceId = Type.String({ minLength: 1, maxLength: 64, pattern: '^[A-Za-z0-9_.-]+$' });

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
    voice: Type.Optional(
      Type.Boolean({ description: 'displays: whether it speaks for its area (default: hall and zone walls yes, window screens no); the console can change it' }),
    ),
    credentialVersion: Type.Integer({ minimum: 1, default: 1, description: 'bump to revoke the device’s credentials' }),
  },
  { additionalProperties: false },
);
export type DeviceConfig = Static<typeof DeviceConfigSchema>;

export type LineConfig = Static<typeof LineSchema>;
export type WindowConfig = Static<typeof WindowConfigSchema>;
export type StaffConfig = Static<typeof StaffSchema>;
