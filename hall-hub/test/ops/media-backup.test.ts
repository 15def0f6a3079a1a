import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import type { MediaAsset } from '@hall/shared';
import sharp from 'sharp';
import { afterEach, describe, expect, it } from 'vitest';
import { smallHall } from '@hall/testkit/hall-fixture';
import { testHub, type TestHub } from '@hall/testkit/hub-fixture';

/*
 * Backups carry the media library (#20): `npm run backup` keeps the files of the assets the copied database
 * names beside it, `npm run restore` puts them back, so a hall restored into a fresh data folder serves the same
 * media. The CLIs run as the operator runs them, as processes, against a real hub's data folder.
 */

const hubDir = join(import.meta.dirname, '..', '..');
const run = promisify(execFile);
const cli = (script: 'backup' | 'restore', args: string[], dataDir: string) =>
  run(process.execPath, ['--import', 'tsx', join(hubDir, 'src', 'cli', `${script}.ts`), ...args], { cwd: hubDir, env: { ...process.env, HALL_DATA_DIR: dataDir } });

const hubs: TestHub[] = [];
afterEach(async () => {
  for (const h of hubs.splice(0)) await h.close();
});
const hall = () => smallHall({ signage: { media: { diskReserveMb: 0 } } });

const upload = (h: TestHub, name: string, type: string, body: Buffer) =>
  h.app.inject({ method: 'POST', url: `/api/media?name=${encodeURIComponent(name)}`, headers: { ...h.as('boss'), 'content-type': type }, payload: body });
const fileOf = async (h: TestHub, a: MediaAsset) => {
  const r = await h.app.inject({ url: a.url });
  return { status: r.statusCode, body: r.rawPayload };
};

/** Every file and folder under `root` with its permission bits. */
function modes(root: string): Array<[string, number]> {
  return readdirSync(root, { recursive: true, encoding: 'utf8' }).map((p) => [p, statSync(join(root, p)).mode & 0o777]);
}

describe('backups carry the media library', () => {
  it('a hall backed up with an image and a video, restored into a fresh data folder, serves the same files', async () => {
    const h = await testHub(hall());
    hubs.push(h);
    const png = await sharp(randomBytes(64 * 48 * 3), { raw: { width: 64, height: 48, channels: 3 } }).png().toBuffer();
    const webm = readFileSync(join(hubDir, 'test', 'signage', 'fixtures', 'tiny-vp9-opus.webm'));
    const image = (await upload(h, '办税指南.png', 'image/png', png)).json<MediaAsset>();
    const video = (await upload(h, '宣传片.webm', 'video/webm', webm)).json<MediaAsset>();
    const before = [await fileOf(h, image), await fileOf(h, video)];
    expect(before.map((f) => f.status)).toEqual([200, 200]);

    // Backed up while the hub runs, as an operator does.
    const backups = mkdtempSync(join(tmpdir(), 'hall-backups-'));
    const made = await cli('backup', ['--to', backups], h.dataDir);
    expect(made.stdout).toContain('2 media file(s)');
    const [db] = readdirSync(backups).filter((f) => f.endsWith('.db'));
    const media = join(backups, db!.replace(/\.db$/, '.media'));
    // owner-only like the data folder: folders 0700, files 0600
    expect(new Set(modes(media).map(([p, m]) => (statSync(join(media, p)).isDirectory() ? `dir ${m.toString(8)}` : `file ${m.toString(8)}`)))).toEqual(new Set(['dir 700', 'file 600']));
    expect(statSync(media).mode & 0o777).toBe(0o700);
    await h.close();
    hubs.splice(0);

    // Restored into a fresh data folder, the hall serves the same bytes at the same URLs.
    const fresh = mkdtempSync(join(tmpdir(), 'hall-restored-'));
    const restored = await cli('restore', [join(backups, db!)], fresh);
    expect(restored.stdout).toContain('2 media file(s) restored');
    const r = await testHub(hall(), undefined, { dataDir: fresh });
    hubs.push(r);
    const listed = (await r.app.inject({ url: '/api/media', headers: r.as('boss') })).json<{ assets: MediaAsset[] }>().assets;
    expect(listed.map((a) => a.id).sort()).toEqual([image.id, video.id].sort());
    const after = [await fileOf(r, image), await fileOf(r, video)];
    expect(after.map((f) => f.status)).toEqual([200, 200]);
    expect(after[0]!.body.equals(before[0]!.body)).toBe(true);
    expect(after[1]!.body.equals(before[1]!.body)).toBe(true);
    expect(after[1]!.body.equals(webm)).toBe(true);
    const live = join(fresh, 'media');
    expect(statSync(live).mode & 0o777).toBe(0o700);
    for (const [p, m] of modes(live)) expect(m, p).toBe(statSync(join(live, p)).isDirectory() ? 0o700 : 0o600);
  }, 120_000);
});
