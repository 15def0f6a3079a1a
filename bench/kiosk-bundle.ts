import { execSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { extname, join, normalize } from 'node:path';
import { gzipSync } from 'node:zlib';
import { launchChromium } from '@hall/testkit/browser';
import { repoRoot } from './lib/hub-process.js';
import { figure, median, type Figure } from './lib/report.js';

const DIST = join(repoRoot, 'kiosk', 'dist');
const TYPES: Record<string, string> = { '.html': 'text/html', '.js': 'text/javascript', '.css': 'text/css', '.svg': 'image/svg+xml' };
// The baseline: the smallest page that renders one button, served the same way.
const BARE = '<!doctype html><html><body><button class="attract">请触摸屏幕开始</button></body></html>';

/** The built kiosk from a plain static server (no hub: the first render must not wait for the network). */
function serve(): Promise<{ server: Server; base: string }> {
  const server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://x');
    if (url.pathname === '/bare/') return void res.writeHead(200, { 'content-type': 'text/html' }).end(BARE);
    if (!url.pathname.startsWith('/kiosk/')) return void res.writeHead(404).end();
    const rel = url.pathname === '/kiosk/' ? 'index.html' : url.pathname.slice('/kiosk/'.length);
    const file = normalize(join(DIST, rel));
    if (!file.startsWith(DIST) || !existsSync(file)) return void res.writeHead(404).end();
    res.writeHead(200, { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream' }).end(readFileSync(file));
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => {
    const a = server.address();
    resolve({ server, base: `http://127.0.0.1:${typeof a === 'object' && a ? a.port : 0}` });
  }));
}

export async function kioskBundle(): Promise<Figure[]> {
  execSync('npx -y pnpm@12.4.2 --filter @hall/kiosk run build', { cwd: repoRoot, stdio: 'inherit' });
  const html = readFileSync(join(DIST, 'index.html'), 'utf8');
  // The initial JS is what index.html loads; the catalog and search index arrive later, separately.
  const scripts = [...html.matchAll(/<script[^>]+src="\/kiosk\/([^"]+\.js)"/g)].map((m) => m[1]!);
  const gz = scripts.reduce((n, s) => n + gzipSync(readFileSync(join(DIST, s))).length, 0);

  const { server, base } = await serve();
  const browser = await launchChromium();
  const kiosk: number[] = [];
  const bare: number[] = [];
  try {
    for (let i = 0; i < 7; i++) {
      for (const [path, out] of [['/kiosk/', kiosk], ['/bare/', bare]] as const) {
        const page = await browser.newPage({ viewport: { width: 1080, height: 1920 } });
        await page.goto(`${base}${path}`, { waitUntil: 'commit' });
        await page.waitForSelector('button.attract', { state: 'visible' });
        // Time from navigation start until the touch target is on screen and the page can take a tap.
        out.push(
          await page.evaluate(
            () =>
              new Promise<number>((r) =>
                (globalThis as unknown as { requestAnimationFrame(cb: () => void): void }).requestAnimationFrame(() => r(performance.now())),
              ),
          ),
        );
        await page.close();
      }
    }
  } finally {
    await browser.close();
    server.close();
  }
  const k = median(kiosk.slice(2));
  const b = median(bare.slice(2));
  return [
    figure({
      id: 'kiosk-bundle.initial-js-gzip',
      what: `kiosk initial JS (${scripts.join(', ')}), gzipped; catalog data loaded separately`,
      value: gz / 1024,
      unit: 'KB',
      target: { text: '<= 60 KB', check: ({ value }) => value <= 60 },
    }),
    figure({
      id: 'kiosk-bundle.first-render',
      what: 'headless Chromium, 1080×1920: navigation start → the attract screen visible and interactive (the next frame after Playwright sees it), median of 5 after 2 warm-ups',
      value: k,
      unit: 'ms',
      baseline: { what: 'a bare page with one button, same server, same browser, interleaved', value: b, unit: 'ms' },
    }),
  ];
}
