import { Type, type Static } from '@sinclair/typebox';

export const DeviceTypeSchema = Type.Union([
  Type.Literal('keypad'),
  Type.Literal('evaluator'),
  Type.Literal('led-strip'),
  Type.Literal('id-reader'),
  Type.Literal('printer'),
  Type.Literal('hall-wall'),
  Type.Literal('zone-wall'),
  Type.Literal('window-screen'),
  Type.Literal('kiosk'),
]);
export type DeviceType = Static<typeof DeviceTypeSchema>;

/** Devices that are screens or kiosks connect over socket.io; the rest over MQTT (directly or through a bridge). */
export const SOCKET_DEVICE_TYPES: readonly DeviceType[] = ['hall-wall', 'zone-wall', 'window-screen', 'kiosk'];

/** Retained availability and bridge state payloads are plain text, as Tasmota and Homie do. */
export const AvailabilitySchema = Type.Union([Type.Literal('online'), Type.Literal('offline')]);
export type Availability = Static<typeof AvailabilitySchema>;

const Transaction = Type.Optional(Type.String({ minLength: 1, maxLength: 64, description: 'echoed in the response; a repeat is applied once' }));
/**
 * The last instant (epoch ms, on the hub's clock as the bridge estimates it) at which the hub may apply the
 * request: after it the device has been told "no answer", and a late press must not call a visitor nobody expects.
 */
const Deadline = Type.Optional(Type.Integer({ minimum: 0, description: 'hub clock, epoch ms: refused as request_expired after it' }));

// ---- requests from keypads (呼叫器) -------------------------------------------------------------------

export const KeypadOps = [
  'login',
  'logout',
  'call-next',
  'call',
  'recall',
  'start',
  'finish',
  'no-show',
  'transfer',
  'suspend',
  'pause',
  'resume',
  'resume-ticket',
] as const;
export type KeypadOp = (typeof KeypadOps)[number];

export const KeypadRequestSchemas = {
  login: Type.Object({ transaction: Transaction, deadline: Deadline, staffNo: Type.String({ minLength: 1, maxLength: 32 }) }, { additionalProperties: false }),
  logout: Type.Object({ transaction: Transaction, deadline: Deadline }, { additionalProperties: false }),
  'call-next': Type.Object({ transaction: Transaction, deadline: Deadline }, { additionalProperties: false }),
  call: Type.Object({ transaction: Transaction, deadline: Deadline, number: Type.String({ pattern: '^[A-Z]{1,3}[0-9]{3}$' }) }, { additionalProperties: false }),
  recall: Type.Object({ transaction: Transaction, deadline: Deadline }, { additionalProperties: false }),
  start: Type.Object({ transaction: Transaction, deadline: Deadline }, { additionalProperties: false }),
  finish: Type.Object({ transaction: Transaction, deadline: Deadline }, { additionalProperties: false }),
  'no-show': Type.Object({ transaction: Transaction, deadline: Deadline }, { additionalProperties: false }),
  transfer: Type.Object(
    {
      transaction: Transaction,
      deadline: Deadline,
      toWindowNo: Type.Optional(Type.String({ minLength: 1, maxLength: 16 })),
      toLineId: Type.Optional(Type.String({ minLength: 1, maxLength: 32 })),
    },
    { additionalProperties: false },
  ),
  suspend: Type.Object({ transaction: Transaction, deadline: Deadline }, { additionalProperties: false }),
  pause: Type.Object({ transaction: Transaction, deadline: Deadline, reason: Type.Optional(Type.String({ minLength: 1, maxLength: 100 })) }, { additionalProperties: false }),
  resume: Type.Object({ transaction: Transaction, deadline: Deadline }, { additionalProperties: false }),
  /** takes a ticket suspended at this window back into hand; without a number, the one suspended last */
  'resume-ticket': Type.Object({ transaction: Transaction, deadline: Deadline, number: Type.Optional(Type.String({ pattern: '^[A-Z]{1,3}[0-9]{3}$' })) }, { additionalProperties: false }),
} satisfies Record<KeypadOp, ReturnType<typeof Type.Object>>;

/** What a keypad's small display shows after any operation. */
export const KeypadReplySchema = Type.Object({
  windowNo: Type.String(),
  windowStatus: Type.String(),
  staffNo: Type.Union([Type.String(), Type.Null()]),
  ticket: Type.Union([Type.String(), Type.Null()], { description: 'the ticket in hand, e.g. A001' }),
  waiting: Type.Integer({ description: 'visitors waiting that this window could call' }),
  suspended: Type.Optional(Type.Array(Type.String(), { description: 'tickets suspended at this window (挂起), oldest first' })),
});
export type KeypadReply = Static<typeof KeypadReplySchema>;

// ---- evaluators (评价器) ---------------------------------------------------------------------------------

/** The five levels of 好差评, as one internal enum; provinces' numeric codes are mapped at the edges. */
export const SatisfactionSchema = Type.Union([
  Type.Literal('very-satisfied'),
  Type.Literal('satisfied'),
  Type.Literal('basic'),
  Type.Literal('dissatisfied'),
  Type.Literal('very-dissatisfied'),
]);
export type Satisfaction = Static<typeof SatisfactionSchema>;

