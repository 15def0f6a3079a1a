/**
 * Columns on a receipt printer in Chinese (GBK) mode. Printable ASCII is one byte and one column; every other
 * character is a two-byte GBK code printed as a full-width glyph, so it takes two columns — not only CJK
 * ideographs but also ·, —, ①, □ (which Unicode calls "ambiguous" width). node-thermal-printer counts
 * characters instead, which is why we lay lines out ourselves.
 */
export function charWidth(ch: string): number {
  const c = ch.codePointAt(0) ?? 0;
  return c >= 0x20 && c <= 0x7e ? 1 : 2;
}

export function displayWidth(text: string): number {
  let w = 0;
  for (const ch of text) w += charWidth(ch);
  return w;
}

// Line-start rules (避头尾): a line never starts with closing punctuation and never ends with opening punctuation.
const NO_LINE_START = new Set([...'，。、；：？！）》」』】〕”’…—,.;:?!)]}%']);
const NO_LINE_END = new Set([...'（《「『【〔“‘([{']);

/**
 * Printer-safe text: no control characters or tabs, and no ¥ — node-thermal-printer switches the code page
 * mid-line for it, and a Chinese-mode printer then swallows the next character (research §5). Amounts are
 * written in 元 instead, as a Chinese receipt would.
 */
export function printableText(text: string): string {
  return text
    .replace(/\r\n?/g, '\n')
    .replace(/\t/g, ' ')
    .replace(/[¥￥]\s*([0-9][0-9,]*(?:\.[0-9]+)?)/g, '$1元')
    .replace(/[¥￥]/g, '元')
    .replace(/\p{Cc}|\p{Cf}/gu, (ch) => (ch === '\n' ? ch : ''));
}

/** Tokens that must not be split: a run of ASCII letters/digits (a word, a number, a URL), or one character. */
function tokens(line: string): string[] {
  return line.match(/[\x21-\x7e]+|\s|[^\s]/gu) ?? [];
}

/**
 * Wraps text to `width` columns. Chinese breaks between any two characters; ASCII words stay whole unless a
 * word alone is wider than a line. Continuation lines start with `indent` (a hanging indent under a label).
 * Blank lines are dropped: paper is scarce.
 */
export function wrap(text: string, width: number, indent = ''): string[] {
  const out: string[] = [];
  const indentWidth = displayWidth(indent);
  for (const para of printableText(text).split('\n')) {
    // Later paragraphs of the same text are continuation lines too.
    let prefix = out.length > 0 ? indent : '';
    let toks: string[] = [];
    let used = displayWidth(prefix);
    // Spaces are kept where the text has them, except where a wrap put them at the start of a line.
    let wrapped = false;
    const emit = () => {
      const line = (prefix + toks.join('')).trimEnd();
      if (line.trim() !== '') out.push(line);
    };
    const breakLine = (carry: string[]) => {
      emit();
      prefix = indent;
      toks = carry;
      used = indentWidth + displayWidth(carry.join(''));
      wrapped = true;
    };
    for (const tok of tokens(para)) {
      const w = displayWidth(tok);
      if (/^\s$/.test(tok)) {
        if (wrapped && toks.length === 0) continue;
        if (used + 1 <= width) {
          toks.push(' ');
          used += 1;
        } else breakLine([]);
      } else if (used + w <= width) {
        toks.push(tok);
        used += w;
      } else if (w > width - indentWidth) {
        // A word longer than a line (a long URL or code): cut it at the edge.
        for (const ch of tok) {
          if (used + charWidth(ch) > width) breakLine([]);
          toks.push(ch);
          used += charWidth(ch);
        }
      } else {
        // 避头尾: a closing mark takes the word before it along; an opening mark never stays at a line's end.
        let cut = toks.length;
        if (NO_LINE_START.has(tok) && cut > 1 && toks[cut - 1] !== ' ') cut -= 1;
        while (cut > 1 && NO_LINE_END.has(toks[cut - 1]!)) cut -= 1;
        if (indentWidth + displayWidth(toks.slice(cut).join('')) + w > width) cut = toks.length;
        const carry = toks.slice(cut);
        toks = toks.slice(0, cut);
        breakLine(carry);
        toks.push(tok);
        used += w;
      }
    }
    emit();
  }
  return out;
}

/** `left` and `right` on one line, the gap filled with spaces; wraps `left` first when both do not fit. */
export function leftRight(left: string, right: string, width: number): string[] {
  const rw = displayWidth(right);
  const lines = wrap(left, width);
  const last = lines[lines.length - 1] ?? '';
  const gap = width - displayWidth(last) - rw;
  if (gap >= 1) return [...lines.slice(0, -1), last + ' '.repeat(gap) + right];
  return [...lines, ' '.repeat(Math.max(0, width - rw)) + right];
}

/** Cuts text to at most `width` columns, with … when something was cut. */
export function truncate(text: string, width: number): string {
  if (displayWidth(text) <= width) return text;
  let out = '';
  let w = 0;
  for (const ch of text) {
    if (w + charWidth(ch) > width - 2) break;
    out += ch;
    w += charWidth(ch);
  }
  return `${out}…`;
}
