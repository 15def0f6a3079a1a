import type { LineView } from '@hall/shared';

/**
 * 等候较多: a calm notice for each line the hub marks overloaded (its estimate reached the red wait threshold),
 * Chinese first, English second. It names the line and the estimate only — never a ticket number or a person —
 * and goes away with the mark when the line clears.
 */
export function overloadNotices(lines: readonly LineView[]): Array<{ id: string; text: string }> {
  return lines.flatMap((l) => {
    const m = l.overloadMinutes;
    if (m === undefined || m === null) return [];
    const en = l.nameEn ?? l.name;
    return [{ id: `overload:${l.id}`, text: `${l.name} 等候较多，预计等候约 ${m} 分钟。${en}: many people waiting, expected wait about ${m} min.` }];
  });
}
