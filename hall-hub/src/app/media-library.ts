import type { MediaAsset, MediaLibrary, MediaRefusal } from '@hall/shared';
import { classifyUpload, corrupt, inUse, notText, roomVerdict, tooLarge, videoVerdict, type MediaVerdict } from '../domain/signage/media-rules.js';
import type { Clock } from '../ports/clock.js';
import type { DiskSpace, Incoming, MediaFiles, MediaInspector, MediaStore, MediaUsage, StoredMedia } from '../ports/media-store.js';
import type { RequestRefusal, RequestRefusalKind } from './request-refusals.js';

export interface MediaLimits {
  maxFileBytes: number;
  quotaBytes: number;
  /** free space the data disk keeps: the queue's database lives there */
  reserveBytes: number;
  maxPdfPages: number;
}

export interface MediaLibraryDeps {
  store: MediaStore;
  files: MediaFiles;
  inspector: MediaInspector;
  disk: DiskSpace;
  clock: Clock;
  limits: MediaLimits;
}

export interface MediaUpload {
  name: string;
  declaredMime: string;
  /** content-length, when the sender gave one */
  declaredBytes: number | null;
  body: AsyncIterable<Uint8Array>;
  by: string;
}

/** A served file: where it is, its type and its strong ETag (content-addressed, so it never changes). */
export interface MediaFile {
  path: string;
  mime: string;
  etag: string;
  kind: StoredMedia['kind'];
}

/** A refused upload or deletion; HTTP answers it as any request refusal. Nothing was stored. */
export class MediaRefused extends Error {
  constructor(readonly refusal: RequestRefusal) {
    super(refusal.en);
    this.name = 'MediaRefused';
  }
}

const KIND_OF: Record<MediaRefusal, RequestRefusalKind> = {
  media_type_mismatch: 'invalid',
  media_unsupported: 'invalid',
  media_corrupt: 'invalid',
  media_codec: 'invalid',
  media_too_large: 'too-large',
  media_quota: 'conflict',
  media_disk_low: 'conflict',
  media_in_use: 'conflict',
};
const refused = (v: MediaVerdict) => new MediaRefused({ code: v.code, kind: KIND_OF[v.code], zh: v.zh, en: v.en });

/** Screens are 1920×1080 up to 3840×2160: nothing larger is worth storing. */
const FIT = { width: 3840, height: 2160 };
const MAIN_FILE = { image: 'main.webp', video: 'main.webm', widget: 'main.html' } as const;
const pageFile = (n: number) => `page-${n}.webp`;

export function assetOf(m: StoredMedia): MediaAsset {
  const base = `/api/media/${m.id}`;
  const pageUrls = Array.from({ length: m.pages }, (_, i) => `${base}/pages/${i + 1}`);
  return {
    id: m.id,
    name: m.name,
    kind: m.kind,
    mime: m.mime,
    bytes: m.bytes,
    width: m.width,
    height: m.height,
    durationMs: m.durationMs,
    url: m.kind === 'pdf' ? pageUrls[0]! : `${base}/file`,
    pageUrls,
    sha256: m.id,
    createdAt: new Date(m.createdAt).toISOString(),
    createdBy: m.createdBy,
  };
}

export type MediaLibraryService = ReturnType<typeof createMediaLibrary>;

/**
 * The hub's media library: uploads checked (type by magic number against name and declared type, images decoded
 * and re-encoded, videos probed for codecs Chromium plays, PDFs rendered to page images), kept under a quota and a
 * disk reserve, served to screens by immutable URLs. A refused upload leaves nothing behind: no row, no file.
 */
