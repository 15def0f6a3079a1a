import type { MediaKind, MediaRefusal } from '@hall/shared';

/**
 * What the media library takes, and why it refuses the rest (pure: the bytes' sniffed type, the video probe and
 * the disk figures come in as arguments). A refusal names what exactly was wrong, Chinese first.
 */
export interface MediaVerdict {
  code: MediaRefusal;
  zh: string;
  en: string;
}

/** A format the library knows: what its name ends with, the type a browser declares, what its bytes sniff as. */
interface KnownFormat {
  label: string;
  kind: MediaKind | 'other-video';
  exts: readonly string[];
  mimes: readonly string[];
  /** file-type's `ext` for these bytes; null: a text format (no magic number) */
  sniff: string | null;
}

const FORMATS: readonly KnownFormat[] = [
  { label: 'PNG', kind: 'image', exts: ['png'], mimes: ['image/png'], sniff: 'png' },
  { label: 'JPEG', kind: 'image', exts: ['jpg', 'jpeg'], mimes: ['image/jpeg', 'image/jpg'], sniff: 'jpg' },
  { label: 'WebP', kind: 'image', exts: ['webp'], mimes: ['image/webp'], sniff: 'webp' },
  { label: 'GIF', kind: 'image', exts: ['gif'], mimes: ['image/gif'], sniff: 'gif' },
  { label: 'WebM', kind: 'video', exts: ['webm'], mimes: ['video/webm'], sniff: 'webm' },
  { label: 'HTML', kind: 'widget', exts: ['html', 'htm'], mimes: ['text/html'], sniff: null },
  { label: 'PDF', kind: 'pdf', exts: ['pdf'], mimes: ['application/pdf'], sniff: 'pdf' },
  // Videos Chromium may not play: taken as far as the probe, which says which codec it cannot play.
  { label: 'MP4', kind: 'other-video', exts: ['mp4', 'm4v'], mimes: ['video/mp4', 'video/x-m4v'], sniff: 'mp4' },
  { label: 'QuickTime', kind: 'other-video', exts: ['mov'], mimes: ['video/quicktime'], sniff: 'mov' },
  { label: 'Matroska', kind: 'other-video', exts: ['mkv'], mimes: ['video/x-matroska'], sniff: 'mkv' },
  { label: 'AVI', kind: 'other-video', exts: ['avi'], mimes: ['video/x-msvideo', 'video/avi'], sniff: 'avi' },
];

/** What the bytes look like, in words, for a refusal (file-type's `ext` of those that matter here). */
const SNIFFED_AS: Record<string, [zh: string, en: string]> = {
  elf: ['Linux 可执行程序（ELF）', 'a Linux executable (ELF)'],
  exe: ['Windows 可执行程序（EXE）', 'a Windows executable (EXE)'],
  macho: ['macOS 可执行程序', 'a macOS executable'],
  zip: ['ZIP 压缩包', 'a ZIP archive'],
  rar: ['RAR 压缩包', 'a RAR archive'],
  '7z': ['7z 压缩包', 'a 7z archive'],
  gz: ['gzip 压缩包', 'a gzip archive'],
};

const ACCEPTED_ZH = 'PNG、JPEG、WebP、GIF 图片，WebM 视频，HTML 小组件（单个 .html 文件）或 PDF';
const ACCEPTED_EN = 'PNG, JPEG, WebP or GIF images, WebM videos, HTML widgets (a single .html file) or PDFs';

/** A declared type that says nothing: the name and the bytes decide. */
const UNDECLARED = new Set(['', 'application/octet-stream']);

export const extensionOf = (name: string): string => /\.([A-Za-z0-9]{1,8})$/.exec(name)?.[1]?.toLowerCase() ?? '';
const baseMime = (mime: string): string => mime.split(';')[0]!.trim().toLowerCase();

function sniffedWords(sniff: { ext: string; mime: string } | null): readonly [string, string] {
  if (!sniff) return ['文本或无法识别的内容', 'text or unrecognised bytes'];
  const words = SNIFFED_AS[sniff.ext];
  if (words) return words;
  const label = FORMATS.find((f) => f.sniff === sniff.ext)?.label ?? `${sniff.ext.toUpperCase()} (${sniff.mime})`;
  return [` ${label} 文件`, `a ${label} file`];
}

