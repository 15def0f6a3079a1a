import type { QueueState } from './state.js';
import { rebuildWaitingSince } from './waiting-since.js';

/** The state as plain JSON, and back. Bump the version when QueueState changes shape: old snapshots are then ignored. */
export const SNAPSHOT_VERSION = 2;

export interface QueueSnapshot {
  version: number;
  day: string | null;
  tickets: Array<[string, unknown]>;
  byNumber: Array<[string, string]>;
  windows: Array<[string, unknown]>;
  lines: Array<[string, unknown]>;
  requests: Array<[string, string | null]>;
  appointments: Array<[string, unknown]>;
  assignedLines: Array<[string, unknown]>;
}

export function toSnapshot(state: QueueState): QueueSnapshot {
  return {
    version: SNAPSHOT_VERSION,
    day: state.day,
    tickets: [...state.tickets],
    byNumber: [...state.byNumber],
    windows: [...state.windows],
    lines: [...state.lines],
    requests: [...state.requests],
    appointments: [...state.appointments],
    assignedLines: [...state.assignedLines],
  };
}

export function fromSnapshot(s: QueueSnapshot): QueueState {
  // The snapshot was written by toSnapshot of the same version; its entries have the state's shapes.
  const state: QueueState = {
    day: s.day,
    tickets: new Map(s.tickets) as QueueState['tickets'],
    byNumber: new Map(s.byNumber),
    windows: new Map(s.windows) as QueueState['windows'],
    lines: new Map(s.lines) as QueueState['lines'],
    requests: new Map(s.requests),
    appointments: new Map(s.appointments) as QueueState['appointments'],
    assignedLines: new Map(s.assignedLines) as QueueState['assignedLines'],
    waitingSince: new Map(),
  };
  rebuildWaitingSince(state);
  return state;
}
