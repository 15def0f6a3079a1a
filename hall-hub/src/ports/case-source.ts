import { Type, type Static } from '@sinclair/typebox';
import { CaseStageSchema } from '@hall/shared';

/** A case as the province answers it (what the kiosk shows, less what the hub adds). */
export const ProvinceCaseSchema = Type.Object({
  caseNo: Type.String({ minLength: 1, maxLength: 64 }),
  serviceName: Type.String({ minLength: 1, maxLength: 200 }),
  serviceNameEn: Type.Optional(Type.String({ maxLength: 400 })),
  applicantMasked: Type.String({ maxLength: 64 }),
  stages: Type.Array(CaseStageSchema, { minItems: 1, maxItems: 10 }),
});
export type ProvinceCase = Static<typeof ProvinceCaseSchema>;

export type CaseLookup = { status: 'found'; case: ProvinceCase } | { status: 'not-found' } | { status: 'unavailable'; error: string };

/** 办件查询: where the progress of a case is looked up (the province's case service). */
export interface CaseSource {
  lookup(caseNo: string, idLast4: string | null): Promise<CaseLookup>;
  close(): void;
}
