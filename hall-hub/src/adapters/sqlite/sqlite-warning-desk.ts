import type { RedEpisode } from '../../domain/queue/warning-groups.js';
import type { WarningActionRow, WarningDeskStore } from '../../ports/warning-desk-store.js';
import type { Db } from './database.js';

interface ActionRow {
  id: number;
  day: string;
  group_key: string;
  action: WarningActionRow['action'];
  assignee: string | null;
  assignee_staff_no: string | null;
  note: string | null;
  by_user: string;
  role: string;
  at: number;
}

const toAction = (r: ActionRow): WarningActionRow => ({
  id: r.id,
  day: r.day,
  groupKey: r.group_key,
  action: r.action,
  assignee: r.assignee,
  assigneeStaffNo: r.assignee_staff_no,
  note: r.note,
  by: r.by_user,
  role: r.role,
  at: r.at,
});

export function createSqliteWarningDesk(db: Db): WarningDeskStore {
  const insert = db.prepare(`INSERT INTO warning_group_actions (day, group_key, action, assignee, assignee_staff_no, note, by_user, role, at)
    VALUES (@day, @groupKey, @action, @assignee, @assigneeStaffNo, @note, @by, @role, @at)`);
  const ofDay = db.prepare('SELECT * FROM warning_group_actions WHERE day = ? ORDER BY id');
  const open = db.prepare('SELECT group_key, started_at, calm_since FROM warning_red_episodes WHERE ended_at IS NULL');
  const start = db.prepare('INSERT OR IGNORE INTO warning_red_episodes (group_key, started_at, calm_since) VALUES (?, ?, NULL)');
  const calm = db.prepare('UPDATE warning_red_episodes SET calm_since = ? WHERE group_key = ? AND started_at = ?');
  const end = db.prepare('UPDATE warning_red_episodes SET ended_at = ?, calm_since = ? WHERE group_key = ? AND started_at = ?');
  return {
    record(a) {
      const id = Number(insert.run(a).lastInsertRowid);
      return { id, ...a };
    },
    actionsOf: (day) => (ofDay.all(day) as ActionRow[]).map(toAction),
    openEpisodes: () =>
      (open.all() as Array<{ group_key: string; started_at: number; calm_since: number | null }>).map(
        (r): RedEpisode => ({ key: r.group_key, startedAt: r.started_at, calmSince: r.calm_since }),
      ),
    saveEpisodes(step, now) {
      for (const e of step.started) start.run(e.key, e.startedAt);
      for (const e of step.open) calm.run(e.calmSince, e.key, e.startedAt);
      for (const e of step.ended) end.run(now, e.calmSince, e.key, e.startedAt);
    },
    transaction: (fn) => db.transaction(fn)(),
  };
}
