import type { Layout, Region, ScreenLayoutBody } from '@hall/shared';

/**
 * Layouts laid down on a hub's first start, one per common size, so a manager starts from a working screen and
 * edits it: the queue regions where the hall expects them, a media region, the ticker and the clock. Editable and
 * deletable like any other.
 */
const r = (id: string, kind: Region['kind'], x: number, y: number, w: number, h: number): Region => ({ id, kind, x, y, w, h });

export const DEFAULT_LAYOUTS: ReadonlyArray<{ id: string; body: ScreenLayoutBody }> = [
  {
    id: 'default-1920x1080',
    body: {
      name: '综合屏：叫号 + 媒体',
      size: '1920x1080',
      columns: 12,
      rows: 12,
      regions: [r('info', 'info', 0, 0, 12, 1), r('latest', 'latest-call', 0, 1, 4, 6), r('windows', 'windows', 4, 1, 8, 6), r('waiting', 'waiting', 0, 7, 4, 4), r('media', 'media', 4, 7, 8, 4), r('ticker', 'ticker', 0, 11, 12, 1)],
    },
  },
  {
    id: 'default-3840x1080',
    body: {
      name: '长条综合屏：叫号 + 媒体',
      size: '3840x1080',
      columns: 24,
      rows: 6,
      regions: [r('info', 'info', 0, 0, 24, 1), r('latest', 'latest-call', 0, 1, 5, 4), r('windows', 'windows', 5, 1, 8, 4), r('waiting', 'waiting', 13, 1, 3, 4), r('media', 'media', 16, 1, 8, 4), r('ticker', 'ticker', 0, 5, 24, 1)],
    },
  },
  {
    id: 'default-1080x1920',
    body: {
      name: '竖屏：叫号 + 媒体',
      size: '1080x1920',
      columns: 6,
      rows: 16,
      regions: [r('info', 'info', 0, 0, 6, 1), r('latest', 'latest-call', 0, 1, 6, 4), r('media', 'media', 0, 5, 6, 6), r('windows', 'windows', 0, 11, 3, 4), r('waiting', 'waiting', 3, 11, 3, 4), r('ticker', 'ticker', 0, 15, 6, 1)],
    },
  },
  ...(['1280x720', '1366x768', '1152x576'] as const).map((size: Layout) => ({
    id: `default-${size}`,
    body: {
      name: `窗口屏/小屏：叫号 + 媒体（${size.replace('x', '×')}）`,
      size,
      columns: 12,
      rows: 8,
      regions: [r('latest', 'latest-call', 0, 0, 6, 7), r('media', 'media', 6, 0, 6, 7), r('ticker', 'ticker', 0, 7, 12, 1)],
    },
  })),
];
