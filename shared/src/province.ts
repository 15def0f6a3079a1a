import { Type, type Static } from '@sinclair/typebox';
import { CaseStageSchema } from './cases.js';

/**
 * The province protocol: what the hall hub and the provincial platform (or its simulator, province-sim/) say to
 * each other. Both sides import it from here, so neither reaches into the other's code.
 *
 * - Uplink: `POST {url}/uplink/v1/{stream}` with an {@link UplinkBatchBody}, or the same body published over
 *   MQTT 5 on `{prefix}/{hallId}/uplink/{stream}` with the signature in the user property of the same name.
 * - Downlink: `GET {url}/downlink/v1/{catalog|notices|appointments}` (conditional on If-None-Match); the answer
 *   is signed by the province.
 * - 办件查询: `GET {url}/cases/v1/{caseNo}?hallId=…&idLast4=…`, signed over {@link caseQuerySigningText}; the
 *   answer is a {@link ProvinceCase}, signed.
 *
 * Every request and answer carries `sha256=<hex HMAC-SHA256 with the shared key>` in {@link SIGNATURE_HEADER}.
 */
export const SIGNATURE_HEADER = 'x-hall-signature';

/** The text a case query's signature covers (a GET has no body): method, path and query as sent. */
export const caseQuerySigningText = (pathAndQuery: string) => `GET ${pathAndQuery}`;

/** One event of an uplink batch; `seq` increases within a stream, `key` identifies the event for deduplication. */
export const UplinkBatchEventSchema = Type.Object({
  key: Type.String(),
  seq: Type.Number(),
  type: Type.String(),
  at: Type.Number(),
  data: Type.Record(Type.String(), Type.Unknown()),
});
export type UplinkBatchEvent = Static<typeof UplinkBatchEventSchema>;

/** The body of one uplink request (the hub writes it by concatenation: see hall-hub's domain/uplink/batch.ts). */
export const UplinkBatchBodySchema = Type.Object({
  hallId: Type.String(),
  stream: Type.String(),
  sentAt: Type.Optional(Type.String()),
  events: Type.Array(UplinkBatchEventSchema),
});
export type UplinkBatchBody = Static<typeof UplinkBatchBodySchema>;

/** A case as the province answers it (what the kiosk shows, less what the hub adds). */
export const ProvinceCaseSchema = Type.Object({
  caseNo: Type.String({ minLength: 1, maxLength: 64 }),
  serviceName: Type.String({ minLength: 1, maxLength: 200 }),
  serviceNameEn: Type.Optional(Type.String({ maxLength: 400 })),
  applicantMasked: Type.String({ maxLength: 64 }),
  stages: Type.Array(CaseStageSchema, { minItems: 1, maxItems: 10 }),
});
export type ProvinceCase = Static<typeof ProvinceCaseSchema>;
