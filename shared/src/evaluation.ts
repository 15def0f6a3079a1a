import { Type, type Static } from '@sinclair/typebox';
import { SatisfactionSchema } from './devices.js';

/**
 * 好差评 — what visitors, window screens and the managers' console exchange with the hub about evaluations.
 * One internal level enum (SatisfactionSchema); the province's numeric codes are mapped only at the uplink.
 */

/** Where a rating came from: the window's evaluator, the window screen, a tablet at the window, the ticket's QR, a phone. */
export const RatingChannelSchema = Type.Union([
  Type.Literal('evaluator'),
  Type.Literal('window-screen'),
  Type.Literal('tablet'),
  Type.Literal('qr'),
  Type.Literal('mobile'),
]);
export type RatingChannel = Static<typeof RatingChannelSchema>;

const Reason = Type.String({ minLength: 1, maxLength: 32, pattern: '^[a-z0-9-]+$', description: 'a 差评 reason code from GET /api/evaluations/reasons' });
const IsoTime = Type.String({ format: 'date-time' });
const NullableTime = Type.Union([IsoTime, Type.Null()]);
const NullableString = Type.Union([Type.String(), Type.Null()]);

/** A visitor's rating: five levels; for 差评 (the last two) reasons and free text. */
export const RateBodySchema = Type.Object(
  {
    level: SatisfactionSchema,
    reasons: Type.Optional(Type.Array(Reason, { maxItems: 8, uniqueItems: true })),
    comment: Type.Optional(Type.String({ minLength: 1, maxLength: 500, description: '文字评价' })),
    requestId: Type.Optional(Type.String({ minLength: 8, maxLength: 64, description: 'makes a retried request apply once' })),
  },
  { additionalProperties: false },
);
export type RateBody = Static<typeof RateBodySchema>;

/** A rating from the window screen or a tablet at the window: the ticket just served there, or a named one. */
export const WindowRateBodySchema = Type.Object(
  {
    level: SatisfactionSchema,
    reasons: Type.Optional(Type.Array(Reason, { maxItems: 8, uniqueItems: true })),
    comment: Type.Optional(Type.String({ minLength: 1, maxLength: 500 })),
    ticketId: Type.Optional(Type.String({ minLength: 1, maxLength: 64 })),
    via: Type.Optional(Type.Union([Type.Literal('window-screen'), Type.Literal('tablet')], { default: 'window-screen' })),
    requestId: Type.Optional(Type.String({ minLength: 8, maxLength: 64 })),
  },
  { additionalProperties: false },
);
export type WindowRateBody = Static<typeof WindowRateBodySchema>;

export const BadReasonSchema = Type.Object({ code: Type.String(), name: Type.String(), nameEn: Type.String() });
export type BadReason = Static<typeof BadReasonSchema>;

export const EvaluationViewSchema = Type.Object({
  ticketNumber: Type.String(),
  day: Type.String(),
  windowNo: Type.String(),
  staffNo: NullableString,
  dept: NullableString,
  level: SatisfactionSchema,
  bad: Type.Boolean({ description: '差评: 不满意 or 非常不满意' }),
  channel: RatingChannelSchema,
  active: Type.Boolean({ description: 'given by the visitor (主动评价); false only for imported default ratings' }),
  reasons: Type.Array(Type.String()),
  comment: NullableString,
  servedAt: IsoTime,
  ratedAt: IsoTime,
});
export type EvaluationView = Static<typeof EvaluationViewSchema>;

/** What the phone page behind a ticket's QR needs: may this ticket still be rated, and until when. */
export const TicketEvaluationStatusSchema = Type.Object({
  ticketNumber: Type.String(),
  state: Type.Union([Type.Literal('not-served'), Type.Literal('open'), Type.Literal('rated'), Type.Literal('unrated')], {
    description: 'not-served: not finished yet; open: may be rated; rated: done (一次一评); unrated: the time to rate has passed (未评价)',
  }),
  deadline: NullableTime,
  evaluation: Type.Union([EvaluationViewSchema, Type.Null()]),
  reasons: Type.Array(BadReasonSchema),
});
export type TicketEvaluationStatus = Static<typeof TicketEvaluationStatusSchema>;