export function createMediaLibrary(d: MediaLibraryDeps) {
  const { store, files, inspector, limits } = d;
  let usage: MediaUsage = { isMediaInUse: () => false };
  const listeners = new Set<() => void>();
  const changed = () => listeners.forEach((l) => l());
  // One upload is checked and stored at a time: the quota holds for two arriving together, and the hub's CPU is
  // the queue's first.
  let turn: Promise<unknown> = Promise.resolve();
  const exclusive = <T>(f: () => Promise<T>): Promise<T> => {
    const run = turn.then(f, f);
    turn = run.catch(() => undefined);
    return run;
  };

  /** Checks and renders the upload in its work folder; returns the row it would be. */
  async function check(incoming: Incoming, u: MediaUpload): Promise<StoredMedia> {
    const sniff = await inspector.sniff(incoming.upload);
    const cls = classifyUpload(u.name, u.declaredMime, sniff);
    if (!cls.ok) throw refused(cls.verdict);
    const row = { id: incoming.sha256, name: u.name, width: null, height: null, durationMs: null, pages: 0, createdAt: d.clock.now(), createdBy: u.by };
    if (cls.kind === 'image') {
      const size = await inspector.image(incoming.upload, `${incoming.dir}/${MAIN_FILE.image}`, FIT);
      if (!size) throw refused(corrupt(cls.label));
      return { ...row, ...size, kind: 'image', mime: 'image/webp', bytes: 0 };
    }
    if (cls.kind === 'video' || cls.kind === 'other-video') {
      const probe = await inspector.video(incoming.upload);
      if (!probe) throw refused(corrupt(cls.label));
      const verdict = videoVerdict(probe);
      if (verdict) throw refused(verdict);
      await incoming.adopt(MAIN_FILE.video);
      return { ...row, kind: 'video', mime: 'video/webm', bytes: 0, width: probe.width, height: probe.height, durationMs: probe.durationMs };
    }
    if (cls.kind === 'widget') {
      if (!(await inspector.isText(incoming.upload))) throw refused(notText(u.name));
      await incoming.adopt(MAIN_FILE.widget);
      return { ...row, kind: 'widget', mime: 'text/html', bytes: 0 };
    }
    const pdf = await inspector.pdf(incoming.upload, incoming.dir, limits.maxPdfPages, FIT);
    if (!pdf) throw refused(corrupt(cls.label));
    return { ...row, kind: 'pdf', mime: 'image/webp', bytes: 0, width: pdf.width, height: pdf.height, pages: pdf.pages };
  }

  async function checkAndKeep(incoming: Incoming, u: MediaUpload): Promise<{ asset: MediaAsset; created: boolean }> {
    const existing = store.get(incoming.sha256);
    if (existing) return { asset: assetOf(existing), created: false };
    const row = await check(incoming, u);
    row.bytes = await incoming.keptBytes();
    // The renditions are on the disk already (in the work folder): what it has free now is what it keeps.
    const room = roomVerdict({ usedBytes: store.usedBytes(), newBytes: row.bytes, quotaBytes: limits.quotaBytes, freeAfterBytes: d.disk.freeBytes(), reserveBytes: limits.reserveBytes });
    if (room) throw refused(room);
    await files.keep(incoming, row.id);
    store.insert(row);
    changed();
    return { asset: assetOf(row), created: true };
  }

  /** Refuses, before a byte is read, a body its sender says is too large or would not fit on the disk. */
  function precheck(declaredBytes: number | null): void {
    if (declaredBytes === null) return;
    if (declaredBytes > limits.maxFileBytes) throw refused(tooLarge(limits.maxFileBytes));
    const free = d.disk.freeBytes();
    const room = roomVerdict({ usedBytes: 0, newBytes: 0, quotaBytes: Infinity, freeAfterBytes: free === null ? null : free - declaredBytes, reserveBytes: limits.reserveBytes });
    if (room) throw refused(room);
  }

  return {
    library(): MediaLibrary {
      return { assets: store.list().map(assetOf), usedBytes: store.usedBytes(), quotaBytes: limits.quotaBytes, diskFreeBytes: d.disk.freeBytes() };
    },

    /** One asset (what signage's campaigns resolve their items with: the port `MediaCatalog`). */
    asset: (id: string): MediaAsset | null => {
      const m = store.get(id);
      return m ? assetOf(m) : null;
    },

    /** Calls `listener` after an asset is added or deleted (scenes that play it are resolved again). */
    onChange(listener: () => void): () => void {
      listeners.add(listener);
      return () => void listeners.delete(listener);
    },

    precheck,

    async upload(u: MediaUpload): Promise<{ asset: MediaAsset; created: boolean }> {
      precheck(u.declaredBytes);
      const received = await files.receive(u.body, limits.maxFileBytes);
      if (!received.ok) throw refused(tooLarge(limits.maxFileBytes));
      const { incoming } = received;
      try {
        return await exclusive(() => checkAndKeep(incoming, u));
      } finally {
        await incoming.discard();
      }
    },

    async remove(id: string): Promise<boolean> {
      if (!store.get(id)) return false;
      if (usage.isMediaInUse(id)) throw refused(inUse);
      store.remove(id);
      await files.remove(id);
      changed();
      return true;
    },

    /** An asset's file: its main file, or a PDF's page `page` (1-based; a PDF's main file is its first page). */
    file(id: string, page: number | null): MediaFile | null {
      const m = store.get(id);
      if (!m) return null;
      const n = page ?? 1;
      const name = m.kind === 'pdf' ? (n <= m.pages ? pageFile(n) : null) : page === null ? MAIN_FILE[m.kind] : null;
      const path = name ? files.path(id, name) : null;
      return path ? { path, mime: m.mime, etag: `"${id}${m.kind === 'pdf' ? `-p${n}` : ''}"`, kind: m.kind } : null;
    },

    /** The campaigns' part of the hub says which assets they play: those are not deleted. */
    useUsage(u: MediaUsage): void {
      usage = u;
    },

    /** Start-up: leftovers of a stop mid-upload or mid-deletion go. */
    sweep: () => files.sweep(new Set(store.list().map((m) => m.id))),
  };
}
