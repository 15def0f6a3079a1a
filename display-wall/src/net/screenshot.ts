import type { ScreenshotChunk } from '@hall/shared';
// ScreenshotChunkSchema's limit (shared/src/displays.ts); not imported, to keep TypeBox out of the bundle.
const SCREENSHOT_CHUNK = 48 * 1024;

async function toDataUrl(url: string): Promise<string | null> {
  try {
    const blob = await (await fetch(url)).blob();
    return await new Promise((resolve) => {
      const r = new FileReader();
      r.onload = () => resolve(typeof r.result === 'string' ? r.result : null);
      r.onerror = () => resolve(null);
      r.readAsDataURL(blob);
    });
  } catch {
    return null;
  }
}

/**
 * The page's own picture: the DOM serialised into an SVG <foreignObject> with the page's CSS inlined and its
 * images turned into data URLs (an SVG drawn as an image may load nothing), then rasterised on a canvas to
 * PNG. If the browser refuses to rasterise it, the SVG itself is the screenshot.
 */
export async function captureSelf(root: HTMLElement, width: number, height: number): Promise<{ mime: 'image/png' | 'image/svg+xml'; base64: string }> {
  const css = [...document.styleSheets]
    .map((s) => {
      try {
        return [...s.cssRules].map((r) => r.cssText).join('\n');
      } catch {
        return '';
      }
    })
    .join('\n');
  const clone = root.cloneNode(true) as HTMLElement;
  const originals = root.querySelectorAll('img');
  const copies = clone.querySelectorAll('img');
  await Promise.all(
    [...originals].map(async (img, i) => {
      const data = img.currentSrc ? await toDataUrl(img.currentSrc) : null;
      if (data) copies[i]?.setAttribute('src', data);
      else copies[i]?.remove();
    }),
  );
  clone.setAttribute('xmlns', 'http://www.w3.org/1999/xhtml');
  const xhtml = new XMLSerializer().serializeToString(clone);
  const svg =
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}">` +
    `<foreignObject x="0" y="0" width="100%" height="100%"><div xmlns="http://www.w3.org/1999/xhtml">` +
    `<style>${css.replace(/</g, '\\3c ')}</style>${xhtml}</div></foreignObject></svg>`;
  const svgUrl = `data:image/svg+xml;charset=utf-8,${encodeURIComponent(svg)}`;
  try {
    const img = new Image();
    img.src = svgUrl;
    await img.decode();
    const canvas = document.createElement('canvas');
    canvas.width = width;
    canvas.height = height;
    const g = canvas.getContext('2d')!;
    g.drawImage(img, 0, 0);
    const png = canvas.toDataURL('image/png');
    return { mime: 'image/png', base64: png.slice(png.indexOf(',') + 1) };
  } catch {
    return { mime: 'image/svg+xml', base64: btoa(unescape(encodeURIComponent(svg))) };
  }
}

/** Sends a screenshot in acknowledged chunks (a socket message is capped at 64 KB). */
export async function sendInChunks(
  requestId: string,
  shot: { mime: 'image/png' | 'image/svg+xml'; base64: string },
  send: (chunk: ScreenshotChunk) => Promise<boolean>,
): Promise<boolean> {
  const count = Math.ceil(shot.base64.length / SCREENSHOT_CHUNK);
  for (let index = 0; index < count; index++) {
    const data = shot.base64.slice(index * SCREENSHOT_CHUNK, (index + 1) * SCREENSHOT_CHUNK);
    if (!(await send({ requestId, mime: shot.mime, index, count, data }))) return false;
  }
  return true;
}