const Score = Type.Integer({ minimum: 1, maximum: 5 });
export const RateRequestSchema = Type.Object(
  {
    transaction: Transaction,
    deadline: Deadline,
    /**
     * The ticket the evaluator was last prompted for (the bridge adds it): a rating given after the next
     * visitor was called still goes to the visitor it was asked of. Without it, the window's last finished ticket.
     */
    ticket: Type.Optional(Type.String({ pattern: '^[A-Z]{1,3}[0-9]{3}$' })),
    level: SatisfactionSchema,
    dimensions: Type.Optional(
      Type.Object(
        { attitude: Type.Optional(Score), quality: Type.Optional(Score), efficiency: Type.Optional(Score), integrity: Type.Optional(Score) },
        { additionalProperties: false },
      ),
    ),
  },
  { additionalProperties: false },
);
export type RateRequest = Static<typeof RateRequestSchema>;

// ---- other device payloads ------------------------------------------------------------------------------

/** An ID-card read: sensitive — the hub masks it everywhere and keeps it only encrypted. */
export const IdCardEventSchema = Type.Object(
  {
    type: Type.Literal('id-card'),
    name: Type.String({ minLength: 1, maxLength: 64 }),
    idNumber: Type.String({ pattern: '^[0-9]{17}[0-9Xx]$' }),
  },
  { additionalProperties: false },
);

/** A device's retained state: free-form facts about itself (firmware, brightness, paper …). */
export const DeviceStateSchema = Type.Record(Type.String({ maxLength: 64 }), Type.Union([Type.String({ maxLength: 200 }), Type.Number(), Type.Boolean(), Type.Null()]), {
  maxProperties: 32,
});

/** Commands the hub sends to a device's `set` topic. */
export const DeviceCommandSchema = Type.Union([
  Type.Object({
    command: Type.Literal('show-call'),
    text: Type.String(),
    ticket: Type.String(),
    windowNo: Type.String(),
    recall: Type.Boolean(),
    seq: Type.Integer(),
  }),
  Type.Object({ command: Type.Literal('show-text'), text: Type.String() }),
  Type.Object({ command: Type.Literal('clear') }),
  Type.Object({ command: Type.Literal('prompt-rating'), ticket: Type.String(), windowNo: Type.String() }),
  // LED strip controllers: a 1-bit frame rendered by the hub (row-major, MSB first, rows padded to whole
  // bytes; width a multiple of 8), written to a RAM area — never flash, which wears out.
  Type.Object({
    command: Type.Literal('show-bitmap'),
    width: Type.Integer({ minimum: 8, maximum: 512, multipleOf: 8 }),
    height: Type.Integer({ minimum: 8, maximum: 128 }),
    bitmap: Type.String({ description: 'base64 of width/8 × height bytes' }),
    area: Type.Optional(Type.Integer({ minimum: 0, maximum: 7 })),
  }),
  Type.Object({ command: Type.Literal('brightness'), level: Type.Integer({ minimum: 0, maximum: 100 }) }),
  Type.Object({ command: Type.Literal('power'), on: Type.Boolean() }),
]);
export type DeviceCommand = Static<typeof DeviceCommandSchema>;

/** A device a bridge is configured with that the hall configuration does not put behind it: refused alone. */
export const RefusedDeviceSchema = Type.Object({ bridgeId: Type.String(), id: Type.String(), reason: Type.String() }, { $id: 'RefusedDevice' });
export type RefusedDevice = Static<typeof RefusedDeviceSchema>;

/** The one envelope of every response (zigbee2mqtt style). */
export const ResponseEnvelopeSchema = Type.Union([
  Type.Object({ status: Type.Literal('ok'), data: Type.Unknown(), transaction: Type.Optional(Type.String()) }),
  Type.Object({
    status: Type.Literal('error'),
    error: Type.Object({ code: Type.String(), message: Type.String(), messageEn: Type.String() }),
    transaction: Type.Optional(Type.String()),
  }),
]);
export type ResponseEnvelope = Static<typeof ResponseEnvelopeSchema>;

export const DeviceViewSchema = Type.Object(
  {
    id: Type.String(),
    type: DeviceTypeSchema,
    name: Type.String(),
    windowNo: Type.Union([Type.String(), Type.Null()]),
    zone: Type.Union([Type.String(), Type.Null()]),
    bridge: Type.Union([Type.String(), Type.Null()]),
    online: Type.Boolean({ description: 'combined: the bridge is online and so is the device' }),
    since: Type.Union([Type.String({ format: 'date-time' }), Type.Null()]),
    lastSeen: Type.Union([Type.String({ format: 'date-time' }), Type.Null()]),
    version: Type.Union([Type.String(), Type.Null()]),
    showing: Type.Union([Type.String(), Type.Null()]),
    audio: Type.Union([Type.String(), Type.Null()]),
  },
  { $id: 'DeviceView' },
);
export type DeviceView = Static<typeof DeviceViewSchema>;
