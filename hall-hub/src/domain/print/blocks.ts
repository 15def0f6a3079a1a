import type { PrintBlock } from '@hall/shared';
import { displayWidth, printableText, wrap } from './text-width.js';

export type { PrintBlock };
export type Align = 'left' | 'center' | 'right';

/** The paper a layout is made for: 80 mm paper takes 48 columns of font A (12 × 24 dots) in 576 dots. */
export interface Paper {
  columns: number;
}
export const PAPER_80MM: Paper = { columns: 48 };

/** ☐ (U+2610) is not in GBK and would print as "?"; □ (U+25A1, GBK A1F5) is, and is the box Chinese forms use. */
export const CHECKBOX = '□';

interface LineStyle {
  align?: Align;
  bold?: boolean;
  double?: boolean;
}

/** Text wrapped to the paper, one block per printed line; double-size text has half the columns. */
export function lines(text: string, paper: Paper, style: LineStyle = {}, indent = ''): PrintBlock[] {
  const columns = style.double ? Math.floor(paper.columns / 2) : paper.columns;
  return wrap(text, columns, indent).map((line) => ({
    kind: 'text',
    text: line,
    align: style.align ?? 'left',
    bold: style.bold ?? false,
    double: style.double ?? false,
  }));
}

/** "label：value", the value's continuation lines indented under the value. */
export function labelled(label: string, value: string, paper: Paper, style: LineStyle = {}): PrintBlock[] {
  const head = `${label}：`;
  return lines(`${head}${value}`, paper, style, ' '.repeat(Math.min(displayWidth(head), 12)));
}

/** A section heading: bold, with a marker Chinese forms use. */
export function heading(text: string, paper: Paper): PrintBlock[] {
  return lines(`【${text}】`, paper, { bold: true });
}

export const rule = (style: 'single' | 'double' = 'single'): PrintBlock => ({ kind: 'rule', style });
export const feed = (n = 1): PrintBlock => ({ kind: 'feed', lines: n });
export const cut = (): PrintBlock => ({ kind: 'cut' });

/**
 * QR payloads are ASCII: node-thermal-printer sizes the GS ( k data by characters but writes UTF-8 bytes.
 * A URL with Chinese in it is percent-encoded (still the same URL); anything else non-ASCII is refused.
 */
export function asciiPayload(data: string): string | null {
  const s = printableText(data).trim();
  if (/^[\x20-\x7e]+$/.test(s)) return s;
  if (/^https?:\/\//i.test(s)) {
    try {
      const encoded = encodeURI(s);
      return /^[\x20-\x7e]+$/.test(encoded) ? encoded : null;
    } catch {
      return null;
    }
  }
  return null;
}

/** "2026-11-23 09:05" in the hall's time zone, from an instant. */
export function hallClockText(day: string, minutes: number): string {
  const hh = String(Math.floor(minutes / 60)).padStart(2, '0');
  const mm = String(minutes % 60).padStart(2, '0');
  return `${day} ${hh}:${mm}`;
}

/** Window numbers with runs of three or more consecutive ones shortened: 1, 2, 3, 4, 7 → "1-4", "7". */
export function compactNumbers(nos: readonly string[]): string[] {
  const out: string[] = [];
  for (let i = 0; i < nos.length; ) {
    let j = i;
    while (j + 1 < nos.length && /^[0-9]+$/.test(nos[j]!) && Number(nos[j + 1]) === Number(nos[j]) + 1) j++;
    out.push(...(j - i >= 2 ? [`${nos[i]}-${nos[j]}`] : nos.slice(i, j + 1)));
    i = j + 1;
  }
  return out;
}

/** Windows "1-3、5号窗口"; one window "5号窗口". */
export function windowList(nos: readonly string[]): string {
  return nos.length === 0 ? '' : `${compactNumbers(nos).join('、')}号窗口`;
}

/** ASCII only: the English line of a ticket goes through the printer's single-byte set. */
export function asciiText(text: string): string {
  return text.replace(/[^\x20-\x7e]+/g, ' ').replace(/\s+/g, ' ').trim();
}
