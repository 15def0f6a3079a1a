import { Type, type Static } from '@sinclair/typebox';
import './date-time-format.js';

/*
 * 容缺受理 at the window: staff accept an application with named materials missing (only those the guide marks
 * 容缺), the applicant brings them by a deadline in working days of the hall calendar, and only an applicant the
 * province's credit lists do not blacklist (失信黑名单) may be accepted this way.
 *
 * The credit lists (守信红榜 / 失信黑名单) come down from the province as a signed feed,
 * `GET {url}/credit/v1/lists?hallId=…`, answered whole. An entry names its subject — a resident ID number or an
 * organisation's unified social credit code (统一社会信用代码) — only by a keyed hash, so neither side's files hold
 * the numbers in the clear. Both sides must compute the same hash, so it cannot use the hub's own ID-number key
 * (derived from the hall secret, which the province never sees); it uses a key derived for this purpose from the
 * key the hall and the province already share for signing (see {@link CREDIT_SUBJECT_KEY_INFO}):
 *
 *   key     = HKDF-SHA256(ikm = shared signing key, salt = "hall-province", info = "credit-subject-mac", 32 bytes)
 *   subject = base64url(HMAC-SHA256(key, number.trim().toUpperCase()))
 *
 * The normalisation is the one the hub applies to ID numbers before its own HMAC (trim, upper-case X).
 */

export const CREDIT_SUBJECT_KEY_SALT = 'hall-province';
export const CREDIT_SUBJECT_KEY_INFO = 'credit-subject-mac';

/** The number whose hash names a credit subject: as the hub normalises ID numbers before hashing them. */
export const normalizeCreditSubject = (number: string): string => number.trim().toUpperCase();

export const CreditListSchema = Type.Union([Type.Literal('red'), Type.Literal('black')], { description: '守信红榜 / 失信黑名单' });
export type CreditList = Static<typeof CreditListSchema>;

export const CreditEntrySchema = Type.Object(
  {
    /** base64url HMAC-SHA256 of the normalised number (43 characters) */
    subject: Type.String({ pattern: '^[A-Za-z0-9_-]{43}$' }),
    list: CreditListSchema,
    /** why the subject is listed (the reason a blacklisted applicant is told) */
    reason: Type.String({ minLength: 1, maxLength: 200 }),
    listedAt: Type.String({ format: 'date-time' }),
    /** the end of the listing (信用修复 or the term's end); null while open-ended */
    until: Type.Union([Type.String({ format: 'date-time' }), Type.Null()]),
  },
  { additionalProperties: false },
);
export type CreditEntry = Static<typeof CreditEntrySchema>;

export const CreditListsSchema = Type.Object(
  {
    generatedAt: Type.String({ format: 'date-time' }),
    entries: Type.Array(CreditEntrySchema, { maxItems: 200_000 }),
  },
  { additionalProperties: false },
);
export type CreditLists = Static<typeof CreditListsSchema>;

export const creditListsPath = (hallId: string) => `/credit/v1/lists?${new URLSearchParams({ hallId }).toString()}`;

/** What the credit check found for one applicant; `none` is neither list (容缺 allowed by the usual rules). */
export const CreditStandingSchema = Type.Object({
  list: Type.Union([CreditListSchema, Type.Literal('none')]),
  reason: Type.Union([Type.String(), Type.Null()]),
});
export type CreditStanding = Static<typeof CreditStandingSchema>;

/** Staff at their window accept the application they have in hand with materials missing. */
export const RongqueBodySchema = Type.Object(
  {
    ticketNo: Type.String({ minLength: 1, maxLength: 16 }),
    serviceId: Type.String({ minLength: 1, maxLength: 120, description: 'the business type (its guide names the 容缺 materials)' }),
    applicant: Type.Union([
      Type.Object(
        {
          kind: Type.Literal('person'),
          idNumber: Type.String({ pattern: '^[0-9]{17}[0-9Xx]$' }),
          name: Type.String({ minLength: 1, maxLength: 50 }),
        },
        { additionalProperties: false },
      ),
      Type.Object(
        {
          kind: Type.Literal('organisation'),
          creditCode: Type.String({ pattern: '^[0-9A-HJ-NPQRTUWXY]{2}[0-9]{6}[0-9A-HJ-NPQRTUWXY]{10}$', description: '统一社会信用代码' }),
          name: Type.String({ minLength: 1, maxLength: 100 }),
        },
        { additionalProperties: false },
      ),
    ]),
    missing: Type.Array(Type.String({ minLength: 1, maxLength: 200 }), { minItems: 1, maxItems: 20, uniqueItems: true }),
    supplyWorkingDays: Type.Integer({ minimum: 1, maximum: 30 }),
    phone: Type.Optional(Type.String({ pattern: '^1[3-9][0-9]{9}$' })),
    smsConsent: Type.Optional(Type.Boolean()),
    /** the window's printer for the 容缺受理通知书; none: nothing printed */
    printerId: Type.Optional(Type.String({ minLength: 1, maxLength: 64 })),
  },
  { additionalProperties: false },
);
export type RongqueBody = Static<typeof RongqueBodySchema>;

