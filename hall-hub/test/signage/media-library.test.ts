import { randomBytes } from 'node:crypto';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { request as httpRequest } from 'node:http';
import { join } from 'node:path';
import type { MediaAsset, MediaLibrary } from '@hall/shared';
import PDFDocument from 'pdfkit';
import sharp from 'sharp';
import { afterEach, describe, expect, it } from 'vitest';
import { fakeClock } from '@hall/testkit/engine-fixture';
import { smallHall } from '@hall/testkit/hall-fixture';
import { testHub, type TestHub } from '@hall/testkit/hub-fixture';

/*
 * Signage's media library (#20): what an upload must be to be kept, and what a screen fetches. Real hub, real
 * SQLite file, real files: a WebM (VP9 + Opus) and an MP4 (H.264 + AAC) made by fixtures/make-fixtures.sh, the
 * rest made here.
 */

const fixture = (name: string) => readFileSync(join(import.meta.dirname, 'fixtures', name));
const WEBM = fixture('tiny-vp9-opus.webm');
const MP4 = fixture('tiny-h264-aac.mp4');

let hub: TestHub | undefined;
afterEach(async () => {
  await hub?.close();
  hub = undefined;
});

type Media = { maxFileMb?: number; quotaMb?: number; diskReserveMb?: number; maxPdfPages?: number };
const startHub = async (media: Media = {}, listen = false) =>
  (hub = await testHub(smallHall({ signage: { media: { diskReserveMb: 0, ...media } } }), fakeClock(), { listen }));

const upload = (h: TestHub, name: string, type: string, body: Buffer) =>
  h.app.inject({ method: 'POST', url: `/api/media?name=${encodeURIComponent(name)}`, headers: { ...h.as('boss'), 'content-type': type }, payload: body });

const library = async (h: TestHub) => (await h.app.inject({ url: '/api/media', headers: h.as('boss') })).json() as MediaLibrary;

/** Every file under the data folder's media folder, relative to it. */
function mediaFiles(h: TestHub): string[] {
  const root = join(h.dataDir, 'media');
  const walk = (dir: string): string[] =>
    readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? walk(join(dir, e.name)) : [join(dir, e.name).slice(root.length + 1)]));
  return walk(root).sort();
}

/** A PNG of random pixels: it does not compress, so its WebP is about as large as its pixels. */
const noisePng = (width: number, height: number) => sharp(randomBytes(width * height * 3), { raw: { width, height, channels: 3 } }).png().toBuffer();

const pdf = (pages: number) =>
  new Promise<Buffer>((resolve) => {
    const doc = new PDFDocument({ size: 'A4' });
    const chunks: Buffer[] = [];
    doc.on('data', (c: Buffer) => chunks.push(c));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    for (let p = 1; p <= pages; p++) {
      if (p > 1) doc.addPage();
      doc.rect(50, 50, 300, 200).fill(p % 2 ? '#cc0000' : '#0000cc');
    }
    doc.end();
  });

// The first bytes of a Linux (ELF) and a Windows (PE, "MZ") executable: what a renamed program starts with.
const ELF = Buffer.concat([Buffer.from('7f454c4602010100000000000000000002003e0001000000', 'hex'), Buffer.alloc(4000, 0x90)]);
const PE = Buffer.concat([Buffer.from('MZ'), Buffer.alloc(58), Buffer.from([0x80, 0, 0, 0]), Buffer.alloc(4000, 0x90)]);

