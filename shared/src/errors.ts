import { Type, type Static } from '@sinclair/typebox';

/**
 * Every error the hub returns has this shape. `code` is stable and machine-readable; `message` is Chinese
 * (what a visitor or staff member reads first), `messageEn` the English text; `details` says more, e.g. which
 * field failed validation and why.
 */
export const ErrorBodySchema = Type.Object(
  {
    code: Type.String({ description: 'stable error code, e.g. ticketing_closed' }),
    message: Type.String({ description: 'message in Chinese' }),
    messageEn: Type.String({ description: 'message in English' }),
    details: Type.Optional(Type.Unknown()),
  },
  { $id: 'ErrorBody' },
);
export type ErrorBody = Static<typeof ErrorBodySchema>;

export const FieldProblemSchema = Type.Object({
  field: Type.String({ description: 'JSON path of the field, e.g. body/lineId' }),
  problem: Type.String(),
});
export type FieldProblem = Static<typeof FieldProblemSchema>;
