import { execSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { repoRoot } from './lib/hub-process.js';
import { figure, type Figure } from './lib/report.js';

/** The JS a page's index.html loads before it can draw: the initial bundle, gzipped. */
function initialJsGzip(app: 'display-wall' | 'kiosk', base: string): { kb: number; files: string[] } {
  const dist = join(repoRoot, app, 'dist');
  const html = readFileSync(join(dist, 'index.html'), 'utf8');
  const files = [...html.matchAll(new RegExp(`<script[^>]+src="${base}([^"]+\\.js)"`, 'g'))].map((m) => m[1]!);
  const bytes = files.reduce((n, f) => n + gzipSync(readFileSync(join(dist, f)), { level: 9 }).length, 0);
  return { kb: bytes / 1024, files };
}

/** display-wall's initial JS, gzipped, next to the kiosk's (same toolchain, same libraries) built in the same run. */
export async function wallBundle(): Promise<Figure[]> {
  execSync('npx -y pnpm@12.4.2 --filter @hall/display-wall --filter @hall/kiosk run build', { cwd: repoRoot, stdio: 'inherit' });
  const wall = initialJsGzip('display-wall', '/display/');
  const kiosk = initialJsGzip('kiosk', '/kiosk/');
  return [
    figure({
      id: 'wall-bundle.initial-js-gzip',
      what: `display-wall initial JS (${wall.files.join(', ')}), gzip -9; voice clips (Ogg Opus, ~145 KB) load after first paint`,
      value: wall.kb,
      unit: 'KB',
      baseline: { what: `the kiosk's initial JS (${kiosk.files.join(', ')}), gzip -9, built in the same run`, value: kiosk.kb, unit: 'KB' },
      target: { text: '<= 50 KB', check: ({ value }) => value <= 50 },
    }),
  ];
}
