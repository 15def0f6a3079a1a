import type Database from 'better-sqlite3';
import { mediaLibraryStep } from './migration-media-library.js';
import { signageMigration } from './signage-migration.js';

/**
 * Versioned schema changes, applied in order inside one transaction each; PRAGMA user_version records how
 * far a file has come. Never edit a released step: add a new one.
 */
const steps: ReadonlyArray<{ version: number; sql: string }> = [
  {
    version: 1,
    sql: `
      CREATE TABLE events (
        seq  INTEGER PRIMARY KEY,
        at   INTEGER NOT NULL,
        type TEXT NOT NULL,
        data TEXT NOT NULL
      );
      CREATE TABLE snapshots (
        seq     INTEGER PRIMARY KEY,
        version INTEGER NOT NULL,
        data    TEXT NOT NULL
      );
      CREATE TABLE tickets (
        id               TEXT PRIMARY KEY,
        day              TEXT NOT NULL,
        number           TEXT NOT NULL,
        serial           INTEGER NOT NULL,
        line_id          TEXT NOT NULL,
        channel          TEXT NOT NULL,
        priority_group   TEXT,
        appointment_code TEXT,
        id_key           TEXT,
        id_masked        TEXT,
        id_cipher        TEXT,
        status           TEXT NOT NULL,
        window_no        TEXT,
        issued_at        INTEGER NOT NULL,
        called_at        INTEGER,
        started_at       INTEGER,
        finished_at      INTEGER,
        missed_at        INTEGER,
        recall_count     INTEGER NOT NULL DEFAULT 0,
        transfer_count   INTEGER NOT NULL DEFAULT 0,
        data             TEXT NOT NULL,
        UNIQUE (day, number)
      );
      CREATE INDEX tickets_day_line ON tickets (day, line_id);
      CREATE TABLE catalog_services (
        key         TEXT PRIMARY KEY,
        task_code   TEXT NOT NULL,
        handle_item TEXT NOT NULL,
        version     INTEGER NOT NULL,
        cd_time     TEXT NOT NULL,
        deleted     INTEGER NOT NULL DEFAULT 0,
        row         TEXT NOT NULL
      );
      CREATE TABLE catalog_children (
        row_guid    TEXT PRIMARY KEY,
        tbl         TEXT NOT NULL,
        service_key TEXT NOT NULL,
        cd_time     TEXT NOT NULL,
        deleted     INTEGER NOT NULL DEFAULT 0,
        row         TEXT NOT NULL
      );
      CREATE INDEX catalog_children_service ON catalog_children (service_key);
      CREATE TABLE catalog_imports (
        id          INTEGER PRIMARY KEY,
        batch       TEXT,
        source      TEXT NOT NULL,
        imported_at INTEGER NOT NULL,
        report      TEXT NOT NULL
      );
      CREATE TABLE accounts (
        username      TEXT PRIMARY KEY,
        role          TEXT NOT NULL,
        staff_no      TEXT,
        password_hash TEXT NOT NULL,
        failed_logins INTEGER NOT NULL DEFAULT 0,
        locked_until  INTEGER NOT NULL DEFAULT 0,
        created_at    INTEGER NOT NULL
      );
      CREATE TABLE sessions (
        token_hash TEXT PRIMARY KEY,
        username   TEXT NOT NULL REFERENCES accounts (username) ON DELETE CASCADE,
        created_at INTEGER NOT NULL,
        expires_at INTEGER NOT NULL
      );
    `,
  },
  {
    version: 2,
    sql: `
      CREATE TABLE device_presence (
        id        INTEGER PRIMARY KEY,
        device_id TEXT NOT NULL,
        at        INTEGER NOT NULL,
        online    INTEGER NOT NULL,
        via       TEXT NOT NULL
      );
      CREATE INDEX device_presence_device ON device_presence (device_id, id);
      -- Who did what, when, from where: append-only (the triggers refuse changes and deletions).
      CREATE TABLE audit (
        id      INTEGER PRIMARY KEY,
        at      INTEGER NOT NULL,
        actor   TEXT NOT NULL,
        role    TEXT,
        action  TEXT NOT NULL,
        target  TEXT,
        outcome TEXT NOT NULL,
        address TEXT,
        detail  TEXT
      );
      CREATE INDEX audit_at ON audit (at);
      CREATE TRIGGER audit_no_update BEFORE UPDATE ON audit BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;
      CREATE TRIGGER audit_no_delete BEFORE DELETE ON audit BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;
    `,
  },
  {
    version: 3,
    sql: `
      -- The exchange files imported at start-up, by content: an unchanged file is not parsed again.
      CREATE TABLE catalog_files (
        path        TEXT PRIMARY KEY,
        sha256      TEXT NOT NULL,
        imported_at INTEGER NOT NULL
      );
    `,
  },
  {
    version: 4,
    sql: `
      -- Print jobs wait here until their printer has taken them whole; n keeps each printer's jobs in order.
      CREATE TABLE print_jobs (
        n               INTEGER PRIMARY KEY,
        id              TEXT NOT NULL UNIQUE,
        printer_id      TEXT NOT NULL,
        kind            TEXT NOT NULL,
        status          TEXT NOT NULL,
        blocks          TEXT NOT NULL,
        requested_by    TEXT NOT NULL,
        request_key     TEXT,
        created_at      INTEGER NOT NULL,
        attempts        INTEGER NOT NULL DEFAULT 0,
        last_error      TEXT,
        last_attempt_at INTEGER,
        done_at         INTEGER,
        UNIQUE (requested_by, request_key)
      );
      CREATE INDEX print_jobs_queue ON print_jobs (printer_id, status, n);
    `,
  },
  {
    version: 5,
    sql: `
      -- 好差评: one row per rated ticket. ticket_id is UNIQUE: 一次一评 across every channel, held by the file itself.
      CREATE TABLE evaluations (
        n             INTEGER PRIMARY KEY,
        ticket_id     TEXT NOT NULL UNIQUE,
        day           TEXT NOT NULL,
        ticket_number TEXT NOT NULL,
        line_id       TEXT NOT NULL,
        window_no     TEXT NOT NULL,
        staff_no      TEXT,
        dept          TEXT,
        level         TEXT NOT NULL,
        channel       TEXT NOT NULL,
        active        INTEGER NOT NULL DEFAULT 1,
        reasons       TEXT NOT NULL DEFAULT '[]',
        comment       TEXT,
        served_at     INTEGER NOT NULL,
        rated_at      INTEGER NOT NULL
      );
      CREATE INDEX evaluations_rated ON evaluations (rated_at);
      -- Every finished service with its time to rate: what 未评价率 is counted over.
      CREATE TABLE served_services (
        ticket_id     TEXT PRIMARY KEY,
        day           TEXT NOT NULL,
        ticket_number TEXT NOT NULL,
        line_id       TEXT NOT NULL,
        window_no     TEXT NOT NULL,
        staff_no      TEXT,
        dept          TEXT,
        finished_at   INTEGER NOT NULL,
        rate_by       INTEGER NOT NULL
      );
      CREATE INDEX served_services_day ON served_services (day);
      -- 差评 follow-up (verify, rectify, reply), one per bad rating; ref = day-number, what managers see.
      CREATE TABLE evaluation_follow_ups (
        ticket_id TEXT PRIMARY KEY,
        ref       TEXT NOT NULL UNIQUE,
        status    TEXT NOT NULL,
        due       INTEGER,
        data      TEXT NOT NULL
      );
      CREATE INDEX evaluation_follow_ups_due ON evaluation_follow_ups (status, due);
      -- The uplink outbox: written in the transaction of the event it carries, deleted once acknowledged.
      -- AUTOINCREMENT: an id is never reused after the rows before it were delivered, so positions only grow.
      CREATE TABLE outbox (
        id      INTEGER PRIMARY KEY AUTOINCREMENT,
        stream  TEXT NOT NULL,
        key     TEXT NOT NULL UNIQUE,
        type    TEXT NOT NULL,
        at      INTEGER NOT NULL,
        payload TEXT NOT NULL
      );
      CREATE INDEX outbox_stream ON outbox (stream, id);
      -- The last good copy of each downlink feed (catalog, notices, appointments), with its ETag.
      CREATE TABLE downlink_feeds (
        feed       TEXT PRIMARY KEY,
        etag       TEXT,
        version    TEXT,
        body       TEXT NOT NULL,
        fetched_at INTEGER NOT NULL
      );
    `,
  },
  {
    version: 6,
    sql: `
      -- Display control: managers' settings per display (surface, layout, zone, window, groups), groups,
      -- notices, emergency messages, power schedules and idle images; JSON documents validated by schemas.
      CREATE TABLE display_docs (
        kind       TEXT NOT NULL,
        id         TEXT NOT NULL,
        data       TEXT NOT NULL,
        updated_at INTEGER NOT NULL,
        PRIMARY KEY (kind, id)
      );
      CREATE TABLE display_media_files (
        id    TEXT PRIMARY KEY,
        mime  TEXT NOT NULL,
        bytes BLOB NOT NULL
      );
      CREATE TABLE display_screenshots (
        display_id TEXT PRIMARY KEY,
        at         INTEGER NOT NULL,
        mime       TEXT NOT NULL,
        bytes      BLOB NOT NULL
      );
      -- A screen down during opening hours: raised once, cleared when it is back.
      CREATE TABLE display_alerts (
        id         INTEGER PRIMARY KEY,
        display_id TEXT NOT NULL,
        kind       TEXT NOT NULL,
        raised_at  INTEGER NOT NULL,
        cleared_at INTEGER
      );
      CREATE INDEX display_alerts_open ON display_alerts (display_id, cleared_at);
    `,
  },
  {
    version: 7,
    sql: `
      -- Reports: who sat at which window when (a month has a few thousand of these among ~100k events),
      -- and the tickets of a window over a range of days.
      CREATE INDEX events_window_shifts ON events (at) WHERE type IN ('DayStarted', 'WindowOpened', 'WindowClosed');
      CREATE INDEX tickets_day_window ON tickets (day, window_no);
    `,
  },
  {
    version: 8,
    sql: `
      -- 短信通知: a visitor's phone for one turn-near SMS (explicit consent; AES-256-GCM with the hall key;
      -- deleted when the next business day starts), and the notices already written, so none is sent twice.
      CREATE TABLE sms_consents (
        ticket_id    TEXT PRIMARY KEY,
        day          TEXT NOT NULL,
        line_id      TEXT NOT NULL,
        phone_cipher TEXT NOT NULL,
        phone_masked TEXT NOT NULL,
        consented_at INTEGER NOT NULL,
        notified_at  INTEGER
      );
      CREATE TABLE notices_sent (
        key  TEXT PRIMARY KEY,
        day  TEXT NOT NULL,
        at   INTEGER NOT NULL
      );
    `,
  },
  {
    version: 9,
    sql: `
      -- A print job whose connection broke after job bytes went out may be half on paper: a ticket sent again
      -- is marked 补打, a notice sheet is not sent again. (Status 'sending' needs no change: status is TEXT.)
      ALTER TABLE print_jobs ADD COLUMN interrupted INTEGER NOT NULL DEFAULT 0;
    `,
  },
  {
    version: 10,
    sql: `
      -- 办件监督: the province's cases accepted at this hall (the record sealed: it names the applicant), the
      -- light each was last seen in, every warning and its handling (全程留痕), and the feed's cursor.
      CREATE TABLE supervised_cases (
        case_no         TEXT PRIMARY KEY,
        department_code TEXT NOT NULL,
        finished        INTEGER NOT NULL,
        accepted_at     INTEGER NOT NULL,
        finished_at     INTEGER,
        record          TEXT NOT NULL,
        light           TEXT,
        light_at        INTEGER
      );
      CREATE INDEX supervised_cases_open ON supervised_cases (finished, department_code);
      CREATE TABLE case_warnings (
        id              INTEGER PRIMARY KEY,
        case_no         TEXT NOT NULL,
        department_code TEXT NOT NULL,
        light           TEXT NOT NULL,
        at              INTEGER NOT NULL,
        handled_at      INTEGER,
        handled_by      TEXT,
        note            TEXT,
        UNIQUE (case_no, light)
      );
      CREATE TABLE case_feed_cursor (
        id     INTEGER PRIMARY KEY CHECK (id = 1),
        cursor TEXT NOT NULL
      );
    `,
  },
  {
    version: 11,
    sql: `
      -- 容缺受理 at the window: each acceptance with materials missing, the supply deadline and when the
      -- materials came. The record is sealed (it names the applicant), as is the phone number for the reminder.
      CREATE TABLE rongque_cases (
        id              TEXT PRIMARY KEY,
        window_no       TEXT NOT NULL,
        accepted_at     INTEGER NOT NULL,
        supply_deadline INTEGER NOT NULL,
        supplied_at     INTEGER,
        record          TEXT NOT NULL,
        phone_cipher    TEXT
      );
      CREATE INDEX rongque_cases_open ON rongque_cases (supplied_at, supply_deadline);
      -- The province's credit lists as last received (keyed hashes only), so a restarted hub checks applicants
      -- while the province is away.
      CREATE TABLE credit_lists (
        id         INTEGER PRIMARY KEY CHECK (id = 1),
        body       TEXT NOT NULL,
        fetched_at INTEGER NOT NULL
      );
    `,
  },
  {
    version: 12,
    sql: `
      -- 红黄灯 as a workflow: what was done about each warning group (acknowledge, assign, escalate), by whom and
      -- when (全程留痕), and each group's red episodes, so the duty manager's SMS goes once per episode even
      -- across a restart.
      CREATE TABLE warning_group_actions (
        id                INTEGER PRIMARY KEY,
        day               TEXT NOT NULL,
        group_key         TEXT NOT NULL,
        action            TEXT NOT NULL,
        assignee          TEXT,
        assignee_staff_no TEXT,
        note              TEXT,
        by_user           TEXT NOT NULL,
        role              TEXT NOT NULL,
        at                INTEGER NOT NULL
      );
      CREATE INDEX warning_group_actions_day ON warning_group_actions (day, group_key);
      CREATE TABLE warning_red_episodes (
        group_key  TEXT NOT NULL,
        started_at INTEGER NOT NULL,
        calm_since INTEGER,
        ended_at   INTEGER,
        PRIMARY KEY (group_key, started_at)
      );
      CREATE INDEX warning_red_episodes_open ON warning_red_episodes (ended_at);
    `,
  },
  mediaLibraryStep(13),
  signageMigration(14),
];

export const SCHEMA_VERSION = steps[steps.length - 1]!.version;

export function migrate(db: Database.Database): void {
  const current = db.pragma('user_version', { simple: true }) as number;
  if (current > SCHEMA_VERSION) {
    throw new Error(
      `data file schema version ${current} is newer than this hub understands (${SCHEMA_VERSION}); upgrade the hub`,
    );
  }
  for (const step of steps) {
    if (step.version <= current) continue;
    db.transaction(() => {
      db.exec(step.sql);
      db.pragma(`user_version = ${step.version}`);
    })();
  }
}
