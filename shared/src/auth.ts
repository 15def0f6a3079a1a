import { Type, type Static } from '@sinclair/typebox';

export const RoleSchema = Type.Union([Type.Literal('manager'), Type.Literal('staff'), Type.Literal('auditor')]);
export type Role = Static<typeof RoleSchema>;

export const LoginBodySchema = Type.Object(
  {
    username: Type.String({ minLength: 1, maxLength: 64 }),
    password: Type.String({ minLength: 1, maxLength: 256 }),
  },
  { additionalProperties: false },
);
export type LoginBody = Static<typeof LoginBodySchema>;

export const SessionSchema = Type.Object({
  token: Type.String({ description: 'send as `Authorization: Bearer <token>`' }),
  username: Type.String(),
  role: RoleSchema,
  staffNo: Type.Union([Type.String(), Type.Null()]),
  expiresAt: Type.String({ format: 'date-time' }),
});
export type Session = Static<typeof SessionSchema>;

export const CreateAccountBodySchema = Type.Object(
  {
    username: Type.String({ minLength: 1, maxLength: 64, pattern: '^[A-Za-z0-9_.-]+$' }),
    password: Type.String({ minLength: 8, maxLength: 256 }),
    role: RoleSchema,
    staffNo: Type.Optional(Type.String({ minLength: 1, maxLength: 32 })),
  },
  { additionalProperties: false },
);
export type CreateAccountBody = Static<typeof CreateAccountBodySchema>;
