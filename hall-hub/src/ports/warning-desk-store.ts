import type { WarningGroupActionKind } from '@hall/shared';
import type { RedEpisode } from '../domain/queue/warning-groups.js';

export interface WarningActionRow {
  id: number;
  day: string;
  groupKey: string;
  action: WarningGroupActionKind;
  assignee: string | null;
  assigneeStaffNo: string | null;
  note: string | null;
  by: string;
  role: string;
  at: number;
}

/** The warning groups' workflow, kept durably: actions (append-only) and red episodes. */
export interface WarningDeskStore {
  record(a: Omit<WarningActionRow, 'id'>): WarningActionRow;
  actionsOf(day: string): WarningActionRow[];
  openEpisodes(): RedEpisode[];
  /** writes one look's changes: episodes begun, those calming, those over */
  saveEpisodes(step: { open: readonly RedEpisode[]; started: readonly RedEpisode[]; ended: readonly RedEpisode[] }, now: number): void;
  transaction<T>(fn: () => T): T;
}
