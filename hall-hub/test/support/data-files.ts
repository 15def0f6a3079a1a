import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * Every byte of every file under the hub's data folder (database, WAL, shared memory, keys, logs, backups …), as
 * text: what a stolen disk would show. Personal data must not be found in it in the clear.
 */
export function dataFilesText(dataDir: string): string {
  return readdirSync(dataDir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile())
    .map((e) => readFileSync(join(e.parentPath, e.name)).toString('latin1'))
    .join('\n');
}

/** The names of the files `dataFilesText` reads, relative to the data folder (to show that it read them). */
export function dataFileNames(dataDir: string): string[] {
  return readdirSync(dataDir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile())
    .map((e) => join(e.parentPath, e.name).slice(dataDir.length + 1))
    .sort();
}

/**
 * Whether `text` lies anywhere under the data folder as UTF-8 bytes. Chinese text must be looked for this way:
 * `dataFilesText` reads bytes as latin1, where a name like 王小华 never appears as those characters.
 */
export function restsInClear(dataDir: string, text: string): boolean {
  const needle = Buffer.from(text, 'utf8');
  return readdirSync(dataDir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile())
    .some((e) => readFileSync(join(e.parentPath, e.name)).includes(needle));
}
