import { createReadStream } from 'node:fs';
import { open, stat } from 'node:fs/promises';
import type { MediaInfo } from 'mediainfo.js';
import type { VideoProbe } from '../../domain/signage/media-rules.js';
import type { MediaInspector } from '../../ports/media-store.js';
import { loadFileType, loadMediaInfo, loadSharp } from '../lazy-modules.js';
import { renderPdfPages } from './pdf-pages.js';

/** Images larger than this many pixels are refused before decoding (a decompression bomb). */
const MAX_INPUT_PIXELS = 64_000_000;

const number = (v: unknown): number | null => {
  const n = typeof v === 'string' ? Number(v) : v;
  return typeof n === 'number' && Number.isFinite(n) ? n : null;
};

/**
 * What the bytes are, from npm packages only (a fresh machine has Node and npm, no ffmpeg): file-type reads the
 * magic number, sharp decodes and re-encodes images, MediaInfo (compiled to WebAssembly, mediainfo.js) probes
 * videos, pdf.js with @napi-rs/canvas renders PDF pages.
 */
export function createMediaInspector(): MediaInspector {
  let mediaInfo: Promise<MediaInfo<'object'>> | null = null;

  return {
    async sniff(path) {
      const t = await (await loadFileType()).fileTypeFromFile(path);
      return t ? { ext: t.ext, mime: t.mime } : null;
    },

    async isText(path) {
      // Read as a stream: a widget is small, but the check must not trust that.
      const decoder = new TextDecoder('utf-8', { fatal: true });
      try {
        for await (const chunk of createReadStream(path) as AsyncIterable<Buffer>) {
          if (chunk.includes(0)) return false;
          decoder.decode(chunk, { stream: true });
        }
        decoder.decode();
        return true;
      } catch {
        return false;
      }
    },

    async image(path, out, fit) {
      const sharp = await loadSharp();
      try {
        // `failOn: 'warning'`: a truncated or damaged image is refused, not stored half-decoded. GIFs and animated
        // WebPs keep their frames.
        const info = await sharp(path, { failOn: 'warning', limitInputPixels: MAX_INPUT_PIXELS, animated: true })
          .rotate()
          .resize({ width: fit.width, height: fit.height, fit: 'inside', withoutEnlargement: true })
          .webp({ quality: 85 })
          .toFile(out);
        return { width: info.width, height: info.pageHeight ?? info.height };
      } catch {
        return null;
      }
    },

    async video(path) {
      mediaInfo ??= loadMediaInfo().then((mediaInfoFactory) => mediaInfoFactory({ format: 'object' }));
      const mi = await mediaInfo;
      const size = (await stat(path)).size;
      const fh = await open(path);
      try {
        const result = await mi.analyzeData(size, async (chunkSize, offset) => {
          const buf = Buffer.alloc(chunkSize);
          const { bytesRead } = await fh.read(buf, 0, chunkSize, offset);
          return new Uint8Array(buf.buffer, buf.byteOffset, bytesRead);
        });
        const tracks = result.media?.track ?? [];
        const general = tracks.find((t) => t['@type'] === 'General');
        if (!general) return null;
        const video = tracks.filter((t) => t['@type'] === 'Video');
        const seconds = number(general.Duration) ?? number(video[0]?.Duration);
        const probe: VideoProbe = {
          container: general.Format ?? null,
          video: video.map((t) => t.Format ?? 'unknown'),
          audio: tracks.filter((t) => t['@type'] === 'Audio').map((t) => t.Format ?? 'unknown'),
          durationMs: seconds === null ? null : Math.round(seconds * 1000),
          width: number(video[0] && 'Width' in video[0] ? video[0].Width : null),
          height: number(video[0] && 'Height' in video[0] ? video[0].Height : null),
        };
        return probe;
      } catch {
        return null;
      } finally {
        await fh.close();
      }
    },

    pdf: (path, outDir, maxPages, fit) => renderPdfPages(path, outDir, maxPages, fit),
  };
}
