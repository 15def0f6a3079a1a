import { Type, type Static } from '@sinclair/typebox';

const NullableString = Type.Union([Type.String(), Type.Null()]);
const NullableTime = Type.Union([Type.String({ format: 'date-time' }), Type.Null()]);
const Align = Type.Union([Type.Literal('left'), Type.Literal('center'), Type.Literal('right')]);

/**
 * What a receipt printer is asked to print, laid out for its paper: one block per printed line or image. The
 * hub lays pages out (Chinese takes two columns); printers and previews only render blocks.
 */
export const PrintBlockSchema = Type.Union([
  Type.Object({ kind: Type.Literal('logo'), text: Type.String({ description: 'the hall name beside the emblem' }) }),
  Type.Object({
    kind: Type.Literal('raster-text'),
    text: Type.String(),
    size: Type.Integer({ minimum: 12, maximum: 400, description: 'glyph size in printer dots' }),
    align: Align,
  }),
  Type.Object({
    kind: Type.Literal('text'),
    text: Type.String({ description: 'one line that fits the paper: no wrapping happens after layout' }),
    align: Align,
    bold: Type.Boolean(),
    double: Type.Boolean({ description: 'double width and height (half as many columns)' }),
  }),
  Type.Object({ kind: Type.Literal('rule'), style: Type.Union([Type.Literal('single'), Type.Literal('double')]) }),
  Type.Object({
    kind: Type.Literal('qr'),
    data: Type.String({ pattern: '^[\\x20-\\x7e]{1,300}$', description: 'ASCII only: printers count bytes, not characters' }),
    cellSize: Type.Integer({ minimum: 1, maximum: 8 }),
  }),
  Type.Object({ kind: Type.Literal('feed'), lines: Type.Integer({ minimum: 1, maximum: 10 }) }),
  Type.Object({ kind: Type.Literal('cut') }),
]);
export type PrintBlock = Static<typeof PrintBlockSchema>;

export const PrintJobKindSchema = Type.Union([Type.Literal('ticket'), Type.Literal('guide'), Type.Literal('rongque-notice')]);
export type PrintJobKind = Static<typeof PrintJobKindSchema>;

/**
 * queued: waiting for its printer; sending: on its way, not yet confirmed by the printer; done: the printer
 * confirmed it has every byte; failed: it cannot be printed (or a notice sheet was cut off: offered again, not
 * forced); expired: too old to be of use.
 */
export const PrintJobStatusSchema = Type.Union([
  Type.Literal('queued'),
  Type.Literal('sending'),
  Type.Literal('done'),
  Type.Literal('failed'),
  Type.Literal('expired'),
]);
export type PrintJobStatus = Static<typeof PrintJobStatusSchema>;

const PrinterId = Type.String({ minLength: 1, maxLength: 32, pattern: '^[A-Za-z0-9_.-]+$' });
const RequestId = Type.String({ minLength: 8, maxLength: 64, description: 'idempotency key: a retry with the same key gets the same job' });

export const PrintTicketBodySchema = Type.Object(
  {
    ticketId: Type.String({ minLength: 1, maxLength: 64 }),
    printerId: Type.Optional(PrinterId),
    requestId: Type.Optional(RequestId),
  },
  { additionalProperties: false, description: 'a kiosk prints on its own printer; staff and managers name the printer' },
);
export type PrintTicketBody = Static<typeof PrintTicketBodySchema>;

export const PrintGuideBodySchema = Type.Object(
  {
    serviceId: Type.String({ minLength: 1, maxLength: 120 }),
    printerId: Type.Optional(PrinterId),
    requestId: Type.Optional(RequestId),
  },
  { additionalProperties: false, description: 'the guide printed as a one-time notice sheet (一次性告知单)' },
);
export type PrintGuideBody = Static<typeof PrintGuideBodySchema>;

export const PrintAcceptedSchema = Type.Object(
  { jobId: Type.String(), printerId: Type.String(), status: PrintJobStatusSchema },
  { $id: 'PrintAccepted' },
);
export type PrintAccepted = Static<typeof PrintAcceptedSchema>;

export const PrintJobViewSchema = Type.Object(
  {
    jobId: Type.String(),
    printerId: Type.String(),
    kind: PrintJobKindSchema,
    status: PrintJobStatusSchema,
    createdAt: Type.String({ format: 'date-time' }),
    attempts: Type.Integer({ description: 'sends that did not complete' }),
    lastError: NullableString,
    doneAt: NullableTime,
    interrupted: Type.Boolean({ description: 'a send broke after job bytes went out: a ticket is sent again marked 补打; a notice sheet is offered again' }),
  },
  { $id: 'PrintJobView' },
);
export type PrintJobView = Static<typeof PrintJobViewSchema>;

export const PrinterViewSchema = Type.Object(
  {
    id: Type.String(),
    name: Type.String(),
    kind: Type.Union([Type.Literal('escpos-tcp'), Type.Literal('bridge'), Type.Literal('virtual')]),
    online: Type.Union([Type.Boolean(), Type.Null()], { description: 'null until the hub has tried it' }),
    paperOut: Type.Union([Type.Boolean(), Type.Null()], { description: 'null when the printer does not answer DLE EOT' }),
    paperNearEnd: Type.Union([Type.Boolean(), Type.Null()], { description: 'DLE EOT 4: the roll is nearly used up' }),
    coverOpen: Type.Union([Type.Boolean(), Type.Null()], { description: 'DLE EOT 2' }),
    responding: Type.Union([Type.Boolean(), Type.Null()], {
      description: 'false: it answered status queries before and has stopped (a jam), or has not confirmed the job being sent',
    }),
    problem: NullableString,
    problemSince: Type.Union([Type.String({ format: 'date-time' }), Type.Null()], { description: 'since when it cannot print' }),
    queued: Type.Integer(),
    lastError: NullableString,
    checkedAt: NullableTime,
    lastPrintedAt: NullableTime,
  },
  { $id: 'PrinterView' },
);
export type PrinterView = Static<typeof PrinterViewSchema>;
