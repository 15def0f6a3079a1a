import { Type, type Static } from '@sinclair/typebox';

// format 'date' checks the calendar (no 2026-02-30), which the pattern alone cannot.
const Day = Type.String({ pattern: '^[0-9]{4}-[0-9]{2}-[0-9]{2}$', format: 'date', description: 'YYYY-MM-DD, hall time' });
const Month = Type.String({ pattern: '^[0-9]{4}-(0[1-9]|1[0-2])$', description: 'YYYY-MM, hall time' });
const Minutes = Type.Union([Type.Number(), Type.Null()], { description: 'minutes, one decimal; null when nothing to average' });

/** 好差评 counts by level; `unrated` is 未评价 (never counted as a good rating). */
export const RatingCountsSchema = Type.Object({
  'very-satisfied': Type.Integer(),
  satisfied: Type.Integer(),
  basic: Type.Integer(),
  dissatisfied: Type.Integer(),
  'very-dissatisfied': Type.Integer(),
  unrated: Type.Integer({ description: 'served but not rated (未评价)' }),
});
export type RatingCounts = Static<typeof RatingCountsSchema>;

/** 红黄灯: tickets whose wait or service passed the yellow or the red threshold (red ones are not counted as yellow). */
export const WarningCountsSchema = Type.Object({
  waitYellow: Type.Integer(),
  waitRed: Type.Integer(),
  serviceYellow: Type.Integer(),
  serviceRed: Type.Integer(),
});
export type WarningCounts = Static<typeof WarningCountsSchema>;

/**
 * The figures of one group of tickets. Wait = issued → (last) called; service = started (or called, if never
 * started) → finished, for tickets served (办结).
 */
export const FiguresSchema = Type.Object({
  issued: Type.Integer({ description: 'tickets taken' }),
  called: Type.Integer({ description: 'tickets called at a window (served, no-show or still in hand)' }),
  served: Type.Integer({ description: 'tickets served to the end (办结)' }),
  noShow: Type.Integer({ description: '过号' }),
  cancelled: Type.Integer(),
  unserved: Type.Integer({ description: 'never called: still waiting, or left at day end' }),
  transferred: Type.Integer({ description: 'tickets transferred at least once' }),
  avgWaitMinutes: Minutes,
  maxWaitMinutes: Minutes,
  avgServiceMinutes: Minutes,
  maxServiceMinutes: Minutes,
  ratings: RatingCountsSchema,
  satisfactionRate: Type.Union([Type.Number(), Type.Null()], {
    description: '满意率: (非常满意 + 满意 + 基本满意) / rated, 0–1 with 4 decimals; null when none rated',
  }),
  warnings: WarningCountsSchema,
});
export type Figures = Static<typeof FiguresSchema>;

export const ReportGroupingSchema = Type.Union(
  [Type.Literal('department'), Type.Literal('window'), Type.Literal('staff'), Type.Literal('line')],
  { description: 'what the rows of a table are' },
);
export type ReportGrouping = Static<typeof ReportGroupingSchema>;

export const ReportRowSchema = Type.Object({
  key: Type.String({ description: 'department code, window number, staff number or line id' }),
  name: Type.String(),
  /** a window's or staff member's department, for context */
  department: Type.Union([Type.String(), Type.Null()]),
  figures: FiguresSchema,
});
export type ReportRow = Static<typeof ReportRowSchema>;

export const SeriesPointSchema = Type.Object({
  label: Type.String({ description: 'HH:00 for a daily report, YYYY-MM-DD for a monthly one' }),
  issued: Type.Integer(),
  served: Type.Integer(),
  avgWaitMinutes: Minutes,
  avgServiceMinutes: Minutes,
});
export type SeriesPoint = Static<typeof SeriesPointSchema>;

/**
 * A rate with its sample: `count` of `of`. `enough` is false below the hall's minimum sample (样本不足): the rate
 * is then shown as 样本不足, and the department's score takes the hall's own rate for that measure.
 */
export const SampledRateSchema = Type.Object({
  count: Type.Integer({ minimum: 0 }),
  of: Type.Integer({ minimum: 0 }),
  rate: Type.Union([Type.Number(), Type.Null()], { description: 'count / of, 0–1 with 4 decimals; null when of = 0' }),
  enough: Type.Boolean({ description: 'of ≥ the hall’s minimum sample for this measure' }),
});
export type SampledRate = Static<typeof SampledRateSchema>;

