import { Type, type Static } from '@sinclair/typebox';

/**
 * Signage (#20): how long proof of play is kept. The media library's own settings (quota, limits) live beside
 * it under `signage.media`.
 */
export const SignageConfigSchema = Type.Object(
  {
    proofOfPlay: Type.Object(
      {
        retentionDays: Type.Integer({
          minimum: 1,
          maximum: 3660,
          default: 400,
          description: 'proof-of-play records older than this are deleted (a year’s reports and the month before)',
        }),
      },
      { additionalProperties: false, default: {} },
    ),
  },
  { additionalProperties: false, default: {} },
);
export type SignageConfig = Static<typeof SignageConfigSchema>;
