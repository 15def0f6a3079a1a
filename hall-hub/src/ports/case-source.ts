import type { ProvinceCase } from '@hall/shared';

// The case's wire shape is the province protocol's (shared/src/province.ts); the port says only how it is asked.
export { ProvinceCaseSchema, type ProvinceCase } from '@hall/shared';

export type CaseLookup = { status: 'found'; case: ProvinceCase } | { status: 'not-found' } | { status: 'unavailable'; error: string };

/** 办件查询: where the progress of a case is looked up (the province's case service). */
export interface CaseSource {
  lookup(caseNo: string, idLast4: string | null): Promise<CaseLookup>;
  close(): void;
}
