/**
 * A consistent copy of the hall database, safe while the hub runs (SQLite's online backup API), with the media
 * library's files its assets name beside it.
 * Usage: npm run backup [-- --to <folder>]   (default: <data folder>/backups)
 */
import Database from 'better-sqlite3';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { backupDatabase } from '../adapters/sqlite/backup.js';
import { loadConfig } from '../config/load-config.js';

const packageDir = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const { dataDir } = loadConfig(process.env, join(packageDir, 'demo', 'hall.json'));
const to = process.argv.indexOf('--to');
const dir = to >= 0 && process.argv[to + 1] ? process.argv[to + 1]! : join(dataDir, 'backups');
const live = join(dataDir, 'hall.db');
if (!existsSync(live)) {
  console.error(`✖ no hall database at ${live}`);
  process.exit(2);
}
// Read-only: this process never writes the hub's database, it only reads pages for the copy.
const db = new Database(live, { readonly: true, fileMustExist: true });
try {
  const b = await backupDatabase(db, dir, Date.now(), join(dataDir, 'media'));
  console.log(`✔ ${b.file} (${(b.bytes / 1e6).toFixed(1)} MB), integrity checked; ${b.media ?? 0} media file(s) beside it`);
} catch (err) {
  console.error(`✖ backup failed: ${err instanceof Error ? err.message : String(err)}`);
  process.exitCode = 1;
} finally {
  db.close();
}
