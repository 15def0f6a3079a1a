import { Type, type Static } from '@sinclair/typebox';

const Nullable = <T extends ReturnType<typeof Type.String>>(t: T) => Type.Union([t, Type.Null()]);
const NullableInt = Type.Union([Type.Integer(), Type.Null()]);
const IsoTime = Type.String({ format: 'date-time' });
const NullableTime = Type.Union([IsoTime, Type.Null()]);

export const ChannelSchema = Type.Union(
  [Type.Literal('kiosk'), Type.Literal('staff'), Type.Literal('appointment'), Type.Literal('id-card'), Type.Literal('mobile')],
  { description: 'where the ticket was taken' },
);
export type Channel = Static<typeof ChannelSchema>;

/** waiting → called → serving → done; plus no-show (过号), suspended (挂起), cancelled, expired (left at day end). */
export const TicketStatusSchema = Type.Union([
  Type.Literal('waiting'),
  Type.Literal('called'),
  Type.Literal('serving'),
  Type.Literal('suspended'),
  Type.Literal('no-show'),
  Type.Literal('done'),
  Type.Literal('cancelled'),
  Type.Literal('expired'),
]);
export type TicketStatus = Static<typeof TicketStatusSchema>;

export const WindowStatusSchema = Type.Union([
  Type.Literal('closed'),
  Type.Literal('idle'),
  Type.Literal('calling'),
  Type.Literal('serving'),
  Type.Literal('paused'),
]);
export type WindowStatus = Static<typeof WindowStatusSchema>;

export const HallPhaseSchema = Type.Union(
  [
    Type.Literal('before-open'),
    Type.Literal('open'),
    Type.Literal('break'),
    Type.Literal('cut-off'),
    Type.Literal('extended'),
    Type.Literal('closed'),
    Type.Literal('holiday'),
  ],
  {
    description:
      'open: tickets issued; break: lunch break; cut-off: last tickets issued, windows still serving; ' +
      'extended: 延时服务 — past closing, windows keep calling until nobody waits; closed; holiday',
  },
);
export type HallPhase = Static<typeof HallPhaseSchema>;

export const TicketViewSchema = Type.Object(
  {
    id: Type.String(),
    number: Type.String({ description: 'prefix + 3-digit serial, e.g. A001' }),
    day: Type.String({ description: 'business day in the hall time zone, YYYY-MM-DD' }),
    lineId: Type.String(),
    lineName: Type.String(),
    channel: ChannelSchema,
    priorityGroup: Nullable(Type.String()),
    appointmentCode: Nullable(Type.String()),
    idMasked: Nullable(Type.String({ description: 'ID number masked: first 6 + 8 × * + last 4' })),
    status: TicketStatusSchema,
    windowNo: Nullable(Type.String()),
    issuedAt: IsoTime,
    calledAt: NullableTime,
    startedAt: NullableTime,
    finishedAt: NullableTime,
    recallCount: Type.Integer(),
    transferCount: Type.Integer(),
    peopleAhead: NullableInt,
    estimatedWaitMinutes: NullableInt,
    servingWindows: Type.Array(Type.String(), { description: 'windows that serve this ticket’s line' }),
  },
  { $id: 'TicketView' },
);
export type TicketView = Static<typeof TicketViewSchema>;

export const IssueTicketBodySchema = Type.Object(
  {
    lineId: Type.Optional(Type.String({ minLength: 1, maxLength: 32 })),
    serviceId: Type.Optional(
      Type.String({ minLength: 1, maxLength: 120, description: 'a business type; its queue line is used' }),
    ),
    channel: Type.Optional(Type.Union([Type.Literal('kiosk'), Type.Literal('staff'), Type.Literal('mobile')])),
    priorityGroup: Type.Optional(Type.String({ minLength: 1, maxLength: 32, description: 'green channel group id' })),
    idNumber: Type.Optional(
      Type.String({ pattern: '^[0-9]{17}[0-9Xx]$', description: 'resident ID number (18 chars); stored encrypted' }),
    ),
    requestId: Type.Optional(
      Type.String({ minLength: 8, maxLength: 64, description: 'idempotency key: a retry with the same key gets the same ticket' }),
    ),
    useIdCard: Type.Optional(
      Type.Boolean({ description: 'a kiosk (Device auth) takes the ticket with the card just read by its ID-card reader' }),
    ),
    phone: Type.Optional(
      Type.String({ pattern: '^1[3-9][0-9]{9}$', description: 'mainland mobile number for the turn-near SMS; needs smsConsent; stored encrypted, deleted at day end' }),
    ),
    smsConsent: Type.Optional(
      Type.Boolean({ description: 'the visitor explicitly agreed to one SMS when their turn is near (required with phone)' }),
    ),
  },
  { additionalProperties: false },
);
export type IssueTicketBody = Static<typeof IssueTicketBodySchema>;

export const CheckInBodySchema = Type.Object(
  {
    code: Type.String({ minLength: 1, maxLength: 64, description: 'appointment code' }),
    requestId: Type.Optional(Type.String({ minLength: 8, maxLength: 64 })),
  },
  { additionalProperties: false },
);
export type CheckInBody = Static<typeof CheckInBodySchema>;

export const AppointmentSchema = Type.Object(
  {
    code: Type.String({ minLength: 1, maxLength: 64 }),
    lineId: Type.String({ minLength: 1, maxLength: 32 }),
    slotStart: IsoTime,
    slotEnd: IsoTime,
    name: Type.Optional(Type.String({ maxLength: 64 })),
  },
  { additionalProperties: false },
);
export type Appointment = Static<typeof AppointmentSchema>;

