import Database from 'better-sqlite3';
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { privateDir, privateFile } from './private-files.js';

/**
 * One hub per data folder. Two hubs on the same SQLite file would each number tickets from their own memory
 * and hand out the same number twice; this refuses the second one with a clear message.
 *
 * The lock is an OS file lock, not a pid file: SQLite's exclusive locking mode on a small database of its own
 * (`hub.lock`) takes a POSIX lock that the kernel drops when the process ends however it ends (kill -9, power
 * loss), and that no other process can hold meanwhile — unlike a pid, which a reboot can hand to an unrelated
 * process. `hub.pid` is still written, only to name the holder in the message.
 */
export function lockDataDir(dataDir: string): { release(): void } {
  privateDir(dataDir);
  const lockFile = privateFile(join(dataDir, 'hub.lock'));
  const pidFile = join(dataDir, 'hub.pid');
  const db = new Database(lockFile, { timeout: 0 });
  try {
    db.pragma('locking_mode = EXCLUSIVE');
    // A write takes the EXCLUSIVE lock; in exclusive locking mode it is kept until the connection closes.
    db.exec('CREATE TABLE IF NOT EXISTS holder (pid INTEGER); DELETE FROM holder;');
    db.prepare('INSERT INTO holder (pid) VALUES (?)').run(process.pid);
  } catch (err) {
    db.close();
    if ((err as { code?: string }).code !== 'SQLITE_BUSY') throw err;
    let holder = 'another hub';
    try {
      const pid = Number.parseInt(readFileSync(pidFile, 'utf8'), 10);
      if (Number.isInteger(pid)) holder = `another hub (pid ${pid})`;
    } catch {
      /* no pid file: the holder is still starting */
    }
    throw new Error(`${holder} is using the data folder ${dataDir}; stop it first, or give this one its own HALL_DATA_DIR`, { cause: err });
  }
  writeFileSync(pidFile, `${process.pid}\n`, { mode: 0o600 });
  return {
    release() {
      rmSync(pidFile, { force: true });
      db.close();
    },
  };
}
