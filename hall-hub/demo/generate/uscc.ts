// 18-character codes shaped like a 统一社会信用代码 (GB 32100-2015) with valid check characters,
// built from a 9-character organisation code (GB 11714). The codes are fictional.
import type { Rng } from "./prng.js";

const USCC_CHARS = "0123456789ABCDEFGHJKLMNPQRTUWXY";
const USCC_WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];
const ORG_WEIGHTS = [3, 7, 9, 10, 5, 8, 4, 2];

function orgCheck(body: string): string {
  let sum = 0;
  for (let i = 0; i < 8; i++) {
    const ch = body[i] ?? "0";
    const value = /[0-9]/.test(ch) ? Number(ch) : ch.charCodeAt(0) - 55;
    sum += value * (ORG_WEIGHTS[i] ?? 0);
  }
  const c = 11 - (sum % 11);
  return c === 10 ? "X" : c === 11 ? "0" : String(c);
}

function usccCheck(first17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) {
    sum += USCC_CHARS.indexOf(first17[i] ?? "0") * (USCC_WEIGHTS[i] ?? 0);
  }
  const c = (31 - (sum % 31)) % 31;
  return USCC_CHARS[c] ?? "0";
}

/** 1 (机构编制) 1 (机关) 210000 (辽宁省) + organisation code + check character. */
export function makeDeptCode(rng: Rng): string {
  let body = "00";
  while (body.length < 8) body += String(rng.int(0, 9));
  const first17 = `11210000${body}${orgCheck(body)}`;
  return first17 + usccCheck(first17);
}