describe('an upload that is not what it claims is refused, and nothing is stored', () => {
  it('a renamed executable, a truncated image, an H.264 video and a mislabelled one: each with its code and reason', async () => {
    const h = await startHub();
    const good = await noisePng(64, 48);
    const cases: Array<[string, string, Buffer, number, string, RegExp]> = [
      ['logo.png', 'image/png', ELF, 422, 'media_type_mismatch', /ELF/],
      ['logo.png', 'image/png', PE, 422, 'media_type_mismatch', /EXE/],
      ['logo.png', 'image/png', good.subarray(0, Math.floor(good.length * 0.6)), 422, 'media_corrupt', /PNG/],
      ['clip.mp4', 'video/mp4', MP4, 422, 'media_codec', /H\.264 video and AAC audio/],
      ['clip.webm', 'video/webm', MP4, 422, 'media_type_mismatch', /WebM.*MP4/],
      ['logo.png', 'image/jpeg', good, 422, 'media_type_mismatch', /image\/jpeg/],
      ['setup.exe', 'application/octet-stream', PE, 422, 'media_unsupported', /\.exe/],
    ];
    for (const [name, type, body, status, code, reason] of cases) {
      const r = await upload(h, name, type, body);
      expect(r.statusCode, `${name} as ${type}`).toBe(status);
      const e = r.json() as { code: string; message: string; messageEn: string };
      expect(e.code, `${name} as ${type}`).toBe(code);
      expect(e.messageEn).toMatch(reason);
      expect(e.message).toMatch(/[\u4e00-\u9fff]/);
    }
    // The codec refusal says what to do about it.
    const codec = (await upload(h, 'clip.mp4', 'video/mp4', MP4)).json() as { message: string };
    expect(codec.message).toContain('H.264 视频');
    expect(codec.message).toContain('WebM');
    expect(await library(h)).toMatchObject({ assets: [], usedBytes: 0 });
    expect(mediaFiles(h)).toEqual([]);
    // Counted like every refusal.
    expect(h.app.rejections.get('media_type_mismatch')).toBe(4);
    expect(h.app.rejections.get('media_codec')).toBe(2);
  }, 60_000);

  it('a file over the per-file limit, an upload over the quota and one that would leave the disk under its reserve', async () => {
    let h = await startHub({ maxFileMb: 0.5, quotaMb: 0.05 });
    const big = await noisePng(600, 400);
    expect(big.length).toBeGreaterThan(0.5 * 1024 * 1024);
    const tooBig = await upload(h, 'big.png', 'image/png', big);
    expect(tooBig.statusCode).toBe(413);
    expect(tooBig.json()).toMatchObject({ code: 'media_too_large', messageEn: expect.stringContaining('0.5 MB') });

    const first = await upload(h, 'a.png', 'image/png', await noisePng(120, 100));
    expect(first.statusCode).toBe(201);
    const before = await library(h);
    // About 10 KB kept; the next one's ~47 KB would pass the quota of ~51 KB.
    expect(before.usedBytes).toBe((first.json() as MediaAsset).bytes);
    expect(before.usedBytes).toBeLessThan(0.05 * 1024 * 1024);
    const over = await upload(h, 'b.png', 'image/png', await noisePng(300, 200));
    expect(over.statusCode).toBe(409);
    expect(over.json()).toMatchObject({ code: 'media_quota', message: expect.stringContaining('媒体库空间不足') });
    expect((await library(h)).usedBytes).toBe(before.usedBytes);
    expect(mediaFiles(h)).toEqual([`${first.json().id}/main.webp`]);
    await h.close();

    h = await startHub({ diskReserveMb: 1_000_000 });
    const low = await upload(h, 'a.png', 'image/png', await noisePng(64, 48));
    expect(low.statusCode).toBe(409);
    expect(low.json()).toMatchObject({ code: 'media_disk_low' });
    expect(await library(h)).toMatchObject({ assets: [], usedBytes: 0 });
    expect(mediaFiles(h)).toEqual([]);
   }, 60_000);

  it('a body over the per-file limit is cut off as it arrives, not read to its end', async () => {
    const h = await startHub({ maxFileMb: 1 }, true);
    const url = new URL('/api/media?name=endless.webm', h.base);
    const chunk = Buffer.alloc(64 * 1024, 1);
    const CEILING = 256 * 1024 * 1024;
    const answer = await new Promise<{ status: number; body: string; written: number }>((resolve, reject) => {
      let written = 0;
      let done = false;
      // No content-length: the hub cannot refuse before reading, only while reading.
      const req = httpRequest(url, { method: 'POST', headers: { ...h.as('boss'), 'content-type': 'video/webm', 'transfer-encoding': 'chunked' } }, (res) => {
        done = true;
        let body = '';
        res.setEncoding('utf8');
        res.on('data', (d: string) => (body += d));
        res.on('end', () => {
          resolve({ status: res.statusCode ?? 0, body, written });
          req.destroy();
        });
      });
      req.on('error', (err) => !done && reject(err));
      const pump = () => {
        while (!done && !req.destroyed && written < CEILING) {
          written += chunk.length;
          if (!req.write(chunk)) return void req.once('drain', pump);
        }
        if (!done && !req.destroyed) reject(new Error(`the hub read ${written} bytes without answering`));
      };
      pump();
    });
    expect(answer.status).toBe(413);
    expect(JSON.parse(answer.body)).toMatchObject({ code: 'media_too_large' });
    expect(answer.written).toBeLessThan(CEILING);
    expect(await library(h)).toMatchObject({ assets: [], usedBytes: 0 });
    expect(mediaFiles(h)).toEqual([]);
  });
});

