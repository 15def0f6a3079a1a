import { Type, type Static } from '@sinclair/typebox';

/** 弹性窗口: one line a window serves, and its order (lower orders are called first; equal orders share). */
export const ServedLineSchema = Type.Object(
  {
    line: Type.String({ minLength: 1, maxLength: 64 }),
    order: Type.Integer({ minimum: 1, maximum: 9 }),
  },
  { additionalProperties: false },
);
export type ServedLine = Static<typeof ServedLineSchema>;

/** The lines a window serves from its next call on. */
export const WindowLinesBodySchema = Type.Object(
  {
    lines: Type.Array(ServedLineSchema, { minItems: 1, maxItems: 20 }),
    requestId: Type.Optional(Type.String({ minLength: 8, maxLength: 64, description: 'idempotency key: a repeat does nothing more' })),
  },
  { additionalProperties: false },
);
export type WindowLinesBody = Static<typeof WindowLinesBodySchema>;

/**
 * A move the console proposes while a line is red: an idle window whose department or staff skills allow the
 * line takes it on. Applying it is one AssignWindowLines with `lines`.
 */
export const LineMoveSchema = Type.Object(
  {
    lineId: Type.String(),
    lineName: Type.String(),
    windowNo: Type.String(),
    windowName: Type.String(),
    staffNo: Type.Union([Type.String(), Type.Null()]),
    staffName: Type.Union([Type.String(), Type.Null()]),
    because: Type.Union([Type.Literal('department'), Type.Literal('skill')], {
      description: 'the window’s or staff member’s department serves the line, or the staff member lists it as a skill',
    }),
    idleMinutes: Type.Integer({ minimum: 0 }),
    lines: Type.Array(ServedLineSchema, { description: 'the window’s lines after the move' }),
  },
  { $id: 'LineMove' },
);
export type LineMove = Static<typeof LineMoveSchema>;
