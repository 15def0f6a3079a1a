import type { CaseFeedPage } from '@hall/shared';

export type CaseFeedResult = { status: 'ok'; page: CaseFeedPage } | { status: 'error'; error: string };

/** 办件监督: where the cases accepted at this hall come from (the province's case feed), a page at a time. */
export interface CaseFeedSource {
  fetch(since: string | null, limit: number): Promise<CaseFeedResult>;
  close(): void;
}
