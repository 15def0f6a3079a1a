import { ErrorBodySchema } from '@hall/shared';
import { Type, type TSchema } from '@sinclair/typebox';

const E = Type.Ref('ErrorBody');

/** Response schemas for a route: the success body plus the error body for every 4xx/5xx. */
export function responses<T extends Record<number, TSchema>>(ok: T) {
  return { ...ok, '4xx': E, '5xx': E };
}

export { ErrorBodySchema };
