import type { PrinterView, Warning } from '@hall/shared';

export const VISITOR_URL_MISSING =
  '未配置 hall.visitorUrl：号票二维码指向自助机所用的内网地址，访客手机打不开 — hall.visitorUrl is not set: ticket QR codes point at the hub’s LAN address, which visitors’ phones cannot open';

/**
 * Printers that cannot print, as the console's red/yellow warnings: yellow the moment staff can do something
 * (close the cover, load paper, clear a jam), red once it has lasted `outMinutes` — the manager's alert that a
 * kiosk has been printing nothing for that long. Each new one (and each turn to red) chimes in the console.
 */
export function printerWarnings(
  printers: readonly Pick<PrinterView, 'id' | 'name' | 'problem' | 'problemSince'>[],
  now: number,
  outMinutesOf: (printerId: string) => number,
): Warning[] {
  return printers.flatMap((p) => {
    if (p.problemSince === null) return [];
    const outMinutes = outMinutesOf(p.id);
    const minutes = Math.max(0, Math.floor((now - Date.parse(p.problemSince)) / 60_000));
    return [
      {
        kind: 'printer' as const,
        level: minutes >= outMinutes ? ('red' as const) : ('yellow' as const),
        lineId: null,
        windowNo: null,
        ticketNumber: null,
        minutes,
        thresholdMinutes: outMinutes,
        printerId: p.id,
        problem: `${p.name}：${p.problem ?? '无法打印 cannot print'}`,
      },
    ];
  });
}
