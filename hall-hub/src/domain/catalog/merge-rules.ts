/**
 * Whether an incoming exchange row changes what the catalog holds. Applying the same batch twice changes
 * nothing; a lower version never overwrites a higher one; among equal versions the later cd_time wins;
 * deletions leave a tombstone so that an older insert arriving late cannot bring the row back.
 */
export interface HeldRow {
  version: number;
  cdTime: string;
  deleted: boolean;
  /** canonical JSON of the row as stored */
  content: string;
}

export interface IncomingRow {
  version: number | null;
  cdTime: string;
  deleted: boolean;
  content: string;
}

export type MergeVerdict = 'apply' | 'unchanged';

export function mergeVerdict(held: HeldRow | null, incoming: IncomingRow): MergeVerdict {
  if (!held) return 'apply';
  const version = incoming.version ?? held.version;
  if (version < held.version) return 'unchanged';
  if (version > held.version) return 'apply';
  if (incoming.cdTime < held.cdTime) return 'unchanged';
  if (incoming.deleted === held.deleted && incoming.content === held.content) return 'unchanged';
  return 'apply';
}