/** The hall's minimum samples (hall config `reports.minimumSample`), below which a figure reads 样本不足. */
export const MinimumSampleSchema = Type.Object({
  served: Type.Integer({ minimum: 1, description: 'tickets served (办结) for a department to be ranked on its window service' }),
  rated: Type.Integer({ minimum: 1, description: '好差评 ratings for a satisfaction rate' }),
  finishedCases: Type.Integer({ minimum: 1, description: 'cases (办件) finished in the period for an on-time rate' }),
  rongque: Type.Integer({ minimum: 1, description: '容缺 acceptances whose supply was due (or came) for a supplied-on-time rate' }),
});
export type MinimumSample = Static<typeof MinimumSampleSchema>;

const Points = Type.Union([Type.Number(), Type.Null()], { description: 'points of the score, one decimal; null when not ranked or the measure does not apply' });

/**
 * The monthly performance ranking of departments (绩效排名 / 绩效评估) that the hall reports to the province: window
 * service from the queue, and — from 办件监督 and 容缺受理 — approvals finished on time and materials supplied on time.
 */
export const RankingRowSchema = Type.Object({
  rank: Type.Union([Type.Integer({ minimum: 1 }), Type.Null()], { description: 'null: 样本不足 (listed below every ranked department)' }),
  key: Type.String(),
  name: Type.String(),
  score: Type.Union([Type.Number(), Type.Null()], {
    description: '0–100, one decimal: the weighted mean of the measures the hall has data for (satisfaction 40, waits 30, service times 30, cases on time 30, 容缺 supplied on time 10); null when not ranked',
  }),
  satisfactionScore: Points,
  waitScore: Points,
  serviceScore: Points,
  onTimeScore: Points,
  rongqueScore: Points,
  served: Type.Integer(),
  avgWaitMinutes: Minutes,
  avgServiceMinutes: Minutes,
  satisfactionRate: Type.Union([Type.Number(), Type.Null()]),
  /** 好差评: good (非常满意 + 满意 + 基本满意) of rated */
  satisfaction: SampledRateSchema,
  badRatings: Type.Integer({ description: '差评: 不满意 + 非常不满意' }),
  redWarnings: Type.Integer(),
  yellowWarnings: Type.Integer(),
  cases: Type.Object({
    /** finished in the period, on time of finished */
    onTime: SampledRateSchema,
    overdueFinished: Type.Integer({ description: 'finished in the period after their time limit' }),
    overdueOpen: Type.Integer({ description: 'still open at the period’s end, past their time limit' }),
  }),
  rongque: Type.Object({
    accepted: Type.Integer({ description: '容缺 acceptances in the period' }),
    /** of those whose supply came or fell due by the period’s end, supplied by the deadline */
    suppliedOnTime: SampledRateSchema,
  }),
});
export type RankingRow = Static<typeof RankingRowSchema>;

export const ReportSchema = Type.Object(
  {
    kind: Type.Union([Type.Literal('daily'), Type.Literal('monthly')]),
    from: Day,
    to: Day,
    hallName: Type.String(),
    /** the hall's time zone: every time in the report's documents is hall time */
    timeZone: Type.String(),
    generatedAt: Type.String({ format: 'date-time' }),
    minimumSample: MinimumSampleSchema,
    totals: FiguresSchema,
    departments: Type.Array(ReportRowSchema),
    windows: Type.Array(ReportRowSchema),
    staff: Type.Array(ReportRowSchema),
    lines: Type.Array(ReportRowSchema),
    series: Type.Object({ unit: Type.Union([Type.Literal('hour'), Type.Literal('day')]), points: Type.Array(SeriesPointSchema) }),
    ranking: Type.Array(RankingRowSchema),
  },
  { $id: 'Report' },
);
export type Report = Static<typeof ReportSchema>;

export const DailyReportQuerySchema = Type.Object(
  { day: Type.Optional(Day) },
  { additionalProperties: false },
);
export const MonthlyReportQuerySchema = Type.Object(
  { month: Type.Optional(Month) },
  { additionalProperties: false },
);
/** The table a CSV download holds: one grouping, the department ranking, or the time series. */
export const ReportTableSchema = Type.Union([ReportGroupingSchema, Type.Literal('ranking'), Type.Literal('series')], {
  default: 'department',
});
export type ReportTable = Static<typeof ReportTableSchema>;
export const DailyCsvQuerySchema = Type.Object({ day: Type.Optional(Day), by: ReportTableSchema }, { additionalProperties: false });
export const MonthlyCsvQuerySchema = Type.Object({ month: Type.Optional(Month), by: ReportTableSchema }, { additionalProperties: false });
