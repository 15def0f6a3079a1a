/**
 * Resident ID numbers (居民身份证号码, GB 11643-1999): 17 digits and a check character (ISO 7064 MOD 11-2).
 * Sensitive personal data: never logged in clear — only `mask`ed, as the hub does.
 */
const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const CHECK = '10X98765432';

export function idCheckChar(first17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(first17[i]) * WEIGHTS[i]!;
  return CHECK[sum % 11]!;
}

/** 18 characters, digits then a digit or X, and the check character right: a misread card fails here. */
export function isValidIdNumber(id: string): boolean {
  return /^[0-9]{17}[0-9Xx]$/.test(id) && idCheckChar(id.slice(0, 17)) === id[17]!.toUpperCase();
}

/** `110105********1234`: the first 6 (the region) and the last 4, the rest starred. */
export function maskIdNumber(id: string): string {
  if (id.length < 10) return '*'.repeat(id.length);
  return `${id.slice(0, 6)}${'*'.repeat(8)}${id.slice(-4)}`;
}