export type UploadClass = { ok: true; kind: MediaKind | 'other-video'; label: string } | { ok: false; verdict: MediaVerdict };

/**
 * Which kind an upload is, from its name, the type its sender declared and what its bytes sniff as (magic number,
 * `null` for none): all three must agree, so a renamed executable or a mislabelled file is refused.
 */
export function classifyUpload(name: string, declaredMime: string, sniff: { ext: string; mime: string } | null): UploadClass {
  const ext = extensionOf(name);
  const mime = baseMime(declaredMime);
  const byName = FORMATS.find((f) => f.exts.includes(ext));
  if (!byName) {
    return {
      ok: false,
      verdict: {
        code: 'media_unsupported',
        zh: `不支持“.${ext || '（无扩展名）'}”文件。媒体库只接受 ${ACCEPTED_ZH}。`,
        en: `“.${ext || '(no extension)'}” files are not taken. The media library takes ${ACCEPTED_EN}.`,
      },
    };
  }
  const [isZh, isEn] = sniffedWords(sniff);
  if (!UNDECLARED.has(mime) && !byName.mimes.includes(mime)) {
    return {
      ok: false,
      verdict: {
        code: 'media_type_mismatch',
        zh: `文件名表明是 ${byName.label}，但声明的类型是 ${mime}，两者不符。`,
        en: `The name says ${byName.label} but the declared type is ${mime}; they do not agree.`,
      },
    };
  }
  if ((sniff?.ext ?? null) !== byName.sniff) {
    return {
      ok: false,
      verdict: {
        code: 'media_type_mismatch',
        zh: `文件名和类型表明是 ${byName.label}，但文件内容是${isZh}，已拒收。`,
        en: `The name and type say ${byName.label}, but the content is ${isEn}; refused.`,
      },
    };
  }
  return { ok: true, kind: byName.kind, label: byName.label };
}

/** What a video probe found (MediaInfo's format names: VP9, AVC, HEVC, AAC, Opus …). */
export interface VideoProbe {
  container: string | null;
  video: string[];
  audio: string[];
  durationMs: number | null;
  width: number | null;
  height: number | null;
}

const PLAYABLE_VIDEO = new Set(['VP8', 'VP9', 'AV1']);
const PLAYABLE_AUDIO = new Set(['Opus', 'Vorbis']);
/** MediaInfo's names for the codecs people recognise under other names. */
const CODEC_NAMES: Record<string, string> = { AVC: 'H.264', HEVC: 'H.265/HEVC', 'MPEG-4 Visual': 'MPEG-4 Part 2', 'MPEG Audio': 'MP3/MPEG audio' };
const named = (codec: string) => CODEC_NAMES[codec] ?? codec;
const HOW_TO = 'ffmpeg -i in.mp4 -c:v libvpx-vp9 -c:a libopus out.webm';

/**
 * Whether every Chromium plays this video, including builds without proprietary codecs (those of many signage
 * boxes; Debian's happens to decode H.264 through the system's ffmpeg): a WebM container, VP8/VP9/AV1 video,
 * Opus/Vorbis audio (or none), with a length.
 */
