import { Type, type Static } from '@sinclair/typebox';
import { BilingualTextSchema } from './i18n-text.js';
import { TicketStatusSchema } from './queue.js';

/**
 * What the visitor's phone page shows of its own ticket — and nothing about anybody else. The page knows its
 * ticket only by the ticket's token (the unguessable id printed in the QR code).
 */
export const MobileTicketViewSchema = Type.Object(
  {
    number: Type.String(),
    day: Type.String({ description: 'the business day; the token is good for this day only' }),
    lineName: Type.String(),
    lineNameEn: Type.Union([Type.String(), Type.Null()]),
    status: TicketStatusSchema,
    peopleAhead: Type.Union([Type.Integer(), Type.Null()]),
    estimatedWaitMinutes: Type.Union([Type.Integer(), Type.Null()]),
    windowNo: Type.Union([Type.String(), Type.Null()], { description: 'where to go, once called' }),
    windowName: Type.Union([Type.String(), Type.Null()]),
    calledAt: Type.Union([Type.String({ format: 'date-time' }), Type.Null()]),
    recallCount: Type.Integer(),
    stepOutsLeft: Type.Integer({ description: 'times the visitor may still step out (ask for more time)' }),
    steppedOut: Type.Integer({ description: 'times the visitor has stepped out' }),
    servingWindows: Type.Array(Type.String()),
    hallName: Type.String(),
    /** what to do after missing the call, made from the hall's no-show policy */
    noShow: BilingualTextSchema,
  },
  { $id: 'MobileTicketView' },
);
export type MobileTicketView = Static<typeof MobileTicketViewSchema>;

/** The header the phone page sends its token in (kept out of URLs, and so out of access logs and histories). */
export const TICKET_TOKEN_HEADER = 'x-ticket-token';
