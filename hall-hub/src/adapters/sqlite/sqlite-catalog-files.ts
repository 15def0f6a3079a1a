import type { Db } from './database.js';

/** Which catalog files were imported, with the SHA-256 of the text imported (table catalog_files). */
export interface CatalogFileLedger {
  sha256Of(path: string): string | null;
  remember(path: string, sha256: string, at: number): void;
}

export function createSqliteCatalogFiles(db: Db): CatalogFileLedger {
  const known = db.prepare('SELECT sha256 FROM catalog_files WHERE path = ?');
  const remember = db.prepare(
    'INSERT INTO catalog_files (path, sha256, imported_at) VALUES (?, ?, ?) ON CONFLICT (path) DO UPDATE SET sha256 = excluded.sha256, imported_at = excluded.imported_at',
  );
  return {
    sha256Of: (path) => (known.get(path) as { sha256: string } | undefined)?.sha256 ?? null,
    remember: (path, sha256, at) => void remember.run(path, sha256, at),
  };
}
