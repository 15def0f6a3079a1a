import type { RateRequest, Satisfaction } from '@hall/shared/devices';
import { DecodeError, PayloadWriter, decodeWith, type Decoded } from '../../protocol/fields.js';
import type { Message } from '../../protocol/frame.js';
import { MessageType } from '../../protocol/message-types.js';
import { readReplyError, readReplyStatus, writeReplyError, type ReplyError } from '../common/reply.js';

/**
 * Satisfaction evaluator (评价器). Uplink RATE (0x20): seq, level, four dimension scores. Downlink RATE_REPLY
 * (0xA0) and PROMPT (0xA1, "请对本次服务进行评价" with the ticket and window). PROTOCOL.md §4.
 *
 * Levels use GB/T 39046's coding, 1 = 非常满意 … 5 = 非常不满意 (some provinces code the other way round: the
 * bridge maps to the hall's one internal enum here, and the hub maps outward per destination).
 */
export const LEVELS: readonly Satisfaction[] = ['very-satisfied', 'satisfied', 'basic', 'dissatisfied', 'very-dissatisfied'];
/** The dimensions deployed hall evaluators rate, 1–5 each (5 best); 0 on the wire = not rated. */
export const DIMENSIONS = ['attitude', 'quality', 'efficiency', 'integrity'] as const;
export type Dimension = (typeof DIMENSIONS)[number];

export type Rating = Omit<RateRequest, 'transaction'>;

export function encodeRating(seq: number, rating: Rating): Message {
  const w = new PayloadWriter().u8(seq).u8(LEVELS.indexOf(rating.level) + 1);
  for (const d of DIMENSIONS) w.u8(rating.dimensions?.[d] ?? 0);
  return { type: MessageType.rate, payload: w.build() };
}

export function decodeRating(payload: Buffer): Decoded<{ seq: number; rating: Rating }> {
  return decodeWith(payload, (r) => {
    const seq = r.u8('seq');
    const code = r.u8('level');
    const level = LEVELS[code - 1];
    if (!level) throw new DecodeError(`level ${code} is not 1–5`);
    const dimensions: Partial<Record<Dimension, number>> = {};
    for (const d of DIMENSIONS) {
      const score = r.u8(d);
      if (score > 5) throw new DecodeError(`${d} score ${score} is not 0–5`);
      if (score > 0) dimensions[d] = score;
    }
    return { seq, rating: Object.keys(dimensions).length ? { level, dimensions } : { level } };
  });
}

export type RateFrameReply = { status: 'ok' } | ReplyError;

export function encodeRateReply(seq: number, reply: RateFrameReply): Message {
  const w = new PayloadWriter().u8(seq);
  if (reply.status === 'ok') w.u8(0);
  else writeReplyError(w, reply);
  return { type: MessageType.rateReply, payload: w.build() };
}

export function decodeRateReply(payload: Buffer): Decoded<{ seq: number; reply: RateFrameReply }> {
  return decodeWith(payload, (r) => {
    const seq = r.u8('seq');
    const status = readReplyStatus(r);
    return { seq, reply: status === 'ok' ? { status } : readReplyError(r, status) };
  });
}

export interface RatingPrompt {
  ticket: string;
  windowNo: string;
}

export function encodePrompt(seq: number, p: RatingPrompt): Message {
  return { type: MessageType.promptRating, payload: new PayloadWriter().u8(seq).ascii8(p.ticket).ascii8(p.windowNo).build() };
}

export function decodePrompt(payload: Buffer): Decoded<{ seq: number; prompt: RatingPrompt }> {
  return decodeWith(payload, (r) => ({ seq: r.u8('seq'), prompt: { ticket: r.ascii8('ticket'), windowNo: r.ascii8('window') } }));
}
