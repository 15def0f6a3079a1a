/**
 * Libraries only a rare path needs, loaded at their first use instead of when the hub starts: each costs the
 * hub 8–28 MB of memory from start to stop (sharp's libvips, pdfkit's fonts and tables, file-type, the QR and
 * ESC/POS builders), and most halls' hubs never check a media file, render a PDF or print on a given day.
 * A failed load is kept (the package is missing: the next use would fail the same way).
 */
function once<T>(load: () => Promise<T>): () => Promise<T> {
  let loading: Promise<T> | null = null;
  return () => (loading ??= load());
}

export const loadSharp = once(async () => (await import('sharp')).default);
export const loadPdfKit = once(async () => (await import('pdfkit')).default);
export const loadQrCode = once(async () => (await import('qrcode')).default);
export const loadFileType = once(() => import('file-type'));
export const loadMediaInfo = once(async () => (await import('mediainfo.js')).default);
export const loadThermalPrinter = once(() => import('node-thermal-printer'));
