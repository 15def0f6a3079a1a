import { Type, type Static } from '@sinclair/typebox';
import { WarningSchema, type Warning } from './queue.js';

/*
 * 红黄灯 as a workflow: the per-ticket warnings grouped per line and per window, and what the hall's people did
 * about each group (acknowledge, assign, escalate), recorded with who and when (全程留痕).
 */

const IsoTime = Type.String({ format: 'date-time' });
const NullableString = Type.Union([Type.String(), Type.Null()]);

/** `line:<lineId>` for waits on a line, `window:<no>` for a window's long service or idleness, `printer:<id>`. */
export const WarningGroupKeySchema = Type.String({
  pattern: '^(line|window|printer):[A-Za-z0-9_.-]{1,64}$',
  description: 'line:<lineId>, window:<windowNo> or printer:<printerId>',
});

export const WarningGroupActionKindSchema = Type.Union([Type.Literal('acknowledge'), Type.Literal('assign'), Type.Literal('escalate')]);
export type WarningGroupActionKind = Static<typeof WarningGroupActionKindSchema>;

/** Who a group is assigned to: a staff member by 工号, or the hall's duty manager (值班主任). */
export const WarningAssigneeSchema = Type.Union([
  Type.Object({ kind: Type.Literal('staff'), staffNo: Type.String({ minLength: 1, maxLength: 32 }) }, { additionalProperties: false }),
  Type.Object({ kind: Type.Literal('duty-manager') }, { additionalProperties: false }),
]);
export type WarningAssignee = Static<typeof WarningAssigneeSchema>;

export const WarningGroupActionBodySchema = Type.Object(
  {
    action: WarningGroupActionKindSchema,
    /** required for `assign`, refused otherwise */
    assignee: Type.Optional(WarningAssigneeSchema),
    note: Type.Optional(Type.String({ maxLength: 200 })),
  },
  { additionalProperties: false },
);
export type WarningGroupActionBody = Static<typeof WarningGroupActionBodySchema>;

export const WarningGroupActionSchema = Type.Object({
  id: Type.Integer(),
  groupKey: Type.String(),
  action: WarningGroupActionKindSchema,
  /** in words: 工号 and name of a staff member, or 值班主任 */
  assignee: NullableString,
  assigneeStaffNo: NullableString,
  note: NullableString,
  by: Type.String(),
  role: Type.String(),
  at: IsoTime,
});
export type WarningGroupAction = Static<typeof WarningGroupActionSchema>;

export const WarningGroupSchema = Type.Object({
  key: Type.String(),
  scope: Type.Union([Type.Literal('line'), Type.Literal('window'), Type.Literal('printer')]),
  lineId: NullableString,
  windowNo: NullableString,
  count: Type.Integer(),
  red: Type.Integer(),
  yellow: Type.Integer(),
  /** the worst light in the group */
  level: Type.Union([Type.Literal('yellow'), Type.Literal('red')]),
  /** the longest-lasting condition in the group (for a line: the oldest wait), minutes */
  longestMinutes: Type.Integer(),
  /** when the group's current red episode began; null while it is not red */
  redSince: Type.Union([IsoTime, Type.Null()]),
  /** acknowledged since the group last turned red (or today, while it is yellow) */
  acknowledged: Type.Boolean(),
  assignee: NullableString,
  escalated: Type.Boolean(),
  /** today's actions on this group, oldest first */
  actions: Type.Array(WarningGroupActionSchema),
  warnings: Type.Array(WarningSchema),
});
export type WarningGroup = Static<typeof WarningGroupSchema>;

export const WarningGroupsViewSchema = Type.Object(
  {
    groups: Type.Array(WarningGroupSchema),
    /** the hall's duty manager as the console may show them: the phone masked */
    dutyManager: Type.Union([Type.Object({ name: Type.String(), phoneMasked: Type.String() }), Type.Null()]),
  },
);
export type WarningGroupsView = Static<typeof WarningGroupsViewSchema>;

/** Which group a warning belongs to: a window's warnings to the window (its staff act on them), a wait to its line. */
export function warningGroupKey(w: Warning): string {
  if (w.kind === 'printer') return `printer:${w.printerId ?? ''}`;
  if (w.windowNo !== null) return `window:${w.windowNo}`;
  return `line:${w.lineId ?? ''}`;
}
