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
