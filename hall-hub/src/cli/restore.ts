/**
 * Puts a backup in place of the hall database (and its media files in place of the library's). The hub must be stopped (the data folder's lock says whether
 * one runs); the database it replaces is kept beside it. Usage: npm run restore -- <backup file>
 */
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { lockDataDir } from '../adapters/ops/data-dir-lock.js';
import { restoreDatabase } from '../adapters/sqlite/backup.js';
import { loadConfig } from '../config/load-config.js';

const packageDir = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const file = process.argv[2];
if (!file) {
  console.error('usage: npm run restore -- <backup file>');
  process.exit(2);
}
const { dataDir } = loadConfig(process.env, join(packageDir, 'demo', 'hall.json'));
try {
  const lock = lockDataDir(dataDir);
  try {
    const { previous, media } = restoreDatabase(file, dataDir, Date.now());
    console.log(`✔ restored ${file} into ${join(dataDir, 'hall.db')}`);
    if (previous) console.log(`  the database it replaced is kept as ${previous}`);
    if (media) console.log(`  ${media.restored} media file(s) restored into ${join(dataDir, 'media')}${media.previous ? `; the library it replaced is kept as ${media.previous}` : ''}`);
    else console.log('  this backup carries no media files: the media library was left as it is');
    console.log('  start the hub: it replays the restored event log and carries on from there');
  } finally {
    lock.release();
  }
} catch (err) {
  console.error(`✖ ${err instanceof Error ? err.message : String(err)}`);
  process.exitCode = 1;
}
