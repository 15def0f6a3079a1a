import { Type, type Static } from '@sinclair/typebox';

/** The writing pad's square, in the units the kiosk sends: the pad's size scaled to 1000 × 1000. */
export const HANDWRITING_BOX = 1000;

const Point = Type.Tuple([Type.Integer({ minimum: 0, maximum: HANDWRITING_BOX }), Type.Integer({ minimum: 0, maximum: HANDWRITING_BOX })]);

/** `POST /api/handwriting/recognize`: one character's strokes so far, each a line of points as the finger drew it. */
export const HandwritingRequestSchema = Type.Object(
  {
    strokes: Type.Array(Type.Array(Point, { minItems: 1, maxItems: 400 }), {
      minItems: 1,
      // The most strokes a common character has is in the thirties; more is not a character.
      maxItems: 40,
      description: 'strokes in writing order; each is [x, y] points from 0 to 1000 (x right, y down)',
    }),
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 20, default: 10, description: 'how many candidates' })),
  },
  { additionalProperties: false },
);
export type HandwritingRequest = Static<typeof HandwritingRequestSchema>;

export const HandwritingAnswerSchema = Type.Object({
  candidates: Type.Array(Type.String(), { description: 'characters, most likely first' }),
});
export type HandwritingAnswer = Static<typeof HandwritingAnswerSchema>;
