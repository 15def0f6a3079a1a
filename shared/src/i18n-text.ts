import { Type, type Static } from '@sinclair/typebox';

/** Text a visitor may read: Chinese first, English second. */
export const BilingualTextSchema = Type.Object({
  zh: Type.String(),
  en: Type.String(),
});
export type BilingualText = Static<typeof BilingualTextSchema>;
