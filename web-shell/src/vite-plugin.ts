import { createHash } from 'node:crypto';
import { existsSync, readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Plugin, ResolvedConfig } from 'vite';
import { bootScript } from './boot-script.js';

export interface OfflineShellOptions {
  /** cache name prefix, one per app: 'hall-kiosk', 'hall-display', … */
  name: string;
  /** URL prefixes outside the build kept in a runtime cache, network first (idle media, staff photos) */
  runtime?: string[];
  /**
   * URL prefixes of immutable (content-addressed) media the page itself puts in the `<name>-media` cache (the
   * walls' signage): served from there first, byte ranges included (video), the network only for what is not in it
   */
  media?: string[];
  /** seconds the inline boot watchdog gives the app to start before it reloads the page */
  bootSeconds?: number;
}

/** What the service worker is told about the build it belongs to (its first line). */
export interface ShellManifest {
  name: string;
  version: string;
  base: string;
  /** every file of the build as a URL path, with its SHA-256 (hex): the worker checks what it caches */
  files: Array<{ url: string; sha256: string }>;
  runtime: string[];
  media: string[];
}

const template = readFileSync(fileURLToPath(new URL('./sw-template.js', import.meta.url)), 'utf8');
const sha256 = (data: string | Uint8Array) => createHash('sha256').update(data).digest('hex');

function walk(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? walk(path) : [path];
  });
}

/**
 * Offline-first for real: the build's every file (chunks, styles, index.html, the public folder) goes into a
 * manifest with its hash, and `sw.js` is written with that manifest on its first line — so the worker precaches
 * the whole build at install, in a cache named after the build's version, and a new build is a new worker with a
 * new cache (the old one is dropped on activate). index.html loads a boot watchdog (boot.js, a plain script outside the app bundle) that registers the
 * worker and reloads a page whose app did not start: it runs even when the app bundle cannot.
 */
/** the boot watchdog's file, beside index.html */
const BOOT_FILE = 'boot.js';

export function offlineShell(opts: OfflineShellOptions): Plugin {
  let config: ResolvedConfig;
  return {
    name: 'hall-offline-shell',
    apply: 'build',
    // After Vite's own HTML plugin has emitted index.html, so it is in the bundle we list.
    enforce: 'post',
    configResolved(c) {
      config = c;
    },
    // The watchdog is a classic script file of its own rather than inline: the hub's CSP allows no inline script.
    // Injected after Vite has processed the page ('post'), so Vite leaves the non-module script alone.
    transformIndexHtml: {
      order: 'post',
      handler: () => [{ tag: 'script', attrs: { src: `${config.base}${BOOT_FILE}` }, injectTo: 'head-prepend' }],
    },
    generateBundle() {
      this.emitFile({ type: 'asset', fileName: BOOT_FILE, source: bootScript(config.base, opts.bootSeconds ?? 15) });
    },
    // From the files as written (Rollup appends source-map comments after generateBundle): the hashes are of the
    // very bytes the hub will serve.
    writeBundle(options, bundle) {
      const outDir = options.dir ?? config.build.outDir;
      const files: ShellManifest['files'] = [];
      for (const fileName of Object.keys(bundle)) {
        if (fileName.endsWith('.map')) continue;
        files.push({ url: config.base + fileName, sha256: sha256(readFileSync(join(outDir, fileName))) });
      }
      const publicDir = config.publicDir;
      for (const path of publicDir ? walk(publicDir) : []) {
        const name = relative(publicDir, path).split(sep).join('/');
        if (name === 'sw.js') continue;
        files.push({ url: config.base + name, sha256: sha256(readFileSync(path)) });
      }
      files.sort((a, b) => (a.url < b.url ? -1 : a.url > b.url ? 1 : 0));
      const version = sha256(files.map((f) => `${f.url} ${f.sha256}`).join('\n')).slice(0, 16);
      const manifest: ShellManifest = { name: opts.name, version, base: config.base, files, runtime: opts.runtime ?? [], media: opts.media ?? [] };
      writeFileSync(join(outDir, 'sw.js'), `self.__SHELL__ = ${JSON.stringify(manifest)};\n${template}`);
    },
  };
}
