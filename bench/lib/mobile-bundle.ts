import { execSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { repoRoot } from './hub-process.js';

const DIST = join(repoRoot, 'kiosk', 'dist-mobile');

/**
 * Builds the phone page (kiosk/vite.mobile.config.ts → kiosk/dist-mobile) and weighs its JS: every .js file of
 * the build, not only what index.html names, so a lazily loaded chunk cannot hide from the figure.
 */
export function mobilePageJs(): { gzipBytes: number; rawBytes: number; files: string[]; entry: string[] } {
  execSync('npx -y pnpm@12.4.2 --filter @hall/kiosk exec vite build --configLoader runner -c vite.mobile.config.ts --logLevel warn', { cwd: repoRoot, stdio: 'inherit' });
  const assets = join(DIST, 'assets');
  const files = readdirSync(assets).filter((f) => f.endsWith('.js'));
  if (files.length === 0) throw new Error(`no JS in ${assets}`);
  const html = readFileSync(join(DIST, 'index.html'), 'utf8');
  const entry = [...html.matchAll(/<(?:script|link)[^>]+(?:src|href)="\/m\/assets\/([^"]+\.js)"/g)].map((m) => m[1]!);
  let gzipBytes = 0;
  let rawBytes = 0;
  for (const f of files) {
    const bytes = readFileSync(join(assets, f));
    rawBytes += bytes.length;
    gzipBytes += gzipSync(bytes, { level: 9 }).length;
  }
  return { gzipBytes, rawBytes, files, entry };
}
