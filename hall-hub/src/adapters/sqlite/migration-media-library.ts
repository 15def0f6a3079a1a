/**
 * Signage (#20): the media library's table. A step of its own (migrations.ts lists it) so the parallel signage
 * steps merge as one line each; the version is given where it is listed.
 */
export const mediaLibraryStep = (version: number) => ({
  version,
  sql: `
    -- One row per asset; its files are in <dataDir>/media/<id>/ (id: the sha256 of the uploaded bytes).
    CREATE TABLE media_assets (
      id          TEXT PRIMARY KEY,
      name        TEXT NOT NULL,
      kind        TEXT NOT NULL,
      mime        TEXT NOT NULL,
      bytes       INTEGER NOT NULL,
      width       INTEGER,
      height      INTEGER,
      duration_ms INTEGER,
      pages       INTEGER NOT NULL DEFAULT 0,
      created_at  INTEGER NOT NULL,
      created_by  TEXT NOT NULL
    );
  `,
});
