import type { DisplayScene } from '@hall/shared';
import { signal } from '@preact/signals';
import { emptyWallView, type WallView } from './wall-view.js';

/** The hall as this display last heard it; kept when the hub is away, so the screen never goes blank. */
export const wall = signal<WallView>(emptyWallView);
/** settings, notices, emergency, power and media for this display, as resolved by the hub */
export const scene = signal<DisplayScene | null>(null);
export const connected = signal(false);
/** the announcement being spoken (its text), for the screen to highlight */
export const speaking = signal<string | null>(null);
/** calls of this display's voice area not yet spoken, past the hall's lateness limit: highlighted until spoken */
export const lateCalls = signal<ReadonlySet<number>>(new Set());
/** the console's live preview of a layout (?preview=<size>): no hub, sample queue data, nothing reported or cached */
export const previewing = signal(false);
