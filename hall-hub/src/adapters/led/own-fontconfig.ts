import { createHash, randomUUID } from 'node:crypto';
import { createRequire } from 'node:module';
import { mkdirSync, renameSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

/** The family name inside the shipped OTF files (fc-query), which pango must be asked for by exactly this name. */
export const SHIPPED_FAMILY = 'Noto Sans S Chinese';

/** The folder of the shipped fonts: Noto Sans Hans (GB2312 and Latin), five weights, from @embedpdf/fonts-sc. */
export function shippedFontDir(): string {
  return join(dirname(createRequire(import.meta.url).resolve('@embedpdf/fonts-sc')), '..', 'fonts');
}

const escapeXml = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/**
 * Points this process's fontconfig (which pango, inside sharp, asks) at a configuration of the hub's own: the
 * shipped fonts and nothing else — no system font folders, no system rules for hinting, antialiasing or
 * substitution. Pango then has nothing to choose: a strip frame or a printed glyph comes out the same on every
 * machine, whatever CJK fonts Debian has installed there. Fontconfig reads the variable when it first starts
 * (the first text rendered), so this runs when the module loads, before any rendering.
 */
export function useOwnFontconfig(): string {
  const fontDir = shippedFontDir();
  const dir = join(tmpdir(), `hall-hub-fontconfig-${createHash('sha256').update(fontDir).digest('hex').slice(0, 12)}`);
  mkdirSync(join(dir, 'cache'), { recursive: true });
  const file = join(dir, 'fonts.conf');
  // Written aside and renamed: several processes (test workers, a hub and its CLI) start at once, and a fontconfig
  // that read a half-written file would fall back to the system's fonts and rules.
  const aside = `${file}.${randomUUID()}.tmp`;
  writeFileSync(
    aside,
    [
      '<?xml version="1.0"?>',
      '<!DOCTYPE fontconfig SYSTEM "urn:fontconfig:fonts.dtd">',
      '<!-- Written by hall-hub (adapters/led/own-fontconfig.ts): only the fonts the hub ships. -->',
      '<fontconfig>',
      `  <dir>${escapeXml(fontDir)}</dir>`,
      `  <cachedir>${escapeXml(join(dir, 'cache'))}</cachedir>`,
      '</fontconfig>',
      '',
    ].join('\n'),
  );
  renameSync(aside, file);
  process.env.FONTCONFIG_FILE = file;
  // A FONTCONFIG_PATH or sysroot from the environment would point fontconfig elsewhere again.
  delete process.env.FONTCONFIG_PATH;
  delete process.env.FONTCONFIG_SYSROOT;
  return file;
}
