import { Type, type Static } from '@sinclair/typebox';

const Mb = (def: number, description: string) => Type.Number({ exclusiveMinimum: 0, maximum: 1_000_000, default: def, description });

/** `signage.media`: the media library's limits (an upload over them is refused, and nothing is stored). */
export const SignageMediaConfigSchema = Type.Object(
  {
    maxFileMb: Mb(200, 'largest single upload, MB; a longer body is cut off as it arrives'),
    quotaMb: Mb(4096, 'all the library’s stored files together, MB'),
    diskReserveMb: Type.Number({ minimum: 0, maximum: 1_000_000, default: 2048, description: 'free space the data disk keeps after an upload, MB (the queue’s database lives there)' }),
    maxPdfPages: Type.Integer({ minimum: 1, maximum: 200, default: 30, description: 'pages of a PDF rendered as images; later pages are left out' }),
  },
  { additionalProperties: false, default: {} },
);
export type SignageMediaConfig = Static<typeof SignageMediaConfigSchema>;
