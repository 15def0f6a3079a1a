import type { SupervisionView } from '@hall/shared';
import { signal } from '@preact/signals';

/**
 * The supervision page's view as the hub last pushed it (on connect and on every change of a case, a light or a
 * warning); null until the first push. The page shows it as it comes: no polling.
 */
export const supervisionPushed = signal<SupervisionView | null>(null);
