import Database from 'better-sqlite3';
import { basename, dirname, join } from 'node:path';
import { privateDir, privateFile } from '../ops/private-files.js';
import { migrate } from './migrations.js';

export type Db = Database.Database;

/**
 * Opens (creating if needed) the hub's SQLite file. WAL lets readers run beside the writer;
 * synchronous=FULL makes a committed transaction survive power loss, which is what we promise a visitor
 * the moment their ticket number is on screen.
 */
export function openDatabase(file: string): Db {
  // Owner-only (0700 folder, 0600 file; SQLite gives the -wal and -shm files the main file's mode).
  if (file !== ':memory:') privateFile(join(privateDir(dirname(file)), basename(file)));
  const db = new Database(file);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = FULL');
  db.pragma('foreign_keys = ON');
  db.pragma('busy_timeout = 5000');
  migrate(db);
  return db;
}
