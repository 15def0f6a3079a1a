import { describe, expect, it } from 'vitest';
import { classifyUpload, roomVerdict, videoVerdict, type VideoProbe } from '@hall/hub/domain/signage/media-rules';

/* The media library's rules on their own: which names, types and bytes agree, which videos a screen plays. */

const webm: VideoProbe = { container: 'WebM', video: ['VP9'], audio: ['Opus'], durationMs: 1000, width: 64, height: 36 };

describe('what an upload is', () => {
  it('name, declared type and magic number must agree; an undeclared type leaves it to the name and the bytes', () => {
    expect(classifyUpload('a.PNG', 'image/png', { ext: 'png', mime: 'image/png' })).toMatchObject({ ok: true, kind: 'image' });
    expect(classifyUpload('a.jpg', 'application/octet-stream', { ext: 'jpg', mime: 'image/jpeg' })).toMatchObject({ ok: true, kind: 'image' });
    expect(classifyUpload('w.html', 'text/html; charset=utf-8', null)).toMatchObject({ ok: true, kind: 'widget' });
    expect(classifyUpload('w.html', 'text/html', { ext: 'elf', mime: 'application/x-elf' })).toMatchObject({ ok: false, verdict: { code: 'media_type_mismatch' } });
    expect(classifyUpload('a.png', 'image/png', null)).toMatchObject({ ok: false, verdict: { code: 'media_type_mismatch' } });
    expect(classifyUpload('a.png', 'image/png', { ext: 'jpg', mime: 'image/jpeg' })).toMatchObject({ ok: false, verdict: { code: 'media_type_mismatch', en: expect.stringContaining('JPEG') } });
    expect(classifyUpload('a.svg', 'image/svg+xml', null)).toMatchObject({ ok: false, verdict: { code: 'media_unsupported' } });
    expect(classifyUpload('noname', 'image/png', { ext: 'png', mime: 'image/png' })).toMatchObject({ ok: false, verdict: { code: 'media_unsupported' } });
  });
});

describe('which videos a screen plays', () => {
  it('WebM with VP8/VP9/AV1 and Opus/Vorbis (or silent); anything else names the codec or container it cannot play', () => {
    expect(videoVerdict(webm)).toBeNull();
    expect(videoVerdict({ ...webm, video: ['AV1'], audio: [] })).toBeNull();
    expect(videoVerdict({ ...webm, video: ['VP8'], audio: ['Vorbis'] })).toBeNull();
    expect(videoVerdict({ ...webm, container: 'MPEG-4', video: ['HEVC'], audio: ['AAC'] })).toMatchObject({ code: 'media_codec', en: expect.stringContaining('H.265/HEVC video and AAC audio') });
    expect(videoVerdict({ ...webm, container: 'Matroska' })).toMatchObject({ code: 'media_codec', en: expect.stringContaining('Matroska container') });
    expect(videoVerdict({ ...webm, video: [] })).toMatchObject({ code: 'media_unsupported' });
    expect(videoVerdict({ ...webm, durationMs: null })).toMatchObject({ code: 'media_corrupt' });
  });
});

describe('room for a file', () => {
  it('the quota counts what is kept; the disk keeps its reserve; an unmeasured disk leaves only the quota', () => {
    const base = { usedBytes: 900, newBytes: 100, quotaBytes: 1000, freeAfterBytes: 5000, reserveBytes: 4000 };
    expect(roomVerdict(base)).toBeNull();
    expect(roomVerdict({ ...base, newBytes: 101 })).toMatchObject({ code: 'media_quota' });
    expect(roomVerdict({ ...base, freeAfterBytes: 3999 })).toMatchObject({ code: 'media_disk_low' });
    expect(roomVerdict({ ...base, freeAfterBytes: null })).toBeNull();
  });
});
