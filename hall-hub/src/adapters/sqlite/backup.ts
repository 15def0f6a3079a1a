import Database from 'better-sqlite3';
import { chmodSync, copyFileSync, existsSync, readdirSync, renameSync, rmSync, statSync } from 'node:fs';
import { basename, join } from 'node:path';
import { copyMediaFolders, mediaBackupDir, restoreMediaFolders } from '../media/media-backup.js';
import { privateDir, privateFile } from '../ops/private-files.js';
import type { Db } from './database.js';
import { SCHEMA_VERSION } from './migrations.js';

export interface BackupFile {
  file: string;
  bytes: number;
  /** ms since the epoch, from the file's name */
  at: number;
  /** media files kept beside it (`hall-<stamp>.media/`), when the backup was asked to carry the library */
  media?: number;
}

const NAME = /^hall-(\d{8}T\d{6}Z)\.db$/;

function stamp(at: number): string {
  return new Date(at).toISOString().replace(/[-:]/g, '').replace(/\.\d+Z$/, 'Z');
}

function parseStamp(s: string): number {
  return Date.parse(`${s.slice(0, 4)}-${s.slice(4, 6)}-${s.slice(6, 8)}T${s.slice(9, 11)}:${s.slice(11, 13)}:${s.slice(13, 15)}Z`);
}

/**
 * Checks that a file is a complete hall database this hub can open: SQLite's own integrity check, and a
 * schema no newer than this build knows (an older one is migrated forward on open).
 */
export function verifyDatabaseFile(file: string): { schemaVersion: number } {
  const db = new Database(file, { readonly: true, fileMustExist: true });
  try {
    const check = db.pragma('integrity_check', { simple: true });
    if (check !== 'ok') throw new Error(`${basename(file)} is damaged: ${String(check)}`);
    const schemaVersion = db.pragma('user_version', { simple: true }) as number;
    if (schemaVersion < 1) throw new Error(`${basename(file)} is not a hall database (schema version ${schemaVersion})`);
    if (schemaVersion > SCHEMA_VERSION) {
      throw new Error(`${basename(file)} was written by a newer hub (schema ${schemaVersion}; this hub knows up to ${SCHEMA_VERSION})`);
    }
    return { schemaVersion };
  } finally {
    db.close();
  }
}

/**
 * The copy carries the live database's WAL mode, so opening it (to verify it) would leave -wal and -shm files
 * beside it, orphaned once it is renamed. In rollback mode it is one file on its own; a restored copy is put
 * back into WAL mode when the hub opens it.
 */
function selfContained(file: string): void {
  const db = new Database(file, { fileMustExist: true });
  try {
    db.pragma('journal_mode = DELETE');
  } finally {
    db.close();
  }
}

/** The media assets a database copy names (none in one from before the media library). */
function mediaIdsOf(file: string): string[] {
  const db = new Database(file, { readonly: true, fileMustExist: true });
  try {
    const table = db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'media_assets'").get();
    return table ? (db.prepare('SELECT id FROM media_assets').pluck().all() as string[]) : [];
  } finally {
    db.close();
  }
}

/**
 * A consistent copy of the live database while the hub keeps running: SQLite's online backup API copies
 * page by page and restarts if a writer changes a page already copied, so the copy is one committed state.
 * Written to a temporary name and renamed when verified, so a half-written file never looks like a backup.
 * Given the media library's folder, the files of the assets the copy names go beside it (media-backup.ts),
 * in place before the database file is, so a backup that looks finished has its media.
 */
export async function backupDatabase(db: Db, dir: string, at: number, mediaRoot?: string): Promise<BackupFile> {
  privateDir(dir);
  const file = join(dir, `hall-${stamp(at)}.db`);
  const partial = `${file}.partial`;
  rmSync(partial, { force: true });
  // Owner-only from its first byte: the copy is everything the hub keeps.
  privateFile(partial);
  // Small steps keep each pause of the event loop short; the hub goes on serving between them.
  await db.backup(partial, { progress: () => 256 });
  try {
    selfContained(partial);
    verifyDatabaseFile(partial);
  } catch (err) {
    rmSync(partial, { force: true });
    throw err;
  }
  let media: number | undefined;
  if (mediaRoot !== undefined) {
    const mediaDir = mediaBackupDir(file);
    rmSync(`${mediaDir}.partial`, { recursive: true, force: true });
    try {
      media = copyMediaFolders(mediaRoot, mediaIdsOf(partial), `${mediaDir}.partial`);
      rmSync(mediaDir, { recursive: true, force: true });
      renameSync(`${mediaDir}.partial`, mediaDir);
    } catch (err) {
      rmSync(`${mediaDir}.partial`, { recursive: true, force: true });
      rmSync(partial, { force: true });
      throw err;
    }
  }
  renameSync(partial, file);
  return { file, bytes: statSync(file).size, at, ...(media === undefined ? {} : { media }) };
}

export function listBackups(dir: string): BackupFile[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .map((name) => ({ name, m: NAME.exec(name) }))
    .filter((x): x is { name: string; m: RegExpExecArray } => x.m !== null)
    .map(({ name, m }) => ({ file: join(dir, name), bytes: statSync(join(dir, name)).size, at: parseStamp(m[1]!) }))
    .sort((a, b) => b.at - a.at);
}

/** Keeps the newest `keep` backups and deletes the rest; returns what it deleted. */
export function pruneBackups(dir: string, keep: number): string[] {
  const old = listBackups(dir).slice(keep);
  for (const b of old) {
    rmSync(b.file, { force: true });
    rmSync(mediaBackupDir(b.file), { recursive: true, force: true });
  }
  return old.map((b) => b.file);
}

/**
 * Puts a backup in place of the hub's database, and its media files in place of the library's. The hub must be
 * stopped. The current database (with its WAL) is kept beside it as hall.db.before-restore-<time>, and the
 * library as media.before-restore-<time>, so a restore can itself be undone.
 */
export function restoreDatabase(
  backupFile: string,
  dataDir: string,
  at: number,
): { previous: string | null; media: { restored: number; previous: string | null } | null } {
  verifyDatabaseFile(backupFile);
  const live = join(dataDir, 'hall.db');
  let previous: string | null = null;
  if (existsSync(live)) {
    // Fold the WAL into the main file first, so the kept copy is whole on its own.
    const db = new Database(live);
    try {
      db.pragma('wal_checkpoint(TRUNCATE)');
    } finally {
      db.close();
    }
    previous = `${live}.before-restore-${stamp(at)}`;
    renameSync(live, previous);
  }
  for (const side of ['-wal', '-shm']) rmSync(`${live}${side}`, { force: true });
  privateDir(dataDir);
  copyFileSync(backupFile, `${live}.partial`);
  chmodSync(`${live}.partial`, 0o600);
  renameSync(`${live}.partial`, live);
  return { previous, media: restoreMediaFolders(backupFile, dataDir, stamp(at)) };
}