export const FigureGroupingSchema = Type.Union(
  [Type.Literal('window'), Type.Literal('staff'), Type.Literal('dept'), Type.Literal('day'), Type.Literal('month'), Type.Literal('hall')],
  { description: 'what the figures are grouped by' },
);
export type FigureGrouping = Static<typeof FigureGroupingSchema>;

const Rate = Type.Union([Type.Number({ minimum: 0, maximum: 1 }), Type.Null()], { description: 'a fraction 0–1; null when the denominator is 0' });

export const EvaluationFiguresRowSchema = Type.Object({
  key: Type.String({ description: 'window number, staff number, department code, YYYY-MM-DD, YYYY-MM, or "hall"' }),
  served: Type.Integer({ description: 'services finished (办结) in the period' }),
  rated: Type.Integer(),
  active: Type.Integer({ description: '主动评价: ratings given by the visitor' }),
  good: Type.Integer({ description: '好评: 非常满意, 满意, 基本满意' }),
  activeGood: Type.Integer(),
  bad: Type.Integer({ description: '差评: 不满意, 非常不满意' }),
  unrated: Type.Integer({ description: '未评价: the time to rate passed without a rating (never counted as good)' }),
  pending: Type.Integer({ description: 'served, not rated, and still within the time to rate' }),
  levels: Type.Record(Type.String(), Type.Integer()),
  goodRate: Rate,
  activeGoodRate: Rate,
  unratedRate: Rate,
});
export type EvaluationFiguresRow = Static<typeof EvaluationFiguresRowSchema>;

export const EvaluationFiguresSchema = Type.Object({
  by: FigureGroupingSchema,
  from: Type.String(),
  to: Type.String(),
  definitions: Type.Object({
    goodRate: Type.String(),
    activeGoodRate: Type.String(),
    unratedRate: Type.String(),
  }),
  rows: Type.Array(EvaluationFiguresRowSchema),
  total: EvaluationFiguresRowSchema,
});
export type EvaluationFigures = Static<typeof EvaluationFiguresSchema>;

export const FollowUpStatusSchema = Type.Union(
  [Type.Literal('open'), Type.Literal('verified'), Type.Literal('rectified'), Type.Literal('closed')],
  { description: 'open → verified (核实) → rectified (整改) → closed (回复); an unfounded rating goes verified → closed' },
);
export type FollowUpStatus = Static<typeof FollowUpStatusSchema>;

export const FollowUpViewSchema = Type.Object({
  ticketNumber: Type.String(),
  day: Type.String(),
  windowNo: Type.String(),
  staffNo: NullableString,
  level: SatisfactionSchema,
  reasons: Type.Array(Type.String()),
  comment: NullableString,
  status: FollowUpStatusSchema,
  finding: Type.Union([Type.Literal('confirmed'), Type.Literal('unfounded'), Type.Null()]),
  openedAt: IsoTime,
  verifyDue: IsoTime,
  rectifyDue: IsoTime,
  replyDue: IsoTime,
  /** the deadline of the step the follow-up waits for now (null once closed) */
  due: NullableTime,
  overdue: Type.Boolean(),
  dueSoon: Type.Boolean({ description: 'within the warning period before its deadline' }),
  history: Type.Array(
    Type.Object({ step: Type.String(), at: IsoTime, by: Type.String(), note: Type.String() }),
  ),
  /** a key for the follow-up routes (the ticket id is the visitor's QR secret and never leaves the hub's staff side) */
  id: Type.String(),
});
export type FollowUpView = Static<typeof FollowUpViewSchema>;

export const VerifyBodySchema = Type.Object(
  { finding: Type.Union([Type.Literal('confirmed'), Type.Literal('unfounded')]), note: Type.String({ minLength: 1, maxLength: 1000 }) },
  { additionalProperties: false },
);
export const NoteBodySchema = Type.Object({ note: Type.String({ minLength: 1, maxLength: 1000 }) }, { additionalProperties: false });