export function videoVerdict(p: VideoProbe): MediaVerdict | null {
  const badVideo = p.video.filter((c) => !PLAYABLE_VIDEO.has(c)).map(named);
  const badAudio = p.audio.filter((c) => !PLAYABLE_AUDIO.has(c)).map(named);
  if (badVideo.length + badAudio.length > 0 || (p.container !== 'WebM' && p.video.length > 0)) {
    const codecs = [...badVideo.map((c) => `${c} 视频`), ...badAudio.map((c) => `${c} 音频`)];
    const codecsEn = [...badVideo.map((c) => `${c} video`), ...badAudio.map((c) => `${c} audio`)];
    const what = codecs.length > 0 ? codecs.join('、') : `${p.container ?? '未知'} 封装`;
    const whatEn = codecsEn.length > 0 ? codecsEn.join(' and ') : `the ${p.container ?? 'unknown'} container`;
    return {
      code: 'media_codec',
      zh: `屏幕的浏览器不一定能播放${what}（很多屏幕的 Chromium 不含专利编解码器），媒体库只接受 WebM（VP8/VP9/AV1 视频，Opus/Vorbis 音频）。请转换后再上传，例如：${HOW_TO}`,
      en: `The screens’ browser may not play ${whatEn} (the Chromium of many screens has no proprietary codecs); the library takes WebM with VP8/VP9/AV1 video and Opus/Vorbis audio. Convert it and upload again, e.g. ${HOW_TO}`,
    };
  }
  if (p.video.length === 0) {
    return { code: 'media_unsupported', zh: '这个 WebM 文件没有视频画面（只有音频），媒体库不接受。', en: 'This WebM file has no video track (audio only); the media library does not take it.' };
  }
  if (p.durationMs === null || p.durationMs <= 0 || p.width === null || p.height === null) {
    return { code: 'media_corrupt', zh: '无法读取这个视频的时长或画面尺寸，文件可能已损坏。', en: 'The video’s length or size cannot be read; the file may be damaged.' };
  }
  return null;
}

export const corrupt = (label: string): MediaVerdict => ({
  code: 'media_corrupt',
  zh: `文件声称是 ${label}，但无法完整解码，可能已损坏或不完整。`,
  en: `The file claims to be ${label} but cannot be decoded in full; it may be damaged or cut short.`,
});

const mb = (bytes: number) => (bytes / 1024 / 1024).toFixed(1);

export const tooLarge = (maxBytes: number): MediaVerdict => ({
  code: 'media_too_large',
  zh: `文件超过单个文件上限 ${mb(maxBytes)} MB，已拒收。`,
  en: `The file is over the per-file limit of ${mb(maxBytes)} MB; refused.`,
});

/**
 * Whether `newBytes` more fit: under the library's quota, and leaving the data disk at least its reserve (the
 * queue's database lives on it). `freeAfterBytes`: what the disk would have left once the file is stored; null
 * when the disk could not be measured (then only the quota counts).
 */
export function roomVerdict(f: { usedBytes: number; newBytes: number; quotaBytes: number; freeAfterBytes: number | null; reserveBytes: number }): MediaVerdict | null {
  if (f.usedBytes + f.newBytes > f.quotaBytes) {
    return {
      code: 'media_quota',
      zh: `媒体库空间不足：已用 ${mb(f.usedBytes)} MB，这个文件 ${mb(f.newBytes)} MB，上限 ${mb(f.quotaBytes)} MB。请先删除不用的文件。`,
      en: `The media library is full: ${mb(f.usedBytes)} MB used, this file ${mb(f.newBytes)} MB, quota ${mb(f.quotaBytes)} MB. Delete files no longer used first.`,
    };
  }
  if (f.freeAfterBytes !== null && f.freeAfterBytes < f.reserveBytes) {
    return {
      code: 'media_disk_low',
      zh: `数据盘剩余空间不足（存入后只剩 ${mb(Math.max(0, f.freeAfterBytes))} MB，须保留 ${mb(f.reserveBytes)} MB 给排队数据），已拒收。`,
      en: `The data disk is low (${mb(Math.max(0, f.freeAfterBytes))} MB would be left; ${mb(f.reserveBytes)} MB is kept for the queue’s data); refused.`,
    };
  }
  return null;
}

export const notText = (name: string): MediaVerdict => ({
  code: 'media_type_mismatch',
  zh: `“${name}”声称是 HTML 小组件，但内容不是 UTF-8 文本，已拒收。`,
  en: `“${name}” claims to be an HTML widget, but its content is not UTF-8 text; refused.`,
});

export const inUse: MediaVerdict = {
  code: 'media_in_use',
  zh: '这个文件仍在节目（播放计划）中使用，请先从节目中移除再删除。',
  en: 'A campaign still plays this file; remove it from the campaign first.',
};
