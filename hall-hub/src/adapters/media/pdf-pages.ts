import { Worker } from 'node:worker_threads';

export interface PdfPages {
  pages: number;
  totalPages: number;
  /** the first page's size, as rendered */
  width: number;
  height: number;
}

/** A PDF that takes longer than this to render is refused rather than left to hold a worker. */
const RENDER_LIMIT_MS = 120_000;

/**
 * Renders up to `maxPages` pages of a PDF as `page-<n>.webp` in `outDir`, fitted to `fit`, in a worker thread of
 * its own (pdf-render-worker.mjs): never on the event loop the queue runs on. null: not a PDF pdf.js can read.
 */
export function renderPdfPages(path: string, outDir: string, maxPages: number, fit: { width: number; height: number }): Promise<PdfPages | null> {
  // Beside this module in src/, beside main.js in dist/ (the build copies it there).
  const worker = new Worker(new URL('./pdf-render-worker.mjs', import.meta.url), { workerData: { path, outDir, maxPages, fit } });
  return new Promise((resolve) => {
    const timer = setTimeout(() => void worker.terminate(), RENDER_LIMIT_MS);
    let answer: PdfPages | null = null;
    worker.once('message', (m: PdfPages | { error: string }) => {
      if (!('error' in m) && m.pages > 0) answer = m;
    });
    worker.once('error', () => undefined);
    worker.once('exit', () => {
      clearTimeout(timer);
      resolve(answer);
    });
  });
}
