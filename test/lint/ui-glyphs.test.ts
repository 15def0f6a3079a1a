import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

/*
 * The pages ask for Noto Sans CJK (or the hall PC's YaHei / PingFang) first. Those fonts have the geometric shapes
 * the pages use for lights and states (● ▲ ■ √ ×), but not the Dingbats (✔ ✖ ✓ ✕ ✍), the Miscellaneous Technical
 * signs (⌂ ⌫ ⌨) or emoji: on a kiosk or wall PC with only the CJK font, those drew as empty boxes next to the words
 * (they did, in this repo's own screenshots). A sign next to a word must be one every CJK font has.
 */
const repoRoot = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const PAGE_SOURCES = ['kiosk/src', 'kiosk/mobile', 'display-wall/src', 'hall-hub/console/src', 'console/src'];
const MISSING_FROM_CJK_FONTS = /[\u2300-\u23FF\u2700-\u27BF]|[\u{1F000}-\u{1FFFF}]/u;

function sourceFiles(dir: string): string[] {
  const abs = join(repoRoot, dir);
  try {
    statSync(abs);
  } catch {
    return [];
  }
  return readdirSync(abs, { recursive: true, encoding: 'utf8' })
    .filter((f) => /\.(tsx?|css|html)$/.test(f))
    .map((f) => join(abs, f));
}

describe('signs on the pages', () => {
  it('are all drawn by the CJK fonts the pages ask for: no dingbats, technical signs or emoji', () => {
    const files = PAGE_SOURCES.flatMap(sourceFiles);
    expect(files.length).toBeGreaterThan(50);
    const found: string[] = [];
    for (const file of files) {
      readFileSync(file, 'utf8')
        .split('\n')
        .forEach((line, i) => {
          const m = MISSING_FROM_CJK_FONTS.exec(line);
          if (m) found.push(`${relative(repoRoot, file)}:${i + 1} ${m[0]} (U+${m[0].codePointAt(0)!.toString(16).toUpperCase()})`);
        });
    }
    expect(found).toEqual([]);
  });
});
