// The province's half of the protocol's signing rule: the rule itself is the protocol's (@hall/shared).
export { signatureHeader, verifySignature } from '@hall/shared/node/province-signature';

/** The first value of a header that may be repeated. */
export const firstHeader = (v: string | string[] | undefined): string | undefined => (Array.isArray(v) ? v[0] : v);
