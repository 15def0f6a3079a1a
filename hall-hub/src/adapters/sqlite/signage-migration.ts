/**
 * Signage (#20): layouts and campaigns as documents, and the screens' proof of play — stored once per display
 * and seq, whatever a screen resends after an outage.
 */
export function signageMigration(version: number): { version: number; sql: string } {
  return {
    version,
    sql: `
      CREATE TABLE signage_docs (
        kind       TEXT NOT NULL,
        id         TEXT NOT NULL,
        data       TEXT NOT NULL,
        updated_at INTEGER NOT NULL,
        PRIMARY KEY (kind, id)
      );
      CREATE TABLE signage_meta (
        key   TEXT PRIMARY KEY,
        value TEXT NOT NULL
      );
      CREATE TABLE proof_of_play (
        display_id    TEXT NOT NULL,
        seq           INTEGER NOT NULL,
        campaign_id   TEXT,
        campaign_name TEXT,
        media_id      TEXT NOT NULL,
        media_name    TEXT NOT NULL,
        page          INTEGER,
        region_id     TEXT NOT NULL,
        started_at    INTEGER NOT NULL,
        ended_at      INTEGER NOT NULL,
        complete      INTEGER NOT NULL,
        received_at   INTEGER NOT NULL,
        PRIMARY KEY (display_id, seq)
      ) WITHOUT ROWID;
      CREATE INDEX proof_of_play_started ON proof_of_play (started_at);
      CREATE INDEX proof_of_play_ended ON proof_of_play (ended_at);
    `,
  };
}
