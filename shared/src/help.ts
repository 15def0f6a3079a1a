import { Type, type Static } from '@sinclair/typebox';

/**
 * A visitor at a kiosk asks for a person (请工作人员帮助), typically after a search found nothing: the console
 * shows where and what was asked, so the nearest help desk can walk over.
 */
export const HelpRequestBodySchema = Type.Object(
  {
    query: Type.String({ maxLength: 100, description: 'what the visitor had typed, if anything' }),
  },
  { additionalProperties: false },
);
export type HelpRequestBody = Static<typeof HelpRequestBodySchema>;

export const HelpRequestSchema = Type.Object({
  id: Type.String(),
  /** the kiosk that asked */
  deviceId: Type.String(),
  query: Type.String(),
  /** ISO time the visitor pressed the button */
  at: Type.String(),
});
export type HelpRequest = Static<typeof HelpRequestSchema>;
