import type { ScreenshotChunk } from '@hall/shared';

export type ScreenshotAnswer = { mime: string; bytes: Buffer } | 'timeout';

/**
 * A screen sends its screenshot as base64 chunks, each acknowledged; this puts them back together. A request
 * belongs to the display it was asked of: chunks from another display, or for no request, are refused.
 */
export interface ScreenshotChunks {
  /** waits for every chunk of one request, or for the time to run out */
  expect(displayId: string, requestId: string, timeoutMs: number): Promise<ScreenshotAnswer>;
  /** one chunk from a display; false when nobody asked it for this */
  receive(displayId: string, chunk: ScreenshotChunk): boolean;
  /** drops what is still awaited (its waiters are never answered) */
  close(): void;
}

interface Pending {
  displayId: string;
  chunks: string[];
  resolve: (a: ScreenshotAnswer) => void;
  timer: NodeJS.Timeout;
}

export function createScreenshotChunks(): ScreenshotChunks {
  const pending = new Map<string, Pending>();
  return {
    expect(displayId, requestId, timeoutMs) {
      return new Promise((resolve) => {
        const timer = setTimeout(() => {
          pending.delete(requestId);
          resolve('timeout');
        }, timeoutMs);
        pending.set(requestId, { displayId, chunks: [], resolve, timer });
      });
    },
    receive(displayId, chunk) {
      const p = pending.get(chunk.requestId);
      if (!p || p.displayId !== displayId || chunk.index >= chunk.count) return false;
      p.chunks[chunk.index] = chunk.data;
      if (p.chunks.filter((c) => c !== undefined).length < chunk.count) return true;
      clearTimeout(p.timer);
      pending.delete(chunk.requestId);
      p.resolve({ mime: chunk.mime, bytes: Buffer.from(p.chunks.join(''), 'base64') });
      return true;
    },
    close() {
      for (const p of pending.values()) clearTimeout(p.timer);
      pending.clear();
    },
  };
}
