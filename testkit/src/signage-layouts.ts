import type { Region } from '@hall/shared';

/** A region of a signage layout's grid. */
export const region = (id: string, kind: Region['kind'], x: number, y: number, w: number, h: number): Region => ({ id, kind, x, y, w, h });

/**
 * The hall wall as a signage layout on a 12 × 12 grid: info across the top, the latest call and the windows, the
 * waiting counts and a media region (`m1`), the ticker along the bottom.
 */
export const FULL_REGIONS: readonly Region[] = [
  region('info', 'info', 0, 0, 12, 1),
  region('call', 'latest-call', 0, 1, 4, 10),
  region('grid', 'windows', 4, 1, 5, 6),
  region('wait', 'waiting', 4, 7, 5, 4),
  region('m1', 'media', 9, 1, 3, 10),
  region('tick', 'ticker', 0, 11, 12, 1),
];
