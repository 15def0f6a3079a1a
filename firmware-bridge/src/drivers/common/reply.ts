import { DecodeError, PayloadWriter, fitGbk, type PayloadReader } from '../../protocol/fields.js';
import { REPLY_STATUSES, type ReplyStatus } from '../../protocol/message-types.js';

/** A refusal as a keypad or evaluator shows it: a code, and a Chinese message cut to its small display. */
export interface ReplyError {
  status: Exclude<ReplyStatus, 'ok'>;
  code: string;
  message: string;
}

/** The longest message a device display is sent, in GBK bytes (16 Chinese characters, two lines of eight). */
export const DISPLAY_MESSAGE_BYTES = 32;

export function writeReplyError(w: PayloadWriter, e: ReplyError): PayloadWriter {
  const code = e.code.replace(/[^\x20-\x7e]/g, '?').slice(0, 32);
  return w.u8(REPLY_STATUSES.indexOf(e.status)).ascii8(code).gbk8(fitGbk(e.message, DISPLAY_MESSAGE_BYTES));
}

export function readReplyStatus(r: PayloadReader): ReplyStatus {
  const status = REPLY_STATUSES[r.u8('status')];
  if (!status) throw new DecodeError('status is unknown');
  return status;
}

export function readReplyError(r: PayloadReader, status: Exclude<ReplyStatus, 'ok'>): ReplyError {
  return { status, code: r.ascii8('code'), message: r.gbk8('message') };
}

export const newWriter = () => new PayloadWriter();
