/** One proof-of-play record as stored: what a display played, with the names it had when it was reported. */
export interface StoredPlay {
  displayId: string;
  seq: number;
  campaignId: string | null;
  campaignName: string | null;
  mediaId: string;
  mediaName: string;
  page: number | null;
  regionId: string;
  startedAt: number;
  endedAt: number;
  complete: boolean;
  receivedAt: number;
}

export interface PlayQuery {
  from: number;
  to: number;
  displayId?: string | undefined;
  campaignId?: string | undefined;
  limit: number;
}

export interface PlayTotals {
  key: string;
  /** the campaign's name as last reported (by campaign) */
  name: string | null;
  plays: number;
  seconds: number;
  screens: number;
}

/** Where signage keeps its layouts and campaigns (as documents) and the screens' proof of play. */
export interface SignageStore {
  docs(kind: 'layout' | 'campaign'): unknown[];
  putDoc(kind: 'layout' | 'campaign', id: string, doc: unknown, at: number): void;
  removeDoc(kind: 'layout' | 'campaign', id: string): boolean;
  /** whether the built-in layouts were laid down once (a manager may delete them for good) */
  seeded(): boolean;
  markSeeded(): void;
  /** stores the records not stored yet (per display and seq), in one transaction; the number newly stored */
  addPlays(plays: readonly StoredPlay[]): number;
  /** the highest seq stored for a display (0: none) */
  highestSeq(displayId: string): number;
  plays(q: PlayQuery): StoredPlay[];
  /** plays that started in [from, to), per campaign (key '' for none) or per display */
  totals(by: 'campaign' | 'display', from: number, to: number): PlayTotals[];
  /** deletes plays that ended before `before`; how many */
  prune(before: number): number;
}
