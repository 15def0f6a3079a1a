// Renders a PDF's pages to WebP images, in a worker thread: pdf.js parses and draws on the thread it runs on, and
// the hub's event loop carries the queue's calls. Plain JavaScript because a worker thread cannot load TypeScript
// on Node 20; `pdf-pages.ts` starts it (and build.mjs copies it beside dist/main.js).
// workerData: { path, outDir, maxPages, fit: { width, height } }; posts { pages, totalPages, width, height } or { error }.
import { createCanvas } from '@napi-rs/canvas';
import { readFile, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { parentPort, workerData } from 'node:worker_threads';

const { path, outDir, maxPages, fit } = workerData;
try {
  const pdfjs = await import('pdfjs-dist/legacy/build/pdf.mjs');
  const root = dirname(createRequire(import.meta.url).resolve('pdfjs-dist/package.json'));
  const doc = await pdfjs.getDocument({
    data: new Uint8Array(await readFile(path)),
    // Fonts a PDF names but does not embed (the 14 standard ones, CJK through CMaps) come from pdf.js' own files.
    standardFontDataUrl: `${join(root, 'standard_fonts')}/`,
    cMapUrl: `${join(root, 'cmaps')}/`,
    cMapPacked: true,
    isEvalSupported: false,
    stopAtErrors: true,
    verbosity: 0,
  }).promise;
  const pages = Math.min(doc.numPages, maxPages);
  let size = { width: 0, height: 0 };
  for (let n = 1; n <= pages; n++) {
    const page = await doc.getPage(n);
    const unit = page.getViewport({ scale: 1 });
    const viewport = page.getViewport({ scale: Math.min(fit.width / unit.width, fit.height / unit.height) });
    const canvas = createCanvas(Math.floor(viewport.width), Math.floor(viewport.height));
    const ctx = canvas.getContext('2d');
    // Paper is white; a page that paints no background would otherwise be transparent (black on some screens).
    ctx.fillStyle = '#ffffff';
    ctx.fillRect(0, 0, canvas.width, canvas.height);
    await page.render({ canvasContext: ctx, canvas, viewport }).promise;
    await writeFile(join(outDir, `page-${n}.webp`), await canvas.encode('webp', 85));
    if (n === 1) size = { width: canvas.width, height: canvas.height };
    page.cleanup();
  }
  await doc.destroy();
  parentPort.postMessage({ pages, totalPages: doc.numPages, ...size });
} catch (err) {
  parentPort.postMessage({ error: String(err?.message ?? err) });
}
