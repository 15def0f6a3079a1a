import type { MediaKind } from '@hall/shared';
import type { VideoProbe } from '../domain/signage/media-rules.js';

/** One asset of the media library as its row keeps it (its URLs follow from its id and kind). */
export interface StoredMedia {
  /** the sha256 of the uploaded bytes, hex: the same file uploaded twice is one asset */
  id: string;
  name: string;
  kind: MediaKind;
  /** what the hub serves: image/webp, video/webm, text/html; a PDF's pages are image/webp */
  mime: string;
  /** stored bytes, all renditions */
  bytes: number;
  width: number | null;
  height: number | null;
  durationMs: number | null;
  /** a PDF's page images; 0 otherwise */
  pages: number;
  createdAt: number;
  createdBy: string;
}

export interface MediaStore {
  list(): StoredMedia[];
  get(id: string): StoredMedia | null;
  /** false: an asset with this id is there already */
  insert(m: StoredMedia): boolean;
  remove(id: string): boolean;
  usedBytes(): number;
}

/** An upload received into a work folder of its own, not yet part of the library. */
export interface Incoming {
  /** the folder renditions are written into */
  dir: string;
  /** the uploaded bytes, as received */
  upload: string;
  bytes: number;
  sha256: string;
  /** the upload itself becomes the stored file `name` (videos and widgets are kept as sent) */
  adopt(name: string): Promise<void>;
  /** bytes of everything in the work folder but the upload: what the library would store */
  keptBytes(): Promise<number>;
  /** removes the work folder and all in it */
  discard(): Promise<void>;
}

export type Received = { ok: true; incoming: Incoming } | { ok: false; tooLarge: true };

/** Where the library's files live: content-addressed folders under the data folder. */
export interface MediaFiles {
  /** Streams a body into a new work folder, hashing it; stops reading once it passes `maxBytes`. */
  receive(body: AsyncIterable<Uint8Array>, maxBytes: number): Promise<Received>;
  /** Moves the work folder into the library as asset `id` (without the raw upload, unless adopted). */
  keep(incoming: Incoming, id: string): Promise<void>;
  /** the path of one of an asset's files, if it is there */
  path(id: string, file: string): string | null;
  remove(id: string): Promise<void>;
  /** Start-up: removes work folders left by a stop mid-upload and folders no row names. */
  sweep(ids: ReadonlySet<string>): Promise<void>;
}

/** What the bytes are: magic number, full decode, probe, render. Renditions go into the given paths. */
export interface MediaInspector {
  /** file-type's guess from the magic number; null: none (text, or unknown) */
  sniff(path: string): Promise<{ ext: string; mime: string } | null>;
  /** UTF-8 text with no NUL bytes */
  isText(path: string): Promise<boolean>;
  /** Decodes the image in full and writes it re-encoded (WebP, fitted to `fit`); null: it does not decode. */
  image(path: string, out: string, fit: { width: number; height: number }): Promise<{ width: number; height: number } | null>;
  /** null: not a media file the prober can read */
  video(path: string): Promise<VideoProbe | null>;
  /** Renders up to `maxPages` pages as `page-<n>.webp` in `outDir`; null: not a readable PDF. */
  pdf(path: string, outDir: string, maxPages: number, fit: { width: number; height: number }): Promise<{ pages: number; totalPages: number; width: number; height: number } | null>;
}

/** Whether a campaign plays the asset (the campaigns' part of the hub answers; without it, nothing does). */
export interface MediaUsage {
  isMediaInUse(id: string): boolean;
}

export interface DiskSpace {
  /** free bytes on the data folder's disk; null when it cannot be measured */
  freeBytes(): number | null;
}