export const BookAppointmentsBodySchema = Type.Object(
  { appointments: Type.Array(AppointmentSchema, { minItems: 1, maxItems: 5000 }) },
  { additionalProperties: false },
);
export type BookAppointmentsBody = Static<typeof BookAppointmentsBodySchema>;

export const WindowViewSchema = Type.Object(
  {
    no: Type.String(),
    name: Type.String(),
    zone: Type.String(),
    status: WindowStatusSchema,
    staffNo: Nullable(Type.String()),
    staffName: Nullable(Type.String()),
    coveringFor: Nullable(Type.String({ description: 'AB岗: the primary staff member this one covers for' })),
    absenceReason: Type.Optional(Nullable(Type.String({ description: 'AB岗: why the A post is away while covered' }))),
    pauseReason: Nullable(Type.String()),
    currentTicket: Nullable(Type.String({ description: 'ticket number' })),
    currentTicketId: Nullable(Type.String()),
    suspendedTickets: Type.Array(Type.String()),
    since: IsoTime,
    lines: Type.Array(Type.String()),
  },
  { $id: 'WindowView' },
);
export type WindowView = Static<typeof WindowViewSchema>;

export const LineViewSchema = Type.Object({
  id: Type.String(),
  prefix: Type.String(),
  name: Type.String(),
  nameEn: Type.Union([Type.String(), Type.Null()]),
  waiting: Type.Integer(),
  waitingPriority: Type.Integer(),
  issuedToday: Type.Integer(),
  dailyCap: NullableInt,
  longestWaitMinutes: NullableInt,
  estimatedWaitMinutes: NullableInt,
  /** 等候较多: the estimate when it reaches the line's red wait threshold (walls show a calm notice); null otherwise */
  overloadMinutes: Type.Optional(NullableInt),
  openWindows: Type.Integer(),
  ticketing: Type.Boolean({ description: 'whether a ticket can be taken for this line now' }),
});
export type LineView = Static<typeof LineViewSchema>;

export const QueueOverviewSchema = Type.Object(
  {
    hallId: Type.String(),
    day: Type.String(),
    phase: HallPhaseSchema,
    now: IsoTime,
    lines: Type.Array(LineViewSchema),
    windows: Type.Array(WindowViewSchema),
  },
  { $id: 'QueueOverview' },
);
export type QueueOverview = Static<typeof QueueOverviewSchema>;

export const WarningSchema = Type.Object({
  kind: Type.Union([Type.Literal('long-wait'), Type.Literal('long-service'), Type.Literal('idle-window'), Type.Literal('printer')]),
  level: Type.Union([Type.Literal('yellow'), Type.Literal('red')]),
  lineId: Nullable(Type.String()),
  windowNo: Nullable(Type.String()),
  ticketNumber: Nullable(Type.String()),
  minutes: Type.Integer({ description: 'how long the condition has lasted' }),
  thresholdMinutes: Type.Integer(),
  /** kind printer: which printer, and what is wrong (cover open, paper out, jammed, unreachable) */
  printerId: Type.Optional(Type.String()),
  problem: Type.Optional(Type.String()),
});
export type Warning = Static<typeof WarningSchema>;

// ---- window operations -------------------------------------------------------------------------------

export const WindowParamsSchema = Type.Object({ no: Type.String({ minLength: 1, maxLength: 16 }) });
export type WindowParams = Static<typeof WindowParamsSchema>;

const RequestId = Type.Optional(
  Type.String({ minLength: 8, maxLength: 64, description: 'idempotency key: a repeat does nothing more' }),
);

export const WindowLoginBodySchema = Type.Object(
  {
    staffNo: Type.Optional(Type.String({ minLength: 1, maxLength: 32 })),
    absenceReason: Type.Optional(Type.String({ minLength: 1, maxLength: 100, description: 'AB岗: why the A post is away, when the B post takes over' })),
  },
  { additionalProperties: false },
);
export const WindowCallNextBodySchema = Type.Object({ requestId: RequestId }, { additionalProperties: false });
export const WindowCallTicketBodySchema = Type.Object(
  {
    ticketId: Type.Optional(Type.String({ minLength: 1, maxLength: 64 })),
    number: Type.Optional(Type.String({ minLength: 2, maxLength: 16 })),
    requestId: RequestId,
  },
  { additionalProperties: false },
);
export const WindowTransferBodySchema = Type.Object(
  {
    toLineId: Type.Optional(Type.String({ minLength: 1, maxLength: 32 })),
    toWindowNo: Type.Optional(Type.String({ minLength: 1, maxLength: 16 })),
    placement: Type.Optional(Type.Union([Type.Literal('front'), Type.Literal('keep'), Type.Literal('end')])),
  },
  { additionalProperties: false },
);
export const WindowPauseBodySchema = Type.Object(
  { reason: Type.String({ minLength: 1, maxLength: 100 }) },
  { additionalProperties: false },
);
export const WindowResumeTicketBodySchema = Type.Object(
  { ticketId: Type.String({ minLength: 1, maxLength: 64 }) },
  { additionalProperties: false },
);
export const EmptyBodySchema = Type.Object({}, { additionalProperties: false });

export const WindowActionResultSchema = Type.Object(
  {
    window: WindowViewSchema,
    ticket: Type.Union([TicketViewSchema, Type.Null()], { description: 'the ticket the action was about, if any' }),
  },
  { $id: 'WindowActionResult' },
);
export type WindowActionResult = Static<typeof WindowActionResultSchema>;