/** The record as it goes upstream and to the console: nothing personal beyond the masked applicant. */
export const RongqueRecordSchema = Type.Object(
  {
    id: Type.String(),
    ticketNo: Type.String(),
    windowNo: Type.String(),
    staffId: Type.String(),
    serviceId: Type.String(),
    serviceName: Type.String(),
    departmentName: Type.String(),
    applicantKind: Type.Union([Type.Literal('person'), Type.Literal('organisation')]),
    /** 王*华 for persons; an organisation's name in full */
    applicant: Type.String(),
    missing: Type.Array(Type.String()),
    acceptedAt: Type.String({ format: 'date-time' }),
    supplyWorkingDays: Type.Integer(),
    supplyDeadline: Type.String({ format: 'date-time' }),
    credit: Type.Union([Type.Literal('red'), Type.Literal('none')]),
    suppliedAt: Type.Union([Type.String({ format: 'date-time' }), Type.Null()]),
  },
  { additionalProperties: false },
);
export type RongqueRecord = Static<typeof RongqueRecordSchema>;

/** The window's answer: the record, the deadline's hall day, whether an SMS reminder was queued. */
export const RongqueAcceptedSchema = Type.Object({
  record: RongqueRecordSchema,
  deadlineDay: Type.String({ pattern: '^[0-9]{4}-[0-9]{2}-[0-9]{2}$' }),
  sms: Type.Boolean(),
  /** the 容缺受理通知书's print job, when a printer was named */
  printJobId: Type.Union([Type.String(), Type.Null()]),
});
export type RongqueAccepted = Static<typeof RongqueAcceptedSchema>;

/** The console's view: open 容缺 cases, overdue supplies first counted apart. */
export const RongqueOpenCaseSchema = Type.Composite([
  RongqueRecordSchema,
  Type.Object({ state: Type.Union([Type.Literal('open'), Type.Literal('overdue')]), deadlineDay: Type.String({ pattern: '^[0-9]{4}-[0-9]{2}-[0-9]{2}$' }) }),
]);
export const RongqueViewSchema = Type.Object({
  at: Type.String({ format: 'date-time' }),
  open: Type.Integer(),
  overdue: Type.Integer(),
  cases: Type.Array(RongqueOpenCaseSchema),
  credit: Type.Object({ entries: Type.Integer(), fetchedAt: Type.Union([Type.String(), Type.Null()]), lastError: Type.Union([Type.String(), Type.Null()]) }),
});
export type RongqueView = Static<typeof RongqueViewSchema>;

/**
 * What the caller needs to offer 容缺受理 at one window: the ticket in hand, the business types served there whose
 * guides mark materials 容缺 (only those materials), the policy's supply deadline, the window's printer for the
 * 通知书, and whether SMS reminders and the credit lists are there at all.
 */
export const RongqueDeskViewSchema = Type.Object({
  windowNo: Type.String(),
  ticketNo: Type.Union([Type.String(), Type.Null()]),
  services: Type.Array(
    Type.Object({
      id: Type.String(),
      name: Type.String(),
      deptName: Type.String(),
      /** the materials the guide marks 必要但可容缺, in the guide's order */
      materials: Type.Array(Type.String()),
    }),
  ),
  supplyWorkingDays: Type.Integer({ minimum: 1, maximum: 30, description: 'the default supply deadline (policy)' }),
  printerId: Type.Union([Type.String(), Type.Null()], { description: 'the window’s printer, where the 容缺受理通知书 prints' }),
  sms: Type.Boolean({ description: 'whether SMS reminders can be sent (the notices stream is on)' }),
  credit: Type.Boolean({ description: 'whether the province’s credit lists are in hand (without them 容缺 is refused)' }),
});
export type RongqueDeskView = Static<typeof RongqueDeskViewSchema>;
