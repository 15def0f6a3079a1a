export interface AuditEntry {
  at: number;
  actor: string;
  role: string | null;
  action: string;
  target: string | null;
  outcome: 'ok' | 'refused' | 'error';
  address: string | null;
  detail?: Record<string, unknown> | undefined;
}

/** Every staff, manager and device action: who, what, when, from where. Append-only. */
export interface AuditLog {
  append(e: AuditEntry): void;
  query(q: { from?: number | undefined; to?: number | undefined; actor?: string | undefined; limit: number }): AuditEntry[];
}
