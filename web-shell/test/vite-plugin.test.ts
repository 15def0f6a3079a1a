import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, readdirSync, statSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative, sep } from 'node:path';
import { build } from 'vite';
import { describe, expect, it } from 'vitest';
import { offlineShell, type ShellManifest } from '../src/vite-plugin.js';

/** A tiny app: an entry that loads a chunk on demand, a style, and a file in public/. */
function appDir(message: string): string {
  const root = mkdtempSync(join(tmpdir(), 'web-shell-'));
  writeFileSync(join(root, 'index.html'), '<!doctype html><html><head><link rel="stylesheet" href="/style.css"></head><body><script type="module" src="/main.js"></script></body></html>');
  writeFileSync(join(root, 'main.js'), `document.body.textContent = ${JSON.stringify(message)}; void import('./later.js');`);
  writeFileSync(join(root, 'later.js'), 'export const later = 1;');
  writeFileSync(join(root, 'style.css'), 'body { color: red; }');
  mkdirSync(join(root, 'public', 'voice'), { recursive: true });
  writeFileSync(join(root, 'public', 'voice', 'clip.txt'), 'a voice clip');
  return root;
}

async function buildApp(root: string): Promise<{ out: string; manifest: ShellManifest; html: string }> {
  const out = join(root, 'dist');
  await build({
    root,
    base: '/app/',
    configFile: false,
    logLevel: 'silent',
    plugins: [offlineShell({ name: 'hall-test', runtime: ['/api/display-media/'], media: ['/api/media/'] })],
    build: { outDir: out, sourcemap: true, emptyOutDir: true },
  });
  const sw = readFileSync(join(out, 'sw.js'), 'utf8');
  const first = /^self\.__SHELL__ = (.*);\n/.exec(sw);
  if (!first) throw new Error('sw.js does not start with its manifest');
  return { out, manifest: JSON.parse(first[1]!) as ShellManifest, html: readFileSync(join(out, 'index.html'), 'utf8') };
}

const walk = (dir: string): string[] => readdirSync(dir).flatMap((n) => (statSync(join(dir, n)).isDirectory() ? walk(join(dir, n)) : [join(dir, n)]));

describe('the offline shell: a service worker that precaches the whole build', () => {
  it('lists every file of the build as written — chunks, lazy chunks, styles, index.html, public files — with its hash', async () => {
    const { out, manifest, html } = await buildApp(appDir('hello'));
    const onDisk = walk(out)
      .map((p) => relative(out, p).split(sep).join('/'))
      .filter((f) => f !== 'sw.js' && !f.endsWith('.map'))
      .sort();
    expect(manifest.files.map((f) => f.url)).toEqual(onDisk.map((f) => `/app/${f}`));
    expect(onDisk).toContain('index.html');
    expect(onDisk).toContain('voice/clip.txt');
    expect(onDisk.filter((f) => f.endsWith('.js')).length).toBeGreaterThanOrEqual(2);
    for (const f of manifest.files) {
      const bytes = readFileSync(join(out, f.url.slice('/app/'.length)));
      expect(f.sha256).toBe(createHash('sha256').update(bytes).digest('hex'));
    }
    expect(manifest).toMatchObject({ name: 'hall-test', base: '/app/', runtime: ['/api/display-media/'], media: ['/api/media/'] });
    // The boot watchdog is a plain script loaded ahead of the bundle (no inline script: the hub's CSP forbids
    // them); it registers the worker for the app's path.
    const boot = '<script src="/app/boot.js"></script>';
    expect(html.indexOf(boot)).toBeGreaterThan(-1);
    expect(html.indexOf(boot)).toBeLessThan(html.indexOf('type="module"'));
    expect(onDisk).toContain('boot.js');
    const watchdog = readFileSync(join(out, 'boot.js'), 'utf8');
    expect(watchdog).toContain('__hallBootWatchdog');
    expect(watchdog).toContain('register("/app/"+\'sw.js\',{scope:"/app/"');
  }, 60_000);

  it('names each build by its content: the same sources give the same version, a changed one a new version (a new cache)', async () => {
    const a = await buildApp(appDir('hello'));
    const again = await buildApp(appDir('hello'));
    const b = await buildApp(appDir('hello, again'));
    expect(again.manifest.version).toBe(a.manifest.version);
    expect(b.manifest.version).not.toBe(a.manifest.version);
  }, 60_000);
});