describe('what the library keeps and how screens fetch it', () => {
  it('an image is decoded, fitted to 3840×2160 and re-encoded; its URL is immutable, with an ETag', async () => {
    const h = await startHub();
    const png = await sharp({ create: { width: 5000, height: 2500, channels: 3, background: '#2060a0' } }).png().toBuffer();
    const r = await upload(h, '大厅须知.png', 'image/png', png);
    expect(r.statusCode).toBe(201);
    const a = r.json() as MediaAsset;
    expect(a).toMatchObject({ name: '大厅须知.png', kind: 'image', mime: 'image/webp', width: 3840, height: 1920, durationMs: null, pageUrls: [], createdBy: 'boss' });
    expect(a.url).toBe(`/api/media/${a.id}/file`);
    const f = await h.app.inject({ url: a.url });
    expect(f.statusCode).toBe(200);
    expect(f.headers['content-type']).toBe('image/webp');
    expect(f.headers['cache-control']).toContain('immutable');
    expect(await sharp(f.rawPayload).metadata()).toMatchObject({ format: 'webp', width: 3840, height: 1920 });
    expect(f.rawPayload.length).toBe(a.bytes);
    const again = await h.app.inject({ url: a.url, headers: { 'if-none-match': f.headers.etag as string } });
    expect(again.statusCode).toBe(304);
    // The same file again is the same asset.
    const twice = await upload(h, 'copy.png', 'image/png', png);
    expect(twice.statusCode).toBe(200);
    expect(twice.json().id).toBe(a.id);
    expect((await library(h)).assets).toHaveLength(1);
    expect((await h.app.inject({ url: `/api/media/${a.id}`, headers: h.as('audit') })).json()).toEqual(a);
  });

  it('a WebM (VP9 + Opus) is kept as sent, its length read, and served in byte ranges', async () => {
    const h = await startHub();
    const r = await upload(h, 'welcome.webm', 'video/webm', WEBM);
    expect(r.statusCode).toBe(201);
    const a = r.json() as MediaAsset;
    expect(a).toMatchObject({ kind: 'video', mime: 'video/webm', width: 64, height: 36, bytes: WEBM.length });
    expect(a.durationMs).toBeGreaterThanOrEqual(950);
    expect(a.durationMs).toBeLessThanOrEqual(1100);
    const whole = await h.app.inject({ url: a.url });
    expect(whole.headers['accept-ranges']).toBe('bytes');
    expect(whole.rawPayload.equals(WEBM)).toBe(true);
    const head = await h.app.inject({ url: a.url, headers: { range: 'bytes=0-99' } });
    expect(head.statusCode).toBe(206);
    expect(head.headers['content-range']).toBe(`bytes 0-99/${WEBM.length}`);
    expect(head.rawPayload.equals(WEBM.subarray(0, 100))).toBe(true);
    const tail = await h.app.inject({ url: a.url, headers: { range: 'bytes=-10' } });
    expect(tail.statusCode).toBe(206);
    expect(tail.rawPayload.equals(WEBM.subarray(WEBM.length - 10))).toBe(true);
    const from = await h.app.inject({ url: a.url, headers: { range: `bytes=${WEBM.length - 5}-` } });
    expect(from.rawPayload.equals(WEBM.subarray(WEBM.length - 5))).toBe(true);
    const past = await h.app.inject({ url: a.url, headers: { range: `bytes=${WEBM.length}-` } });
    expect(past.statusCode).toBe(416);
    expect(past.headers['content-range']).toBe(`bytes */${WEBM.length}`);
  });

  it('an HTML widget is served sandboxed: scripts run, the hub’s origin is not theirs', async () => {
    const h = await startHub();
    const html = Buffer.from('<!doctype html><meta charset="utf-8"><div id="t">办事指南</div><script>t.textContent = new Date().toISOString()</script>');
    const r = await upload(h, 'clock.html', 'text/html; charset=utf-8', html);
    expect(r.statusCode).toBe(201);
    const a = r.json() as MediaAsset;
    expect(a).toMatchObject({ kind: 'widget', mime: 'text/html', bytes: html.length });
    const f = await h.app.inject({ url: a.url });
    expect(f.rawPayload.equals(html)).toBe(true);
    const csp = f.headers['content-security-policy'] as string;
    expect(csp).toMatch(/^sandbox allow-scripts;/);
    expect(csp).not.toContain('allow-same-origin');
    expect(f.headers['x-frame-options']).toBe('SAMEORIGIN');
    // Not text: refused.
    const binary = await upload(h, 'x.html', 'text/html', Buffer.from([0x3c, 0x68, 0, 0xff, 0xfe]));
    expect(binary.json()).toMatchObject({ code: 'media_type_mismatch' });
  });

  it('a PDF becomes one image per page, up to the page cap', async () => {
    const h = await startHub({ maxPdfPages: 2 });
    const r = await upload(h, '办事流程.pdf', 'application/pdf', await pdf(3));
    expect(r.statusCode).toBe(201);
    const a = r.json() as MediaAsset;
    expect(a.kind).toBe('pdf');
    expect(a.pageUrls).toEqual([`/api/media/${a.id}/pages/1`, `/api/media/${a.id}/pages/2`]);
    expect(a.url).toBe(a.pageUrls[0]);
    const pages = [];
    for (const url of a.pageUrls) {
      const p = await h.app.inject({ url });
      expect(p.statusCode).toBe(200);
      expect(p.headers['content-type']).toBe('image/webp');
      pages.push(p.rawPayload);
    }
    // A4 portrait fitted to 2160 high; page 1 is red where page 2 is blue.
    expect(await sharp(pages[0]).metadata()).toMatchObject({ width: a.width, height: 2160 });
    const colour = async (img: Buffer) => [...(await sharp(img).extract({ left: Math.round(200 * (a.width! / 595)), top: 300, width: 1, height: 1 }).removeAlpha().raw().toBuffer())];
    const [r1, g1, b1] = await colour(pages[0]!);
    const [r2, g2, b2] = await colour(pages[1]!);
    expect([r1! > 180, g1! < 30, b1! < 30, r2! < 30, g2! < 30, b2! > 180]).toEqual([true, true, true, true, true, true]);
    expect((await h.app.inject({ url: `/api/media/${a.id}/pages/3` })).statusCode).toBe(404);
    const bytes = mediaFiles(h).reduce((n, f) => n + statSync(join(h.dataDir, 'media', f)).size, 0);
    expect(a.bytes).toBe(bytes);
    expect((await upload(h, 'broken.pdf', 'application/pdf', Buffer.from('%PDF-1.7\n1 0 obj\n<< /Type /Catalog'))).json()).toMatchObject({ code: 'media_corrupt' });
  });

  it('an asset a campaign plays is not deleted; one no campaign plays is, with its files, and signage hears of both changes', async () => {
    const h = await startHub();
    let changes = 0;
    h.app.media.onChange(() => changes++);
    const a = (await upload(h, 'welcome.webm', 'video/webm', WEBM)).json() as MediaAsset;
    expect(h.app.media.asset(a.id)).toEqual(a);
    expect(changes).toBe(1);
    h.app.media.useUsage({ isMediaInUse: (id) => id === a.id });
    const busy = await h.app.inject({ method: 'DELETE', url: `/api/media/${a.id}`, headers: h.as('boss') });
    expect(busy.statusCode).toBe(409);
    expect(busy.json()).toMatchObject({ code: 'media_in_use' });
    expect(mediaFiles(h)).toEqual([`${a.id}/main.webm`]);
    h.app.media.useUsage({ isMediaInUse: () => false });
    expect(changes).toBe(1);
    expect((await h.app.inject({ method: 'DELETE', url: `/api/media/${a.id}`, headers: h.as('boss') })).statusCode).toBe(204);
    expect(changes).toBe(2);
    expect(h.app.media.asset(a.id)).toBeNull();
    expect(mediaFiles(h)).toEqual([]);
    expect((await h.app.inject({ url: a.url })).statusCode).toBe(404);
    expect(await library(h)).toMatchObject({ assets: [], usedBytes: 0 });
  });
});

describe('across a restart', () => {
  it('kept assets stay and are served; what a stop mid-upload or mid-deletion left behind is swept', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'hall-media-'));
    const config = smallHall({ signage: { media: { diskReserveMb: 0 } } });
    let h = (hub = await testHub(config, fakeClock(), { dataDir }));
    const a = (await upload(h, 'welcome.webm', 'video/webm', WEBM)).json() as MediaAsset;
    await h.close();
    // A stop mid-upload leaves a work folder; one mid-deletion, a folder no row names.
    mkdirSync(join(dataDir, 'media', '.incoming', 'x'), { recursive: true });
    writeFileSync(join(dataDir, 'media', '.incoming', 'x', 'upload'), ELF);
    const orphan = 'ab'.repeat(32);
    mkdirSync(join(dataDir, 'media', orphan));
    writeFileSync(join(dataDir, 'media', orphan, 'main.webm'), WEBM);
    h = hub = await testHub(config, fakeClock(), { dataDir });
    expect(mediaFiles(h)).toEqual([`${a.id}/main.webm`]);
    expect((await library(h)).assets).toEqual([a]);
    expect((await h.app.inject({ url: a.url })).rawPayload.equals(WEBM)).toBe(true);
  }, 60_000);
});
