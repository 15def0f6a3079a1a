import type { DisplaySettings, Surface } from '@hall/shared';
import type { DeviceConfig } from '../hall-vocabulary.js';

export const DISPLAY_DEVICE_TYPES: readonly Surface[] = ['hall-wall', 'zone-wall', 'window-screen', 'led-strip'];

/**
 * A display's settings before any manager changed them, from its declaration in the hall configuration:
 * walls speak, window screens and strips do not (unless the declaration says otherwise); strips are 128×32 bitmaps unless declared otherwise.
 */
export function defaultSettings(d: DeviceConfig): DisplaySettings | null {
  if (!(DISPLAY_DEVICE_TYPES as readonly string[]).includes(d.type)) return null;
  const surface = d.type as Surface;
  return {
    id: d.id,
    name: d.name ?? d.id,
    surface,
    layout: '1920x1080',
    zone: d.zone ?? null,
    windowNo: d.window ?? null,
    groups: [surface],
    voice: d.voice ?? (surface === 'hall-wall' || surface === 'zone-wall'),
    strip: surface === 'led-strip' ? (d.strip ?? { width: 128, height: 32 }) : null,
  };
}
