import { chmodSync, copyFileSync, existsSync, linkSync, readdirSync, renameSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { privateDir } from '../ops/private-files.js';

/*
 * The media library's files beside a database backup: `hall-<stamp>.db` carries its assets' rows and
 * `hall-<stamp>.media/<sha256>/…` their files, so a restored hall serves the same media (the hub deletes, on
 * start, every media folder its database does not name, and names none it has no folder for).
 */

const ID = /^[0-9a-f]{64}$/;

/** Where a backup's media files are kept: beside it, under its name. */
export const mediaBackupDir = (backupFile: string): string => backupFile.replace(/\.db$/, '.media');

/**
 * A file into place, owner-only. Content-addressed files never change once stored, so on the same file system a
 * hard link is as good as a copy and costs nothing (unchanged media is shared by the daily backups); across file
 * systems (a backup to a USB disk) it is copied.
 */
function place(from: string, to: string): void {
  try {
    linkSync(from, to);
  } catch {
    copyFileSync(from, to);
  }
  chmodSync(to, 0o600);
}

/** Copies the folders of `ids` from the library at `mediaRoot` into `to` (0700 folders, 0600 files); how many. */
export function copyMediaFolders(mediaRoot: string, ids: readonly string[], to: string): number {
  privateDir(to);
  let copied = 0;
  for (const id of ids) {
    const from = join(mediaRoot, id);
    // an asset deleted since the database was copied has no files left to keep
    if (!ID.test(id) || !existsSync(from)) continue;
    privateDir(join(to, id));
    for (const f of readdirSync(from)) place(join(from, f), join(to, id, f));
    copied += 1;
  }
  return copied;
}

/**
 * Puts a backup's media files in place of the library's (the hub must be stopped). The library there before is
 * kept beside it as media.before-restore-<stamp>, as the database is, so a restore can be undone. A backup made
 * before backups carried media has no folder: the library is left as it is. Returns what it kept, if anything.
 */
export function restoreMediaFolders(backupFile: string, dataDir: string, stamp: string): { restored: number; previous: string | null } | null {
  const from = mediaBackupDir(backupFile);
  if (!existsSync(from)) return null;
  const live = join(dataDir, 'media');
  let previous: string | null = null;
  if (existsSync(live)) {
    previous = `${live}.before-restore-${stamp}`;
    renameSync(live, previous);
  }
  const partial = `${live}.partial`;
  rmSync(partial, { recursive: true, force: true });
  const ids = readdirSync(from).filter((id) => ID.test(id));
  const restored = copyMediaFolders(from, ids, partial);
  renameSync(partial, live);
  return { restored, previous };
}
