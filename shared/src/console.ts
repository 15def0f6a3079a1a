import { Type, type Static } from '@sinclair/typebox';
import { RoleSchema } from './auth.js';

const NullableString = Type.Union([Type.String(), Type.Null()]);
const Named = Type.Object({ no: Type.String(), name: Type.String() });
const Department = Type.Union([Type.Object({ code: Type.String(), name: Type.String() }), Type.Null()]);

/**
 * What the console needs to draw the hall: windows with their lines, departments and A/B posts, the staff,
 * the lines, and what the signed-in account may operate. The hall's shape is file-configured; open/close,
 * who sits at a window (A or B post) and pauses change live through the window routes.
 */
export const ConsoleSetupSchema = Type.Object(
  {
    hall: Type.Object({ id: Type.String(), name: Type.String(), timeZone: Type.String() }),
    me: Type.Object({ username: Type.String(), role: RoleSchema, staffNo: NullableString, staffName: NullableString }),
    operableWindows: Type.Array(Type.String(), { description: 'windows this account may operate (staff: A and B posts)' }),
    windows: Type.Array(
      Type.Object({
        no: Type.String(),
        name: Type.String(),
        zone: Type.String(),
        zoneName: Type.String(),
        department: Department,
        lines: Type.Array(Type.Object({ id: Type.String(), name: Type.String(), order: Type.Integer() })),
        aPost: Type.Array(Named, { description: 'staff posted at the window (A岗)' }),
        bPost: Type.Array(Named, { description: 'their partners who cover for them (B岗)' }),
      }),
    ),
    staff: Type.Array(
      Type.Object({
        no: Type.String(),
        name: Type.String(),
        title: NullableString,
        department: Department,
        windows: Type.Array(Type.String()),
        partner: Type.Union([Named, Type.Null()]),
      }),
    ),
    lines: Type.Array(Type.Object({ id: Type.String(), prefix: Type.String(), name: Type.String(), windows: Type.Array(Type.String()) })),
    pauseReasons: Type.Array(Type.String(), { description: 'suggested reasons for 暂停服务; any text is accepted' }),
  },
  { $id: 'ConsoleSetup' },
);
export type ConsoleSetup = Static<typeof ConsoleSetupSchema>;
