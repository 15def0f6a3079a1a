import type { CreditLists } from '@hall/shared';

export type CreditListsResult = { status: 'ok'; lists: CreditLists } | { status: 'error'; error: string };

/** 容缺受理: where the province's credit lists (守信红榜 / 失信黑名单) come from, whole. */
export interface CreditListsSource {
  fetch(): Promise<CreditListsResult>;
  close(): void;
}
