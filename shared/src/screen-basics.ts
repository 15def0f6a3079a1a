import { Type } from '@sinclair/typebox';

/** Screen sizes and weekdays: used by display control and signage alike (a module of its own so neither imports the other). */

/** Screen layouts: common LED wall and monitor sizes, in pixels. */
export const LAYOUTS = {
  '1920x1080': { width: 1920, height: 1080 },
  '3840x1080': { width: 3840, height: 1080 },
  '1152x576': { width: 1152, height: 576 },
  '1280x720': { width: 1280, height: 720 },
  '1366x768': { width: 1366, height: 768 },
  '1080x1920': { width: 1080, height: 1920 },
} as const;
export const LayoutSchema = Type.Union(
  Object.keys(LAYOUTS).map((k) => Type.Literal(k)),
  { description: 'the screen’s pixel size; the surface arranges itself for it' },
);
export type Layout = keyof typeof LAYOUTS;

export const WEEKDAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;
export const WeekdaySchema = Type.Union(WEEKDAYS.map((d) => Type.Literal(d)));
export type Weekday = (typeof WEEKDAYS)[number];
