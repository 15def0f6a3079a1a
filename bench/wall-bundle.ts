import { execSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { repoRoot } from './lib/hub-process.js';
import { figure, type Figure } from './lib/report.js';

const gzipKb = (dist: string, files: string[]) => files.reduce((n, f) => n + gzipSync(readFileSync(join(dist, f)), { level: 9 }).length, 0) / 1024;

/**
 * The JS a page's index.html loads before it can draw: its scripts and the chunks it preloads (modules the entry
 * imports statically), gzipped; and the chunks it loads only on demand (dynamic import), apart.
 */
function initialJsGzip(app: 'display-wall' | 'kiosk', base: string): { kb: number; files: string[]; lazyKb: number; lazy: string[] } {
  const dist = join(repoRoot, app, 'dist');
  const html = readFileSync(join(dist, 'index.html'), 'utf8');
  const scripts = [...html.matchAll(new RegExp(`<script[^>]+src="${base}([^"]+\\.js)"`, 'g'))].map((m) => m[1]!);
  const preloads = [...html.matchAll(new RegExp(`<link[^>]+rel="modulepreload"[^>]+href="${base}([^"]+\\.js)"`, 'g'))].map((m) => m[1]!);
  const files = [...new Set([...scripts, ...preloads])];
  const lazy = readdirSync(join(dist, 'assets'))
    .filter((f) => f.endsWith('.js'))
    .map((f) => `assets/${f}`)
    .filter((f) => !files.includes(f));
  return { kb: gzipKb(dist, files), files, lazyKb: gzipKb(dist, lazy), lazy };
}

/** display-wall's initial JS, gzipped, next to the kiosk's (same toolchain, same libraries) built in the same run. */
export async function wallBundle(): Promise<Figure[]> {
  execSync('npx -y pnpm@12.4.2 --filter @hall/display-wall --filter @hall/kiosk run build', { cwd: repoRoot, stdio: 'inherit' });
  const wall = initialJsGzip('display-wall', '/display/');
  const kiosk = initialJsGzip('kiosk', '/kiosk/');
  return [
    figure({
      id: 'wall-bundle.initial-js-gzip',
      what:
        `display-wall initial JS (${wall.files.join(', ')}), gzip -9; voice clips (Ogg Opus, ~145 KB) load after first paint; ` +
        `loaded only when needed: ${wall.lazy.join(', ') || 'nothing'} (${wall.lazyKb.toFixed(1)} KB: the media player for a layout with a media region, the console's preview)`,
      value: wall.kb,
      unit: 'KB',
      baseline: { what: `the kiosk's initial JS (${kiosk.files.join(', ')}), gzip -9, built in the same run`, value: kiosk.kb, unit: 'KB' },
      target: { text: '<= 50 KB', check: ({ value }) => value <= 50 },
    }),
  ];
}
