import { createHash, randomUUID } from 'node:crypto';
import { createWriteStream, existsSync } from 'node:fs';
import { chmod, mkdir, readdir, rename, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { once } from 'node:events';
import type { Incoming, MediaFiles, Received } from '../../ports/media-store.js';

const WORK = '.incoming';
const UPLOAD = 'upload';
const ID = /^[0-9a-f]{64}$/;
const FILE = /^[a-z0-9-]+\.[a-z]+$/;

/**
 * The media library's files: `<dataDir>/media/<sha256>/` per asset (content-addressed: the folder of an id
 * never changes), uploads streamed into `media/.incoming/<random>/` first and moved into place only once checked.
 * A body is written as it arrives, never held whole in memory. Like the rest of the data folder, folders are 0700
 * and files 0600 whatever the umask (the hub serves them; nobody else on the box reads them).
 */
export function createMediaFiles(root: string): MediaFiles {
  const work = join(root, WORK);

  function incoming(dir: string, bytes: number, sha256: string): Incoming {
    const upload = join(dir, UPLOAD);
    return {
      dir,
      upload,
      bytes,
      sha256,
      adopt: (name) => rename(upload, join(dir, name)),
      async keptBytes() {
        let total = 0;
        for (const f of await readdir(dir)) if (f !== UPLOAD) total += (await stat(join(dir, f))).size;
        return total;
      },
      discard: () => rm(dir, { recursive: true, force: true }),
    };
  }

  return {
    async receive(body, maxBytes): Promise<Received> {
      const dir = join(work, randomUUID());
      await mkdir(dir, { recursive: true, mode: 0o700 });
      const out = createWriteStream(join(dir, UPLOAD), { mode: 0o600 });
      // A write still in flight when the stream is given up fails; that failure is expected, not a crash.
      let failed: Error | null = null;
      out.on('error', (err) => (failed ??= err));
      const giveUp = async () => {
        out.destroy();
        if (!out.closed) await new Promise<void>((closed) => out.once('close', () => closed()));
        await rm(dir, { recursive: true, force: true });
      };
      const hash = createHash('sha256');
      let bytes = 0;
      try {
        for await (const chunk of body) {
          bytes += chunk.length;
          // Cut off here: the rest of an over-long body is never read (the route closes the connection).
          if (bytes > maxBytes) {
            await giveUp();
            return { ok: false, tooLarge: true };
          }
          hash.update(chunk);
          if (!out.write(chunk)) await once(out, 'drain');
          if (failed) throw failed;
        }
        out.end();
        await once(out, 'finish');
      } catch (err) {
        await giveUp();
        throw err;
      }
      return { ok: true, incoming: incoming(dir, bytes, hash.digest('hex')) };
    },

    async keep(inc, id) {
      await rm(inc.upload, { force: true });
      const target = join(root, id);
      // The same file stored meanwhile: the asset is there already.
      if (existsSync(target)) return;
      // the renditions (sharp's, the PDF worker's) were written with the umask's modes
      for (const f of await readdir(inc.dir)) await chmod(join(inc.dir, f), 0o600);
      await chmod(inc.dir, 0o700);
      await rename(inc.dir, target);
    },

    path(id, file) {
      if (!ID.test(id) || !FILE.test(file)) return null;
      const p = join(root, id, file);
      return existsSync(p) ? p : null;
    },

    async remove(id) {
      if (ID.test(id)) await rm(join(root, id), { recursive: true, force: true });
    },

    async sweep(ids) {
      await mkdir(root, { recursive: true, mode: 0o700 });
      await chmod(root, 0o700);
      await rm(work, { recursive: true, force: true });
      for (const entry of await readdir(root)) {
        if (!ids.has(entry)) await rm(join(root, entry), { recursive: true, force: true });
      }
    },
  };
}
