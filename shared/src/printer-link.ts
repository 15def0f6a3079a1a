import { Type, type Static } from '@sinclair/typebox';
import { PaperStateSchema, PrinterStatusSchema } from './escpos-status.js';

/**
 * A kiosk's own receipt printer (USB or serial, inside the kiosk) is driven by the firmware bridge on the kiosk PC.
 * The hub's print queue sends it a job as ESC/POS bytes on the printer device's `set` topic; the bridge writes it,
 * asks the printer for its status after it, and reports the outcome on `event`; what the printer says of itself
 * (paper, cover) is its retained `state`. Same confirmation rule as a network printer: done only once the printer
 * answered a status query sent after the job's last byte.
 */
const JobId = Type.String({ minLength: 1, maxLength: 64 });

export const PrintCommandSchema = Type.Object(
  {
    command: Type.Literal('print'),
    jobId: JobId,
    data: Type.String({ minLength: 4, maxLength: 2_000_000, pattern: '^[A-Za-z0-9+/]+={0,2}$', description: 'the ESC/POS bytes, base64' }),
  },
  { additionalProperties: false },
);
export type PrintCommand = Static<typeof PrintCommandSchema>;

export const PrinterReportSchema = Type.Union([
  Type.Object(
    {
      event: Type.Literal('print-result'),
      jobId: JobId,
      ok: Type.Boolean(),
      /** the link broke after job bytes went out: part of it may be on paper */
      partial: Type.Boolean(),
      error: Type.Union([Type.String({ maxLength: 300 }), Type.Null()]),
      status: PrinterStatusSchema,
      answered: Type.Boolean(),
    },
    { additionalProperties: false },
  ),
  Type.Object(
    { event: Type.Literal('print-unconfirmed'), jobId: JobId, error: Type.String({ maxLength: 300 }) },
    { additionalProperties: false },
  ),
]);
export type PrinterReport = Static<typeof PrinterReportSchema>;

/** The printer's retained state: flat, as every device state is (DeviceStateSchema). */
export const PrinterStateSchema = Type.Object(
  {
    portOpen: Type.Boolean({ description: 'the bridge has the device file open' }),
    answered: Type.Boolean({ description: 'the printer answered the last status query' }),
    offline: Type.Union([Type.Boolean(), Type.Null()]),
    coverOpen: Type.Union([Type.Boolean(), Type.Null()]),
    error: Type.Union([Type.Boolean(), Type.Null()]),
    paper: PaperStateSchema,
    problem: Type.Union([Type.String({ maxLength: 200 }), Type.Null()]),
  },
  { additionalProperties: false },
);
export type PrinterState = Static<typeof PrinterStateSchema>;
