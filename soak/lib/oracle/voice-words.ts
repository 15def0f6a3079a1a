/**
 * The words a call must be spoken with, as README's voice section and BRIEF's queue conventions state them
 * ("请A001号到3号窗口办理"): a ticket is read sign by sign — letters as letters, digits 零 一 二 … 九 — and a
 * window number from 1 to 99 is read as a Chinese number (3 → 三, 12 → 十二, 20 → 二十, 35 → 三十五); any other
 * window number (leading zero, three digits, letters) sign by sign. Written for the soak; not the wall's code.
 */
const CHINESE_DIGITS = '零一二三四五六七八九';

export function ticketSaid(ticket: string): string[] {
  return [...ticket.toUpperCase()].map((c) => (c >= '0' && c <= '9' ? CHINESE_DIGITS[c.charCodeAt(0) - 48]! : c));
}

export function windowSaid(no: string): string[] {
  const n = /^[1-9][0-9]?$/.test(no) ? Number(no) : null;
  if (n === null) return ticketSaid(no);
  if (n < 10) return [CHINESE_DIGITS[n]!];
  const tens = Math.floor(n / 10);
  const ones = n % 10;
  return [...(tens > 1 ? [CHINESE_DIGITS[tens]!] : []), '十', ...(ones > 0 ? [CHINESE_DIGITS[ones]!] : [])];
}

/** Which screens a call is for: a window screen its own window's, a zone wall its zone's, a hall wall all. */
export function callIsFor(call: { windowNo: string; zone: string }, area: { windowNo?: string | null | undefined; zone?: string | null | undefined }): boolean {
  if (area.windowNo) return call.windowNo === area.windowNo;
  if (area.zone) return call.zone === area.zone;
  return true;
}
