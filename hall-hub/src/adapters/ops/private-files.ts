import { chmodSync, closeSync, existsSync, mkdirSync, openSync } from 'node:fs';

/*
 * The data folder holds ticket and ID data, the hall key, and backups of all of it: owner-only, like the key.
 * Modes are set explicitly rather than left to the umask, and corrected on folders and files made before.
 */

/** Creates `dir` (and parents) if needed and makes it 0700. */
export function privateDir(dir: string): string {
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  chmodSync(dir, 0o700);
  return dir;
}

/**
 * Creates `file` empty if it is missing and makes it 0600. SQLite creates a database's -wal and -shm files
 * with the main file's mode, so doing this before SQLite opens a database covers all three.
 */
export function privateFile(file: string): string {
  if (!existsSync(file)) closeSync(openSync(file, 'a', 0o600));
  chmodSync(file, 0o600);
  return file;
}
